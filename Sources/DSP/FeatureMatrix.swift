/// A matrix of per-frame features: `frameCount × dimension`, row-major, one contiguous `[Float]`.
///
/// Row `i` holds the features of frame `i` (for centred framing: the frame centred on sample
/// `i · hopLength`; for streaming framing: the frame starting at sample `i · hopLength`, see
/// ``Framing``). This is the layout every stage of samtal exchanges features in.
public struct FeatureMatrix: Sendable, Equatable, Codable {
    /// Features per frame (columns). At least 1.
    public let dimension: Int
    /// All values, `frameCount × dimension`, row-major.
    public private(set) var values: [Float]

    /// An empty matrix with room for `frameCapacity` rows.
    public init(dimension: Int, frameCapacity: Int = 0) {
        precondition(dimension >= 1, "FeatureMatrix needs a dimension of at least 1")
        self.dimension = dimension
        values = []
        values.reserveCapacity(frameCapacity * dimension)
    }

    /// A matrix from row-major `values`; `values.count` must be a multiple of `dimension`.
    public init(dimension: Int, values: [Float]) {
        precondition(dimension >= 1, "FeatureMatrix needs a dimension of at least 1")
        precondition(values.count % dimension == 0,
                     "\(values.count) values do not fill rows of \(dimension)")
        self.dimension = dimension
        self.values = values
    }

    /// A matrix from rows of equal length (convenient in tests).
    public init(rows: [[Float]]) {
        precondition(!rows.isEmpty, "FeatureMatrix(rows:) needs at least one row")
        self.init(dimension: rows[0].count, values: rows.flatMap { row in
            precondition(row.count == rows[0].count, "rows of unequal length")
            return row
        })
    }

    /// Number of frames (rows).
    public var frameCount: Int { values.count / dimension }

    /// The value of frame `frame`, feature `index`.
    public subscript(frame: Int, index: Int) -> Float {
        get { values[frame * dimension + index] }
        set { values[frame * dimension + index] = newValue }
    }

    /// A copy of row `frame`.
    public func row(_ frame: Int) -> [Float] {
        Array(values[frame * dimension ..< (frame + 1) * dimension])
    }

    /// A copy of column `index` (one feature over all frames).
    public func column(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < dimension)
        return (0..<frameCount).map { values[$0 * dimension + index] }
    }

    /// Calls `body` with row `frame` in place (no copy).
    public func withRow<R>(_ frame: Int,
                           _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(frame >= 0 && frame < frameCount, "frame \(frame) out of 0..<\(frameCount)")
        return try values.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[frame * dimension ..< (frame + 1) * dimension]))
        }
    }

    /// Calls `body` with all values (`frameCount × dimension`, row-major).
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with all values for in-place changes (the shape cannot change).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Appends one frame; `row.count` must equal `dimension`.
    public mutating func append(row: UnsafeBufferPointer<Float>) {
        precondition(row.count == dimension, "row of \(row.count) values, dimension \(dimension)")
        values.append(contentsOf: row)
    }

    /// Appends one frame; `row.count` must equal `dimension`.
    public mutating func append(row: [Float]) {
        row.withUnsafeBufferPointer { append(row: $0) }
    }

    /// Appends all frames of `other`, which must have the same dimension.
    public mutating func append(contentsOf other: FeatureMatrix) {
        precondition(other.dimension == dimension, "dimension \(other.dimension) ≠ \(dimension)")
        values.append(contentsOf: other.values)
    }

    /// Reserves room for `frames` rows in total.
    public mutating func reserveCapacity(frames: Int) {
        values.reserveCapacity(frames * dimension)
    }

    /// Rows `frames` as a new matrix.
    public func rows(_ frames: Range<Int>) -> FeatureMatrix {
        FeatureMatrix(dimension: dimension,
                      values: Array(values[frames.lowerBound * dimension ..< frames.upperBound * dimension]))
    }

    /// Matrices with the same frame count side by side: row `i` of the result is row `i` of
    /// each part, concatenated (e.g. `[mfcc, Δ, ΔΔ]` → 60 columns).
    public static func concatenatingColumns(_ parts: [FeatureMatrix]) -> FeatureMatrix {
        precondition(!parts.isEmpty, "nothing to concatenate")
        let frames = parts[0].frameCount
        precondition(parts.allSatisfy { $0.frameCount == frames }, "frame counts differ")
        let dimension = parts.reduce(0) { $0 + $1.dimension }
        var result = FeatureMatrix(dimension: dimension, frameCapacity: frames)
        result.values.reserveCapacity(frames * dimension)
        for i in 0..<frames {
            for part in parts {
                result.values.append(contentsOf: part.values[i * part.dimension ..< (i + 1) * part.dimension])
            }
        }
        return result
    }
}
