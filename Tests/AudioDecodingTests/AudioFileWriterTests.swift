import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Writing decoded audio")
struct AudioFileWriterTests {
    @Test(arguments: [("out.wav", OutputFormat.wav16, "WAV"), ("out.flac", .flac16, "FLAC"),
                      ("f.wav", .wavFloat, "WAV")])
    func decodedFileReadsBackAt16kHzMono(name: String, format: OutputFormat, formatName: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let input = dir.appendingPathComponent("in.wav").path
        let frames = 44_100 * 2
        try WAVWriter.write(Array(Signals.sine(frequency: 300, sampleRate: 44_100, count: frames * 2,
                                               amplitude: 0.4)),
                            sampleRate: 44_100, channels: 2, encoding: .float32, to: input)
        let output = dir.appendingPathComponent(name).path
        let decoder = AudioDecoder()
        _ = try decoder.decode(path: input, to: output, format: format, diagnostics: IgnoringDiagnostics())
        let (direct, expected) = try decoder.decodeAll(path: input, diagnostics: IgnoringDiagnostics())
        let (written, samples) = try decoder.decodeAll(path: output, diagnostics: IgnoringDiagnostics())
        #expect(direct.frames == frames)
        #expect(written.format == formatName)
        #expect(written.sampleRate == 16_000)
        #expect(written.channels == 1)
        #expect(samples.count == expected.count)
        let tolerance: Float = format == .wavFloat ? 0 : 1.0 / 16_000
        #expect(Measure.maxAbsDifference(samples[...], expected[...]) <= tolerance)
        // Nothing but the output is left in the directory.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["in.wav", name].sorted())
    }

    @Test func failedDecodeLeavesTheExistingOutputUntouched() throws {
        let dir = try Fixtures.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.txt").path
        try "not audio".write(toFile: bad, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.wav").path
        try "precious".write(toFile: output, atomically: true, encoding: .utf8)

        let code = SamtalError.Code.of {
            _ = try AudioDecoder().decode(path: bad, to: output, format: .wav16,
                                          diagnostics: IgnoringDiagnostics())
        }
        #expect(code == .unsupportedFormat)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "precious")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["bad.txt", "out.wav"])
    }

    @Test func samplesBeyondFullScaleAreClippedNotWrapped() throws {
        let dir = try Fixtures.temporaryDirectory()
        let input = dir.appendingPathComponent("loud.wav").path
        try WAVWriter.write([Float](repeating: 1.5, count: 1_600) + [Float](repeating: -1.5, count: 1_600),
                            sampleRate: 16_000, encoding: .float32, to: input)
        let output = dir.appendingPathComponent("o.wav").path
        _ = try AudioDecoder().decode(path: input, to: output, format: .wav16, diagnostics: IgnoringDiagnostics())
        let (_, samples) = try AudioDecoder().decodeAll(path: output, diagnostics: IgnoringDiagnostics())
        #expect(samples[0..<1_600].allSatisfy { $0 > 0.99 })
        #expect(samples[1_600...].allSatisfy { $0 < -0.99 })
    }

    @Test func outputFormatFollowsTheExtension() {
        #expect(OutputFormat.forPath("a.WAV", float: false) == .wav16)
        #expect(OutputFormat.forPath("a.wav", float: true) == .wavFloat)
        #expect(OutputFormat.forPath("a.flac", float: false) == .flac16)
        #expect(OutputFormat.forPath("a.flac", float: true) == nil)
        #expect(OutputFormat.forPath("a.mp3", float: false) == nil)
    }
}
