/// Deterministic k-fold cross-validation: a seeded shuffle (SplitMix64) of the example indices,
/// dealt round-robin into `folds` folds. Same count and seed → same folds, on every machine.
public struct CrossValidation: Sendable, Equatable {
    public var folds: Int
    public var seed: UInt64

    public init(folds: Int = 5, seed: UInt64 = 20_241_016) {
        precondition(folds >= 2, "at least two folds")
        self.folds = folds
        self.seed = seed
    }

    /// The fold (0..<folds) of each of `count` examples.
    public func assignments(count: Int) -> [Int] {
        var order = Array(0..<count)
        var state = seed
        // Fisher–Yates with SplitMix64 (Steele, Lea & Flood 2014).
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                let j = Int(z % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        var fold = [Int](repeating: 0, count: count)
        for (position, example) in order.enumerated() { fold[example] = position % folds }
        return fold
    }

    /// Each document's label probabilities from a model trained on the other folds.
    public func outOfFoldProbabilities(documents: [[(String, Float)]], targets: [[Bool]],
                                       labels: [String], trainer: LinearModelTrainer,
                                       alwaysFeatures: [String] = []) -> [[Double]] {
        outOfFoldPredictions(documents: documents, targets: targets, labels: labels,
                             trainer: trainer, alwaysFeatures: alwaysFeatures).probabilities
    }

    /// Each document's decided labels (probability over the fold model's calibrated threshold)
    /// and probabilities, from a model trained on the other folds.
    public func outOfFoldPredictions(documents: [[(String, Float)]], targets: [[Bool]],
                                     labels: [String], trainer: LinearModelTrainer,
                                     alwaysFeatures: [String] = [])
        -> (decisions: [[Bool]], probabilities: [[Double]]) {
        let fold = assignments(count: documents.count)
        var decisions = [[Bool]](repeating: [], count: documents.count)
        var probabilities = [[Double]](repeating: [], count: documents.count)
        for k in 0..<folds {
            let train = documents.indices.filter { fold[$0] != k }
            let test = documents.indices.filter { fold[$0] == k }
            guard !test.isEmpty else { continue }
            let model = trainer.train(name: "fold\(k)", labels: labels,
                                      documents: train.map { documents[$0] },
                                      targets: train.map { targets[$0] },
                                      alwaysFeatures: alwaysFeatures)
            for i in test {
                let p = model.probabilities(model.features.vector(documents[i]))
                probabilities[i] = p
                decisions[i] = p.indices.map { p[$0] >= model.thresholds[$0] }
            }
        }
        return (decisions, probabilities)
    }
}
