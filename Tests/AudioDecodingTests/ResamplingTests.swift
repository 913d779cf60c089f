import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Resampling to 16 kHz")
struct ResamplingTests {
    /// A 1 kHz sine at any rate comes out as the same sine at 16 kHz: length
    /// round(frames × 16000 / rate) ± 1, amplitude and phase kept (soxr removes its own delay).
    @Test(arguments: [8_000, 22_050, 44_100, 48_000, 96_000])
    func sineKeepsFrequencyAmplitudeAndLength(rate: Int) throws {
        let dir = try Fixtures.temporaryDirectory()
        let frames = rate * 3 / 2 + 17
        let path = dir.appendingPathComponent("s\(rate).wav").path
        try WAVWriter.write(Signals.sine(frequency: 1_000, sampleRate: rate, count: frames, amplitude: 0.5),
                            sampleRate: rate, encoding: .float32, to: path)

        let (_, out) = try AudioDecoder().decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        let expectedCount = Int((Double(frames) * 16_000 / Double(rate)).rounded())
        #expect(abs(out.count - expectedCount) <= 1)

        let ideal = Signals.sine(frequency: 1_000, sampleRate: 16_000, count: out.count, amplitude: 0.5)
        let middle = 2_000..<(out.count - 2_000)
        #expect(Measure.maxAbsDifference(out[middle], ideal[middle]) < 2e-3)
        #expect(abs(Measure.amplitude(of: out[middle], at: 1_000, sampleRate: 16_000) - 0.5) < 1e-3)
    }

    /// Energy above the new Nyquist frequency is filtered out, not folded back.
    @Test func toneAboveEightKilohertzIsRemoved() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("hi.wav").path
        try WAVWriter.write(Signals.sine(frequency: 11_000, sampleRate: 44_100, count: 44_100, amplitude: 0.5),
                            sampleRate: 44_100, encoding: .float32, to: path)
        let (_, out) = try AudioDecoder().decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        // 11 kHz would alias to 5 kHz without the anti-aliasing filter.
        #expect(Measure.rms(out[1_000..<15_000]) < 1e-3)
    }

    @Test func blockSizeDoesNotChangeTheOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("n.wav").path
        try WAVWriter.write(Signals.noise(count: 48_000, amplitude: 0.5, seed: 3), sampleRate: 48_000,
                            encoding: .float32, to: path)
        let (_, big) = try AudioDecoder().decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        let (_, small) = try AudioDecoder(blockFrames: 777).decodeAll(path: path,
                                                                       diagnostics: IgnoringDiagnostics())
        #expect(big.count == small.count)
        #expect(Measure.maxAbsDifference(big[...], small[...]) < 1e-5)
    }

    @Test func streamingDeliversEverySampleOnce() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("b.wav").path
        try WAVWriter.write(Signals.noise(count: 100_000, seed: 5), sampleRate: 16_000, to: path)
        var blocks = 0
        var total = 0
        let recording = try AudioDecoder(blockFrames: 4_096).decode(
            path: path, diagnostics: IgnoringDiagnostics()
        ) { block in
            blocks += 1
            total += block.count
            #expect(block.count <= 4_096)
        }
        #expect(total == 100_000)
        #expect(blocks == (100_000 + 4_095) / 4_096)
        #expect(recording.frames == 100_000)
    }
}
