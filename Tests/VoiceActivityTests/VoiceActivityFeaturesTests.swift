import DSP
import Foundation
import SamtalTestSupport
import Testing
@testable import VoiceActivity

/// The streaming feature computation against a direct whole-signal implementation of the
/// definitions in ``VoiceActivityFeatures`` (written independently, with plain nested loops).
@Suite("VoiceActivityFeatures")
struct VoiceActivityFeaturesTests {
    /// A signal long enough (45 s) that a stream with 5 s chunks slides its buffer several times.
    static let signal: [Float] = {
        var rng = SplitMix64(seed: 11)
        var x = [Float](repeating: 0, count: 16_000 * 45)
        for i in x.indices {
            // Noise whose level steps every 1.3 s, plus a tone every other 0.7 s.
            let level: Float = [0.001, 0.03, 0.2, 0.005][(i / 20_800) % 4]
            x[i] = level * (2 * Float(rng.nextUnit()) - 1)
            if (i / 11_200) % 2 == 1 { x[i] += 0.1 * Float(sin(Double(i) * 0.09)) }
        }
        return x
    }()

    func streamed(_ x: [Float], blockSize: Int) -> [[Float]] {
        let frontEnd = VoiceActivityFrontEnd(features: VoiceActivityFeatures(chunkFrames: 500))
        var out: [[Float]] = []
        var expected = 0
        let body: (Int, UnsafeBufferPointer<Float>) -> Void = { t, v in
            #expect(t == expected)
            expected += 1
            out.append(Array(v))
        }
        x.withUnsafeBufferPointer { all in
            var i = 0
            while i < all.count {
                let n = min(blockSize, all.count - i)
                frontEnd.process(UnsafeBufferPointer(rebasing: all[i..<i + n]), body)
                i += n
            }
        }
        frontEnd.finish(body)
        return out
    }

    /// Direct computation over the whole log-mel matrix.
    func reference(_ x: [Float]) -> [[Float]] {
        let m = VoiceActivityFrontEnd.logMel.run(x)
        let n = m.frameCount, b = 40
        func L(_ t: Int, _ k: Int) -> Double { Double(m[t, k]) }
        func window(_ t: Int, _ r: Int) -> ClosedRange<Int> { max(0, t - r)...min(n - 1, t + r) }
        var S = [[Double]](repeating: [Double](repeating: 0, count: b), count: n)
        for t in 0..<n {
            for k in 0..<b {
                let w = window(t, 2)
                S[t][k] = w.map { L($0, k) }.reduce(0, +) / Double(w.count)
            }
        }
        // Per-block minima of S per band and maxima of its band mean, then windows of blocks.
        let blocks = (n + 9) / 10
        var blockMin = [[Double]](repeating: [Double](repeating: .infinity, count: b), count: blocks)
        var blockMax = [Double](repeating: -.infinity, count: blocks)
        for t in 0..<n {
            var sum = 0.0
            for k in 0..<b {
                blockMin[t / 10][k] = min(blockMin[t / 10][k], S[t][k])
                sum += S[t][k]
            }
            blockMax[t / 10] = max(blockMax[t / 10], sum / Double(b))
        }
        var F = S
        var P = [Double](repeating: 0, count: n)
        for t in 0..<n {
            let blk = t / 10
            for k in 0..<b {
                var lo = Double.infinity
                for j in max(0, blk - 10)...min(blocks - 1, blk + 10) { lo = min(lo, blockMin[j][k]) }
                F[t][k] = lo
            }
            var hi = -Double.infinity
            for j in max(0, blk - 30)...min(blocks - 1, blk + 30) { hi = max(hi, blockMax[j]) }
            P[t] = hi
        }
        let D = (0..<n).map { t in (0..<b).map { k in L(t, k) - F[t][k] } }
        let level = (0..<n).map { t in (0..<b).map { L(t, $0) }.reduce(0, +) / Double(b) }
        let flux0 = (0..<n).map { t in
            t == 0 ? 0 : (0..<b).map { abs(L(t, $0) - L(t - 1, $0)) }.reduce(0, +) / Double(b)
        }
        func mean(_ f: (Int) -> Double, _ t: Int, _ r: Int) -> Double {
            let w = window(t, r)
            return w.map(f).reduce(0, +) / Double(w.count)
        }
        return (0..<n).map { t in
            var row: [Double] = D[t]
            row += (0..<b).map { k in mean({ D[$0][k] }, t, 4) }
            row += (0..<b).map { k in mean({ D[$0][k] }, t, 15) }
            row.append(level[t])
            row.append(mean({ flux0[$0] }, t, 4))
            row.append(level[t] - P[t])
            row.append(mean({ level[$0] - P[$0] }, t, 4))
            row.append(P[t] - F[t].reduce(0, +) / Double(b))
            return row.map { Float($0) }
        }
    }

    @Test func streamEqualsTheDirectComputation() {
        let x = Array(Self.signal.prefix(16_000 * 16))
        let got = streamed(x, blockSize: 4_096)
        let want = reference(x)
        #expect(got.count == want.count)
        var worst: Float = 0
        for (g, w) in zip(got, want) {
            #expect(g.count == VoiceActivityFeatures.dimension)
            for (a, b) in zip(g, w) { worst = max(worst, abs(a - b)) }
        }
        // Float against Double sums of dB values around ±100.
        #expect(worst < 2e-3, "largest difference \(worst)")
    }

    @Test(arguments: [7, 999, 65_536])
    func blockSizeDoesNotChangeTheResult(blockSize: Int) {
        let x = Self.signal
        let base = streamed(x, blockSize: 16_000)
        // The default chunking gives the same numbers as the small test chunks.
        let standard = VoiceActivityFrontEnd()
        var whole: [[Float]] = []
        x.withUnsafeBufferPointer { standard.process($0) { whole.append(Array($1)) } }
        standard.finish { whole.append(Array($1)) }
        #expect(whole == base)
        let other = streamed(x, blockSize: blockSize)
        #expect(base == other)
        #expect(base.count == 1 + (x.count - 400) / 160)
    }

    @Test func shortInputGivesNoFrames() {
        #expect(streamed([Float](repeating: 0.1, count: 399), blockSize: 100).isEmpty)
        #expect(streamed([Float](repeating: 0.1, count: 400), blockSize: 100).count == 1)
    }
}
