import DSP
import SamtalTestSupport
import Testing

@Suite("Framing")
struct FramingTests {
    @Test func centredFrameCountFollowsLibrosa() {
        let c = FrameConfig.standard
        // librosa: 1 + (n + 2·(n_fft//2) − n_fft) // hop
        for n in [0, 1, 159, 160, 161, 400, 16_000, 40_000] {
            #expect(c.frameCount(sampleCount: n) == 1 + n / 160, "n = \(n)")
        }
        var odd = c
        odd.fftLength = 401
        #expect(odd.frameCount(sampleCount: 0) == 0)
        #expect(odd.frameCount(sampleCount: 1) == 1)
        #expect(odd.frameCount(sampleCount: 161) == 2)
    }

    @Test func streamingFrameCountKeepsCompleteFramesOnly() {
        var c = FrameConfig.standard
        c.framing = .streaming
        #expect(c.frameCount(sampleCount: 399) == 0)
        #expect(c.frameCount(sampleCount: 400) == 1)
        #expect(c.frameCount(sampleCount: 559) == 1)
        #expect(c.frameCount(sampleCount: 560) == 2)
        #expect(c.windowStart(frame: 3) == 480)
        #expect(FrameConfig.standard.windowStart(frame: 3) == 480 - 200)
        #expect(FrameConfig.standard.centerSample(frame: 3) == 480)
    }

    @Test(arguments: [(400, 160), (400, 400), (100, 250), (7, 3)])
    func framerEmitsTheSameFramesForAnyBlockSizes(frameLength: Int, hopLength: Int) {
        let x = (0..<5_003).map { Float($0) }
        var rng = SplitMix64(seed: UInt64(frameLength * 1000 + hopLength))
        var framer = StreamingFramer(frameLength: frameLength, hopLength: hopLength, chunkLength: 257)
        var frames: [[Float]] = []
        x.withUnsafeBufferPointer { all in
            var at = 0
            while at < all.count {
                let n = min(all.count - at, Int(rng.next() % 700))
                framer.push(UnsafeBufferPointer(rebasing: all[at ..< at + n])) { index, frame in
                    #expect(index == frames.count)
                    frames.append(Array(frame))
                }
                at += n
            }
        }
        let expected = x.count < frameLength ? 0 : 1 + (x.count - frameLength) / hopLength
        #expect(frames.count == expected)
        for (i, f) in frames.enumerated() {
            #expect(f == Array(x[i * hopLength ..< i * hopLength + frameLength]))
        }
        #expect(framer.samplesPushed == x.count)
    }

    @Test func windowsAreTheirFormulas() {
        let hann = WindowFunction.hann.coefficients(length: 400)
        #expect(hann[0] == 0 && abs(hann[200] - 1) < 1e-7 && abs(hann[100] - 0.5) < 1e-7)
        // Periodic: symmetric about N/2, not about (N−1)/2.
        #expect(abs(hann[1] - hann[399]) < 1e-7)
        let hamming = WindowFunction.hamming.coefficients(length: 400)
        #expect(abs(hamming[0] - 0.08) < 1e-7 && abs(hamming[200] - 1) < 1e-7)
        let povey = WindowFunction.povey.coefficients(length: 400)
        #expect(povey[0] == 0 && povey[399] < 1e-6)
        #expect(WindowFunction.rectangular.coefficients(length: 5) == [1, 1, 1, 1, 1])
    }

    @Test func invalidFramingIsRejected() {
        var c = FrameConfig.standard
        c.windowLength = 600
        #expect { try c.validate() } throws: { ($0 as? SamtalError)?.code == .invalidArgument }
        c = .standard
        c.hopLength = 0
        #expect { try PowerSpectrogram(frames: c) } throws: {
            ($0 as? SamtalError)?.code == .invalidArgument
        }
    }
}

import SamtalCore
