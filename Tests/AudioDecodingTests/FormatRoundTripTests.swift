import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Decoding each supported format")
struct FormatRoundTripTests {
    let decoder = AudioDecoder()

    @Test func pcm16WAVAtTargetRateDecodesToTheSameSamples() throws {
        let dir = try Fixtures.temporaryDirectory()
        let signal = Signals.sine(frequency: 440, sampleRate: 16_000, count: 16_000, amplitude: 0.6)
        let path = dir.appendingPathComponent("a.wav").path
        try WAVWriter.write(signal, sampleRate: 16_000, to: path)

        let (recording, samples) = try decoder.decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(recording == Recording(path: path, format: "WAV", sampleRate: 16_000, channels: 1,
                                       frames: 16_000))
        #expect(samples.count == signal.count)
        // 16-bit quantisation: WAVWriter scales by 32767, libsndfile reads back by 1/32768.
        #expect(Measure.maxAbsDifference(samples[...], signal[...]) < 2.5e-4)
    }

    @Test func floatWAVDecodesBitExactly() throws {
        let dir = try Fixtures.temporaryDirectory()
        let signal = Signals.noise(count: 8_000, amplitude: 0.9, seed: 7)
        let path = dir.appendingPathComponent("f.wav").path
        try WAVWriter.write(signal, sampleRate: 16_000, encoding: .float32, to: path)
        let (_, samples) = try decoder.decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(samples == signal)
    }

    @Test func infoReadsTheHeaderWithoutDecoding() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("s.wav").path
        try WAVWriter.write(Signals.silence(count: 44_100 * 2), sampleRate: 44_100, channels: 2, to: path)
        let info = try decoder.info(path: path)
        #expect(info.format == "WAV")
        #expect(info.sampleRate == 44_100)
        #expect(info.channels == 2)
        #expect(info.frames == 44_100)
        #expect(info.durationSeconds == 1.0)
    }

    /// Lossless containers written by sox from a WAVWriter file must decode to the same samples.
    @Test(.enabled(if: Tool.has("sox")), arguments: [("flac", "FLAC"), ("aiff", "AIFF")])
    func losslessFormatsWrittenBySoxDecodeExactly(ext: String, format: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let signal = Signals.sine(frequency: 1_000, sampleRate: 16_000, count: 16_000, amplitude: 0.5)
        let wav = dir.appendingPathComponent("in.wav").path
        let out = dir.appendingPathComponent("out.\(ext)").path
        try WAVWriter.write(signal, sampleRate: 16_000, to: wav)
        try Tool.run("sox", [wav, out])
        let (_, reference) = try decoder.decodeAll(path: wav, diagnostics: IgnoringDiagnostics())
        let (recording, samples) = try decoder.decodeAll(path: out, diagnostics: IgnoringDiagnostics())
        #expect(recording.format == format)
        #expect(recording.frames == 16_000)
        #expect(samples == reference)
    }

    /// Lossy codecs keep the tone: same length (± codec padding) and amplitude at 1 kHz.
    @Test(.enabled(if: Tool.has("ffmpeg")),
          arguments: [("ogg", "libvorbis", "OGG/Vorbis"), ("opus", "libopus", "OGG/Opus"),
                      ("mp3", "libmp3lame", "MP3")])
    func lossyFormatsKeepTheTone(ext: String, codec: String, format: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let rate = ext == "opus" ? 48_000 : 44_100
        let signal = Signals.sine(frequency: 1_000, sampleRate: rate, count: rate, amplitude: 0.5)
        let wav = dir.appendingPathComponent("in.wav").path
        let out = dir.appendingPathComponent("out.\(ext)").path
        try WAVWriter.write(signal, sampleRate: rate, to: wav)
        try Tool.run("ffmpeg", ["-nostdin", "-v", "error", "-i", wav, "-c:a", codec, "-b:a", "128k", out])

        let diagnostics = DiagnosticCollector()
        let (recording, samples) = try decoder.decodeAll(path: out, diagnostics: diagnostics)
        #expect(recording.format == format)
        #expect(recording.sampleRate == rate)
        #expect(abs(samples.count - 16_000) < 1_200)  // encoder delay/padding, at most ~70 ms
        let middle = samples[4_000..<12_000]
        #expect(abs(Measure.amplitude(of: middle, at: 1_000, sampleRate: 16_000) - 0.5) < 0.03)
        #expect(Measure.amplitude(of: middle, at: 1_500, sampleRate: 16_000) < 0.01)
        #expect(diagnostics.diagnostics.isEmpty)
    }
}
