import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Diarization

/// The Swift voice encoder against the Python (PyTorch) encoder's output on the same mel frames,
/// written by `scripts/convert-resemblyzer.py --fixture-*`.
@Suite struct VoiceEncoderTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("encoder")

    static func expected() throws -> (mel: [Float], frames: Int, embedding: [Float]) {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let mel = try #require(json["mel"] as? [Double]).map(Float.init)
        let frames = try #require(json["mel_frames"] as? Int)
        let embedding = try #require(json["embedding"] as? [Double]).map(Float.init)
        return (mel, frames, embedding)
    }

    @Test func matchesThePythonEncoderOnTheSameMelFrames() throws {
        let encoder = try VoiceEncoder(modelsDirectory: Fixtures.models)
        let (mel, frames, embedding) = try Self.expected()
        let mine = encoder.embed(mel: mel, windows: [FrameWindow(start: 0, end: frames)])
        #expect(mine.count == 1)
        let maxDifference = zip(mine[0], embedding).map { abs($0 - $1) }.max() ?? 1
        #expect(maxDifference < 1e-4, "largest difference \(maxDifference)")
    }

    @Test func batchedWindowsEqualSingleWindows() throws {
        let encoder = try VoiceEncoder(modelsDirectory: Fixtures.models)
        let (mel, _, _) = try Self.expected()
        let windows = [FrameWindow(start: 0, end: 100), FrameWindow(start: 20, end: 120),
                       FrameWindow(start: 60, end: 160), FrameWindow(start: 10, end: 60)]
        let together = encoder.embed(mel: mel, windows: windows)
        for (i, w) in windows.enumerated() {
            let alone = encoder.embed(mel: mel, windows: [w])[0]
            #expect(zip(alone, together[i]).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func missingModelIsAnInvalidModelError() {
        do {
            _ = try VoiceEncoder(modelsDirectory: URL(fileURLWithPath: "/nonexistent"))
            Issue.record("expected an error")
        } catch let error as SamtalError {
            #expect(error.code == .invalidModel)
        } catch { Issue.record("unexpected \(error)") }
    }
}
