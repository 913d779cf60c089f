/// The labels stage 5 gives one utterance, each with the evidence behind it.
public struct UtteranceTags: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// Id of the tagged utterance.
    public var id: String
    /// Theme ids that pass the decision threshold, strongest first.
    public var themes: [String]
    /// Emotion ids that pass the decision threshold, strongest first.
    public var emotions: [String]
    /// Actor ids mentioned.
    public var actors: [String]
    /// Polarity in −1…1.
    public var polarity: Double
    /// Score of every label considered, keyed `"theme:samverkan"`, `"emotion:oro_osakerhet"`, ….
    public var scores: [String: Double]
    /// Words or features behind each label, keyed like `scores`.
    public var evidence: [String: [String]]

    public init(id: String, themes: [String] = [], emotions: [String] = [], actors: [String] = [],
                polarity: Double = 0, scores: [String: Double] = [:],
                evidence: [String: [String]] = [:]) {
        self.id = id
        self.themes = themes
        self.emotions = emotions
        self.actors = actors
        self.polarity = polarity
        self.scores = scores
        self.evidence = evidence
    }
}
