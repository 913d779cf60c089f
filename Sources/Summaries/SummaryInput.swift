import SamtalCore

/// A human-readable name for a theme, emotion or actor id, in Swedish and English.
public struct Label: Sendable, Equatable, Codable {
    /// Swedish name, e.g. `"Oro och osäkerhet"`.
    public var sv: String
    /// English name, e.g. `"Worry and uncertainty"`.
    public var en: String
    /// True for themes found by discovery rather than defined in the codebook.
    public var discovered: Bool

    public init(sv: String, en: String, discovered: Bool = false) {
        self.sv = sv
        self.en = en
        self.discovered = discovered
    }

    /// The name in `language`.
    public func text(_ language: SummaryLanguage) -> String { language == .sv ? sv : en }
}

/// Names for every id the tagger may emit. Ids without an entry are shown humanised
/// (`oro_osakerhet` → `Oro osakerhet`), so a missing label never hides data.
public struct LabelDictionary: Sendable, Equatable, Codable {
    public var themes: [String: Label]
    public var emotions: [String: Label]
    public var actors: [String: Label]

    public init(themes: [String: Label] = [:], emotions: [String: Label] = [:],
                actors: [String: Label] = [:]) {
        self.themes = themes
        self.emotions = emotions
        self.actors = actors
    }

    func theme(_ id: String) -> Label { themes[id] ?? Label.humanised(id) }
    func emotion(_ id: String) -> Label { emotions[id] ?? Label.humanised(id) }
    func actor(_ id: String) -> Label { actors[id] ?? Label.humanised(id) }
}

extension Label {
    /// `kompetens_forsorjning` → `Kompetens forsorjning` in both languages.
    static func humanised(_ id: String) -> Label {
        var s = id
        if let colon = s.lastIndex(of: ":") { s = String(s[s.index(after: colon)...]) }
        s = s.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        let text = s.prefix(1).uppercased() + s.dropFirst()
        return Label(sv: text, en: text)
    }
}

/// Everything the summary is made from: one table's (or a whole event's) tagged utterances, with
/// optional speaker turns for speaking time, and names for the labels.
///
/// The Pipeline fills it from the stages; `samtal summarize` reads it from a JSON file. Summaries
/// depends on nothing but SamtalCore, so any tool that produces this model gets the same reports.
public struct SummaryInput: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    /// Shown as the report's title, e.g. `"Bord 1"` or the event folder's name.
    public var title: String
    /// Utterances in time (or source) order. Their ids are what every claim links to.
    public var utterances: [Utterance]
    /// Tags per utterance id; utterances without tags count as untagged.
    public var tags: [UtteranceTags]
    /// Speaker turns from diarization, for speaking time when present.
    public var turns: SpeakerTurns?
    /// Names for theme, emotion and actor ids.
    public var labels: LabelDictionary
    /// Tables that make up this input (event summaries), in order; empty for one table.
    public var tables: [String]
    /// Warnings from earlier stages to show in the report (no speech found, duration mismatch …).
    public var warnings: [String]

    public init(title: String, utterances: [Utterance], tags: [UtteranceTags],
                turns: SpeakerTurns? = nil, labels: LabelDictionary = LabelDictionary(),
                tables: [String] = [], warnings: [String] = []) {
        self.schemaVersion = Self.schemaVersion
        self.title = title
        self.utterances = utterances
        self.tags = tags
        self.turns = turns
        self.labels = labels
        self.tables = tables
        self.warnings = warnings
    }

    /// Checks the schema version and that every tag refers to an utterance.
    public func validate(source: String = "summary input") throws {
        guard schemaVersion == Self.schemaVersion else {
            throw SamtalError(
                .invalidArtifact,
                "\(source) has schema version \(schemaVersion), expected \(Self.schemaVersion)",
                hint: "regenerate it with this version of samtal")
        }
        let ids = Set(utterances.map(\.id))
        guard ids.count == utterances.count else {
            throw SamtalError(.invalidArtifact, "\(source) has duplicate utterance ids")
        }
        if let bad = tags.first(where: { !ids.contains($0.id) }) {
            throw SamtalError(.invalidArtifact,
                              "\(source) tags utterance \(bad.id), which is not in its utterances")
        }
    }

    /// One input for a whole event: utterance ids become `table/id`, speakers `table: speaker`,
    /// times stay per table (each table is its own recording). Speaker turns are not merged.
    public static func merging(title: String, _ parts: [(table: String, input: SummaryInput)])
        -> SummaryInput
    {
        var utterances: [Utterance] = []
        var tags: [UtteranceTags] = []
        var labels = LabelDictionary()
        var warnings: [String] = []
        for (table, input) in parts {
            for var u in input.utterances {
                u.id = "\(table)/\(u.id)"
                u.speaker = u.speaker.map { "\(table): \($0)" }
                u.metadata["table"] = table
                utterances.append(u)
            }
            for var t in input.tags {
                t.id = "\(table)/\(t.id)"
                tags.append(t)
            }
            labels.themes.merge(input.labels.themes) { a, _ in a }
            labels.emotions.merge(input.labels.emotions) { a, _ in a }
            labels.actors.merge(input.labels.actors) { a, _ in a }
            warnings += input.warnings.map { "\(table): \($0)" }
        }
        return SummaryInput(title: title, utterances: utterances, tags: tags, turns: nil,
                            labels: labels, tables: parts.map(\.table), warnings: warnings)
    }
}

/// Output language of a summary.
public enum SummaryLanguage: String, Sendable, Codable, CaseIterable {
    case sv, en
}
