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

extension VoiceEncoderTests {
    /// 16-bit mono PCM samples of a canonical WAV file, scaled by 1/32768.
    static func readPCM16(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        var offset = 12
        while offset + 8 <= data.count {
            let id = String(decoding: data[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(data[offset + 4]) | Int(data[offset + 5]) << 8 | Int(data[offset + 6]) << 16
                | Int(data[offset + 7]) << 24
            if id == "data" {
                let body = data[(offset + 8)..<min(data.count, offset + 8 + size)]
                return stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map {
                    Float(Int16(bitPattern: UInt16(body[$0]) | UInt16(body[$0 + 1]) << 8)) / 32768
                }
            }
            offset += 8 + size + (size & 1)
        }
        throw SamtalError(.corruptInput, "no data chunk")
    }

    @Test func swiftMelFrontEndGivesThePythonEmbedding() throws {
        let encoder = try VoiceEncoder(modelsDirectory: Fixtures.models)
        let samples = try Self.readPCM16(Self.folder.appendingPathComponent("clip.wav"))
        let frontEnd = try DiarizationFrontEnd(encoder: encoder)
        frontEnd.process(samples)
        let (_, mel) = try frontEnd.finish(encoder: nil)  // no volume normalisation, as the fixture
        let (pythonMel, frames, embedding) = try Self.expected()
        let mine = try #require(mel).allValues()
        // Mel frames agree with librosa's to float precision (relative to the frame's energy).
        for t in [0, 50, 159] {
            let a = mine[(t * 40)..<((t + 1) * 40)]
            let b = pythonMel[(t * 40)..<((t + 1) * 40)]
            let scale = b.max()!
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-3 * scale + 1e-7 }, "frame \(t)")
        }
        let vector = encoder.embed(mel: mine, windows: [FrameWindow(start: 0, end: frames)])[0]
        let cosine = zip(vector, embedding).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(cosine > 0.9999, "cosine \(cosine)")
    }
}
