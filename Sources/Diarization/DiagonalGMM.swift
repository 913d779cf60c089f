import DSP
import Foundation

/// A Gaussian mixture with diagonal covariances, trained by EM: the speaker model of the
/// frame-level resegmentation (Reynolds & Rose 1995 used the same form for speaker ID).
struct DiagonalGMM: Sendable {
    let dimension: Int
    var weights: [Double]
    /// components × dimension
    var means: [Double]
    /// components × dimension (variances, floored)
    var variances: [Double]
    /// Per-component constant: log w − ½ Σ log(2π σ²).
    private var constants: [Double] = []
    /// 1 / σ², components × dimension, as Float for the scoring loop.
    private var precisions: [Float] = []
    private var meansF: [Float] = []

    var components: Int { weights.count }

    /// Fits `components` Gaussians to the rows `frames` of `data` (rows of `dimension` floats).
    /// Initialisation is deterministic: means at evenly spaced frames, then `iterations` EM steps.
    ///
    /// The in-memory form of `train(store:…)`, which gives the same models (tested).
    init(data: [Float], dimension: Int, frames: [Int], components requested: Int, iterations: Int,
         varianceFloor: [Double]) {
        let n = frames.count
        var start = Start(dimension: dimension, count: n, components: requested)
        data.withUnsafeBufferPointer { p in
            for t in frames {
                start.add(UnsafeBufferPointer(rebasing: p[(t * dimension)..<((t + 1) * dimension)]))
            }
        }
        self.init(start, varianceFloor: varianceFloor)
        let count = Double(max(1, n))
        for _ in 0..<(components == 1 ? 0 : iterations) {
            var step = Step(self)
            data.withUnsafeBufferPointer { p in
                for t in frames {
                    accumulate(UnsafeBufferPointer(rebasing: p[(t * dimension)..<((t + 1) * dimension)]), into: &step)
                }
            }
            update(step, count: count, varianceFloor: varianceFloor)
        }
    }

    /// Trains one model per speaker in `speakers` on the frames `t` with `labels[t]` equal to the
    /// speaker and `t % stride == 0`, exactly as `init(data:frames:…)` would on those frames, but
    /// reading the frames from `store` in one sequential pass per EM step for all speakers at
    /// once, so that no frames are gathered in memory.
    static func train(store: FrameStore, labels: [FrameLabel], stride: Int, speakers: [Int],
                      components requested: Int, iterations: Int, varianceFloor: [Double]) -> [DiagonalGMM] {
        let dimension = store.dimension
        let frames = min(labels.count, store.frameCount)
        // Model index per label, -1 for speakers not trained.
        var modelOf = [Int](repeating: -1, count: (speakers.max() ?? -1) + 1)
        for (m, s) in speakers.enumerated() { modelOf[s] = m }
        var counts = [Int](repeating: 0, count: speakers.count)
        for t in Swift.stride(from: 0, to: frames, by: stride) {
            let l = Int(labels[t])
            if l >= 0 && l < modelOf.count && modelOf[l] >= 0 { counts[modelOf[l]] += 1 }
        }
        /// Calls `body(model, row)` for every training frame, in time order.
        func pass(_ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
            store.forEachChunk(of: 0..<frames) { first, rows in
                var t = first + (stride - first % stride) % stride
                let end = first + rows.count / dimension
                while t < end {
                    let l = Int(labels[t])
                    if l >= 0 && l < modelOf.count && modelOf[l] >= 0 {
                        let i = t - first
                        body(modelOf[l], UnsafeBufferPointer(rebasing: rows[(i * dimension)..<((i + 1) * dimension)]))
                    }
                    t += stride
                }
            }
        }
        var starts = counts.map { Start(dimension: dimension, count: $0, components: requested) }
        pass { m, row in starts[m].add(row) }
        var models = starts.map { DiagonalGMM($0, varianceFloor: varianceFloor) }
        let training = models.indices.filter { models[$0].components > 1 }
        if training.isEmpty { return models }
        for _ in 0..<iterations {
            var steps = models.map { Step($0) }
            pass { m, row in if models[m].components > 1 { models[m].accumulate(row, into: &steps[m]) } }
            for m in training {
                models[m].update(steps[m], count: Double(max(1, counts[m])), varianceFloor: varianceFloor)
            }
        }
        return models
    }

    /// What the initialisation needs from a model's frames: their sum and sum of squares, and the
    /// evenly spaced frames that seed the component means (frame `(c·n)/k + n/(2k)` of the `n`,
    /// for component `c` of `k`).
    struct Start {
        let dimension: Int
        let count: Int
        let components: Int
        var sum: [Double]
        var square: [Double]
        /// components × dimension
        var seeds: [Double]
        private var seen = 0
        private var nextSeed = 0

        init(dimension: Int, count n: Int, components requested: Int) {
            self.dimension = dimension
            count = n
            components = max(1, min(requested, n / (2 * dimension)))
            sum = [Double](repeating: 0, count: dimension)
            square = [Double](repeating: 0, count: dimension)
            seeds = [Double](repeating: 0, count: components * dimension)
        }

        private func seedPosition(_ c: Int) -> Int { (c * count) / components + count / (2 * components) }

        /// The next of the model's frames, in order.
        mutating func add(_ x: UnsafeBufferPointer<Float>) {
            for d in 0..<dimension {
                let v = Double(x[d])
                sum[d] += v
                square[d] += v * v
            }
            while nextSeed < components && seedPosition(nextSeed) == seen {
                for d in 0..<dimension { seeds[nextSeed * dimension + d] = Double(x[d]) }
                nextSeed += 1
            }
            seen += 1
        }
    }

    /// Global mean and variance as the start for every component, means at the seed frames.
    private init(_ start: Start, varianceFloor: [Double]) {
        let dimension = start.dimension
        let n = start.count
        let k = start.components
        self.dimension = dimension
        weights = [Double](repeating: 1 / Double(k), count: k)
        means = [Double](repeating: 0, count: k * dimension)
        variances = [Double](repeating: 1, count: k * dimension)
        var mean = start.sum
        let square = start.square
        let count = Double(max(1, n))
        for d in 0..<dimension {
            mean[d] /= count
            let v = max(square[d] / count - mean[d] * mean[d], varianceFloor[d])
            for c in 0..<k {
                variances[c * dimension + d] = v
            }
        }
        for c in 0..<k {
            for d in 0..<dimension {
                means[c * dimension + d] = n > 0 ? start.seeds[c * dimension + d] : mean[d]
            }
        }
        if k == 1 { for d in 0..<dimension { means[d] = mean[d] } }
        prepare()
    }

    /// One EM step's sufficient statistics over a model's frames.
    struct Step {
        var nk: [Double]
        var sum: [Double]
        var sumSquares: [Double]
        fileprivate var responsibilities: [Double]

        init(_ model: DiagonalGMM) {
            let k = model.components
            nk = [Double](repeating: 0, count: k)
            sum = [Double](repeating: 0, count: k * model.dimension)
            sumSquares = [Double](repeating: 0, count: k * model.dimension)
            responsibilities = [Double](repeating: 0, count: k)
        }
    }

    /// Adds the next of the model's frames, in order, to the E step's statistics.
    func accumulate(_ x: UnsafeBufferPointer<Float>, into step: inout Step) {
        let k = components
        componentLogLikelihoods(x, into: &step.responsibilities)
        let top = step.responsibilities.max()!
        var total = 0.0
        for c in 0..<k {
            step.responsibilities[c] = exp(step.responsibilities[c] - top)
            total += step.responsibilities[c]
        }
        for c in 0..<k {
            let r = step.responsibilities[c] / total
            if r < 1e-6 { continue }
            step.nk[c] += r
            for d in 0..<dimension {
                let v = Double(x[d])
                step.sum[c * dimension + d] += r * v
                step.sumSquares[c * dimension + d] += r * v * v
            }
        }
    }

    /// M step from the statistics of all `count` frames.
    private mutating func update(_ step: Step, count: Double, varianceFloor: [Double]) {
        let k = components
        for c in 0..<k where step.nk[c] > 1 {
            weights[c] = step.nk[c] / count
            for d in 0..<dimension {
                let m = step.sum[c * dimension + d] / step.nk[c]
                means[c * dimension + d] = m
                variances[c * dimension + d] = max(
                    step.sumSquares[c * dimension + d] / step.nk[c] - m * m, varianceFloor[d])
            }
        }
        let totalWeight = weights.reduce(0, +)
        for c in 0..<k { weights[c] /= totalWeight }
        prepare()
    }

    private mutating func prepare() {
        let k = components
        constants = (0..<k).map { c in
            var s = log(max(weights[c], 1e-12))
            for d in 0..<dimension { s -= 0.5 * log(2 * Double.pi * variances[c * dimension + d]) }
            return s
        }
        precisions = variances.map { Float(1 / $0) }
        meansF = means.map(Float.init)
    }

    /// log(w_c · N(x; μ_c, Σ_c)) for every component.
    @inline(__always)
    func componentLogLikelihoods(_ x: UnsafeBufferPointer<Float>, into out: inout [Double]) {
        for c in 0..<components {
            var q: Float = 0
            let base = c * dimension
            for d in 0..<dimension {
                let diff = x[d] - meansF[base + d]
                q += diff * diff * precisions[base + d]
            }
            out[c] = constants[c] - 0.5 * Double(q)
        }
    }

    /// log p(x) under the mixture.
    @inline(__always)
    func logLikelihood(_ x: UnsafeBufferPointer<Float>, scratch: inout [Double]) -> Double {
        componentLogLikelihoods(x, into: &scratch)
        var top = -Double.infinity
        for c in 0..<components where scratch[c] > top { top = scratch[c] }
        var total = 0.0
        for c in 0..<components { total += exp(scratch[c] - top) }
        return top + log(total)
    }
}
