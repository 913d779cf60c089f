import Foundation
import SamtalCore

/// Themes of one text, with the score of every theme and the evidence behind each decided one.
public struct ThemeDecision: Sendable, Equatable {
    /// Decided theme ids, strongest first.
    public var themes: [String]
    /// Score per theme id in 0…1 (model probability, or the rule score without a model).
    public var scores: [String: Double]
    /// Codebook terms found, per theme id (every theme with terms, decided or not), followed for
    /// model decisions by the strongest model features as `model:<feature>`.
    public var evidence: [String: [String]]
}

/// How codebook evidence and the trained layer's probability combine into a decision.
///
/// A theme is decided when its codebook terms are found and the model confirms them
/// (probability ≥ `confirm`), or when the model alone is very sure (≥ `alone`). The rule layer
/// carries recall, the model removes matches in the wrong sense. Values chosen by 5-fold
/// cross-validation on `utterances-sv/dev.jsonl` (see `Models/themes/README.md`): rules alone
/// 0.840, model alone 0.808, this combination 0.847 macro-F1.
public struct ThemeDecisionRule: Sendable, Equatable, Codable {
    public var confirm: Double
    public var alone: Double

    public init(confirm: Double = 0.3, alone: Double = 0.9) {
        self.confirm = confirm
        self.alone = alone
    }

    public func decide(hasEvidence: Bool, probability p: Double) -> Bool {
        (hasEvidence && p >= confirm) || p >= alone
    }
}

/// Decides themes: codebook term evidence (`CodebookMatcher`), then, when a trained model for the
/// codebook is present, a linear layer over stems, word pairs, compound parts and the codebook
/// evidence (`ThemeFeatures`) combined by `ThemeDecisionRule`. Without a model a theme is decided
/// when any of its terms is found.
///
/// Shared read-only; `classify` may run concurrently.
public final class ThemeClassifier: @unchecked Sendable {
    // SAFETY: every stored property is immutable after `init`.

    public let matcher: CodebookMatcher
    /// The trained layer, or nil for rules only.
    public let model: LinearModel?
    public let features: ThemeFeatures
    public let rule: ThemeDecisionRule
    /// Model label index of each codebook theme (nil when the model lacks it).
    private let modelIndex: [Int?]
    /// `features` over `model`'s vocabulary, by numbers instead of names.
    private let featureIndex: ThemeFeatureIndex?

    public var codebook: Codebook { matcher.codebook }

    /// A classifier; `model` must label exactly the codebook's themes.
    public init(codebook: Codebook, analyzer: TextAnalyzer, model: LinearModel? = nil,
                features: ThemeFeatures = ThemeFeatures(),
                rule: ThemeDecisionRule = ThemeDecisionRule()) throws {
        matcher = CodebookMatcher(codebook: codebook, analyzer: analyzer)
        self.features = features
        self.rule = rule
        if let model {
            guard Set(model.labels) == Set(codebook.themeIDs) else {
                throw SamtalError(
                    .invalidModel,
                    "theme model '\(model.name)' labels \(model.labels.count) themes that do not match codebook '\(codebook.id)'",
                    hint: "retrain it for this codebook with `samtal train themes`, or use rules only")
            }
            let position = Dictionary(uniqueKeysWithValues: model.labels.enumerated().map { ($1, $0) })
            modelIndex = codebook.themeIDs.map { position[$0] }
        } else {
            modelIndex = codebook.themeIDs.map { _ in nil }
        }
        self.model = model
        featureIndex = model.map {
            ThemeFeatureIndex(features: features, vocabulary: $0.features, themeIDs: codebook.themeIDs)
        }
    }

    /// The trained model for `codebook` in `Models/themes/<codebook id>.json`, or nil if absent.
    public static func standardModel(for codebook: Codebook, models: URL) throws -> LinearModel? {
        let url = models.appendingPathComponent("themes/\(codebook.id).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let model = try LinearModel.load(path: url.path)
        return Set(model.labels) == Set(codebook.themeIDs) ? model : nil
    }

    /// Themes of an analysed text.
    public func classify(_ text: AnalyzedText) -> ThemeDecision {
        let ids = codebook.themeIDs
        let d = classifyByIndex(text)
        var scores: [String: Double] = [:]
        var evidence: [String: [String]] = [:]
        for (i, id) in ids.enumerated() {
            if let s = d.scores[i] { scores[id] = s }
            if !d.evidence[i].isEmpty { evidence[id] = d.evidence[i] }
        }
        return ThemeDecision(themes: d.themes, scores: scores, evidence: evidence)
    }

    /// `classify` with scores and evidence by theme index (nil: no score; empty: no evidence).
    func classifyByIndex(_ text: AnalyzedText) -> (themes: [String], scores: [Double?],
                                                   evidence: [[String]]) {
        let ids = codebook.themeIDs
        let terms = matcher.evidence(in: text)
        var scores = [Double?](repeating: nil, count: ids.count)
        var evidence = terms
        var decided: [(Int, Double)] = []
        if let model, let featureIndex {
            let x = featureIndex.vector(text, evidence: terms)
            let p = model.probabilities(x)
            for i in ids.indices {
                guard let m = modelIndex[i] else { continue }
                scores[i] = p[m]
                if rule.decide(hasEvidence: !terms[i].isEmpty, probability: p[m]) {
                    decided.append((i, p[m]))
                    let top = model.topContributions(x, label: m, count: 3)
                        .filter { !$0.0.hasPrefix("cb:") }.map { "model:" + $0.0 }
                    evidence[i].append(contentsOf: top)
                }
            }
        } else {
            for i in ids.indices {
                let s = 1 - pow(0.5, Double(terms[i].count))
                scores[i] = s
                if !terms[i].isEmpty { decided.append((i, s)) }
            }
        }
        decided.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return (decided.map { ids[$0.0] }, scores, evidence)
    }

    /// Feature documents for training (`ThemeTrainer`).
    func document(_ text: AnalyzedText) -> [(String, Float)] {
        features.extract(text, evidence: matcher.evidence(in: text), themeIDs: codebook.themeIDs)
    }
}
