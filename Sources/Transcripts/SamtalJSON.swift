import Foundation
import SamtalCore

/// samtal's own transcript JSON: lossless, versioned with `schemaVersion`.
enum SamtalJSON {
    struct Document: Codable {
        var schemaVersion: Int
        var format: String
        var language: String?
        var metadata: [String: String]
        var utterances: [Utterance]
    }

    static func encode(_ t: Transcript) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let doc = Document(schemaVersion: Transcript.schemaVersion, format: t.format,
                           language: t.language, metadata: t.metadata, utterances: t.utterances)
        let data = try encoder.encode(doc)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func decode(_ root: JSONValue, context: ReadContext) throws -> Transcript {
        func bad(_ what: String) -> SamtalError {
            SamtalError(.invalidArtifact, "invalid samtal transcript JSON: \(what)",
                        location: context.location(nil))
        }
        guard let version = root["schemaVersion"]?.number, version == version.rounded() else {
            throw bad("'schemaVersion' must be an integer")
        }
        guard Int(version) <= Transcript.schemaVersion else {
            throw SamtalError(.invalidArtifact,
                              "transcript JSON has schemaVersion \(Int(version)); this samtal reads up to \(Transcript.schemaVersion)",
                              hint: "update samtal", location: context.location(nil))
        }
        var t = Transcript(format: root["format"]?.string ?? TranscriptFormat.json.rawValue,
                           language: root["language"]?.string,
                           metadata: try strings(root["metadata"], "metadata", bad))
        guard let items = root["utterances"]?.array else { throw bad("'utterances' must be an array") }
        for (i, item) in items.enumerated() {
            guard item.isObject, let id = item["id"]?.string, let text = item["text"]?.string else {
                try context.recover("utterance \(i + 1) needs string 'id' and 'text'", line: nil)
                continue
            }
            var u = Utterance(id: id, start: item["start"]?.number, end: item["end"]?.number,
                              speaker: item["speaker"]?.string, text: text,
                              metadata: try strings(item["metadata"], "utterances[\(i)].metadata", bad))
            if let words = item["words"]?.array {
                u.words = words.compactMap { w in
                    guard let text = w["text"]?.string else { return nil }
                    return Word(text: text, start: w["start"]?.number, end: w["end"]?.number,
                                confidence: w["confidence"]?.number, speaker: w["speaker"]?.string)
                }
            }
            t.utterances.append(u)
        }
        return t
    }

    private static func strings(_ v: JSONValue?, _ name: String, _ bad: (String) -> SamtalError) throws
        -> [String: String]
    {
        guard let v else { return [:] }
        if case .null = v { return [:] }
        guard case .object(let members) = v else { throw bad("'\(name)' must be an object") }
        var out: [String: String] = [:]
        for (k, value) in members {
            guard let s = value.string else { throw bad("'\(name).\(k)' must be a string") }
            out[k] = s
        }
        return out
    }
}
