/// A half-open range of sample indices, `start..<end`, at some sample rate held by its owner.
///
/// Stages pass time as integer sample indices; seconds appear only at the edges (file formats and
/// reports). This keeps frame arithmetic exact and outputs byte-identical across runs.
public struct SampleSpan: Sendable, Hashable, Codable, Comparable {
    /// First sample in the span.
    public var start: Int
    /// One past the last sample in the span.
    public var end: Int

    /// Creates a span; `end` is clamped so that the span is never negative.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// Number of samples in the span.
    public var count: Int { end - start }

    /// Whether the span holds no samples.
    public var isEmpty: Bool { end <= start }

    /// Number of samples shared with `other`.
    public func overlap(with other: SampleSpan) -> Int {
        max(0, min(end, other.end) - max(start, other.start))
    }

    /// Start and end in seconds at `sampleRate`.
    public func seconds(at sampleRate: Int) -> (start: Double, end: Double) {
        (Double(start) / Double(sampleRate), Double(end) / Double(sampleRate))
    }

    /// The span covering `[startSeconds, endSeconds)` at `sampleRate`, rounded to the nearest sample.
    public static func seconds(_ startSeconds: Double, _ endSeconds: Double, sampleRate: Int) -> SampleSpan {
        SampleSpan(
            start: Int((startSeconds * Double(sampleRate)).rounded()),
            end: Int((endSeconds * Double(sampleRate)).rounded()))
    }

    public static func < (lhs: SampleSpan, rhs: SampleSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
