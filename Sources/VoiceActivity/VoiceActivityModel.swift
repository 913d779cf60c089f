import Foundation
import SamtalCore

/// The trained frame classifier: a one-hidden-layer perceptron from the
/// ``VoiceActivityFeatures`` of a frame to its speech probability,
/// `σ(w₂ · tanh(W₁ · (x − μ) / σₓ + b₁) + b₂)`.
///
/// Loaded once from `Models/vad/model.json` (see `Models/vad/README.md` for its data and
/// training command) and shared read-only between runs. The input normalisation is folded into
/// the first layer at load time, so scoring a frame is two small matrix-vector products.
public struct VoiceActivityModel: Sendable, Equatable {
    /// The JSON file's layout.
    struct File: Codable {
        var schemaVersion: Int
        var kind: String
        var inputDimensions: Int
        var hiddenUnits: Int
        var inputMean: [Float]
        var inputStd: [Float]
        /// hidden × inputs, row-major.
        var hiddenWeights: [Float]
        var hiddenBias: [Float]
        var outputWeights: [Float]
        var outputBias: Float
    }

    /// Values per input frame.
    public let inputDimensions: Int
    /// Hidden units: always ``hiddenWidth``, so that a frame's hidden layer fits one SIMD vector.
    public var hiddenUnits: Int { Self.hiddenWidth }
    /// The hidden layer width the scorer is specialised for.
    public static let hiddenWidth = 16
    /// First layer with the normalisation folded in: one vector of hidden-unit weights per input.
    let weights1: [SIMD16<Float>]
    let bias1: SIMD16<Float>
    let weights2: SIMD16<Float>
    let bias2: Float

    /// Relative path of the bundled model inside the Models directory.
    public static let bundledPath = "vad/model.json"

    /// Parses a model file; throws `invalidModel` if it is malformed or does not fit the features.
    public init(data: Data, source: String) throws {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw SamtalError(.invalidModel, "cannot read the VAD model \(source)",
                              hint: "restore it with `git checkout Models/vad` or retrain with scripts/train-vad.sh",
                              underlying: "\(error)")
        }
        let d = file.inputDimensions, h = file.hiddenUnits
        guard file.schemaVersion == 1, file.kind == "mlp-tanh-sigmoid",
              d == VoiceActivityFeatures.dimension, h == Self.hiddenWidth,
              file.inputMean.count == d, file.inputStd.count == d,
              file.hiddenWeights.count == d * h, file.hiddenBias.count == h,
              file.outputWeights.count == h,
              file.inputStd.allSatisfy({ $0 > 0 && $0.isFinite }),
              (file.inputMean + file.hiddenWeights + file.hiddenBias + file.outputWeights
                + [file.outputBias]).allSatisfy(\.isFinite)
        else {
            throw SamtalError(.invalidModel,
                              "the VAD model \(source) does not match this samtal (expected schema 1, kind mlp-tanh-sigmoid, \(VoiceActivityFeatures.dimension) inputs, \(Self.hiddenWidth) hidden units, consistent sizes, finite values)",
                              hint: "retrain it with scripts/train-vad.sh")
        }
        inputDimensions = d
        var w1 = [SIMD16<Float>](repeating: .zero, count: d)
        var b1 = SIMD16<Float>(file.hiddenBias)
        for j in 0..<h {
            for i in 0..<d {
                let w = file.hiddenWeights[j * d + i] / file.inputStd[i]
                w1[i][j] = w
                b1[j] -= w * file.inputMean[i]
            }
        }
        weights1 = w1
        bias1 = b1
        weights2 = SIMD16<Float>(file.outputWeights)
        bias2 = file.outputBias
    }

    /// Loads a model file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SamtalError(.invalidModel, "cannot read the VAD model \(url.path)",
                              hint: "restore it with `git checkout Models/vad`",
                              underlying: "\(error.localizedDescription)")
        }
        try self.init(data: data, source: url.path)
    }

    /// The model in `Models/vad/model.json`, found with ``ModelStore`` or in `modelsDirectory`.
    public static func bundled(modelsDirectory: URL? = nil) throws -> VoiceActivityModel {
        let url = try modelsDirectory.map { $0.appendingPathComponent(bundledPath) }
            ?? ModelStore.url(for: bundledPath)
        return try VoiceActivityModel(contentsOf: url)
    }

    /// Speech probability of one frame's inputs (``inputDimensions`` values). No allocation.
    public func probability(_ input: UnsafeBufferPointer<Float>) -> Float {
        logit(input).sigmoid
    }

    func logit(_ input: UnsafeBufferPointer<Float>) -> Float {
        precondition(input.count == inputDimensions)
        // hidden = b₁ + Σᵢ xᵢ·W₁[i]: one 16-wide multiply-add per input.
        var hidden = bias1
        weights1.withUnsafeBufferPointer { w in
            for i in 0..<inputDimensions { hidden += input[i] * w[i] }
        }
        var z = bias2
        for j in 0..<Self.hiddenWidth { z += weights2[j] * fastTanh(hidden[j]) }
        return z
    }
}

/// tanh through one exponential: `tanh(x) = 1 − 2 / (e^{2x} + 1)`, exact to float rounding.
@inline(__always)
func fastTanh(_ x: Float) -> Float {
    let c = min(max(x, -15), 15)
    return 1 - 2 / (Foundation.exp(2 * c) + 1)
}

extension Float {
    /// The logistic function.
    var sigmoid: Float { 1 / (1 + Foundation.exp(-self)) }
}
