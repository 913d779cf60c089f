import AudioDecoding
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Channel mixdown and selection")
struct ChannelTests {
    /// Three channels holding constants 0.3, -0.1 and 0.4 (interleaved, float32).
    func threeChannelFile() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("three.wav").path
        let frame: [Float] = [0.3, -0.1, 0.4]
        try WAVWriter.write(Array((0..<1_000).map { _ in frame }.joined()), sampleRate: 16_000,
                            channels: 3, encoding: .float32, to: path)
        return path
    }

    @Test func mixdownIsTheMeanOfAllChannels() throws {
        let path = try threeChannelFile()
        let (recording, samples) = try AudioDecoder().decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(recording.channels == 3)
        #expect(samples.count == 1_000)
        #expect(samples.allSatisfy { abs($0 - 0.2) < 1e-6 })
    }

    @Test(arguments: [(1, Float(0.3)), (2, Float(-0.1)), (3, Float(0.4))])
    func channelNumberPicksOneChannel(number: Int, value: Float) throws {
        let path = try threeChannelFile()
        let (_, samples) = try AudioDecoder(channel: .number(number))
            .decodeAll(path: path, diagnostics: IgnoringDiagnostics())
        #expect(samples.allSatisfy { $0 == value })
    }

    @Test(arguments: [0, 4])
    func channelOutsideTheFileIsAnInvalidArgument(number: Int) throws {
        let path = try threeChannelFile()
        let code = SamtalError.Code.of {
            _ = try AudioDecoder(channel: .number(number)).decodeAll(path: path,
                                                                      diagnostics: IgnoringDiagnostics())
        }
        #expect(code == .invalidArgument)
    }
}
