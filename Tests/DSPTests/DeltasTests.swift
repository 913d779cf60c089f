import DSP
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@Suite("Deltas")
struct DeltasTests {
    static func randomMatrix(frames: Int, dimension: Int, seed: UInt64) -> FeatureMatrix {
        FeatureMatrix(dimension: dimension, values: Signals.noise(count: frames * dimension, amplitude: 10, seed: seed))
    }

    // Least-squares polynomial fit of degree `degree` to (t, y) in Double by the normal
    // equations, returning the `degree`-th derivative (constant): degree! · leading coefficient.
    static func fittedDerivative(_ ts: [Double], _ ys: [Double], degree: Int) -> Double {
        let m = degree + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
        for (t, y) in zip(ts, ys) {
            for r in 0..<m {
                for c in 0..<m { a[r][c] += pow(t, Double(r + c)) }
                a[r][m] += pow(t, Double(r)) * y
            }
        }
        for p in 0..<m {  // Gauss-Jordan with partial pivoting
            let pivot = (p..<m).max { abs(a[$0][p]) < abs(a[$1][p]) }!
            a.swapAt(p, pivot)
            for r in 0..<m where r != p {
                let f = a[r][p] / a[p][p]
                for c in p...m { a[r][c] -= f * a[p][c] }
            }
        }
        let leading = a[degree][m] / a[degree][degree]
        return leading * (degree == 1 ? 1 : 2)
    }

    // librosa.feature.delta(mode='interp') is savgol_filter(polyorder=order, deriv=order):
    // fit the polynomial to the window around t (or the first/last `width` frames at the
    // edges) and take its order-th derivative.
    @Test(arguments: [(9, 1), (9, 2), (5, 1), (5, 2), (3, 1)])
    func savitzkyGolayMatchesPolynomialFits(width: Int, order: Int) throws {
        let m = Self.randomMatrix(frames: 23, dimension: 3, seed: UInt64(width * 10 + order))
        let d = try Deltas(width: width, order: order).run(m)
        let half = width / 2
        for t in 0..<m.frameCount {
            let start = min(max(t - half, 0), m.frameCount - width)
            let ts = (start ..< start + width).map { Double($0) }
            for dim in 0..<3 {
                let ys = (start ..< start + width).map { Double(m[$0, dim]) }
                let want = Self.fittedDerivative(ts.map { $0 - Double(t) }, ys, degree: order)
                #expect(abs(Double(d[t, dim]) - want) < 1e-4, "t \(t) dim \(dim)")
            }
        }
    }

    @Test func regressionMatchesHTKFormula() throws {
        let m = Self.randomMatrix(frames: 12, dimension: 2, seed: 9)
        let n = 2
        func c(_ t: Int, _ dim: Int, _ src: FeatureMatrix) -> Double {
            Double(src[min(max(t, 0), src.frameCount - 1), dim])
        }
        func htk(_ src: FeatureMatrix) -> [[Double]] {
            (0..<src.frameCount).map { t in
                (0..<src.dimension).map { dim in
                    (1...n).reduce(0.0) { $0 + Double($1) * (c(t + $1, dim, src) - c(t - $1, dim, src)) } / 10
                }
            }
        }
        let d1 = try Deltas(width: 5, order: 1, method: .regression).run(m)
        let want1 = htk(m)
        #expect(Reference.maxAbsDifference(d1.values, want1.joined()) < 1e-5)
        let d2 = try Deltas(width: 5, order: 2, method: .regression).run(m)
        let want2 = htk(FeatureMatrix(rows: want1.map { $0.map(Float.init) }))
        #expect(Reference.maxAbsDifference(d2.values, want2.joined()) < 1e-5)
    }

    @Test func linearRampHasConstantSlope() throws {
        let m = FeatureMatrix(dimension: 1, values: (0..<20).map { Float(3 * $0) })
        for method in [Deltas.Method.savitzkyGolay, .regression] {
            let d = try Deltas(width: 9, order: 1, method: method).run(m)
            // Regression replicates edges, so its first and last 4 frames see a flattened ramp.
            let inner = method == .regression ? 4..<16 : 0..<20
            #expect(inner.allSatisfy { abs(d[$0, 0] - 3) < 1e-5 })
        }
    }

    @Test func invalidSettingsAreRejected() {
        let m = Self.randomMatrix(frames: 5, dimension: 2, seed: 1)
        for deltas in [Deltas(width: 4), Deltas(width: 1), Deltas(order: 3), Deltas(width: 9)] {
            #expect { try deltas.run(m) } throws: { ($0 as? SamtalError)?.code == .invalidArgument }
        }
        #expect(throws: Never.self) { try Deltas(width: 9, method: .regression).run(m) }
    }
}
