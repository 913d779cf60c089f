import Foundation
import SamtalCore
import Testing

@testable import Tagging

/// `TagLineWriter` against `JSONEncoder` with sorted keys, the format it replaces.
@Suite struct TagLineWriterTests {
    static func encoded(_ tags: UtteranceTags) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(tags)) + [0x0A]
    }

    static let lines: [UtteranceTags] = [
        UtteranceTags(id: "a", themes: ["utbildning"], emotions: [], actors: ["regionen"],
                      polarity: -0.07359589396028103,
                      scores: ["theme:utbildning": 0.75, "actor:regionen": 1, "lexicon:valence": 0,
                               "basic:joy": 1e-7, "polarity:negative": 0.23309409965723424],
                      evidence: ["theme:utbildning": ["lärlingsplatser", "model:w:utbild"],
                                 "actor:regionen": ["regionen"]]),
        // Other keys than the line before, some sorting between the earlier ones.
        UtteranceTags(id: "b\"c\\d/e\u{1}\n\r\t\u{1F}", themes: [], emotions: ["oro_osakerhet"],
                      actors: [], polarity: 1,
                      scores: ["theme:utbildning": 0.1, "emotion:oro_osakerhet": 0.9,
                               "basic:anger": -2.5e-12, "a": 123456789012345, "Z": -3],
                      evidence: ["emotion:oro_osakerhet": ["jag är orolig", "😀 é e\u{301}"]]),
        UtteranceTags(id: "tom"),
        UtteranceTags(id: "c", themes: ["x", "y"], polarity: 0.5,
                      scores: ["theme:utbildning": 1e14, "ä": 0.1 + 0.2, "actor:regionen": 1],
                      evidence: ["": [""]]),
    ]

    @Test func writesWhatJSONEncoderWrites() throws {
        var writer = TagLineWriter()
        var expected: [UInt8] = []
        for tags in Self.lines {
            writer.append(tags)
            expected += try Self.encoded(tags)
        }
        #expect(String(decoding: writer.bytes, as: UTF8.self)
                == String(decoding: expected, as: UTF8.self))
        #expect(writer.bytes == expected)
    }

    /// Whole numbers of 10¹⁵ and more keep Swift's `description` (`1e+15` is not written as an
    /// integer), as the writer did before it wrote bytes; `JSONEncoder` differs there. Scores
    /// and polarity never get near.
    @Test func largeWholeNumbersKeepTheirEarlierForm() {
        var writer = TagLineWriter()
        writer.append(UtteranceTags(id: "n", polarity: 1e15, scores: ["s": -2e20]))
        let line = String(decoding: writer.bytes, as: UTF8.self)
        #expect(line.contains(#""polarity":\#((1e15).description)"#))
        #expect(line.contains(#""s":\#((-2e20).description)"#))
    }

    @Test func linesAreIndependentOfOrderWritten() throws {
        var forward = TagLineWriter()
        for tags in Self.lines { forward.append(tags) }
        var backward = TagLineWriter()
        for tags in Self.lines.reversed() { backward.append(tags) }
        let a = String(decoding: forward.bytes, as: UTF8.self).split(separator: "\n")
        let b = String(decoding: backward.bytes, as: UTF8.self).split(separator: "\n")
        #expect(a == Array(b.reversed()))
    }
}
