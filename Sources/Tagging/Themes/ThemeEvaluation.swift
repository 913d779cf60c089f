import Foundation
import SamtalCore

/// Cross-validated accuracy of theme and actor tagging on labelled utterances, for
/// `samtal eval tag` and `make eval`.
///
/// - themes, trained layer: k-fold cross-validation; each fold's model (features, weights and
///   thresholds) is trained on the other folds only, so no item is scored by a model that saw it;
/// - themes, rules only: the codebook alone (no training, so no folds needed);
/// - actors: the gazetteer (no training).
public struct ThemeEvaluation: Sendable {
    public var folds: Int
    public var seed: UInt64
    public var trainer: ThemeTrainer
    public var rule: ThemeDecisionRule

    public init(folds: Int = 5, seed: UInt64 = 20_241_016, trainer: ThemeTrainer = ThemeTrainer(),
                rule: ThemeDecisionRule = ThemeDecisionRule()) {
        self.folds = folds
        self.seed = seed
        self.trainer = trainer
        self.rule = rule
    }

    /// Out-of-fold theme predictions of the trained layer, one label list per example.
    public func crossValidatedThemes(_ examples: [ThemeExample], codebook: Codebook,
                                     analyzer: TextAnalyzer) throws -> [[String]] {
        let (documents, targets) = try trainer.dataset(examples, codebook: codebook, analyzer: analyzer)
        let ids = codebook.themeIDs
        let cv = CrossValidation(folds: folds, seed: seed)
        let probabilities = cv.outOfFoldProbabilities(
            documents: documents, targets: targets, labels: ids, trainer: trainer.trainer,
            alwaysFeatures: trainer.features.alwaysFeatures(themeIDs: ids))
        // Codebook evidence needs no training, so it is the same in every fold.
        let matcher = CodebookMatcher(codebook: codebook, analyzer: analyzer)
        return examples.indices.map { i in
            let evidence = matcher.evidence(in: analyzer.analyze(examples[i].text))
            return ids.indices.filter {
                rule.decide(hasEvidence: !evidence[$0].isEmpty, probability: probabilities[i][$0])
            }.map { ids[$0] }
        }
    }

    /// Report sections: themes (cross-validated trained layer), themes (rules only), actors.
    public func evaluate(_ examples: [ThemeExample], codebook: Codebook, actors: ActorGazetteer,
                         analyzer: TextAnalyzer, dataset: String) throws -> [EvaluationReport.Section] {
        let ids = codebook.themeIDs
        let truthThemes = examples.map { $0.themes ?? [] }
        let texts = examples.map { analyzer.analyze($0.text) }
        var sections: [EvaluationReport.Section] = []

        let cvThemes = try crossValidatedThemes(examples, codebook: codebook, analyzer: analyzer)
        sections.append(EvaluationReport.Section(
            ClassificationReport(task: "themes", labelOrder: ids, truth: truthThemes, predicted: cvThemes),
            dataset: dataset,
            method: "codebook '\(codebook.id)' + linear layer (confirm ≥ \(rule.confirm), alone ≥ \(rule.alone)), \(folds)-fold cross-validation (seed \(seed))",
            reference: "target macro-F1 ≥ 0.75"))

        let rules = try ThemeClassifier(codebook: codebook, analyzer: analyzer)
        sections.append(EvaluationReport.Section(
            ClassificationReport(task: "themes-rules", labelOrder: ids, truth: truthThemes,
                                 predicted: texts.map { rules.classify($0).themes }),
            dataset: dataset, method: "codebook '\(codebook.id)' terms only (no training)"))

        if examples.contains(where: { $0.actors != nil }) {
            sections.append(EvaluationReport.Section(
                ClassificationReport(task: "actors", labelOrder: actors.actorIDs,
                                     truth: examples.map { $0.actors ?? [] },
                                     predicted: texts.map { actors.actors(in: $0).map(\.id) }),
                dataset: dataset, method: "gazetteer '\(actors.codebook.id)' (no training)"))
        }
        return sections
    }
}

extension ThemeEvaluation {
    /// The theme and actor sections for `utterances-sv/dev.jsonl` in the shared data folder, with
    /// the default codebook and gazetteer from `models`. `samtal eval tag` calls this.
    public func standard(shared: URL, models: URL) throws -> [EvaluationReport.Section] {
        let examples = try ThemeExample.readJSONL(
            path: shared.appendingPathComponent("utterances-sv/dev.jsonl").path)
        let codebook = try Codebook.standard(models: models)
        let analyzer = try TextAnalyzer(language: codebook.language, models: models)
        let actors = try ActorGazetteer.standard(models: models, analyzer: analyzer)
        return try evaluate(examples, codebook: codebook, actors: actors, analyzer: analyzer,
                            dataset: "utterances-sv/dev.jsonl")
    }
}
