import SamtalCore

/// Time derivatives of features (Δ, ΔΔ) along the frame axis.
///
/// Two methods:
/// - ``Method/savitzkyGolay`` is `librosa.feature.delta(data, width, order, mode='interp')`:
///   a Savitzky–Golay filter of polynomial order `order` differentiated `order` times. For
///   order 1 that is the least-squares slope over `width` frames,
///   `Δ_t = Σ_{n=−N}^{N} n·c_{t+n} / Σ n²` (`N = width / 2`); for order 2 it is twice the
///   quadratic coefficient, `ΔΔ_t = 2·Σ (n² − m)·c_{t+n} / Σ (n² − m)²` with `m = mean(n²)`.
///   `mode='interp'` fits the polynomial to the first (last) `width` frames for the first (last)
///   `N` frames; the `order`-th derivative of an order-`order` polynomial is constant, so those
///   frames get the value of frame `N` (`T − 1 − N`). Needs at least `width` frames, as librosa.
/// - ``Method/regression`` is HTK's regression formula with the edge frames repeated:
///   `Δ_t = Σ_{n=1}^{N} n·(c_{t+n} − c_{t−n}) / (2 Σ_{n=1}^{N} n²)`, `c_{t}` clamped to
///   `c_0 … c_{T−1}`; order 2 applies it to the deltas again (HTK's and Kaldi's ΔΔ). Works on
///   any number of frames.
///
/// In the interior both give the same order-1 deltas.
public struct Deltas: Sendable, Equatable {
    /// The method, see ``Deltas``.
    public enum Method: String, Sendable, Codable {
        case savitzkyGolay
        case regression
    }

    /// Frames in the window, odd and ≥ 3 (librosa's default 9; HTK often uses 5).
    public var width: Int
    /// 1 for Δ, 2 for ΔΔ.
    public var order: Int
    public var method: Method

    public init(width: Int = 9, order: Int = 1, method: Method = .savitzkyGolay) {
        self.width = width
        self.order = order
        self.method = method
    }

    /// The `order`-th deltas of `features` (same shape). Throws `invalidArgument` for an even or
    /// too small width, an order other than 1 or 2, or (Savitzky–Golay) fewer frames than
    /// `width`.
    public func run(_ features: FeatureMatrix) throws -> FeatureMatrix {
        guard width >= 3, width % 2 == 1 else {
            throw SamtalError(.invalidArgument, "delta width \(width) must be odd and ≥ 3")
        }
        guard order == 1 || order == 2 else {
            throw SamtalError(.invalidArgument, "delta order \(order) must be 1 or 2")
        }
        let half = width / 2
        switch method {
        case .regression:
            let once = Self.filter(features, weights: Self.regressionWeights(half: half), clampCentre: false)
            return order == 1 ? once : Self.filter(once, weights: Self.regressionWeights(half: half),
                                                   clampCentre: false)
        case .savitzkyGolay:
            guard features.frameCount >= width else {
                throw SamtalError(.invalidArgument,
                                  "Savitzky–Golay deltas of width \(width) need at least \(width) "
                                      + "frames, got \(features.frameCount)",
                                  hint: "use a smaller width or the regression method")
            }
            let ns = (-half...half).map { Double($0) }
            let weights: [Double]
            if order == 1 {
                let denom = ns.reduce(0) { $0 + $1 * $1 }
                weights = ns.map { $0 / denom }
            } else {
                let m = ns.reduce(0) { $0 + $1 * $1 } / Double(width)
                let denom = ns.reduce(0) { $0 + ($1 * $1 - m) * ($1 * $1 - m) }
                weights = ns.map { 2 * ($0 * $0 - m) / denom }
            }
            return Self.filter(features, weights: weights, clampCentre: true)
        }
    }

    // Weights n / (2 Σ n²) for n = −N…N (the regression formula as one FIR filter).
    private static func regressionWeights(half: Int) -> [Double] {
        let denom = 2 * (1...half).reduce(0.0) { $0 + Double($1 * $1) }
        return (-half...half).map { Double($0) / denom }
    }

    // out_t = Σ_j weights[j] · in_{t + j − N}, accumulated in Double. `clampCentre`: frames
    // whose window would leave the signal take the output at the nearest frame whose window
    // fits (Savitzky–Golay `interp`); otherwise input indices are clamped (edge replication).
    private static func filter(_ m: FeatureMatrix, weights: [Double], clampCentre: Bool) -> FeatureMatrix {
        let frames = m.frameCount, dim = m.dimension, half = weights.count / 2
        var out = FeatureMatrix(dimension: dim, values: [Float](repeating: 0, count: frames * dim))
        guard frames > 0 else { return out }
        var acc = [Double](repeating: 0, count: dim)
        m.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for t in 0..<frames {
                    let centre = clampCentre ? min(max(t, half), frames - 1 - half) : t
                    for d in 0..<dim { acc[d] = 0 }
                    for (j, w) in weights.enumerated() where w != 0 {
                        let s = min(max(centre + j - half, 0), frames - 1)
                        for d in 0..<dim { acc[d] += w * Double(src[s * dim + d]) }
                    }
                    for d in 0..<dim { dst[t * dim + d] = Float(acc[d]) }
                }
            }
        }
        return out
    }
}
