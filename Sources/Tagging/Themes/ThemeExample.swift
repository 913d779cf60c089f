import Foundation
import SamtalCore

/// One utterance with its reference labels, as in `utterances-sv/dev.jsonl`
/// (`{"id", "text", "themes", "actors", …}` per line; other fields are ignored).
public struct ThemeExample: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    /// Reference theme ids (nil when the line has none).
    public var themes: [String]?
    /// Reference actor ids (nil when the line has none).
    public var actors: [String]?

    public init(id: String, text: String, themes: [String]? = nil, actors: [String]? = nil) {
        self.id = id
        self.text = text
        self.themes = themes
        self.actors = actors
    }

    /// Reads JSONL: one object per line with at least `text`; `id` defaults to `u0001`, `u0002` …
    /// by line. Blank lines are skipped; a broken line is a `parseError` at `file:line`.
    public static func readJSONL(path: String) throws -> [ThemeExample] {
        try parseJSONL(readTextFile(path), file: path)
    }

    public static func parseJSONL(_ text: String, file: String = "<jsonl>") throws -> [ThemeExample] {
        var out: [ThemeExample] = []
        var seen = Set<String>()
        let decoder = JSONDecoder()
        struct Line: Decodable {
            var id: String?
            var text: String
            var themes: [String]?
            var actors: [String]?
        }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let where_ = SourceLocation(file: file, line: n + 1)
            let row: Line
            do {
                row = try decoder.decode(Line.self, from: Data(trimmed.utf8))
            } catch {
                throw SamtalError(.parseError, "not a JSON object with a \"text\" field",
                                  hint: "write one object per line, e.g. {\"id\": \"u1\", \"text\": \"…\"}",
                                  location: where_, underlying: "\(error)")
            }
            let id = row.id ?? String(format: "u%04d", out.count + 1)
            guard seen.insert(id).inserted else {
                throw SamtalError(.parseError, "id \"\(id)\" occurs twice", location: where_)
            }
            out.append(ThemeExample(id: id, text: row.text, themes: row.themes, actors: row.actors))
        }
        return out
    }
}
