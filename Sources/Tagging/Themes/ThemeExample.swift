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

    /// Lines end at `\n` (a `\r` before it is white space); a byte-order mark at the start is
    /// ignored. Each line is read by `JSONScanner`; a line it does not accept (bad JSON, or JSON
    /// it leaves to `JSONDecoder` such as padding with non-ASCII white space or a repeated key) is
    /// decoded by `JSONDecoder`, which reports the error as before.
    public static func parseJSONL(_ text: String, file: String = "<jsonl>") throws -> [ThemeExample] {
        var text = text
        return try text.withUTF8 { utf8 in
            var out: [ThemeExample] = []
            var seen = Set<String>()
            var start = 0
            if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            var lineNumber = 0
            while start <= utf8.count {
                lineNumber += 1
                var end = start
                while end < utf8.count, utf8[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                let line = UnsafeBufferPointer(rebasing: utf8[start..<end])
                var a = 0, b = line.count
                while a < b, isASCIISpace(line[a]) { a += 1 }
                while b > a, isASCIISpace(line[b - 1]) { b -= 1 }
                let row: Line
                if a == b {
                    continue
                } else if let fast = scanLine(UnsafeBufferPointer(rebasing: line[a..<b])) {
                    row = fast
                } else {
                    let trimmed = String(decoding: line, as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    if trimmed.isEmpty { continue }
                    row = try decodeLine(trimmed, at: SourceLocation(file: file, line: lineNumber))
                }
                let id = row.id ?? String(format: "u%04d", out.count + 1)
                guard seen.insert(id).inserted else {
                    throw SamtalError(.parseError, "id \"\(id)\" occurs twice",
                                      location: SourceLocation(file: file, line: lineNumber))
                }
                out.append(ThemeExample(id: id, text: row.text, themes: row.themes, actors: row.actors))
            }
            return out
        }
    }

    private struct Line: Decodable {
        var id: String?
        var text: String
        var themes: [String]?
        var actors: [String]?
    }

    private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

    /// One line by `JSONScanner`: an object whose `id` is a string or null, `text` a string,
    /// `themes` and `actors` arrays of strings or null; other members skipped. Nil when the line
    /// is anything else, or repeats one of these keys (left to `JSONDecoder`).
    private static func scanLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Line? {
        var scanner = JSONScanner(bytes)
        var id: String?, text: String?, themes: [String]?, actors: [String]?
        var seen = (id: false, text: false, themes: false, actors: false)
        func strings(_ s: inout JSONScanner) throws(JSONScanner.Failure) -> [String]? {
            if s.readNull() { return nil }
            var list: [String] = []
            try s.readArray { e throws(JSONScanner.Failure) in list.append(try e.readString()) }
            return list
        }
        do {
            try scanner.readObject { key, s throws(JSONScanner.Failure) in
                switch key {
                case "id":
                    guard !seen.id else { throw s.fail("repeated key") }
                    seen.id = true
                    id = s.readNull() ? nil : try s.readString()
                case "text":
                    guard !seen.text else { throw s.fail("repeated key") }
                    seen.text = true
                    text = try s.readString()
                case "themes":
                    guard !seen.themes else { throw s.fail("repeated key") }
                    seen.themes = true
                    themes = try strings(&s)
                case "actors":
                    guard !seen.actors else { throw s.fail("repeated key") }
                    seen.actors = true
                    actors = try strings(&s)
                default:
                    try s.skipValue()
                }
            }
        } catch {
            return nil
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd, let text else { return nil }
        return Line(id: id, text: text, themes: themes, actors: actors)
    }

    private static func decodeLine(_ trimmed: String, at location: SourceLocation) throws -> Line {
        do {
            return try JSONDecoder().decode(Line.self, from: Data(trimmed.utf8))
        } catch {
            throw SamtalError(.parseError, "not a JSON object with a \"text\" field",
                              hint: "write one object per line, e.g. {\"id\": \"u1\", \"text\": \"…\"}",
                              location: location, underlying: "\(error)")
        }
    }
}
