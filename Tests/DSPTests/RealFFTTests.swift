import DSP
import SamtalTestSupport
import Testing

@Suite("RealFFT")
struct RealFFTTests {
    // Float FFT error grows like ε·log n·‖x‖; bounding by 1e-5 · Σ|x| (which bounds every |X[k]|)
    // leaves a margin of about 10× on these sizes.
    @Test(arguments: [1, 2, 7, 8, 15, 100, 257, 400, 512, 1000, 1024])
    func matchesTextbookDFTInDouble(size: Int) {
        let x = Signals.noise(count: size, amplitude: 1, seed: UInt64(size))
        let fft = RealFFT.shared(size: size)
        #expect(fft.binCount == size / 2 + 1)
        let got = fft.transform(x)
        let want = Reference.dft(x.map(Double.init))
        let scale = x.reduce(0.0) { $0 + abs(Double($1)) }
        var worst = 0.0
        for (g, w) in zip(got, want) {
            worst = max(worst, abs(Double(g.re) - w.re), abs(Double(g.im) - w.im))
        }
        #expect(worst <= 1e-5 * scale, "size \(size): max error \(worst), Σ|x| \(scale)")
    }

    @Test func sineLandsInItsBin() {
        // 1 kHz at 16 kHz, 512 points: bin 32 exactly, amplitude 0.5 → |X| = 0.5 · 512 / 2.
        let x = Signals.sine(frequency: 1_000, sampleRate: 16_000, count: 512)
        let spectrum = RealFFT.shared(size: 512).transform(x)
        let magnitudes = spectrum.map { ($0.re * $0.re + $0.im * $0.im).squareRoot() }
        #expect(magnitudes.firstIndex(of: magnitudes.max()!) == 32)
        #expect(abs(magnitudes[32] - 128) < 1e-3)
    }

    @Test func plansAreSharedPerSize() {
        #expect(RealFFT.shared(size: 512) === RealFFT.shared(size: 512))
        #expect(RealFFT.shared(size: 512) !== RealFFT.shared(size: 256))
    }

    @Test func concurrentPlanningAndExecutionGiveIdenticalResults() async {
        // Many tasks plan (odd sizes not used elsewhere, so planning races are exercised) and
        // execute at once; each result must equal the serial one bit for bit.
        let sizes = [96, 160, 243, 320, 480, 625, 729, 800]
        let serial = sizes.map { RealFFT.shared(size: $0 + 1).transform(
            Signals.noise(count: $0 + 1, seed: UInt64($0))).map { [$0.re, $0.im] } }
        let parallel = await withTaskGroup(of: (Int, [[Float]]).self) { group in
            for _ in 0..<4 {
                for (i, n) in sizes.enumerated() {
                    group.addTask {
                        let fft = RealFFT.shared(size: n + 1)
                        return (i, fft.transform(Signals.noise(count: n + 1, seed: UInt64(n)))
                            .map { [$0.re, $0.im] })
                    }
                }
            }
            var results: [(Int, [[Float]])] = []
            for await r in group { results.append(r) }
            return results
        }
        #expect(parallel.count == 4 * sizes.count)
        for (i, spectrum) in parallel { #expect(spectrum == serial[i]) }
    }
}
