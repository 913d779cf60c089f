import SamtalCore

/// Per-dimension mean and variance over frames, accumulated in `Double` (Welford's update, so
/// long streams stay exact enough), mergeable across chunks.
public struct FeatureStatistics: Sendable, Equatable {
    /// Features per frame.
    public let dimension: Int
    /// Frames accumulated.
    public private(set) var count: Int = 0
    /// Per-dimension mean (zeros while `count == 0`).
    public private(set) var mean: [Double]
    // Sum of squared deviations from the mean, per dimension.
    private var m2: [Double]

    /// Empty statistics for `dimension` features.
    public init(dimension: Int) {
        precondition(dimension >= 1)
        self.dimension = dimension
        mean = [Double](repeating: 0, count: dimension)
        m2 = [Double](repeating: 0, count: dimension)
    }

    /// Statistics of `frames` of `m` (all frames by default).
    public init(_ m: FeatureMatrix, frames: Range<Int>? = nil) {
        self.init(dimension: m.dimension)
        let range = frames ?? 0..<m.frameCount
        for f in range { m.withRow(f) { add($0) } }
    }

    /// Adds one frame of `dimension` values.
    public mutating func add(_ row: UnsafeBufferPointer<Float>) {
        precondition(row.count == dimension)
        count += 1
        let n = Double(count)
        for d in 0..<dimension {
            let x = Double(row[d])
            let delta = x - mean[d]
            mean[d] += delta / n
            m2[d] += delta * (x - mean[d])
        }
    }

    /// Adds the frames summarised by `other` (Chan et al.'s parallel update).
    public mutating func merge(_ other: FeatureStatistics) {
        precondition(other.dimension == dimension)
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let na = Double(count), nb = Double(other.count), n = na + nb
        for d in 0..<dimension {
            let delta = other.mean[d] - mean[d]
            mean[d] += delta * nb / n
            m2[d] += other.m2[d] + delta * delta * na * nb / n
        }
        count += other.count
    }

    /// Population variance per dimension (divides by `count`, as `numpy.var`); zeros while empty.
    public var variance: [Double] {
        count == 0 ? m2.map { _ in 0 } : m2.map { $0 / Double(count) }
    }

    /// Population standard deviation per dimension.
    public var standardDeviation: [Double] { variance.map { $0.squareRoot() } }
}

extension FeatureMatrix {
    /// Per-dimension statistics over all frames.
    public var statistics: FeatureStatistics { FeatureStatistics(self) }

    /// Cepstral mean normalisation: subtracts the per-dimension mean over all frames (or over
    /// `statistics` computed elsewhere, e.g. over the speech frames only).
    public mutating func subtractMean(_ statistics: FeatureStatistics? = nil) {
        let stats = statistics ?? self.statistics
        precondition(stats.dimension == dimension)
        let mean = stats.mean.map { Float($0) }
        let dim = dimension
        withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] -= mean[i % dim] }
        }
    }

    /// Mean and variance normalisation: `(x − mean) / max(std, floor)` per dimension.
    public mutating func normalizeMeanAndVariance(_ statistics: FeatureStatistics? = nil,
                                                  standardDeviationFloor: Double = 1e-8) {
        let stats = statistics ?? self.statistics
        precondition(stats.dimension == dimension)
        let mean = stats.mean.map { Float($0) }
        let scale = stats.standardDeviation.map { Float(1 / max($0, standardDeviationFloor)) }
        let dim = dimension
        withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = (v[i] - mean[i % dim]) * scale[i % dim] }
        }
    }
}
