/// One speaker speaking over one span of samples.
public struct SpeakerTurn: Sendable, Hashable, Codable {
    public var span: SampleSpan
    /// Speaker label: an anonymous cluster (`SPEAKER_00`) or a name.
    public var speaker: String

    public init(span: SampleSpan, speaker: String) {
        self.span = span
        self.speaker = speaker
    }
}

/// Who spoke when. Both views are kept: `overlapping` may have several speakers at once,
/// `exclusive` has at most one speaker at any sample (alignment of transcripts needs it).
public struct SpeakerTurns: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var sampleRate: Int
    public var totalSamples: Int
    /// Turns sorted by start; may overlap.
    public var overlapping: [SpeakerTurn]
    /// Turns sorted by start; never overlap.
    public var exclusive: [SpeakerTurn]

    public init(sampleRate: Int, totalSamples: Int, overlapping: [SpeakerTurn], exclusive: [SpeakerTurn]) {
        self.sampleRate = sampleRate
        self.totalSamples = totalSamples
        self.overlapping = overlapping
        self.exclusive = exclusive
    }

    /// Distinct speaker labels in order of first appearance.
    public var speakers: [String] {
        var seen = Set<String>()
        return overlapping.compactMap { seen.insert($0.speaker).inserted ? $0.speaker : nil }
    }
}
