/// Chooses the L2 penalty by cross-validation on the training data alone: for each candidate,
/// out-of-fold probabilities are scored by the mean over labels of the best achievable F1, and
/// the candidate with the highest mean wins (ties go to the stronger penalty).
public struct PenaltySelection: Sendable, Equatable {
    /// Candidate penalties λ, fixed a priori.
    public var candidates: [Double]
    public var folds: Int
    public var seed: UInt64

    public init(candidates: [Double] = [3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1], folds: Int = 5,
                seed: UInt64 = 20_241_017) {
        self.candidates = candidates
        self.folds = folds
        self.seed = seed
    }

    /// The selected penalty and the criterion of every candidate.
    public func select(documents: [[(String, Float)]], targets: [[Bool]], labels: [String],
                       base: LinearModelTrainer, alwaysFeatures: [String] = [])
        -> (l2: Double, scores: [Double]) {
        let cv = CrossValidation(folds: folds, seed: seed)
        var scores: [Double] = []
        for l2 in candidates {
            var trainer = base
            trainer.regression.l2 = l2
            trainer.calibrationFolds = 0
            let oof = cv.outOfFoldProbabilities(documents: documents, targets: targets,
                                                labels: labels, trainer: trainer,
                                                alwaysFeatures: alwaysFeatures)
            var total = 0.0
            for l in labels.indices {
                let s = oof.map { $0[l] }
                let t = targets.map { $0[l] }
                let threshold = ThresholdCalibration.bestF1Threshold(scores: s, truth: t)
                var tp = 0, fp = 0, fn = 0
                for (p, y) in zip(s, t) {
                    if p >= threshold { if y { tp += 1 } else { fp += 1 } } else if y { fn += 1 }
                }
                total += tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
            }
            scores.append(total / Double(max(labels.count, 1)))
        }
        var best = 0
        for k in scores.indices where scores[k] > scores[best] + 1e-12
            || (abs(scores[k] - scores[best]) <= 1e-12 && candidates[k] > candidates[best]) {
            best = k
        }
        return (candidates[best], scores)
    }
}
