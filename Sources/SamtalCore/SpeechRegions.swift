/// Regions of speech in a recording, sorted and non-overlapping.
public struct SpeechRegions: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// Sample rate the spans refer to.
    public var sampleRate: Int
    /// Total samples in the analysed audio (so trailing silence is known).
    public var totalSamples: Int
    /// Speech spans, sorted by start, non-overlapping.
    public var spans: [SampleSpan]

    public init(sampleRate: Int, totalSamples: Int, spans: [SampleSpan]) {
        self.sampleRate = sampleRate
        self.totalSamples = totalSamples
        self.spans = spans
    }

    /// Total speech in samples.
    public var speechSamples: Int { spans.reduce(0) { $0 + $1.count } }
}
