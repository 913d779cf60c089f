import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

/// `ThemeExample.parseJSONL` with its `JSONScanner` fast path, checked against `JSONDecoder`.
@Suite struct JSONLinesTests {
    /// What `JSONDecoder` makes of one line: the reference for the scanner.
    struct Reference: Decodable, Equatable {
        var id: String?
        var text: String
        var themes: [String]?
        var actors: [String]?
    }

    static func reference(_ line: String) throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(line.utf8))
    }

    @Test(arguments: [
        #"{"id":"a","text":"Hej på dig"}"#,
        #"{"id":"a","text":"x\ud83d\ude00y \u00e5 \u00C5 \n \t \" \\ \/ \b \f \r \u0000"}"#,
        #"{ "text" : "mellanslag" , "id" : "b" , "themes" : [ "t1" , "t2" ] , "actors" : [] }"#,
        #"{"id":null,"text":"x","themes":null,"actors":null}"#,
        #"{"id":"c","text":"övrigt","n":-0.5e-3,"o":{"a":[true,false,null,1,{"b":"\u2028"}]}}"#,
        #"{"id":"d","text":"e\u0301 och é"}"#,
        #"{"text":"","id":"tom"}"#,
    ])
    func readsLinesAsJSONDecoderDoes(line: String) throws {
        let parsed = try ThemeExample.parseJSONL(line + "\n")
        let expected = try Self.reference(line)
        #expect(parsed.count == 1)
        #expect(parsed[0].text == expected.text)
        #expect(Array(parsed[0].text.utf8) == Array(expected.text.utf8))
        #expect(parsed[0].id == expected.id ?? "u0001")
        #expect(parsed[0].themes == expected.themes)
        #expect(parsed[0].actors == expected.actors)
    }

    @Test func scannerDecodesSurrogatePairsAndEscapes() throws {
        let line = #"{"id":"s","text":"\ud83d\ude00\u00e5\"\\\/"}"#
        let parsed = try ThemeExample.parseJSONL(line)
        #expect(parsed[0].text == "😀å\"\\/")
    }

    @Test func skipsBlankLinesAndNumbersMissingIdsByItem() throws {
        let text = "\u{FEFF}{\"text\":\"ett\"}\r\n\r\n   \n\t\n{\"text\":\"två\"}\r\n{\"id\":\"x\",\"text\":\"tre\"}"
        let parsed = try ThemeExample.parseJSONL(text)
        #expect(parsed.map(\.id) == ["u0001", "u0002", "x"])
        #expect(parsed.map(\.text) == ["ett", "två", "tre"])
    }

    @Test func lineDeclinedByScannerIsDecodedAsBefore() throws {
        // Padding with a no-break space and a repeated key are left to `JSONDecoder`.
        let padded = "\u{00A0}{\"id\":\"a\",\"text\":\"x\"}\u{00A0}\n"
        #expect(try ThemeExample.parseJSONL(padded).map(\.text) == ["x"])
        let repeated = #"{"id":"a","text":"först","text":"sist"}"#
        let expected = try Self.reference(repeated)
        #expect(try ThemeExample.parseJSONL(repeated).map(\.text) == [expected.text])
    }

    @Test(arguments: [
        ("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":}\n", 2),
        ("\n\n{\"id\":\"a\",\"text\":\"x\\ud83dy\"}\n", 3),
        ("{\"id\":\"a\",\"text\":\"tab\there\"}\n", 1),
        ("{\"id\":1,\"text\":\"x\"}\n", 1),
        ("[{\"id\":\"a\",\"text\":\"x\"}]\n", 1),
        ("{\"id\":\"a\",\"text\":\"x\"} skräp\n", 1),
        ("{\"id\":\"a\"}\n", 1),
        ("{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"a\",\"text\":\"y\"}\r\n", 2),
    ])
    func badLineIsAParseErrorAtItsLine(text: String, line: Int) {
        do {
            _ = try ThemeExample.parseJSONL(text, file: "in.jsonl")
            Issue.record("expected a parse error")
        } catch let error as SamtalError {
            #expect(error.code == .parseError)
            #expect(error.location?.file == "in.jsonl")
            #expect(error.location?.line == line)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func fastNumbersEqualStrtod() {
        var generator = SystemRandomNumberGenerator()
        var samples = ["0", "-0", "1", "-1.5", "0.1", "0.000123", "123456789012345", "1e22", "1e-22",
                       "9.99999999999999e5", "2.5E+3", "1.7976931348623157e308", "5e-324",
                       "0.30000000000000004", "1234567890123456789", "-2.074812", "3.5e-05"]
        for _ in 0..<5000 {
            let digits = String(Int.random(in: 0...999_999_999_999_999, using: &generator))
            let point = Int.random(in: 0...digits.count, using: &generator)
            var s = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if s.hasPrefix(".") { s = "0" + s }
            if s.hasSuffix(".") { s += "0" }
            if Bool.random(using: &generator) { s += "e" + String(Int.random(in: -30...30, using: &generator)) }
            samples.append(Bool.random(using: &generator) ? "-" + s : s)
        }
        for s in samples {
            let expected = strtod(s, nil)
            let bytes = Array(s.utf8)
            let fast = bytes.withUnsafeBufferPointer { JSONScanner.fastDouble($0) }
            if let fast { #expect(fast.bitPattern == expected.bitPattern, "\(s)") }
            let read = bytes.withUnsafeBufferPointer { buffer -> Double? in
                var scanner = JSONScanner(buffer)
                return try? scanner.readDouble()
            }
            #expect(read?.bitPattern == expected.bitPattern, "\(s)")
        }
    }

    @Test(arguments: ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "1e400"])
    func rejectsWhatRFC8259Rejects(number: String) {
        let bytes = Array(number.utf8)
        let read = bytes.withUnsafeBufferPointer { buffer -> Double? in
            var scanner = JSONScanner(buffer)
            guard let v = try? scanner.readDouble(), scanner.isAtEnd else { return nil }
            return v
        }
        #expect(read == nil)
    }

    @Test func shippedModelsReadByScannerEqualJSONDecoder() throws {
        for file in [EmotionModels.absaFile, EmotionModels.discussionFile, "themes/kompetensforsorjning.json"] {
            let data = try Data(contentsOf: Fixtures.models.appendingPathComponent(file))
            let scanned = try #require(LinearModel.scan(data), "\(file)")
            #expect(scanned == (try JSONDecoder().decode(LinearModel.self, from: data)), "\(file)")
        }
    }

    @Test func modelScannerDeclinesOtherSchemaVersions() throws {
        let json = #"{"schemaVersion":2,"name":"m","labels":["a"],"features":["f"],"weights":[[1]],"biases":[0],"thresholds":[0.5]}"#
        #expect(LinearModel.scan(Data(json.utf8)) == nil)
        let ok = json.replacingOccurrences(of: "\"schemaVersion\":2", with: "\"schemaVersion\":1")
        #expect(LinearModel.scan(Data(ok.utf8))?.weights == [1])
    }
}
