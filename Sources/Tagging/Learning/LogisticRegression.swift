import Foundation

/// Binary logistic regression with an L2 penalty, fitted by L-BFGS.
///
/// Minimises `(1/W) Σᵢ cᵢ·log(1 + exp(−yᵢ(w·xᵢ + b))) + (λ/2)‖w‖²` with yᵢ ∈ {−1, +1}, example
/// weights cᵢ and W = Σᵢ cᵢ; the bias b is not penalised. With `balancedClassWeights` the
/// positive and negative classes carry equal total weight (King & Zeng's prior correction, as in
/// scikit-learn's `class_weight="balanced"`), which helps F1 on rare labels.
public struct LogisticRegression: Sendable, Equatable, Codable {
    /// L2 penalty λ.
    public var l2: Double
    public var balancedClassWeights: Bool
    public var maximumIterations: Int

    public init(l2: Double = 1e-3, balancedClassWeights: Bool = true, maximumIterations: Int = 300) {
        self.l2 = l2
        self.balancedClassWeights = balancedClassWeights
        self.maximumIterations = maximumIterations
    }

    /// Fitted weights (length `dimension`) and bias.
    public struct Fit: Sendable, Equatable {
        public var weights: [Double]
        public var bias: Double
    }

    /// Fits `labels` (true = positive) on `examples` in a space of `dimension` features.
    public func fit(_ examples: [SparseVector], labels: [Bool], dimension: Int) -> Fit {
        precondition(examples.count == labels.count, "one label per example")
        let n = examples.count
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        if n == 0 || positives == 0 || positives == n {
            // Degenerate: a constant classifier at the (smoothed) base rate.
            let rate = (Double(positives) + 0.5) / (Double(n) + 1)
            return Fit(weights: [Double](repeating: 0, count: dimension), bias: log(rate / (1 - rate)))
        }
        var exampleWeight = [Double](repeating: 1, count: n)
        if balancedClassWeights {
            let wPos = Double(n) / (2 * Double(positives))
            let wNeg = Double(n) / (2 * Double(n - positives))
            for i in 0..<n { exampleWeight[i] = labels[i] ? wPos : wNeg }
        }
        let totalWeight = exampleWeight.reduce(0, +)
        let sign = labels.map { $0 ? 1.0 : -1.0 }
        let l2 = self.l2
        var margins = [Double](repeating: 0, count: n)

        var optimiser = LBFGS()
        optimiser.maximumIterations = maximumIterations
        let solution = optimiser.minimise(from: [Double](repeating: 0, count: dimension + 1)) {
            x, grad in
            let bias = x[dimension]
            var loss = 0.0
            for i in 0..<grad.count { grad[i] = 0 }
            x.withUnsafeBufferPointer { xp in
                grad.withUnsafeMutableBufferPointer { gp in
                    for i in 0..<n {
                        let e = examples[i]
                        var z = bias
                        for k in 0..<e.indices.count {
                            z += Double(e.values[k]) * xp[Int(e.indices[k])]
                        }
                        let m = sign[i] * z
                        margins[i] = m
                        // log(1 + exp(−m)) computed stably.
                        loss += exampleWeight[i] * (m > 0 ? log1p(exp(-m)) : -m + log1p(exp(m)))
                        // d/dz = −y·σ(−m)·c
                        let sigma = m > 0 ? exp(-m) / (1 + exp(-m)) : 1 / (1 + exp(m))
                        let d = -sign[i] * sigma * exampleWeight[i] / totalWeight
                        for k in 0..<e.indices.count {
                            gp[Int(e.indices[k])] += d * Double(e.values[k])
                        }
                        gp[dimension] += d
                    }
                }
            }
            loss /= totalWeight
            var penalty = 0.0
            for j in 0..<dimension {
                penalty += x[j] * x[j]
                grad[j] += l2 * x[j]
            }
            return loss + 0.5 * l2 * penalty
        }
        return Fit(weights: Array(solution[0..<dimension]), bias: solution[dimension])
    }
}

/// The logistic function 1 / (1 + e^−z), stable for large |z|.
@inlinable
public func logistic(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
}
