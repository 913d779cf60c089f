import Foundation

/// A Gaussian mixture with diagonal covariances, trained by EM: the speaker model of the
/// frame-level resegmentation (Reynolds & Rose 1995 used the same form for speaker ID).
struct DiagonalGMM: Sendable {
    let dimension: Int
    var weights: [Double]
    /// components × dimension
    var means: [Double]
    /// components × dimension (variances, floored)
    var variances: [Double]
    /// Per-component constant: log w − ½ Σ log(2π σ²).
    private var constants: [Double] = []
    /// 1 / σ², components × dimension, as Float for the scoring loop.
    private var precisions: [Float] = []
    private var meansF: [Float] = []

    var components: Int { weights.count }

    /// Fits `components` Gaussians to the rows `frames` of `data` (rows of `dimension` floats).
    /// Initialisation is deterministic: means at evenly spaced frames, then `iterations` EM steps.
    init(data: [Float], dimension: Int, frames: [Int], components requested: Int, iterations: Int,
         varianceFloor: [Double]) {
        self.dimension = dimension
        let n = frames.count
        let k = max(1, min(requested, n / (2 * dimension)))
        weights = [Double](repeating: 1 / Double(k), count: k)
        means = [Double](repeating: 0, count: k * dimension)
        variances = [Double](repeating: 1, count: k * dimension)
        // Global mean and variance as the start for every component.
        var mean = [Double](repeating: 0, count: dimension)
        var square = [Double](repeating: 0, count: dimension)
        for t in frames {
            for d in 0..<dimension {
                let x = Double(data[t * dimension + d])
                mean[d] += x
                square[d] += x * x
            }
        }
        let count = Double(max(1, n))
        for d in 0..<dimension {
            mean[d] /= count
            let v = max(square[d] / count - mean[d] * mean[d], varianceFloor[d])
            for c in 0..<k {
                variances[c * dimension + d] = v
            }
        }
        for c in 0..<k {
            let t = n > 0 ? frames[(c * n) / k + n / (2 * k)] : 0
            for d in 0..<dimension {
                means[c * dimension + d] = n > 0 ? Double(data[t * dimension + d]) : mean[d]
            }
        }
        if k == 1 { for d in 0..<dimension { means[d] = mean[d] } }
        prepare()
        var responsibilities = [Double](repeating: 0, count: k)
        for _ in 0..<(k == 1 ? 0 : iterations) {
            var nk = [Double](repeating: 0, count: k)
            var sum = [Double](repeating: 0, count: k * dimension)
            var sumSquares = [Double](repeating: 0, count: k * dimension)
            for t in frames {
                data.withUnsafeBufferPointer { p in
                    let row = UnsafeBufferPointer(rebasing: p[(t * dimension)..<((t + 1) * dimension)])
                    componentLogLikelihoods(row, into: &responsibilities)
                }
                let top = responsibilities.max()!
                var total = 0.0
                for c in 0..<k {
                    responsibilities[c] = exp(responsibilities[c] - top)
                    total += responsibilities[c]
                }
                for c in 0..<k {
                    let r = responsibilities[c] / total
                    if r < 1e-6 { continue }
                    nk[c] += r
                    for d in 0..<dimension {
                        let x = Double(data[t * dimension + d])
                        sum[c * dimension + d] += r * x
                        sumSquares[c * dimension + d] += r * x * x
                    }
                }
            }
            for c in 0..<k where nk[c] > 1 {
                weights[c] = nk[c] / count
                for d in 0..<dimension {
                    let m = sum[c * dimension + d] / nk[c]
                    means[c * dimension + d] = m
                    variances[c * dimension + d] = max(
                        sumSquares[c * dimension + d] / nk[c] - m * m, varianceFloor[d])
                }
            }
            let totalWeight = weights.reduce(0, +)
            for c in 0..<k { weights[c] /= totalWeight }
            prepare()
        }
    }

    private mutating func prepare() {
        let k = components
        constants = (0..<k).map { c in
            var s = log(max(weights[c], 1e-12))
            for d in 0..<dimension { s -= 0.5 * log(2 * Double.pi * variances[c * dimension + d]) }
            return s
        }
        precisions = variances.map { Float(1 / $0) }
        meansF = means.map(Float.init)
    }

    /// log(w_c · N(x; μ_c, Σ_c)) for every component.
    func componentLogLikelihoods(_ x: UnsafeBufferPointer<Float>, into out: inout [Double]) {
        for c in 0..<components {
            var q: Float = 0
            let base = c * dimension
            for d in 0..<dimension {
                let diff = x[d] - meansF[base + d]
                q += diff * diff * precisions[base + d]
            }
            out[c] = constants[c] - 0.5 * Double(q)
        }
    }

    /// log p(x) under the mixture.
    func logLikelihood(_ x: UnsafeBufferPointer<Float>, scratch: inout [Double]) -> Double {
        componentLogLikelihoods(x, into: &scratch)
        var top = -Double.infinity
        for c in 0..<components where scratch[c] > top { top = scratch[c] }
        var total = 0.0
        for c in 0..<components { total += exp(scratch[c] - top) }
        return top + log(total)
    }
}
