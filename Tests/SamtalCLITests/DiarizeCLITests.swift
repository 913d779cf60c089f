import Foundation
import SamtalTestSupport
import Testing

/// End-to-end tests of `samtal diarize` through the built binary: speech sources, formats and
/// located errors. Accuracy is measured by `make eval`, not here.
@Suite("samtal diarize", .enabled(if: Fixtures.samtalExecutable != nil))
struct DiarizeCLITests {
    func samtal(_ arguments: [String]) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, ["diarize"] + arguments)
    }

    /// Two buzzing "voices" (150 Hz and 260 Hz harmonics with a syllable envelope) taking
    /// 2 s turns A B A B, 0.5 s of silence between turns and around them; 16 kHz mono.
    func dialogueWAV(in dir: URL) throws -> String {
        let rate = 16_000
        var samples: [Float] = []
        func silence(_ seconds: Double) { samples += [Float](repeating: 0, count: Int(seconds * Double(rate))) }
        func turn(f0: Double) {
            for i in 0..<(2 * rate) {
                let t = Double(i) / Double(rate)
                let envelope = 0.5 * (1 - cos(2 * Double.pi * 4 * t))
                var v = 0.0
                for h in 1...12 { v += sin(2 * Double.pi * f0 * Double(h) * t) / Double(h) }
                samples.append(Float(0.15 * envelope * v))
            }
        }
        silence(0.5)
        for f0 in [150.0, 260, 150, 260] {
            turn(f0: f0)
            silence(0.5)
        }
        let path = dir.appendingPathComponent("dialogue.wav").path
        try WAVWriter.write(samples, sampleRate: rate, channels: 1, to: path)
        return path
    }

    func turns(_ rttm: String) -> [(start: Double, end: Double, speaker: String)] {
        rttm.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.first == "SPEAKER", f.count >= 8, let s = Double(f[3]), let d = Double(f[4]) else { return nil }
            return (s, s + d, String(f[7]))
        }
    }

    @Test(arguments: ["model", "energy"])
    func bothSpeechDetectorsGiveRTTM(_ vad: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try samtal([try dialogueWAV(in: dir), "--vad", vad, "--embedding", "dsp", "--speakers", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let found = turns(r.stdout)
        #expect(!found.isEmpty)
        #expect(Set(found.map(\.speaker)).count <= 2)
        #expect(found.allSatisfy { $0.start >= 0 && $0.end <= 10.5 + 1e-6 })
    }

    @Test func givenSpeechRegionsBoundTheTurns() throws {
        let dir = try Fixtures.temporaryDirectory()
        let lab = dir.appendingPathComponent("speech.lab")
        try "0.5 2.5 speech\n3.0 5.0 speech\n".write(to: lab, atomically: true, encoding: .utf8)
        let r = try samtal([try dialogueWAV(in: dir), "--speech", lab.path, "--embedding", "dsp"])
        #expect(r.status == 0, "\(r.stderr)")
        let found = turns(r.stdout)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.start >= 0.5 - 0.011 && $0.end <= 5.0 + 0.011 })
        #expect(found.allSatisfy { !($0.start < 2.99 && $0.end > 2.51) })
    }

    @Test func aMalformedSpeechFileIsALocatedError() throws {
        let dir = try Fixtures.temporaryDirectory()
        let lab = dir.appendingPathComponent("speech.lab")
        try "0.5 2.5 speech\n3.0 five speech\n".write(to: lab, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.rttm")
        try "keep me\n".write(to: out, atomically: true, encoding: .utf8)
        let r = try samtal([try dialogueWAV(in: dir), "--speech", lab.path, "-o", out.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("speech.lab:2"), "\(r.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me\n")
        let missing = try samtal([try dialogueWAV(in: dir), "--speech", dir.appendingPathComponent("nope.lab").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.lab"), "\(missing.stderr)")
    }

    @Test func jsonHasBothTurnViewsAndStatistics() throws {
        let dir = try Fixtures.temporaryDirectory()
        // The buzz is not speech to the voice activity model (it keeps only part of it); the
        // loudness detector keeps every turn.
        let r = try samtal([try dialogueWAV(in: dir), "--format", "json", "--vad", "energy", "--embedding", "dsp",
                            "--speakers", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["overlapping"] is [Any])
        #expect(json["exclusive"] is [Any])
        #expect(json["statistics"] is [String: Any])
        #expect(json["speakerCount"] as? Int == 2)
    }

    @Test func badCountBoundsAreRejected() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try samtal([try dialogueWAV(in: dir), "--min-speakers", "4", "--max-speakers", "2"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--min-speakers"))
    }
}
