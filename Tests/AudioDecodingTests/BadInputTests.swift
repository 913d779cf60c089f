import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Bad input gives a clear error or a warning")
struct BadInputTests {
    let decoder = AudioDecoder()

    func decodeCode(_ path: String, decoder: AudioDecoder = AudioDecoder()) -> SamtalError.Code? {
        SamtalError.Code.of { _ = try decoder.decodeAll(path: path, diagnostics: IgnoringDiagnostics()) }
    }

    func infoCode(_ path: String, decoder: AudioDecoder = AudioDecoder()) -> SamtalError.Code? {
        SamtalError.Code.of { _ = try decoder.info(path: path) }
    }

    @Test func missingFileIsFileNotFound() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("nope.wav").path
        #expect(decodeCode(path) == .fileNotFound)
        #expect(infoCode(path) == .fileNotFound)
    }

    @Test func directoryIsIsDirectory() throws {
        let dir = try Fixtures.temporaryDirectory()
        #expect(decodeCode(dir.path) == .isDirectory)
        #expect(infoCode(dir.path) == .isDirectory)
    }

    @Test(arguments: ["notes.txt", "notes"])
    func textFileIsUnsupported(name: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try "Hej! Det här är inget ljud, bara text.\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(decodeCode(path) == .unsupportedFormat)
        #expect(infoCode(path) == .unsupportedFormat)
        // Also without ffmpeg to fall back on.
        let bare = AudioDecoder(tools: ExternalTools(ffmpeg: nil, ffprobe: nil))
        #expect(decodeCode(path, decoder: bare) == .unsupportedFormat)
    }

    @Test func unsupportedMessageListsTheSupportedFormats() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("notes.txt").path
        try "just text".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: SamtalError.self) { _ = try decoder.info(path: path) }
        #expect(error?.hint?.contains("FLAC") == true)
        #expect(error?.hint?.contains("M4A") == true)
    }

    @Test(arguments: ["wav", "flac", "m4a"])
    func garbageWithAnAudioExtensionIsCorrupt(ext: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("broken.\(ext)").path
        var rng = SplitMix64(seed: 11)
        let bytes = (0..<4_096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(decodeCode(path) == .corruptInput)
    }

    @Test func wavWithABrokenFormatChunkIsCorrupt() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("badfmt.wav").path
        var data = WAVWriter.data(Signals.sine(frequency: 440, sampleRate: 16_000, count: 1_600),
                                  sampleRate: 16_000)
        // Zero channels in the fmt chunk (offset 22).
        data[22] = 0
        data[23] = 0
        try data.write(to: URL(fileURLWithPath: path))
        #expect(decodeCode(path) == .corruptInput)
    }

    @Test func zeroByteFileIsEmpty() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("empty.wav").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(decodeCode(path) == .emptyInput)
        #expect(infoCode(path) == .emptyInput)
    }

    @Test func wavWithNoFramesIsEmpty() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("header-only.wav").path
        try WAVWriter.write([], sampleRate: 16_000, to: path)
        #expect(decodeCode(path) == .emptyInput)
        #expect(infoCode(path) == .emptyInput)
    }

    /// A WAV cut short keeps its header's length: the decoder returns what is there and warns
    /// with the seconds decoded and expected.
    @Test func truncatedWAVWarnsWithDecodedAndExpectedSeconds() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("cut.wav").path
        let full = WAVWriter.data(Signals.noise(count: 32_000, seed: 2), sampleRate: 16_000)
        try full.prefix(44 + 2 * 12_000).write(to: URL(fileURLWithPath: path))

        let diagnostics = DiagnosticCollector()
        let (recording, samples) = try decoder.decodeAll(path: path, diagnostics: diagnostics)
        #expect(samples.count == 12_000)
        #expect(recording.frames == 12_000)
        let warning = diagnostics.diagnostics.first { $0.code == "decode.truncated" }
        #expect(warning?.severity == .warning)
        #expect(warning?.message.contains("0.75 s") == true)
        #expect(warning?.message.contains("2.0 s") == true)
    }

    @Test(.enabled(if: Tool.has("sox")))
    func truncatedAIFFWarns() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = dir.appendingPathComponent("in.wav").path
        let aiff = dir.appendingPathComponent("in.aiff").path
        try WAVWriter.write(Signals.noise(count: 32_000, seed: 4), sampleRate: 16_000, to: wav)
        try Tool.run("sox", [wav, aiff])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: aiff))
        let cut = dir.appendingPathComponent("cut.aiff").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))

        let diagnostics = DiagnosticCollector()
        let (recording, _) = try decoder.decodeAll(path: cut, diagnostics: diagnostics)
        #expect(recording.frames < 17_000)
        let warning = diagnostics.diagnostics.first { $0.code == "decode.truncated" }
        #expect(warning?.message.contains("of the 2.0 s") == true)
    }

    @Test(.enabled(if: Tool.has("flac")))
    func truncatedFLACWarns() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = dir.appendingPathComponent("in.wav").path
        let flac = dir.appendingPathComponent("in.flac").path
        try WAVWriter.write(Signals.noise(count: 16_000 * 4, amplitude: 0.3, seed: 9), sampleRate: 16_000, to: wav)
        try Tool.run("flac", ["--silent", "--force", "-o", flac, wav])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: flac))
        let cut = dir.appendingPathComponent("cut.flac").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))

        let diagnostics = DiagnosticCollector()
        let (recording, _) = try decoder.decodeAll(path: cut, diagnostics: diagnostics)
        #expect(recording.frames < 16_000 * 4)
        #expect(recording.frames > 16_000)
        #expect(diagnostics.diagnostics.contains { $0.code == "decode.truncated" })
    }

    @Test func nonFiniteSamplesAreZeroedWithACountedWarning() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("nan.wav").path
        var signal = Signals.sine(frequency: 440, sampleRate: 16_000, count: 1_000)
        signal[10] = .nan
        signal[20] = .infinity
        signal[30] = -.infinity
        try WAVWriter.write(signal, sampleRate: 16_000, encoding: .float32, to: path)

        let diagnostics = DiagnosticCollector()
        let (_, samples) = try decoder.decodeAll(path: path, diagnostics: diagnostics)
        #expect(samples.allSatisfy { $0.isFinite })
        #expect(samples[10] == 0 && samples[20] == 0 && samples[30] == 0)
        #expect(samples[11] == signal[11])
        let warning = diagnostics.diagnostics.first { $0.code == "decode.invalid-samples" }
        #expect(warning?.message.hasPrefix("3 ") == true)
    }

    @Test func nonFiniteSamplesNeverReachTheResampler() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("nan44.wav").path
        var signal = Signals.sine(frequency: 440, sampleRate: 44_100, count: 44_100)
        signal[5_000] = .nan
        try WAVWriter.write(signal, sampleRate: 44_100, encoding: .float32, to: path)
        let (_, samples) = try decoder.decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(samples.allSatisfy { $0.isFinite })
    }
}
