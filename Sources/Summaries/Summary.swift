import SamtalCore

/// A sentence of the summary together with the utterances that back it.
///
/// Nothing in a summary is free-standing: every sentence names the utterance ids it was derived
/// from, so a reader (or a test) can check each claim against the transcript.
public struct Claim: Sendable, Equatable, Codable {
    public var text: String
    /// Ids of the utterances the sentence is derived from, in transcript order.
    public var utteranceIds: [String]

    public init(_ text: String, _ utteranceIds: [String]) {
        self.text = text
        self.utteranceIds = utteranceIds
    }
}

/// A verbatim quote from one utterance.
public struct Quote: Sendable, Equatable, Codable {
    public var utteranceId: String
    public var speaker: String?
    /// Start time in seconds, when the source has times.
    public var start: Double?
    /// The utterance text, shortened at a word boundary with "…" when long.
    public var text: String
}

/// How often a label occurs together with another, e.g. an emotion with a theme.
public struct LabelCount: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    /// Utterances carrying both labels.
    public var count: Int
}

/// One theme of the Teman section.
public struct ThemeSection: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    /// Found by discovery rather than defined in the codebook.
    public var discovered: Bool
    public var utteranceCount: Int
    public var speakerCount: Int
    /// Share of all utterances, 0…1.
    public var share: Double
    public var emotions: [LabelCount]
    public var actors: [LabelCount]
    /// Most frequent evidence words behind the theme.
    public var keywords: [String]
    public var paragraph: [Claim]
    public var quotes: [Quote]
    public var utteranceIds: [String]
}

/// One numbered emotion of the Fördjupning om känslor section.
public struct EmotionSection: Sendable, Equatable, Codable {
    public var rank: Int
    public var id: String
    public var label: String
    public var utteranceCount: Int
    public var speakerCount: Int
    public var share: Double
    public var themes: [LabelCount]
    public var actors: [LabelCount]
    public var paragraph: [Claim]
    public var quotes: [Quote]
    public var utteranceIds: [String]
}

/// One point of the emotion time series: the utterances of one time slice.
public struct ArcPoint: Sendable, Equatable, Codable {
    /// Slice start and end in seconds, or utterance positions when there are no times.
    public var start: Double
    public var end: Double
    /// Utterances in the slice.
    public var utteranceCount: Int
    /// Mean polarity of the slice, −1…1.
    public var polarity: Double
    /// Share of the slice's utterances carrying each emotion id (only emotions present).
    public var emotionShares: [String: Double]
    /// The most frequent emotion in the slice, if any.
    public var dominant: String?
}

/// Speaking time and turns of one speaker.
public struct SpeakerShare: Sendable, Equatable, Codable {
    public var speaker: String
    /// Speaking time in seconds (from speaker turns, else utterance times; nil without times).
    public var seconds: Double?
    /// Runs of consecutive speech by this speaker.
    public var turns: Int
    public var utterances: Int
    /// Share of speaking time (or of utterances without times), 0…1.
    public var share: Double
}

/// The Deltagande section.
public struct ParticipationSection: Sendable, Equatable, Codable {
    public var speakers: [SpeakerShare]
    /// Evenness of the floor, 0…1: Shannon entropy of the shares divided by log(speakers)
    /// (Pielou's J). 1 = everyone equal; nil with fewer than two speakers.
    public var balance: Double?
    /// Whether shares are of speaking time (`"time"`) or of utterances (`"utterances"`).
    public var basis: String
    public var paragraph: [Claim]
}

/// One actor of the Aktörer section.
public struct ActorSection: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    /// Utterances mentioning the actor.
    public var mentions: Int
    /// Share of all utterances, 0…1.
    public var share: Double
    public var utteranceIds: [String]
}

/// The summary of one table or one event, in one language: the model every renderer draws from.
public struct Summary: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var language: SummaryLanguage
    public var title: String
    public var tables: [String]
    public var utteranceCount: Int
    public var speakerCount: Int
    /// Seconds from the first utterance's start to the last one's end, when times are known.
    public var durationSeconds: Double?
    /// Sammanfattning: a few sentences.
    public var overview: [Claim]
    /// Teman, strongest first.
    public var themes: [ThemeSection]
    /// Fördjupning om känslor, numbered.
    public var emotions: [EmotionSection]
    /// The closing sentence on how the conversation moved between feelings.
    public var arc: Claim?
    public var arcSeries: [ArcPoint]
    public var participation: ParticipationSection
    public var actors: [ActorSection]
    /// A sentence introducing the actors section, when there are actors.
    public var actorsParagraph: [Claim]
    /// Warnings carried from earlier stages.
    public var warnings: [String]
    /// Utterances in order with their speaker, time and labels, for the timeline and exports.
    public var timeline: [TimelineEntry]
}

/// One utterance as the report's timeline shows it.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public var id: String
    public var speaker: String?
    public var start: Double?
    public var end: Double?
    public var themes: [String]
    public var emotions: [String]
}
