/// A transcript or a set of written contributions, in one model whatever the source format.
///
/// Times are seconds (`Double`) because every transcript format speaks in seconds; they are
/// optional because written contributions from a dialogue app often carry no time.
public struct Transcript: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// Source format name, e.g. `"webvtt"`, `"srt"`, `"whisper-json"`, `"csv"`.
    public var format: String
    /// Language code when the source states one (`"sv"`, `"en"`).
    public var language: String?
    /// Utterances (cues, segments, contributions) in source order.
    public var utterances: [Utterance]
    /// Free-form header metadata from the source (title, kind, tool version …).
    public var metadata: [String: String]

    public init(format: String, language: String? = nil, utterances: [Utterance] = [],
                metadata: [String: String] = [:]) {
        self.format = format
        self.language = language
        self.utterances = utterances
        self.metadata = metadata
    }

    /// Distinct speakers in order of first appearance.
    public var speakers: [String] {
        var seen = Set<String>()
        return utterances.compactMap { u in
            guard let s = u.speaker, seen.insert(s).inserted else { return nil }
            return s
        }
    }
}

/// One cue, segment, turn or written contribution.
public struct Utterance: Sendable, Equatable, Codable, Identifiable {
    /// Stable id: the source's cue id when present, else derived from position (`u0001`).
    public var id: String
    public var start: Double?
    public var end: Double?
    public var speaker: String?
    /// Plain text, markup removed, entities decoded.
    public var text: String
    /// Word timings when the source has them.
    public var words: [Word]?
    /// Extra fields: question/activity for contributions, cue settings, tier names …
    public var metadata: [String: String]

    public init(id: String, start: Double? = nil, end: Double? = nil, speaker: String? = nil,
                text: String, words: [Word]? = nil, metadata: [String: String] = [:]) {
        self.id = id
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.words = words
        self.metadata = metadata
    }
}

/// One word with optional timing (WhisperX leaves some words untimed).
public struct Word: Sendable, Equatable, Codable {
    public var text: String
    public var start: Double?
    public var end: Double?
    public var confidence: Double?
    public var speaker: String?

    public init(text: String, start: Double? = nil, end: Double? = nil, confidence: Double? = nil,
                speaker: String? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.confidence = confidence
        self.speaker = speaker
    }
}
