import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

/// The committed sample event (samples/event/) is consistent: its recordings decode, and its
/// RTTM and WebVTT describe the same turns, which hold the speech.
@Suite("Sample event in samples/event")
struct SampleEventTests {
    struct Turn: Equatable {
        var speaker: String
        var startMs: Int
        var endMs: Int
    }

    static func milliseconds(_ text: Substring) -> Int {
        // "12.345" (RTTM) or "00:01:02.345" (WebVTT), exact to the millisecond.
        var total = 0
        for part in text.split(separator: ":").dropLast() { total = total * 60 + Int(part)! }
        let last = text.split(separator: ":").last!.split(separator: ".")
        return (total * 60 + Int(last[0])!) * 1000 + Int(last[1])!
    }

    static func rttm(_ url: URL) throws -> [Turn] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            let start = milliseconds(f[3])
            return Turn(speaker: String(f[7]), startMs: start, endMs: start + milliseconds(f[4]))
        }
    }

    static func vtt(_ url: URL) throws -> [Turn] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "WEBVTT")
        var turns: [Turn] = []
        for (i, line) in lines.enumerated() where line.contains(" --> ") {
            let times = line.split(separator: " ")
            let text = lines[i + 1]
            let name = text.dropFirst(3).prefix { $0 != ">" }
            #expect(text.hasPrefix("<v ") && text.hasSuffix("</v>"))
            turns.append(Turn(speaker: String(name), startMs: milliseconds(times[0]),
                              endMs: milliseconds(times[2])))
        }
        return turns
    }

    @Test(arguments: ["table-1", "table-2"])
    func recordingTranscriptAndReferenceAgree(table: String) throws {
        let dir = Fixtures.samples.appendingPathComponent("event/\(table)")
        let reference = try Self.rttm(dir.appendingPathComponent("reference.rttm"))
        let transcript = try Self.vtt(dir.appendingPathComponent("transcript.vtt"))
        #expect(reference == transcript)
        #expect(Set(reference.map(\.speaker)).count == 4)

        let (recording, samples) = try AudioDecoder().decodeAll(
            path: dir.appendingPathComponent("recording.flac").path, diagnostics: IgnoringDiagnostics())
        #expect(recording.format == "FLAC")
        #expect(recording.sampleRate == 16_000 && recording.channels == 1)
        #expect(recording.frames == samples.count)
        #expect((180.0...300.0).contains(recording.durationSeconds))
        #expect(reference.allSatisfy { $0.startMs < $0.endMs && $0.endMs * 16 <= samples.count })

        // Speech is in the turns: every turn is louder than the quietest pause by ≥ 10 dB.
        func rms(_ startMs: Int, _ endMs: Int) -> Double {
            Measure.rms(samples[(startMs * 16)..<(endMs * 16)])
        }
        let sorted = reference.sorted { $0.startMs < $1.startMs }
        var pauses: [Double] = []
        var lastEnd = 0
        for turn in sorted {
            if turn.startMs - lastEnd >= 150 { pauses.append(rms(lastEnd + 20, turn.startMs - 20)) }
            lastEnd = max(lastEnd, turn.endMs)
        }
        let loudestPause = pauses.max() ?? 0
        let quietestTurn = reference.map { rms($0.startMs, $0.endMs) }.min() ?? 0
        #expect(pauses.count >= 20)
        #expect(20 * log10(quietestTurn / loudestPause) >= 10)
    }
}
