/// A sparse feature vector: strictly increasing feature indices with their values.
///
/// Built once per example and reused across every label of a `LinearModel`; the dot product walks
/// only the non-zero entries.
public struct SparseVector: Sendable, Equatable, Codable {
    /// Feature indices, strictly increasing.
    public private(set) var indices: [Int32]
    /// Values, parallel to `indices`.
    public private(set) var values: [Float]

    public init() {
        indices = []
        values = []
    }

    /// A vector from `(index, value)` pairs in any order; repeated indices are summed and zeros
    /// dropped.
    public init<S: Sequence>(pairs: S) where S.Element == (Int32, Float) {
        let pairs = Array(pairs)
        // Sorted by index, ties in their original order: sort (index, position) packed into
        // one integer, which is faster than a stable sort of tuples by a closure. Flipping the
        // sign bit keeps negative indices first, as in signed order.
        var order = pairs.indices.map {
            UInt64(UInt32(bitPattern: pairs[$0].0) ^ 0x8000_0000) << 32 | UInt64($0)
        }
        order.sort()
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for packed in order {
            let (i, v) = pairs[Int(packed & 0xFFFF_FFFF)]
            if let last = indices.last, last == i {
                values[values.count - 1] += v
            } else {
                indices.append(i)
                values.append(v)
            }
        }
        var keep = 0
        for k in indices.indices where values[k] != 0 {
            indices[keep] = indices[k]
            values[keep] = values[k]
            keep += 1
        }
        indices.removeLast(indices.count - keep)
        values.removeLast(values.count - keep)
        self.indices = indices
        self.values = values
    }

    /// Number of stored (non-zero) entries.
    public var count: Int { indices.count }

    /// The largest index plus one, or 0 for the empty vector.
    public var minimumDimension: Int { indices.last.map { Int($0) + 1 } ?? 0 }

    /// `self · w` for a dense weight vector `w` (indices beyond `w` count as zero).
    @inlinable
    public func dot(_ w: [Double]) -> Double {
        var s = 0.0
        w.withUnsafeBufferPointer { wp in
            for k in 0..<indices.count {
                let i = Int(indices[k])
                if i < wp.count { s += Double(values[k]) * wp[i] }
            }
        }
        return s
    }

    /// Scales every value by `factor` (e.g. L2 normalisation).
    public mutating func scale(by factor: Float) {
        for k in values.indices { values[k] *= factor }
    }

    /// The Euclidean norm.
    public var norm: Float {
        var s: Float = 0
        for v in values { s += v * v }
        return s.squareRoot()
    }
}
