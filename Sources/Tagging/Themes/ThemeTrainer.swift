import Foundation
import SamtalCore

/// Trains the linear theme layer for a codebook from labelled utterances (`samtal train themes`).
///
/// One-vs-rest L2 logistic regression (`LinearModelTrainer`, balanced class weights) over
/// `ThemeFeatures`; each theme's decision threshold is calibrated on inner out-of-fold
/// probabilities of the training data only.
public struct ThemeTrainer: Sendable {
    public var trainer: LinearModelTrainer
    public var features: ThemeFeatures

    /// Defaults measured by 5-fold cross-validation on `utterances-sv/dev.jsonl`
    /// (see `Models/themes/README.md`).
    public init(trainer: LinearModelTrainer = ThemeTrainer.defaultTrainer,
                features: ThemeFeatures = ThemeFeatures()) {
        self.trainer = trainer
        self.features = features
    }

    public static let defaultTrainer = LinearModelTrainer(
        regression: LogisticRegression(l2: 1e-2, balancedClassWeights: true, maximumIterations: 300),
        minimumFeatureCount: 2, calibrationFolds: 0)

    /// Feature documents and target rows for `examples` (examples without themes count as none).
    public func dataset(_ examples: [ThemeExample], codebook: Codebook, analyzer: TextAnalyzer)
        throws -> (documents: [[(String, Float)]], targets: [[Bool]]) {
        let classifier = try ThemeClassifier(codebook: codebook, analyzer: analyzer, features: features)
        let ids = codebook.themeIDs
        let documents = examples.map { classifier.document(analyzer.analyze($0.text)) }
        let targets = examples.map { e in ids.map { (e.themes ?? []).contains($0) } }
        return (documents, targets)
    }

    /// A model for `codebook` trained on all of `examples`.
    public func train(_ examples: [ThemeExample], codebook: Codebook, analyzer: TextAnalyzer,
                      metadata: [String: String] = [:]) throws -> LinearModel {
        let (documents, targets) = try dataset(examples, codebook: codebook, analyzer: analyzer)
        var meta = metadata
        meta["codebook"] = codebook.id
        meta["codebookVersion"] = String(codebook.version)
        meta["examples"] = String(examples.count)
        return trainer.train(name: "themes-\(codebook.id)", labels: codebook.themeIDs,
                             documents: documents, targets: targets,
                             alwaysFeatures: features.alwaysFeatures(themeIDs: codebook.themeIDs),
                             metadata: meta)
    }
}

extension ThemeTrainer {
    /// Trains the model of the default codebook from `utterances-sv/dev.jsonl` in the shared data
    /// folder and writes `Models/themes/<codebook id>.json` atomically (deterministic: the same
    /// data and code give a byte-identical file). Returns the path written. `samtal train` calls
    /// this.
    @discardableResult
    public func trainStandard(shared: URL, models: URL,
                              diagnostics: DiagnosticSink = IgnoringDiagnostics()) throws -> String {
        let data = shared.appendingPathComponent("utterances-sv/dev.jsonl")
        let examples = try ThemeExample.readJSONL(path: data.path)
        let codebook = try Codebook.standard(models: models)
        let analyzer = try TextAnalyzer(language: codebook.language, models: models)
        let model = try train(examples, codebook: codebook, analyzer: analyzer,
                              metadata: ["data": "utterances-sv/dev.jsonl (CC0 1.0)"])
        let path = models.appendingPathComponent("themes/\(codebook.id).json").path
        try AtomicFile.write(model.jsonData(), to: path)
        diagnostics.note("train.themes",
                         "theme model: \(examples.count) utterances, \(model.features.count) features → \(path)")
        return path
    }
}
