import Foundation
import SamtalCore

/// The trained linear models of the emotion layer and their feature indexes.
///
/// Stacking: the basic-emotion models (BRIGHTER-sv, XED-sv) and the stance model (absabank-imm)
/// read text and lexicon features; their scores (`x:basic:<id>`, `x:absa`) are extra features of
/// the discussion-emotion and polarity models, which are trained on the dialogue utterances.
public final class EmotionModels: @unchecked Sendable {
    // SAFETY: every stored property is set in `init` and never mutated afterwards.

    public static let brighterFile = "emotions/model-basic-brighter.json"
    public static let xedFile = "emotions/model-basic-xed.json"
    public static let absaFile = "emotions/model-absa.json"
    public static let discussionFile = "emotions/model-discussion.json"
    public static let polarityFile = "emotions/model-polarity.json"
    /// The three polarity classes, in the column order of the polarity model.
    public static let polarityLabels = ["negative", "neutral", "positive"]

    public let scorer: LexiconScorer
    public let discussionScheme: EmotionScheme
    public let basicScheme: EmotionScheme
    public let polarityScheme: EmotionScheme
    public let brighter: LinearModel
    public let xed: LinearModel
    public let absa: LinearModel
    public let discussion: LinearModel
    public let polarity: LinearModel
    /// Names of the stacked scores, in the order of `stackedValues`.
    public let stackedNames: [String]
    let stacker: FirstLevelScorer
    let discussionIndex: FeatureIndex
    let polarityIndex: FeatureIndex
    /// Score keys of `UtteranceTags`: `emotion:<id>` per discussion label, `basic:<id>` per basic
    /// label, `polarity:<class>` per polarity class.
    let emotionKeys: [String]
    let basicKeys: [String]
    let polarityKeys: [String]
    /// Token hashes (`TokenHashes`) per word.
    let wordHashes = WordCache<(UInt64, UInt64, UInt64)>()

    public init(scorer: LexiconScorer, discussionScheme: EmotionScheme, basicScheme: EmotionScheme,
                polarityScheme: EmotionScheme, brighter: LinearModel, xed: LinearModel,
                absa: LinearModel, discussion: LinearModel, polarity: LinearModel) {
        self.scorer = scorer
        self.discussionScheme = discussionScheme
        self.basicScheme = basicScheme
        self.polarityScheme = polarityScheme
        self.brighter = brighter
        self.xed = xed
        self.absa = absa
        self.discussion = discussion
        self.polarity = polarity
        let cues = scorer.lexicon.cueLabels
        stackedNames = Self.stackedNames(basic: basicScheme.ids)
        emotionKeys = discussion.labels.map { "emotion:" + $0 }
        basicKeys = basicScheme.ids.map { "basic:" + $0 }
        polarityKeys = Self.polarityLabels.map { "polarity:" + $0 }
        stacker = FirstLevelScorer(brighter: brighter, xed: xed, absa: absa,
                                   basic: basicScheme.ids, cueLabels: cues)
        discussionIndex = FeatureIndex(vocabulary: discussion.features, cueLabels: cues,
                                       stacked: stackedNames)
        polarityIndex = FeatureIndex(vocabulary: polarity.features, cueLabels: cues,
                                     stacked: stackedNames)
    }

    static func stackedNames(basic: [String]) -> [String] { basic.map { "basic:" + $0 } + ["absa"] }

    /// Loads schemes, lexicons and models from `models` (the `Models/` directory).
    public convenience init(models: URL, stem: (String) -> String) throws {
        func path(_ rel: String) -> String { models.appendingPathComponent(rel).path }
        let lexicon = try EmotionLexicon(directory: models.appendingPathComponent("emotions/lexicons"),
                                         stem: stem)
        self.init(scorer: LexiconScorer(lexicon: lexicon),
                  discussionScheme: try EmotionScheme.load(path: path(EmotionScheme.discussionFile)),
                  basicScheme: try EmotionScheme.load(path: path(EmotionScheme.basicFile)),
                  polarityScheme: try EmotionScheme.load(path: path(EmotionScheme.polarityFile)),
                  brighter: try LinearModel.load(path: path(Self.brighterFile)),
                  xed: try LinearModel.load(path: path(Self.xedFile)),
                  absa: try LinearModel.load(path: path(Self.absaFile)),
                  discussion: try LinearModel.load(path: path(Self.discussionFile)),
                  polarity: try LinearModel.load(path: path(Self.polarityFile)))
        try validate()
    }

    private func validate() throws {
        guard discussion.labels == discussionScheme.ids else {
            throw SamtalError(.invalidModel,
                              "the discussion-emotion model's labels \(discussion.labels) differ from the scheme \(discussionScheme.ids)",
                              hint: "retrain with `make train`")
        }
        guard polarity.labels == Self.polarityLabels else {
            throw SamtalError(.invalidModel, "the polarity model's labels must be \(Self.polarityLabels)",
                              hint: "retrain with `make train`")
        }
    }

}

/// The first-level models whose scores are stacked as features of the discussion-emotion and
/// polarity models: basic emotion probabilities (the mean of the BRIGHTER and XED models where
/// both know the label) and stance (p(positive) − p(negative) of the absabank model).
///
/// The three models are merged at load time into one `LinearModel` over the union of their
/// vocabularies (columns: BRIGHTER labels, XED labels, stance labels), so a text is looked up and
/// scored in one pass.
struct FirstLevelScorer: Sendable {
    let merged: LinearModel
    let index: FeatureIndex
    /// For each basic label: its merged column from BRIGHTER and from XED (−1 when absent).
    let basicColumns: [(Int, Int)]
    /// Merged columns of the stance model's positive and negative labels.
    let stanceColumns: (Int, Int)

    init(brighter: LinearModel, xed: LinearModel, absa: LinearModel, basic: [String],
         cueLabels: [String]) {
        let parts = [brighter, xed, absa]
        let labels = parts.flatMap { m in m.labels.map { m.name + ":" + $0 } }
        let biases = parts.flatMap(\.biases)
        let union: FeatureVocabulary
        if let (names, columns) = Self.mergeSorted(parts.map(\.features.names)) {
            // Each model's weights copied into its label columns of the union's rows.
            union = FeatureVocabulary(names: names)
            let width = labels.count
            var weights = [Float](repeating: 0, count: names.count * width)
            var offset = 0
            for (m, global) in zip(parts, columns) {
                let l = m.labels.count
                for (f, g) in global.enumerated() {
                    for li in 0..<l { weights[g * width + offset + li] = m.weights[f * l + li] }
                }
                offset += l
            }
            merged = LinearModel(name: "first-level", labels: labels, features: union,
                                 weights: weights, biases: biases,
                                 thresholds: labels.map { _ in 0.5 })
        } else {
            union = FeatureVocabulary(names: Set(parts.flatMap(\.features.names)).sorted())
            var rows: [[Double]] = []
            for m in parts {
                let global = m.features.names.map { Int(union.lookup($0)!) }
                for l in m.labels.indices {
                    var row = [Double](repeating: 0, count: union.count)
                    for (f, g) in global.enumerated() { row[g] = Double(m.weight(label: l, feature: f)) }
                    rows.append(row)
                }
            }
            merged = LinearModel(name: "first-level", labels: labels, features: union,
                                 weightRows: rows, biases: biases,
                                 thresholds: labels.map { _ in 0.5 })
        }
        index = FeatureIndex(vocabulary: union, cueLabels: cueLabels, stacked: [])
        let xedOffset = brighter.labels.count
        basicColumns = basic.map { id in
            (brighter.labels.firstIndex(of: id) ?? -1, xed.labels.firstIndex(of: id).map { $0 + xedOffset } ?? -1)
        }
        let absaOffset = xedOffset + xed.labels.count
        stanceColumns = (absaOffset + (absa.labels.firstIndex(of: "positive") ?? 0),
                         absaOffset + (absa.labels.firstIndex(of: "negative") ?? 1))
    }

    /// The sorted union of name lists that are each strictly increasing (as model vocabularies
    /// are), with each list's positions in it; nil when a list is not strictly increasing.
    static func mergeSorted(_ lists: [[String]]) -> (names: [String], columns: [[Int]])? {
        for list in lists {
            for k in list.indices.dropFirst() where !(list[k - 1] < list[k]) { return nil }
        }
        var names: [String] = []
        var columns = lists.map { [Int](repeating: 0, count: $0.count) }
        var next = [Int](repeating: 0, count: lists.count)
        while true {
            // The smallest head among the lists; every list holding it maps it to one column.
            var smallest: String?
            for (i, list) in lists.enumerated() where next[i] < list.count {
                if smallest == nil || list[next[i]] < smallest! { smallest = list[next[i]] }
            }
            guard let name = smallest else { break }
            for (i, list) in lists.enumerated() where next[i] < list.count && list[next[i]] == name {
                columns[i][next[i]] = names.count
                next[i] += 1
            }
            names.append(name)
        }
        return (names, columns)
    }

    /// Stacked values in `EmotionModels.stackedNames` order: basic labels, then stance.
    func values(_ text: AnalyzedText, hashes: TokenHashes, lexicon a: LexiconAnalysis,
                scratch: inout [Double]) -> [Float] {
        merged.probabilities(index.vector(text, hashes: hashes, lexicon: a, stacked: []), into: &scratch)
        var values = [Float](repeating: 0, count: basicColumns.count + 1)
        for (k, (b, x)) in basicColumns.enumerated() {
            var sum = 0.0, n = 0.0
            if b >= 0 { sum += scratch[b]; n += 1 }
            if x >= 0 { sum += scratch[x]; n += 1 }
            values[k] = n > 0 ? Float(sum / n) : 0
        }
        values[basicColumns.count] = Float(scratch[stanceColumns.0] - scratch[stanceColumns.1])
        return values
    }
}
