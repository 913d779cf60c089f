import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Tagging

/// Two Gaussian-free, exactly separable clouds: label = x0 − x1 > 0, with a margin.
private func separableData(count: Int, seed: UInt64) -> (docs: [[(String, Float)]], y: [Bool]) {
    var rng = SplitMix64(seed: seed)
    var docs: [[(String, Float)]] = []
    var y: [Bool] = []
    while docs.count < count {
        let a = Float(rng.nextUnit() * 2 - 1)
        let b = Float(rng.nextUnit() * 2 - 1)
        guard abs(a - b) > 0.2 else { continue }
        docs.append([("a", a), ("b", b), ("noise\(docs.count % 3)", 0.01)])
        y.append(a - b > 0)
    }
    return (docs, y)
}

@Suite struct LearningTests {
    @Test func sparseVectorMergesDuplicatesAndDropsZeros() {
        let v = SparseVector(pairs: [(3, 1), (1, 2), (3, 0.5), (2, 0)])
        #expect(v.indices == [1, 3])
        #expect(v.values == [2, 1.5])
        #expect(v.dot([10, 1, 100, 2]) == 1 * 2 + 2 * 1.5)
    }

    @Test func logisticRegressionSeparatesLinearlySeparableData() {
        let (docs, y) = separableData(count: 200, seed: 7)
        let vocabulary = FeatureVocabulary.build(documents: docs)
        let x = docs.map(vocabulary.vector)
        let fit = LogisticRegression(l2: 1e-4, balancedClassWeights: false)
            .fit(x, labels: y, dimension: vocabulary.count)
        let a = fit.weights[Int(vocabulary.lookup("a")!)]
        let b = fit.weights[Int(vocabulary.lookup("b")!)]
        // The true boundary is a − b = 0: weights of equal size, opposite sign, bias near 0.
        #expect(a > 1 && b < -1)
        #expect(abs(a + b) / a < 0.15)
        #expect(abs(fit.bias) < 0.3 * a)
        for (xi, yi) in zip(x, y) { #expect((xi.dot(fit.weights) + fit.bias > 0) == yi) }
    }

    @Test func strongerPenaltyShrinksWeights() {
        let (docs, y) = separableData(count: 100, seed: 3)
        let vocabulary = FeatureVocabulary.build(documents: docs)
        let x = docs.map(vocabulary.vector)
        let weak = LogisticRegression(l2: 1e-3).fit(x, labels: y, dimension: vocabulary.count)
        let strong = LogisticRegression(l2: 1).fit(x, labels: y, dimension: vocabulary.count)
        #expect(norm(strong.weights) < norm(weak.weights) / 3)
    }

    @Test func optimumHasZeroGradient() {
        // Checks the solver against the analytic optimality condition of the objective:
        // (1/n) Σ (σ(zᵢ) − yᵢ) xᵢ + λw = 0.
        let (docs, y) = separableData(count: 60, seed: 11)
        let vocabulary = FeatureVocabulary.build(documents: docs)
        let x = docs.map(vocabulary.vector)
        let l2 = 0.1
        let fit = LogisticRegression(l2: l2, balancedClassWeights: false)
            .fit(x, labels: y, dimension: vocabulary.count)
        var gradient = fit.weights.map { l2 * $0 }
        var biasGradient = 0.0
        for (xi, yi) in zip(x, y) {
            let r = (logistic(xi.dot(fit.weights) + fit.bias) - (yi ? 1 : 0)) / Double(x.count)
            for (i, v) in zip(xi.indices, xi.values) { gradient[Int(i)] += r * Double(v) }
            biasGradient += r
        }
        #expect(gradient.allSatisfy { abs($0) < 1e-5 })
        #expect(abs(biasGradient) < 1e-5)
    }

    @Test func trainingIsDeterministic() throws {
        let (docs, y) = separableData(count: 80, seed: 5)
        let trainer = LinearModelTrainer(calibrationFolds: 4)
        let m1 = trainer.train(name: "t", labels: ["pos"], documents: docs, targets: y.map { [$0] })
        let m2 = trainer.train(name: "t", labels: ["pos"], documents: docs, targets: y.map { [$0] })
        #expect(try m1.jsonData() == m2.jsonData())
    }

    @Test func modelSurvivesJSONRoundTrip() throws {
        let (docs, y) = separableData(count: 80, seed: 9)
        let model = LinearModelTrainer(calibrationFolds: 0).train(
            name: "round", labels: ["pos", "neg"], documents: docs, targets: y.map { [$0, !$0] },
            metadata: ["source": "synthetic"])
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("m.json").path
        try AtomicFile.write(model.jsonData(), to: path)
        let loaded = try LinearModel.load(path: path)
        #expect(loaded.labels == model.labels)
        #expect(loaded.features == model.features)
        #expect(loaded.metadata == ["source": "synthetic"])
        #expect(try loaded.jsonData() == model.jsonData())
        let x = model.features.vector(docs[0])
        for (p, q) in zip(model.probabilities(x), loaded.probabilities(x)) { #expect(abs(p - q) < 1e-5) }
    }

    @Test func loadingRejectsWrongSchemaVersion() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("bad.json").path
        try AtomicFile.write(#"{"schemaVersion": 99, "name": "x", "labels": [], "features": [], "weights": [], "biases": [], "thresholds": []}"#, to: path)
        let error = #expect(throws: SamtalError.self) { try LinearModel.load(path: path) }
        #expect(error?.code == .invalidModel)
    }

    @Test func thresholdMaximisesF1() {
        // Scores 0.9 (T), 0.8 (F), 0.7 (T), 0.2 (F): cutting below 0.7 gives F1 = 0.8, the best.
        let t = ThresholdCalibration.bestF1Threshold(scores: [0.9, 0.8, 0.7, 0.2],
                                                     truth: [true, false, true, false])
        #expect(abs(t - 0.45) < 1e-12)
    }

    @Test func foldsAreDeterministicAndBalanced() {
        let cv = CrossValidation(folds: 5, seed: 42)
        let a = cv.assignments(count: 103)
        #expect(a == cv.assignments(count: 103))
        #expect(a != CrossValidation(folds: 5, seed: 43).assignments(count: 103))
        let sizes = (0..<5).map { k in a.filter { $0 == k }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
    }
}
