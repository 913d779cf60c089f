import Foundation
import SamtalCore
import Testing
@testable import Transcripts

@Suite("WebVTT cue text")
struct CueTextTests {
    struct Case: Decodable {
        var text: String
        var expectedTree: String
    }

    /// The text content of a web-platform-tests tree dump: its quoted text nodes, in order.
    static func textContent(_ tree: String) -> String {
        var out = ""
        var inText = false
        for raw in tree.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            if !inText {
                guard line.hasPrefix("|") else { continue }
                line = line.dropFirst().drop(while: { $0 == " " })
                guard line.hasPrefix("\"") else { continue }
                line = line.dropFirst()
                inText = true
            } else {
                out += "\n"
            }
            if line.hasSuffix("\"") {
                out += line.dropLast()
                inText = false
            } else {
                out += line
            }
        }
        return out
    }

    @Test func textMatchesTheW3CCueTextTrees() throws {
        var total = 0
        var failures: [String] = []
        for name in ["entities", "tags", "text", "timestamps", "tree-building"] {
            let url = TestResources.url("w3c-cue-text/\(name).json")
            let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
            for c in cases {
                total += 1
                // Through the file parser, as in the web-platform-tests harness: NULs become
                // U+FFFD and a blank line ends the cue before the cue text is parsed.
                let input = c.text.hasSuffix("\n") ? String(c.text.dropLast()) : c.text
                let parser = WebVTTParser(source: name, strict: false, diagnostics: IgnoringDiagnostics())
                let cues = try parser.parse("WEBVTT\n\n00:00.000 --> 00:01.000\n" + input + "\n").cues
                let got = cues.first.map { CueText(parsing: $0.text).text } ?? ""
                let want = Self.textContent(c.expectedTree)
                if got != want { failures.append("\(name): \(input.debugDescription) → \(got.debugDescription), want \(want.debugDescription)") }
            }
        }
        print("W3C cue-text trees: \(total - failures.count)/\(total) give the same text content")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
