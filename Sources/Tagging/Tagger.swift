import Foundation
import SamtalCore

/// What the `Tagger` needs from an emotion stage: emotions, polarity, their scores and evidence
/// for one analysed text, written into the utterance's tags.
public protocol EmotionTagging: Sendable {
    func tagEmotions(_ text: AnalyzedText, into tags: inout UtteranceTags)
}

extension EmotionAnalyzer: EmotionTagging {
    /// Emotions, polarity, their scores and evidence from the emotion stage: what
    /// `analyze(text).apply(to: &tags)` writes, without the intermediate dictionaries.
    public func tagEmotions(_ text: AnalyzedText, into tags: inout UtteranceTags) {
        let r = scores(text)
        let m = models
        tags.emotions = r.emotions
        tags.polarity = r.polarity
        for (k, p) in r.emotion.enumerated() { tags.scores[m.emotionKeys[k]] = p }
        for (k, p) in r.basic.enumerated() { tags.scores[m.basicKeys[k]] = p }
        for (k, p) in r.polarityClasses.enumerated() { tags.scores[m.polarityKeys[k]] = p }
        tags.scores["lexicon:valence"] = r.lexiconValence
        for (key, words) in r.evidence { tags.evidence[key] = words }
    }
}

/// Stage 5 façade: utterances → themes, actors, emotions and polarity, each with scores and the
/// evidence behind it.
///
/// ```swift
/// let tagger = try Tagger.standard(models: ModelStore.directory())
/// let tags = tagger.tag(transcript.utterances)
/// tags[0].themes     // ["arbetskraftsinvandring"]
/// tags[0].evidence   // ["theme:arbetskraftsinvandring": ["lönegolv"], …]
/// ```
///
/// Score and evidence keys: `theme:<id>` (probability, or rule score without a trained model),
/// `actor:<id>` (1 for each actor mentioned; evidence = the mentions), and whatever the emotion
/// stage adds (`emotion:<id>`, `polarity:<class>` …).
public struct Tagger: Sendable {
    public let analyzer: TextAnalyzer
    public let themes: ThemeClassifier
    public let actors: ActorGazetteer?
    public let emotions: (any EmotionTagging)?
    /// Score and evidence keys `theme:<id>` and `actor:<id>`, by theme and actor index.
    private let themeKeys: [String]
    private let actorKeys: [String]

    public init(analyzer: TextAnalyzer, themes: ThemeClassifier, actors: ActorGazetteer? = nil,
                emotions: (any EmotionTagging)? = nil) {
        self.analyzer = analyzer
        self.themes = themes
        self.actors = actors
        self.emotions = emotions
        themeKeys = themes.codebook.themeIDs.map { "theme:" + $0 }
        actorKeys = actors?.actorIDs.map { "actor:" + $0 } ?? []
    }

    /// A tagger for `codebook`, with an optional trained theme model for it.
    public init(codebook: Codebook, actors: ActorGazetteer?, emotions: (any EmotionTagging)?,
                analyzer: TextAnalyzer, themeModel: LinearModel? = nil) throws {
        self.init(analyzer: analyzer,
                  themes: try ThemeClassifier(codebook: codebook, analyzer: analyzer, model: themeModel),
                  actors: actors, emotions: emotions)
    }

    /// The tagger with everything from `models`: the default codebook (or `codebook`) with its
    /// trained theme model when one exists for it, the actor gazetteer, and the emotion stage
    /// (`emotions`, or the `EmotionAnalyzer` from `models` when nil and `withEmotions`).
    /// A user codebook without a trained model is decided by its terms alone (a note says so).
    public static func standard(models: URL, codebook: Codebook? = nil,
                                emotions: (any EmotionTagging)? = nil, withEmotions: Bool = true,
                                diagnostics: DiagnosticSink = IgnoringDiagnostics()) throws -> Tagger {
        let emotions = try emotions ?? (withEmotions ? EmotionAnalyzer(models: models) : nil)
        let analyzer = try TextAnalyzer(language: codebook?.language ?? .swedish, models: models)
        let book = try codebook ?? Codebook.standard(models: models)
        let model = try ThemeClassifier.standardModel(for: book, models: models)
        if model == nil {
            diagnostics.note("tag.rules-only",
                             "no trained theme model for codebook '\(book.id)'; themes come from its terms alone")
        }
        let actors = try ActorGazetteer.standard(models: models, analyzer: analyzer)
        return try Tagger(codebook: book, actors: actors, emotions: emotions, analyzer: analyzer,
                          themeModel: model)
    }

    /// Tags of one utterance.
    public func tag(_ utterance: Utterance) -> UtteranceTags {
        tag(id: utterance.id, text: utterance.text)
    }

    /// Tags of each utterance, in order.
    public func tag(_ utterances: [Utterance]) -> [UtteranceTags] { utterances.map(tag) }

    /// Tags of one text.
    public func tag(id: String, text: String) -> UtteranceTags {
        let analysed = analyzer.analyze(text)
        var tags = UtteranceTags(id: id)
        tags.scores.reserveCapacity(48)
        tags.evidence.reserveCapacity(8)
        let decision = themes.classifyByIndex(analysed)
        tags.themes = decision.themes
        for (i, score) in decision.scores.enumerated() {
            if let score { tags.scores[themeKeys[i]] = score }
        }
        for (i, words) in decision.evidence.enumerated() where !words.isEmpty {
            tags.evidence[themeKeys[i]] = words
        }
        if let actors {
            for (i, mentions) in actors.matcher.evidence(in: analysed).enumerated()
            where !mentions.isEmpty {
                tags.actors.append(actors.actorIDs[i])
                tags.scores[actorKeys[i]] = 1
                tags.evidence[actorKeys[i]] = mentions
            }
        }
        emotions?.tagEmotions(analysed, into: &tags)
        return tags
    }

    /// Themes the codebook lacks, clustered from the utterances that got no theme — when at least
    /// `discovery.minimumUtterances` of them are left; otherwise none.
    public func discoverThemes(_ utterances: [Utterance], tags: [UtteranceTags],
                               discovery: ThemeDiscovery = ThemeDiscovery()) -> [DiscoveredTheme] {
        let untagged = Set(tags.filter { $0.themes.isEmpty }.map(\.id))
        let left = utterances.filter { untagged.contains($0.id) }
        guard left.count >= discovery.minimumUtterances else { return [] }
        return discovery.discover(left.map { ($0.id, analyzer.analyze($0.text)) })
    }
}

/// Counts over a tagged set of utterances: themes, emotions, actors (with shares).
public struct TagSummary: Sendable, Equatable, Codable {
    public var utterances: Int
    /// Utterances carrying each theme (every codebook theme, zero included).
    public var themeCounts: [String: Int]
    /// Utterances carrying each emotion that occurs.
    public var emotionCounts: [String: Int]
    /// Actor counts and shares (every gazetteer actor, zero included).
    public var actors: ActorStatistics
    /// Mean polarity (0 when empty).
    public var meanPolarity: Double

    public init(tags: [UtteranceTags], themeIDs: [String], actorIDs: [String]) {
        utterances = tags.count
        var themes = Dictionary(uniqueKeysWithValues: themeIDs.map { ($0, 0) })
        var emotions: [String: Int] = [:]
        for t in tags {
            for th in Set(t.themes) { themes[th, default: 0] += 1 }
            for e in Set(t.emotions) { emotions[e, default: 0] += 1 }
        }
        themeCounts = themes
        emotionCounts = emotions
        actors = ActorStatistics(tags: tags, actorIDs: actorIDs)
        meanPolarity = tags.isEmpty ? 0 : tags.map(\.polarity).reduce(0, +) / Double(tags.count)
    }
}
