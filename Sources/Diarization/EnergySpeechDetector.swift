/// A fallback speech detector on frame loudness, for when no `SpeechRegions` are given.
///
/// The threshold adapts to the recording: `marginDecibels` above the noise floor (the
/// `floorPercentile` of frame loudness), but never more than `dynamicRangeDecibels` below the
/// loud speech level (the 95th percentile). Hysteresis-free: decisions are smoothed by closing
/// pauses shorter than `minimumSilenceSeconds` and dropping bursts shorter than
/// `minimumSpeechSeconds`.
public struct EnergySpeechDetector: Sendable {
    public var floorPercentile: Double = 0.1
    public var marginDecibels: Float = 9
    public var dynamicRangeDecibels: Float = 30
    public var minimumSpeechSeconds: Double = 0.25
    public var minimumSilenceSeconds: Double = 0.25

    public init() {}

    /// Per-frame speech decisions from per-frame loudness in dB at `framesPerSecond`.
    public func run(loudness: [Float], framesPerSecond: Double) -> [Bool] {
        guard !loudness.isEmpty else { return [] }
        let sorted = loudness.sorted()
        func percentile(_ p: Double) -> Float { sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))] }
        let floor = percentile(floorPercentile)
        let loud = percentile(0.95)
        if loud - floor < 6 { return [Bool](repeating: false, count: loudness.count) }  // no contrast: no speech
        let threshold = max(floor + marginDecibels, loud - dynamicRangeDecibels)
        var speech = loudness.map { $0 > threshold }
        let minSilence = Int((minimumSilenceSeconds * framesPerSecond).rounded())
        let minSpeech = Int((minimumSpeechSeconds * framesPerSecond).rounded())
        Self.fill(&speech, value: false, shorterThan: minSilence, interiorOnly: true)
        Self.fill(&speech, value: true, shorterThan: minSpeech, interiorOnly: false)
        return speech
    }

    /// Flips runs of `value` shorter than `length` frames (only those between opposite runs when
    /// `interiorOnly`).
    static func fill(_ mask: inout [Bool], value: Bool, shorterThan length: Int, interiorOnly: Bool) {
        var t = 0
        while t < mask.count {
            guard mask[t] == value else { t += 1; continue }
            var end = t
            while end < mask.count && mask[end] == value { end += 1 }
            let interior = t > 0 && end < mask.count
            if end - t < length && (interior || !interiorOnly) {
                for i in t..<end { mask[i] = !value }
            }
            t = end
        }
    }
}
