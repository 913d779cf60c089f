/// Trains a `LinearModel` one-vs-rest from named sparse features, calibrating each label's decision
/// threshold on out-of-fold probabilities *within the training data* (never on what it is
/// evaluated on).
public struct LinearModelTrainer: Sendable {
    public var regression: LogisticRegression
    /// Features seen in fewer training documents are dropped.
    public var minimumFeatureCount: Int
    /// Folds of the inner cross-validation that calibrates thresholds; 0 or 1 keeps 0.5.
    public var calibrationFolds: Int
    public var seed: UInt64

    public init(regression: LogisticRegression = LogisticRegression(), minimumFeatureCount: Int = 1,
                calibrationFolds: Int = 5, seed: UInt64 = 20_241_016) {
        self.regression = regression
        self.minimumFeatureCount = minimumFeatureCount
        self.calibrationFolds = calibrationFolds
        self.seed = seed
    }

    /// Trains on `documents` (named features with values) and `targets` (one Bool per label per
    /// document).
    public func train(name: String, labels: [String], documents: [[(String, Float)]],
                      targets: [[Bool]], alwaysFeatures: [String] = [],
                      metadata: [String: String] = [:]) -> LinearModel {
        precondition(documents.count == targets.count, "one target row per document")
        var model = fit(name: name, labels: labels, documents: documents, targets: targets,
                        alwaysFeatures: alwaysFeatures, metadata: metadata)
        if calibrationFolds > 1 && documents.count >= calibrationFolds * 2 {
            var inner = self
            inner.calibrationFolds = 0
            let cv = CrossValidation(folds: calibrationFolds, seed: seed &+ 1)
            let oof = cv.outOfFoldProbabilities(documents: documents, targets: targets,
                                                labels: labels, trainer: inner,
                                                alwaysFeatures: alwaysFeatures)
            model.thresholds = labels.indices.map { l in
                ThresholdCalibration.bestF1Threshold(scores: oof.map { $0[l] },
                                                     truth: targets.map { $0[l] })
            }
        }
        return model
    }

    /// One fit with thresholds 0.5.
    func fit(name: String, labels: [String], documents: [[(String, Float)]], targets: [[Bool]],
             alwaysFeatures: [String], metadata: [String: String]) -> LinearModel {
        let vocabulary = FeatureVocabulary.build(documents: documents,
                                                 minimumCount: minimumFeatureCount,
                                                 always: alwaysFeatures)
        let x = documents.map(vocabulary.vector)
        var rows: [[Double]] = []
        var biases: [Double] = []
        for l in labels.indices {
            let fit = regression.fit(x, labels: targets.map { $0[l] }, dimension: vocabulary.count)
            rows.append(fit.weights)
            biases.append(fit.bias)
        }
        return LinearModel(name: name, labels: labels, features: vocabulary, weightRows: rows,
                           biases: biases, thresholds: labels.map { _ in 0.5 }, metadata: metadata)
    }
}

/// Chooses decision thresholds.
public enum ThresholdCalibration {
    /// The threshold on `scores` that maximises F1 against `truth`: the midpoint between the
    /// lowest accepted and the highest rejected score at the best cut. Ties go to the higher cut
    /// (fewer positives). Returns 0.5 when there are no positives.
    public static func bestF1Threshold(scores: [Double], truth: [Bool]) -> Double {
        let positives = truth.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard positives > 0, !scores.isEmpty else { return 0.5 }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var tp = 0
        var bestF1 = -1.0
        var bestThreshold = 0.5
        var k = 0
        while k < order.count {
            // Accept every example with this score (ties move together).
            let s = scores[order[k]]
            while k < order.count && scores[order[k]] == s {
                if truth[order[k]] { tp += 1 }
                k += 1
            }
            let predicted = k
            let f1 = 2.0 * Double(tp) / Double(predicted + positives)
            if f1 > bestF1 + 1e-12 {
                bestF1 = f1
                let next = k < order.count ? scores[order[k]] : max(0, s - 0.05)
                bestThreshold = (s + next) / 2
            }
        }
        return bestThreshold
    }
}
