import Foundation
import SamtalCore

/// Emotions and polarity of one text, with the evidence behind them.
public struct EmotionAnalysis: Sendable, Equatable {
    /// Discussion emotions over their calibrated thresholds, strongest first.
    public var emotions: [String]
    /// Probability of each discussion emotion, by id.
    public var emotionScores: [String: Double]
    /// Probability of each basic emotion, by id.
    public var basicScores: [String: Double]
    /// Polarity in −1…1: p(positive) − p(negative) of the polarity model.
    public var polarity: Double
    /// Probability of each polarity class (`negative`, `neutral`, `positive`).
    public var polarityScores: [String: Double]
    /// The lexicon layer's net valence in −1…1.
    public var lexiconValence: Double
    /// Words and features behind labels, keyed `emotion:<id>`, `basic:<id>`, `polarity`.
    public var evidence: [String: [String]]

    /// The most probable polarity class as −1, 0 or 1.
    public var polarityClass: Int {
        let order = EmotionModels.polarityLabels
        let best = order.indices.max { (polarityScores[order[$0]] ?? 0) < (polarityScores[order[$1]] ?? 0) } ?? 1
        return best - 1
    }

    /// Writes emotions, polarity, scores (`emotion:<id>`, `basic:<id>`, `polarity:<class>`,
    /// `lexicon:valence`) and evidence into `tags`, keeping what is already there for other keys.
    public func apply(to tags: inout UtteranceTags) {
        tags.emotions = emotions
        tags.polarity = polarity
        for (id, p) in emotionScores { tags.scores["emotion:" + id] = p }
        for (id, p) in basicScores { tags.scores["basic:" + id] = p }
        for (id, p) in polarityScores { tags.scores["polarity:" + id] = p }
        tags.scores["lexicon:valence"] = lexiconValence
        for (key, words) in evidence { tags.evidence[key] = words }
    }
}

/// The emotion and polarity stage: lexicon layer, then trained linear models over stems,
/// n-grams, lexicon features and stacked basic-emotion and stance scores.
///
/// ```swift
/// let text = try TextAnalyzer(language: .swedish)
/// let emotions = try EmotionAnalyzer()
/// let result = emotions.analyze(text.analyze("Jag orkar inte en fjärde målbild."))
/// result.emotions   // ["uppgivenhet_frustration"]
/// ```
public struct EmotionAnalyzer: Sendable {
    public let models: EmotionModels
    /// Most contributing model features listed as evidence per decided label.
    public var evidenceFeatures = 3

    public init(models: EmotionModels) { self.models = models }

    /// Loads everything from `models` (default: `ModelStore.directory()`).
    public init(models directory: URL? = nil) throws {
        let dir = try directory ?? ModelStore.directory()
        let stemmer = try Stemmer(language: .swedish)
        self.models = try EmotionModels(models: dir, stem: stemmer.stem)
    }

    /// Analyses one tokenised text.
    public func analyze(_ text: AnalyzedText) -> EmotionAnalysis {
        let r = scores(text)
        let m = models
        var basicScores: [String: Double] = [:]
        for (k, id) in m.basicScheme.ids.enumerated() { basicScores[id] = r.basic[k] }
        var emotionScores: [String: Double] = [:]
        for (k, id) in m.discussion.labels.enumerated() { emotionScores[id] = r.emotion[k] }
        var polarityScores: [String: Double] = [:]
        for (k, id) in EmotionModels.polarityLabels.enumerated() { polarityScores[id] = r.polarityClasses[k] }
        return EmotionAnalysis(emotions: r.emotions, emotionScores: emotionScores,
                               basicScores: basicScores, polarity: r.polarity,
                               polarityScores: polarityScores, lexiconValence: r.lexiconValence,
                               evidence: r.evidence)
    }

    /// What `analyze` finds, with scores by label index (the orders of
    /// `models.basicScheme.ids`, `models.discussion.labels`, `EmotionModels.polarityLabels`).
    struct Scores {
        var emotions: [String]
        var emotion: [Double]
        var basic: [Double]
        var polarityClasses: [Double]
        var polarity: Double
        var lexiconValence: Double
        var evidence: [String: [String]]
    }

    func scores(_ text: AnalyzedText) -> Scores {
        let m = models
        let hashes = TokenHashes(text, cache: m.wordHashes)
        let lex = m.scorer.score(text, hashes: hashes, evidence: true)
        var p1: [Double] = []
        var p2: [Double] = []
        let stacked = m.stacker.values(text, hashes: hashes, lexicon: lex, scratch: &p1)
        let basic = m.basicScheme.ids.indices.map { Double(stacked[$0]) }

        let xd = m.discussionIndex.vector(text, hashes: hashes, lexicon: lex, stacked: stacked)
        m.discussion.probabilities(xd, into: &p1)
        let emotions = m.discussion.decide(p1)

        let xp = m.polarityIndex.vector(text, hashes: hashes, lexicon: lex, stacked: stacked)
        m.polarity.probabilities(xp, into: &p2)
        let total = max(p2[0] + p2[1] + p2[2], 1e-9)
        let polarityClasses = EmotionModels.polarityLabels.indices.map { p2[$0] / total }
        let polarity = (p2[2] - p2[0]) / total

        var evidence: [String: [String]] = [:]
        let cueLabels = m.scorer.lexicon.cueLabels
        for id in emotions {
            let l = m.discussion.labels.firstIndex(of: id)!
            var words = cueLabels.firstIndex(of: id).map { lex.cueEvidence[$0] } ?? []
            for (name, _) in m.discussion.topContributions(xd, label: l, count: evidenceFeatures)
            where !name.hasPrefix("cue:") {
                words.append(name)
            }
            evidence[m.emotionKeys[l]] = words
        }
        let polarityWords = polarity < 0 ? lex.negativeEvidence : lex.positiveEvidence
        if !polarityWords.isEmpty { evidence["polarity"] = polarityWords }
        return Scores(emotions: emotions, emotion: p1, basic: basic,
                      polarityClasses: polarityClasses, polarity: polarity,
                      lexiconValence: lex.valence, evidence: evidence)
    }
}
