import Foundation
import SamtalCore

/// Finds the actors an utterance mentions (regionen, kommunerna, näringslivet …) from a gazetteer
/// of names, inflections and synonyms with exclusions (`Models/actors/actors.yaml`).
///
/// The gazetteer file has the codebook format (an actor is a theme whose terms are its names), so
/// it is matched by the same `CodebookMatcher`: every inflection of a word, compound parts,
/// multi-word names, and exclusions such as `här i regionen` (a place, not the organisation).
public struct ActorGazetteer: Sendable {
    public let matcher: CodebookMatcher

    public var codebook: Codebook { matcher.codebook }
    /// Actor ids in file order.
    public var actorIDs: [String] { codebook.themeIDs }

    public init(codebook: Codebook, analyzer: TextAnalyzer) {
        matcher = CodebookMatcher(codebook: codebook, analyzer: analyzer)
    }

    /// Loads a gazetteer file; errors are located `file:line:column`.
    public static func load(path: String, analyzer: TextAnalyzer) throws -> ActorGazetteer {
        ActorGazetteer(codebook: try Codebook.load(path: path), analyzer: analyzer)
    }

    /// `Models/actors/actors.yaml`.
    public static func standard(models: URL, analyzer: TextAnalyzer) throws -> ActorGazetteer {
        try load(path: models.appendingPathComponent(defaultPath).path, analyzer: analyzer)
    }

    public static let defaultPath = "actors/actors.yaml"

    /// Actors mentioned in `text`, in file order, with the mentions found for each.
    public func actors(in text: AnalyzedText) -> [(id: String, mentions: [String])] {
        let found = matcher.evidence(in: text)
        return found.enumerated().compactMap { i, terms in
            terms.isEmpty ? nil : (actorIDs[i], terms)
        }
    }
}

/// How often each actor is mentioned across utterances: the seed's
/// "regionen … 16 gånger, cirka 73 % av alla bidrag".
public struct ActorStatistics: Sendable, Equatable, Codable {
    /// Utterances counted.
    public var utterances: Int
    /// Utterances mentioning each actor (every gazetteer actor, zero included).
    public var counts: [String: Int]
    /// `counts / utterances` (0 when there are no utterances).
    public var shares: [String: Double]

    public init(tags: [UtteranceTags], actorIDs: [String]) {
        utterances = tags.count
        var c = Dictionary(uniqueKeysWithValues: actorIDs.map { ($0, 0) })
        for t in tags { for a in Set(t.actors) { c[a, default: 0] += 1 } }
        counts = c
        let n = Double(max(tags.count, 1))
        shares = c.mapValues { tags.isEmpty ? 0 : Double($0) / n }
    }
}
