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
    /// Hidden units.
    public let hiddenUnits: Int
    /// First layer with the normalisation folded in: inputs × hidden, row-major (so that the
    /// inner loop runs over contiguous hidden units).
    let weights1: [Float]
    let bias1: [Float]
    let weights2: [Float]
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
              d == VoiceActivityFeatures.dimension, h > 0,
              file.inputMean.count == d, file.inputStd.count == d,
              file.hiddenWeights.count == d * h, file.hiddenBias.count == h,
              file.outputWeights.count == h,
              file.inputStd.allSatisfy({ $0 > 0 && $0.isFinite }),
              (file.inputMean + file.hiddenWeights + file.hiddenBias + file.outputWeights
                + [file.outputBias]).allSatisfy(\.isFinite)
        else {
            throw SamtalError(.invalidModel,
                              "the VAD model \(source) does not match this samtal (expected schema 1, kind mlp-tanh-sigmoid, \(VoiceActivityFeatures.dimension) inputs, consistent sizes, finite values)",
                              hint: "retrain it with scripts/train-vad.sh")
        }
        inputDimensions = d
        hiddenUnits = h
        var w1 = [Float](repeating: 0, count: d * h)
        var b1 = file.hiddenBias
        for j in 0..<h {
            for i in 0..<d {
                let w = file.hiddenWeights[j * d + i] / file.inputStd[i]
                w1[i * h + j] = w
                b1[j] -= w * file.inputMean[i]
            }
        }
        weights1 = w1
        bias1 = b1
        weights2 = file.outputWeights
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

    /// Speech probability of one frame's inputs. `hidden` is caller-owned scratch of
    /// ``hiddenUnits`` floats (no allocation here).
    @inlinable
    public func probability(_ input: UnsafeBufferPointer<Float>,
                            hidden: UnsafeMutableBufferPointer<Float>) -> Float {
        logit(input, hidden: hidden).sigmoid
    }

    @usableFromInline
    func logit(_ input: UnsafeBufferPointer<Float>,
               hidden: UnsafeMutableBufferPointer<Float>) -> Float {
        let h = hiddenUnits, d = inputDimensions
        return weights1.withUnsafeBufferPointer { w1 in
            bias1.withUnsafeBufferPointer { b1 in
                weights2.withUnsafeBufferPointer { w2 in
                    for j in 0..<h { hidden[j] = b1[j] }
                    for i in 0..<d {
                        let x = input[i]
                        let row = i * h
                        for j in 0..<h { hidden[j] += x * w1[row + j] }
                    }
                    var z = bias2
                    for j in 0..<h { z += w2[j] * fastTanh(hidden[j]) }
                    return z
                }
            }
        }
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
    @usableFromInline
    var sigmoid: Float { 1 / (1 + Foundation.exp(-self)) }
}
