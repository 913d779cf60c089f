import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("ffmpeg fallback for M4A/AAC/MP4/WebM", .enabled(if: Tool.has("ffmpeg") && Tool.has("ffprobe")))
struct FFmpegFallbackTests {
    /// Makes a stereo 44.1 kHz 2 s AAC file: 1 kHz on the left, 2 kHz on the right.
    func makeM4A(in dir: URL, name: String = "tone.m4a") throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Tool.run("ffmpeg", [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=2000:sample_rate=44100:duration=2",
            "-filter_complex", "[0:a][1:a]join=inputs=2:channel_layout=stereo[a]", "-map", "[a]",
            "-c:a", "aac", "-b:a", "128k", path,
        ])
        return path
    }

    @Test func m4aDecodesThroughFFmpeg() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try makeM4A(in: dir)
        let info = try AudioDecoder().info(path: path)
        #expect(info.format == "M4A/AAC (ffmpeg)")
        #expect(info.sampleRate == 44_100)
        #expect(info.channels == 2)
        #expect(abs(info.durationSeconds - 2) < 0.05)

        let diagnostics = DiagnosticCollector()
        let (recording, samples) = try AudioDecoder().decodeAll(path: path, diagnostics: diagnostics)
        #expect(recording.channels == 2)
        #expect(abs(samples.count - 32_000) <= 800)  // AAC priming and padding, ≤ 50 ms
        #expect(diagnostics.diagnostics.isEmpty)
        // ffmpeg's sine source has amplitude 1/8; the mix halves each tone.
        let middle = samples[4_000..<28_000]
        #expect(abs(Measure.amplitude(of: middle, at: 1_000, sampleRate: 16_000) - 0.0625) < 0.005)
        #expect(abs(Measure.amplitude(of: middle, at: 2_000, sampleRate: 16_000) - 0.0625) < 0.005)
    }

    @Test func channelSelectionWorksThroughFFmpeg() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try makeM4A(in: dir)
        let (_, right) = try AudioDecoder(channel: .number(2)).decodeAll(path: path,
                                                                       diagnostics: IgnoringDiagnostics())
        let middle = right[4_000..<28_000]
        #expect(abs(Measure.amplitude(of: middle, at: 2_000, sampleRate: 16_000) - 0.125) < 0.01)
        #expect(Measure.amplitude(of: middle, at: 1_000, sampleRate: 16_000) < 0.005)
    }

    @Test func webmWithOpusDecodes() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("call.webm").path
        try Tool.run("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i",
                                "sine=frequency=500:sample_rate=48000:duration=1", "-c:a", "libopus", path])
        let (recording, samples) = try AudioDecoder().decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(recording.format == "WEBM/OPUS (ffmpeg)")
        #expect(abs(samples.count - 16_000) <= 400)
        #expect(Measure.amplitude(of: samples[2_000..<14_000], at: 500, sampleRate: 16_000) > 0.1)
    }

    @Test func missingFFmpegIsAMissingToolErrorThatSaysHowToInstall() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try makeM4A(in: dir)
        let bare = AudioDecoder(tools: ExternalTools(ffmpeg: nil, ffprobe: nil))
        let error = #expect(throws: SamtalError.self) {
            _ = try bare.decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        }
        #expect(error?.code == .missingTool)
        #expect(error?.hint?.contains("apt-get install ffmpeg") == true)
        #expect(SamtalError.Code.of { _ = try bare.info(path: path) } == .missingTool)
    }

    @Test func truncatedM4AIsCorruptOrWarns() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try makeM4A(in: dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = dir.appendingPathComponent("cut.m4a").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        // ffmpeg writes the index (moov) at the end, so half a file has none: nothing to decode.
        #expect(SamtalError.Code.of {
            _ = try AudioDecoder().decodeAll(path: cut, diagnostics: IgnoringDiagnostics())
        } == .corruptInput)
    }

    @Test func truncatedFastStartM4AWarnsWithDecodedSeconds() throws {
        let dir = try Fixtures.temporaryDirectory()
        let plain = try makeM4A(in: dir)
        let fast = dir.appendingPathComponent("fast.m4a").path
        try Tool.run("ffmpeg", ["-nostdin", "-v", "error", "-i", plain, "-c", "copy",
                                "-movflags", "+faststart", fast])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fast))
        let cut = dir.appendingPathComponent("cut.m4a").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))

        let diagnostics = DiagnosticCollector()
        let (recording, _) = try AudioDecoder().decodeAll(path: cut, diagnostics: diagnostics)
        #expect(recording.durationSeconds < 1.5)
        #expect(diagnostics.diagnostics.contains { $0.code == "decode.truncated" })
    }
}
