import Foundation

/// The pure-DSP speaker embedding: mean and standard deviation of cepstral coefficients over the
/// speech frames of a window, then whitened per recording.
///
/// Long-term cepstral statistics describe the vocal tract and channel of a speaker (Reynolds 1995;
/// the i-vector's sufficient statistics start from the same zeroth and first moments). The
/// per-recording whitening (z-score per dimension over the recording's windows, then PCA keeping
/// `dimensions` components scaled to unit variance) makes cosine similarity weigh directions of
/// large between-window spread evenly; with several speakers most of that spread is speaker.
public struct CepstralStatisticsEmbedding: Sendable {
    /// Principal components kept.
    public var dimensions: Int
    /// Cepstral coefficients used, 0-based; c0 (loudness) is left out by default.
    public var coefficients: Range<Int>

    public init(dimensions: Int = 16, coefficients: Range<Int> = 1..<20) {
        self.dimensions = dimensions
        self.coefficients = coefficients
    }

    /// Raw (unwhitened) statistics: one vector of 2·|coefficients| per window.
    public func statistics(_ features: FrameFeatures, speech: [Bool], windows: [FrameWindow]) -> [[Float]] {
        let d = features.dimension
        let used = coefficients.clamped(to: 0..<d)
        var scratch: [Float] = []
        return windows.map { window in
            let end = min(window.end, features.frameCount)
            let frames = min(window.start, end)..<end
            let (sum, square, speechFrames) = features.cepstra.withFrames(frames, scratch: &scratch) { rows in
                var sum = [Double](repeating: 0, count: used.count)
                var square = [Double](repeating: 0, count: used.count)
                var n = 0.0
                for (i, t) in frames.enumerated() where speech[t] {
                    for (j, c) in used.enumerated() {
                        let x = Double(rows[i * d + c])
                        sum[j] += x
                        square[j] += x * x
                    }
                    n += 1
                }
                return (sum, square, n)
            }
            let n = max(speechFrames, 1)
            var vector = [Float]()
            vector.reserveCapacity(2 * used.count)
            for j in 0..<used.count { vector.append(Float(sum[j] / n)) }
            for j in 0..<used.count {
                let m = sum[j] / n
                vector.append(Float(max(0, square[j] / n - m * m).squareRoot()))
            }
            return vector
        }
    }

    /// Whitened embeddings for the windows of one recording.
    public func embed(_ features: FrameFeatures, speech: [Bool], windows: [FrameWindow]) -> [[Float]] {
        Self.whiten(statistics(features, speech: speech, windows: windows), dimensions: dimensions)
    }

    /// z-score per dimension, then PCA whitening to at most `dimensions` components.
    public static func whiten(_ vectors: [[Float]], dimensions: Int) -> [[Float]] {
        let n = vectors.count
        guard n >= 3, let d = vectors.first?.count, d > 0 else { return vectors }
        var mean = [Double](repeating: 0, count: d)
        for v in vectors { for j in 0..<d { mean[j] += Double(v[j]) } }
        for j in 0..<d { mean[j] /= Double(n) }
        var scale = [Double](repeating: 0, count: d)
        for v in vectors { for j in 0..<d { let x = Double(v[j]) - mean[j]; scale[j] += x * x } }
        for j in 0..<d { scale[j] = 1 / max(1e-9, (scale[j] / Double(n)).squareRoot()) }
        let z = vectors.map { v in (0..<d).map { j in (Double(v[j]) - mean[j]) * scale[j] } }
        var covariance = [Double](repeating: 0, count: d * d)
        for v in z {
            for i in 0..<d { for j in i..<d { covariance[i * d + j] += v[i] * v[j] } }
        }
        for i in 0..<d {
            for j in i..<d {
                covariance[i * d + j] /= Double(n)
                covariance[j * d + i] = covariance[i * d + j]
            }
        }
        let eigen = SymmetricEigen(covariance, dimension: d)
        let k = max(1, min(dimensions, d, n - 1))
        return z.map { v in
            (0..<k).map { c in
                var s = 0.0
                for j in 0..<d { s += eigen.vectors[c][j] * v[j] }
                return Float(s / max(1e-9, eigen.values[c]).squareRoot())
            }
        }
    }
}
