import Foundation
import SamtalTestSupport
import Testing

/// End-to-end tests of `samtal vad` through the built binary.
@Suite("samtal vad", .enabled(if: Fixtures.samtalExecutable != nil))
struct VADCLITests {
    func samtal(_ arguments: [String]) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, ["vad"] + arguments)
    }

    /// 1 s of silence, 1 s of a voiced-like buzz (harmonics of 150 Hz with a syllable envelope),
    /// 1 s of silence, at 44.1 kHz stereo so that decoding resamples and mixes.
    func buzzWAV(in dir: URL) throws -> String {
        let rate = 44_100
        var mono = [Float](repeating: 0, count: rate * 3)
        for i in rate..<(2 * rate) {
            let t = Double(i) / Double(rate)
            let envelope = 0.5 * (1 - cos(2 * Double.pi * 4 * t))
            var v = 0.0
            for h in 1...12 { v += sin(2 * Double.pi * 150 * Double(h) * t) / Double(h) }
            mono[i] = Float(0.15 * envelope * v)
        }
        let stereo = mono.flatMap { [$0, $0] }
        let path = dir.appendingPathComponent("buzz.wav").path
        try WAVWriter.write(stereo, sampleRate: rate, channels: 2, to: path)
        return path
    }

    @Test func labOutputIsWrittenAtomicallyWithThreeDecimals() throws {
        let dir = try Fixtures.temporaryDirectory()
        let input = try buzzWAV(in: dir)
        let out = dir.appendingPathComponent("out.lab").path
        let r = try samtal([input, "-o", out, "--aggressiveness", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            #expect(f.count == 3 && f[2] == "speech")
            #expect(f[0].split(separator: ".").last?.count == 3)
            let start = try #require(Double(f[0])), end = try #require(Double(f[1]))
            #expect(0 <= start && start < end && end <= 3)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test func jsonHasSchemaVersionAndSettings() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try samtal([try buzzWAV(in: dir), "--format", "json", "--min-silence", "0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let total = try #require(json["totalSamples"] as? Int)
        #expect(abs(total - 48_000) <= 2)
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["minimumSilenceSeconds"] as? Double == 0.5)
        #expect(settings["aggressiveness"] as? Int == 2)
    }

    @Test func emptyAudioWarnsAndSucceedsButFailsWithStrict() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("empty.wav").path
        try WAVWriter.write([], sampleRate: 16_000, to: path)
        let r = try samtal([path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("warning"))
        #expect(try samtal([path, "--strict"]).status == 1)
    }

    @Test(arguments: [["--aggressiveness", "4"], ["--onset", "0.2", "--offset", "0.5"],
                      ["--min-speech", "-1"], ["--format", "srt"]])
    func badOptionsAreUsageErrors(options: [String]) throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try samtal([try buzzWAV(in: dir)] + options)
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
    }

    @Test func missingFileFailsAndLeavesNoOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir.appendingPathComponent("out.lab").path
        let r = try samtal([dir.appendingPathComponent("nope.wav").path, "-o", out])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
