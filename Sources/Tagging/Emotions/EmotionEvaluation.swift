import Foundation
import SamtalCore

/// The emotion and polarity evaluations of `samtal eval tag` (see `docs/emotions.md`).
///
/// - `emotions`, `polarity`: cross-validation on `utterances-sv/dev.jsonl` with fixed folds; in
///   every fold the penalty is selected and thresholds calibrated on the training folds only.
/// - `brighter`: BRIGHTER-sv dev with the shipped model (trained on BRIGHTER-sv train only).
/// - `xed`: the XED-sv dev split (`EmotionDatasets.xedIsDev`) with the shipped model.
/// - `absabank`: correlation of stance and polarity with the 1–5 rating on absabank-imm dev.
public struct EmotionEvaluation: Sendable {
    public static let tasks = ["emotions", "polarity", "brighter", "xed", "absabank"]
    public var folds = CrossValidation(folds: 5, seed: 20_241_029)
    public var training = EmotionTraining()

    public init() {}

    public func run(tasks: Set<String>, paths: EmotionDataPaths, analyzer: TextAnalyzer,
                    emotions: EmotionAnalyzer, diagnostics: DiagnosticSink) throws
        -> [EvaluationReport.Section] {
        let models = emotions.models
        let scorer = models.scorer
        let cues = scorer.lexicon.cueLabels
        var sections: [EvaluationReport.Section] = []

        if tasks.contains("emotions") || tasks.contains("polarity") {
            let items = training.prepare(try EmotionDatasets.utterances(paths.utterances),
                                         analyzer: analyzer, scorer: scorer)
            let stacked = training.stackedValues(items, stacker: models.stacker,
                                                 names: models.stackedNames)
            let docs = training.documents(items, cueLabels: cues, stacked: stacked)
            let dense = EmotionFeatures.denseNames(cueLabels: cues, stacked: models.stackedNames)
            let method = "trained layer, \(folds.folds)-fold CV (seed \(folds.seed)); penalty and thresholds chosen inside the training folds"
            if tasks.contains("emotions") {
                diagnostics.note("eval.emotions", "cross-validating the five discussion emotions")
                let labels = models.discussionScheme.ids
                let (decisions, _) = crossValidate(docs: docs, targets: EmotionTraining.targets(items, labels: labels),
                                                   labels: labels, dense: dense)
                let report = ClassificationReport(
                    task: "emotions", labelOrder: labels, truth: items.map(\.item.labels),
                    predicted: decisions.map { d in labels.indices.filter { d[$0] }.map { labels[$0] } })
                sections.append(.init(report, dataset: "utterances-sv/dev.jsonl", method: method,
                                      reference: "target macro-F1 ≥ 0.70"))
                // The lexicon layer alone: a label when its cue strength reaches 1.
                let lexical = ClassificationReport(
                    task: "emotions (lexicon layer only)", labelOrder: labels,
                    truth: items.map(\.item.labels),
                    predicted: items.map { p in
                        labels.filter { l in cues.firstIndex(of: l).map { p.lexicon.cues[$0] >= 1 } ?? false }
                    })
                sections.append(.init(lexical, dataset: "utterances-sv/dev.jsonl",
                                      method: "hand-written cue lexicon, label when cue strength ≥ 1, no training"))
            }
            if tasks.contains("polarity") {
                diagnostics.note("eval.polarity", "cross-validating polarity")
                let labels = EmotionModels.polarityLabels
                let (_, probabilities) = crossValidate(docs: docs, targets: EmotionTraining.polarityTargets(items),
                                                       labels: labels, dense: dense)
                let predicted = probabilities.map { p -> [String] in
                    [labels[p.indices.max { p[$0] < p[$1] }!]]
                }
                let gold = items.map { p -> [String] in
                    let v = p.item.value ?? 0
                    return [v < 0 ? "negative" : v > 0 ? "positive" : "neutral"]
                }
                let values = probabilities.map { ($0[2] - $0[0]) / max($0[0] + $0[1] + $0[2], 1e-9) }
                let truth = items.map { $0.item.value ?? 0 }
                var section = EvaluationReport.Section(
                    ClassificationReport(task: "polarity", labelOrder: labels, truth: gold, predicted: predicted),
                    dataset: "utterances-sv/dev.jsonl", method: method + "; class = most probable")
                section.figures = [
                    "pearson (polarity value vs −1/0/1)": Correlation.pearson(values, truth),
                    "spearman (polarity value vs −1/0/1)": Correlation.spearman(values, truth),
                    "pearson (lexicon valence only)": Correlation.pearson(items.map(\.lexicon.valence), truth),
                ]
                sections.append(section)
            }
        }

        if tasks.contains("brighter") {
            let items = training.prepare(try EmotionDatasets.brighter(paths.brighterDev),
                                         analyzer: analyzer, scorer: scorer)
            sections.append(.init(
                shipped(models.brighter, items: items, cues: cues),
                dataset: "BRIGHTER-sv dev (swe_track_a_dev.csv)",
                method: "shipped model-basic-brighter.json, trained on BRIGHTER-sv train only",
                reference: "RemBERT 51.98 macro-F1 (BRIGHTER, Muhammad et al. 2025); target ≥ 0.45"))
        }
        if tasks.contains("xed") {
            let items = training.prepare(try EmotionDatasets.xed(paths.xed).filter(EmotionDatasets.xedIsDev),
                                         analyzer: analyzer, scorer: scorer)
            sections.append(.init(
                shipped(models.xed, items: items, cues: cues),
                dataset: "XED-sv dev split (FNV-1a(text) % 5 == 0 of xed-sv-dev.tsv)",
                method: "shipped model-basic-xed.json, trained on the other 80 %",
                reference: "linear SVM 0.6218 F1 for Swedish (Öhman et al. 2020, their own split)"))
        }
        if tasks.contains("absabank") {
            let items = training.prepare(try EmotionDatasets.absabank(paths.absaDev),
                                         analyzer: analyzer, scorer: scorer)
            var s1: [Double] = []
            let stance = items.map { p -> Double in
                Double(models.stacker.values(p.text, hashes: TokenHashes(p.text), lexicon: p.lexicon,
                                             scratch: &s1).last!)
            }
            let polarity = items.map { emotions.analyze($0.text).polarity }
            let valence = items.map(\.lexicon.valence)
            let rating = items.map { $0.item.value ?? 3 }
            sections.append(EvaluationReport.Section(
                task: "polarity vs rating", dataset: "SuperLim absabank-imm dev",
                method: "correlation with the mean 1–5 rating; stance model trained on absabank-imm train",
                items: items.count,
                figures: [
                    "pearson (stance model)": Correlation.pearson(stance, rating),
                    "spearman (stance model)": Correlation.spearman(stance, rating),
                    "pearson (utterance polarity)": Correlation.pearson(polarity, rating),
                    "spearman (utterance polarity)": Correlation.spearman(polarity, rating),
                    "pearson (lexicon valence)": Correlation.pearson(valence, rating),
                    "spearman (lexicon valence)": Correlation.spearman(valence, rating),
                ],
                reference: "SuperLim reports Krippendorff's α; Spearman's ρ is its recommended alternative"))
        }
        return sections
    }

    /// Out-of-fold decisions and probabilities on fixed folds, training as `samtal train` does.
    func crossValidate(docs: [[(String, Float)]], targets: [[Bool]], labels: [String],
                       dense: [String]) -> (decisions: [[Bool]], probabilities: [[Double]]) {
        let fold = folds.assignments(count: docs.count)
        var decisions = [[Bool]](repeating: [], count: docs.count)
        var probabilities = [[Double]](repeating: [], count: docs.count)
        for k in 0..<folds.folds {
            let train = docs.indices.filter { fold[$0] != k }
            let model = training.fitModel(name: "cv", labels: labels, documents: train.map { docs[$0] },
                                          targets: train.map { targets[$0] }, always: dense,
                                          metadata: [:])
            for i in docs.indices where fold[i] == k {
                let p = model.probabilities(model.features.vector(docs[i]))
                probabilities[i] = p
                decisions[i] = p.indices.map { p[$0] >= model.thresholds[$0] }
            }
        }
        return (decisions, probabilities)
    }

    func shipped(_ model: LinearModel, items: [EmotionTraining.Prepared], cues: [String])
        -> ClassificationReport {
        let index = FeatureIndex(vocabulary: model.features, cueLabels: cues, stacked: [])
        var scratch: [Double] = []
        let predicted = items.map { p -> [String] in
            model.probabilities(index.vector(p.text, lexicon: p.lexicon, stacked: []), into: &scratch)
            return model.decide(scratch)
        }
        return ClassificationReport(task: "basic emotions", labelOrder: model.labels,
                                    truth: items.map(\.item.labels), predicted: predicted)
    }
}
