import CBLAS
import Foundation

/// Is there more cluster structure in a set of embeddings than in structureless data of the
/// same size and spread? The gap-statistic idea (Tibshirani, Walther & Hastie 2001) with the
/// silhouette as the measure of structure.
///
/// Reference sets are random Gaussian mixtures of the centred rows (row i of the reference is
/// Σⱼ zᵢⱼ·xⱼ/√n with zᵢⱼ ~ N(0, 1)): they have the data's covariance but no clusters. Each is
/// clustered exactly as the data was (`partitionScore`), and the data's best silhouette is
/// compared with the references' mean. Small samples get high silhouettes by chance; so do their
/// references, which is what makes the comparison fair for short recordings too. Deterministic:
/// the generator is seeded.
struct ClusterStructureTest: Sendable {
    var draws: Int
    var seed: UInt64

    /// Mean best silhouette over `draws` structureless references shaped like `vectors` (rows of
    /// equal length). `partitionScore` clusters L2-normalised rows and returns the best
    /// silhouette over the candidate counts (nil when no partition has two clusters).
    func referenceSilhouette(_ vectors: [[Float]], partitionScore: ([[Float]]) -> Double?) -> Double? {
        let n = vectors.count
        guard n >= 3, let d = vectors.first?.count, d > 0 else { return nil }
        // Centred rows, n × d row-major.
        var centred = [Float](repeating: 0, count: n * d)
        var mean = [Float](repeating: 0, count: d)
        for v in vectors { for j in 0..<d { mean[j] += v[j] / Float(n) } }
        for (i, v) in vectors.enumerated() { for j in 0..<d { centred[i * d + j] = v[j] - mean[j] } }
        var generator = Gaussian(seed: seed)
        var scores: [Double] = []
        for _ in 0..<max(1, draws) {
            let mixing = (0..<(n * n)).map { _ in generator.next() / Float(n).squareRoot() }
            var reference = [Float](repeating: 0, count: n * d)
            mixing.withUnsafeBufferPointer { z in
                centred.withUnsafeBufferPointer { x in
                    reference.withUnsafeMutableBufferPointer { y in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(d), Int32(n),
                                    1, z.baseAddress, Int32(n), x.baseAddress, Int32(d), 0, y.baseAddress, Int32(d))
                    }
                }
            }
            let rows = (0..<n).map { SpeakerDiarizer.l2Normalised(Array(reference[(($0) * d)..<(($0 + 1) * d)])) }
            if let score = partitionScore(rows) { scores.append(score) }
        }
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    /// Standard normal deviates from SplitMix64 and the Box–Muller transform.
    struct Gaussian {
        var state: UInt64
        var spare: Float?

        init(seed: UInt64) { state = seed }

        mutating func nextUInt64() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func next() -> Float {
            if let spare {
                self.spare = nil
                return spare
            }
            // Uniform in (0, 1]: 53 random bits.
            let u = Double((nextUInt64() >> 11) + 1) / Double(UInt64(1) << 53)
            let v = Double(nextUInt64() >> 11) / Double(UInt64(1) << 53)
            let r = (-2 * log(u)).squareRoot()
            spare = Float(r * sin(2 * Double.pi * v))
            return Float(r * cos(2 * Double.pi * v))
        }
    }
}
