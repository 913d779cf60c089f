/// Precision, recall and F1 of one label.
public struct LabelScores: Sendable, Equatable, Codable {
    public var label: String
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(label: String, truePositives: Int = 0, falsePositives: Int = 0,
                falseNegatives: Int = 0) {
        self.label = label
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Items that carry the label.
    public var support: Int { truePositives + falseNegatives }
    /// tp / (tp + fp); 0 when nothing was predicted.
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// tp / (tp + fn); 0 when the label never occurs.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// 2tp / (2tp + fp + fn), the harmonic mean of precision and recall; 0 when undefined.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

/// Per-label scores and their averages for a multi-label (or single-label) task.
public struct ClassificationReport: Sendable, Equatable {
    public var task: String
    public var labels: [LabelScores]
    /// Number of items evaluated.
    public var items: Int
    /// Items whose predicted label set equals the true set.
    public var exactMatches: Int

    /// Compares `predicted` with `truth` (label sets per item) for the labels in `labelOrder`;
    /// labels outside it are ignored.
    public init(task: String, labelOrder: [String], truth: [[String]], predicted: [[String]]) {
        precondition(truth.count == predicted.count, "one prediction per item")
        self.task = task
        self.items = truth.count
        var scores = labelOrder.map { LabelScores(label: $0) }
        let position = Dictionary(uniqueKeysWithValues: labelOrder.enumerated().map { ($1, $0) })
        var exact = 0
        for (t, p) in zip(truth, predicted) {
            let ts = Set(t.filter { position[$0] != nil })
            let ps = Set(p.filter { position[$0] != nil })
            if ts == ps { exact += 1 }
            for l in ts.union(ps) {
                let i = position[l]!
                switch (ts.contains(l), ps.contains(l)) {
                case (true, true): scores[i].truePositives += 1
                case (false, true): scores[i].falsePositives += 1
                case (true, false): scores[i].falseNegatives += 1
                case (false, false): break
                }
            }
        }
        self.labels = scores
        self.exactMatches = exact
    }

    /// Unweighted mean of per-label F1.
    public var macroF1: Double {
        labels.isEmpty ? 0 : labels.map(\.f1).reduce(0, +) / Double(labels.count)
    }
    public var macroPrecision: Double {
        labels.isEmpty ? 0 : labels.map(\.precision).reduce(0, +) / Double(labels.count)
    }
    public var macroRecall: Double {
        labels.isEmpty ? 0 : labels.map(\.recall).reduce(0, +) / Double(labels.count)
    }
    /// F1 of the pooled counts.
    public var microF1: Double {
        let tp = labels.map(\.truePositives).reduce(0, +)
        let fp = labels.map(\.falsePositives).reduce(0, +)
        let fn = labels.map(\.falseNegatives).reduce(0, +)
        return tp + fp + fn == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
    }
    /// Share of items whose label set is exactly right (accuracy for single-label tasks).
    public var exactMatchRatio: Double { items == 0 ? 0 : Double(exactMatches) / Double(items) }
}
