import Foundation
import SamtalCore
import Yams

/// A set of emotion (or polarity) labels read from a scheme file in `Models/emotions/`.
///
/// Format (YAML, see `docs/emotions.md`): `scheme` (id), `kind` (`multi-label` or `scale`),
/// `prefix` (the key prefix in `UtteranceTags.scores`, e.g. `emotion`), optional `range`, and
/// `labels`, each with `id`, `sv`, `en`, `description`, optional `description_sv` and `value`.
public struct EmotionScheme: Sendable, Equatable, Codable {
    public struct Label: Sendable, Equatable, Codable {
        public var id: String
        public var sv: String
        public var en: String
        public var description: String
        public var descriptionSv: String?
        /// The number a `scale` label stands for (polarity −1, 0, 1).
        public var value: Double?

        enum CodingKeys: String, CodingKey {
            case id, sv, en, description, value
            case descriptionSv = "description_sv"
        }
    }

    public var scheme: String
    public var kind: String
    public var prefix: String
    public var range: [Double]?
    public var labels: [Label]

    public var ids: [String] { labels.map(\.id) }

    /// The five discussion emotions of the seed report.
    public static let discussionFile = "emotions/scheme-discussion.yaml"
    /// Plutchik's eight basic emotions (BRIGHTER-sv uses six of them).
    public static let basicFile = "emotions/scheme-basic.yaml"
    /// Polarity −1…1 with its three classes.
    public static let polarityFile = "emotions/scheme-polarity.yaml"

    /// Reads and validates a scheme file; errors carry `file:line`.
    public static func load(path: String) throws -> EmotionScheme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SamtalError(.fileNotFound, "cannot read emotion scheme \(path)",
                              hint: "restore Models/emotions from the repository",
                              underlying: "\(error)")
        }
        let scheme: EmotionScheme
        do {
            scheme = try YAMLDecoder().decode(EmotionScheme.self, from: text)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SamtalError(.parseError,
                              "emotion scheme lacks `\(key.stringValue)` at \(context.codingPath.map(\.stringValue).joined(separator: "."))",
                              location: SourceLocation(file: path))
        } catch let error as YamlError {
            var line: Int?
            if case let .scanner(_, _, mark, _) = error { line = mark.line }
            if case let .parser(_, _, mark, _) = error { line = mark.line }
            throw SamtalError(.parseError, "emotion scheme is not valid YAML",
                              location: SourceLocation(file: path, line: line),
                              underlying: "\(error)")
        } catch {
            throw SamtalError(.parseError, "emotion scheme is malformed",
                              location: SourceLocation(file: path), underlying: "\(error)")
        }
        var seen = Set<String>()
        for label in scheme.labels where !seen.insert(label.id).inserted {
            throw SamtalError(.parseError, "emotion scheme repeats the label id `\(label.id)`",
                              location: SourceLocation(file: path, line: lineOf("id: \(label.id)", in: text)))
        }
        guard !scheme.labels.isEmpty else {
            throw SamtalError(.parseError, "emotion scheme has no labels",
                              location: SourceLocation(file: path))
        }
        return scheme
    }

    private static func lineOf(_ needle: String, in text: String) -> Int? {
        var n = 0
        var lines: [Int] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            if line.contains(needle) { lines.append(n) }
        }
        return lines.count > 1 ? lines[1] : lines.first
    }
}
