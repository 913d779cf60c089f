import SamtalCore
import Yams

/// Speaker renames from YAML: a mapping `SPEAKER_00: Anna`.
enum SpeakerNames {
    static func parse(_ text: String, source: String) throws -> [String: String] {
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch let error as YamlError {
            var location = SourceLocation(file: source)
            if case .scanner(_, _, let mark, _) = error { location = SourceLocation(file: source, line: mark.line, column: mark.column) }
            if case .parser(_, _, let mark, _) = error { location = SourceLocation(file: source, line: mark.line, column: mark.column) }
            throw SamtalError(.parseError, "malformed speaker-names YAML", hint: "write one `SPEAKER_00: Anna` per line",
                              location: location, underlying: "\(error)")
        }
        guard let node else { return [:] }
        guard let map = node as? [AnyHashable: Any] else {
            throw SamtalError(.parseError, "speaker names must be a mapping like `SPEAKER_00: Anna`",
                              location: SourceLocation(file: source, line: 1, column: 1))
        }
        var out: [String: String] = [:]
        for (k, v) in map {
            guard let name = v as? CustomStringConvertible, !(v is [Any]), !(v is [AnyHashable: Any]) else {
                throw SamtalError(.parseError, "the name for \(k) must be a plain text value",
                                  location: SourceLocation(file: source))
            }
            out["\(k)"] = "\(name)"
        }
        return out
    }
}
