import CBLAS
import Foundation
import SamtalCore

/// Resemblyzer's voice encoder (Wan et al. 2018, "Generalized end-to-end loss for speaker
/// verification"), run in Swift: 40 power-mel bands → 3-layer LSTM (hidden 256) → linear 256 →
/// ReLU → L2 norm. Weights come from `Models/speaker-encoder/voice-encoder.{json,bin}`, made once
/// by `scripts/convert-resemblyzer.py`.
///
/// Windows are run as a batch, time step by time step, so every product is a matrix product
/// (OpenBLAS `sgemm`): the input projections of a whole layer at once, then per step the
/// recurrent projection of all windows' hidden states.
public final class VoiceEncoder: @unchecked Sendable {
    // SAFETY: every stored property is immutable after `init`; `embed` only reads them and keeps
    // its scratch memory local to the call, so one encoder may serve many threads.
    public let melBands: Int
    public let hiddenSize: Int
    public let embeddingSize: Int
    public let layers: Int
    /// Frames per window the model was trained on (160 = 1.6 s).
    public let partialFrames: Int
    public let nFFT: Int
    public let hopLength: Int
    public let volumeTargetDBFS: Double

    /// Per layer: W_ih (4H × in), W_hh (4H × H), bias b_ih + b_hh (4H); gate order i, f, g, o.
    private let inputWeights: [[Float]]
    private let recurrentWeights: [[Float]]
    private let biases: [[Float]]
    private let linearWeight: [Float]  // E × H
    private let linearBias: [Float]

    /// Loads the encoder from a models directory (default: `ModelStore`).
    public convenience init(modelsDirectory: URL? = nil) throws {
        let dir = try modelsDirectory ?? ModelStore.directory()
        let folder = dir.appendingPathComponent("speaker-encoder")
        try self.init(header: folder.appendingPathComponent("voice-encoder.json"),
                      weights: folder.appendingPathComponent("voice-encoder.bin"))
    }

    public init(header headerURL: URL, weights weightsURL: URL) throws {
        func invalid(_ message: String) -> SamtalError {
            SamtalError(.invalidModel, message, hint: "rebuild it with scripts/convert-resemblyzer.py",
                        location: SourceLocation(file: headerURL.path))
        }
        guard let headerData = FileManager.default.contents(atPath: headerURL.path) else {
            throw SamtalError(.invalidModel, "speaker encoder header \(headerURL.path) is missing",
                              hint: "restore Models/speaker-encoder from the repository")
        }
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["format"] as? String == "samtal-tensors-v1",
              let hp = header["hyperparameters"] as? [String: Any],
              let tensors = header["tensors"] as? [[String: Any]],
              let floatCount = header["float_count"] as? Int
        else { throw invalid("speaker encoder header is not samtal-tensors-v1 JSON") }
        guard let data = FileManager.default.contents(atPath: weightsURL.path) else {
            throw SamtalError(.invalidModel, "speaker encoder weights \(weightsURL.path) are missing",
                              hint: "restore Models/speaker-encoder from the repository")
        }
        guard data.count == floatCount * 4 else {
            throw invalid("speaker encoder weights hold \(data.count) bytes, expected \(floatCount * 4)")
        }
        var all = [Float](repeating: 0, count: floatCount)
        _ = all.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        for i in all.indices { all[i] = Float(bitPattern: UInt32(littleEndian: all[i].bitPattern)) }

        func int(_ key: String) throws -> Int {
            guard let v = hp[key] as? Int else { throw invalid("header lacks hyperparameter \(key)") }
            return v
        }
        melBands = try int("mel_bands")
        hiddenSize = try int("hidden_size")
        embeddingSize = try int("embedding_size")
        layers = try int("layers")
        partialFrames = try int("partial_frames")
        nFFT = try int("n_fft")
        hopLength = try int("hop_length")
        guard let volume = (hp["volume_target_dbfs"] as? NSNumber)?.doubleValue else {
            throw invalid("header lacks hyperparameter volume_target_dbfs")
        }
        volumeTargetDBFS = volume

        var byName: [String: [Float]] = [:]
        for t in tensors {
            guard let name = t["name"] as? String, let shape = t["shape"] as? [Int],
                  let offset = t["offset"] as? Int
            else { throw invalid("malformed tensor entry") }
            let count = shape.reduce(1, *)
            guard offset >= 0, offset + count <= floatCount else { throw invalid("tensor \(name) out of range") }
            byName[name] = Array(all[offset..<(offset + count)])
        }
        let h4 = 4 * hiddenSize
        func tensor(_ name: String, _ count: Int) throws -> [Float] {
            guard let t = byName[name], t.count == count else { throw invalid("tensor \(name) missing or misshapen") }
            return t
        }
        var wih: [[Float]] = []
        var whh: [[Float]] = []
        var b: [[Float]] = []
        for l in 0..<layers {
            let inSize = l == 0 ? melBands : hiddenSize
            wih.append(try tensor("lstm.weight_ih_l\(l)", h4 * inSize))
            whh.append(try tensor("lstm.weight_hh_l\(l)", h4 * hiddenSize))
            let bih = try tensor("lstm.bias_ih_l\(l)", h4)
            let bhh = try tensor("lstm.bias_hh_l\(l)", h4)
            b.append(zip(bih, bhh).map(+))
        }
        inputWeights = wih
        recurrentWeights = whh
        biases = b
        linearWeight = try tensor("linear.weight", embeddingSize * hiddenSize)
        linearBias = try tensor("linear.bias", embeddingSize)
        // The products are small (a batch of 32 × 256 by 256 × 1024 per step): OpenBLAS threads
        // cost more than they save there, and the machine's cores are better used elsewhere.
        openblas_set_num_threads(1)
    }

    /// One L2-normalised embedding per window.
    ///
    /// - Parameters:
    ///   - mel: power-mel frames × `melBands`, row-major (librosa `melspectrogram` convention).
    ///   - windows: frame ranges, each `partialFrames` long at most (shorter ones run shorter).
    public func embed(mel: [Float], windows: [FrameWindow], batchSize: Int = 32) -> [[Float]] {
        embed(mel: EncoderMelFrames(bands: melBands, values: mel), windows: windows, batchSize: batchSize)
    }

    /// One L2-normalised embedding per window, reading each window's mel frames from the store
    /// (`windows.count` reads of at most `partialFrames` frames; nothing else is held).
    public func embed(mel: EncoderMelFrames, windows: [FrameWindow], batchSize: Int = 32) -> [[Float]] {
        precondition(mel.bands == melBands, "mel frames have \(mel.bands) bands, the encoder \(melBands)")
        var result = [[Float]](repeating: [], count: windows.count)
        // Group windows of equal length so that each batch steps through time together.
        var byLength: [Int: [Int]] = [:]
        for (i, w) in windows.enumerated() { byLength[w.end - w.start, default: []].append(i) }
        for (length, indices) in byLength.sorted(by: { $0.key < $1.key }) where length > 0 {
            var start = 0
            while start < indices.count {
                let batch = Array(indices[start..<min(indices.count, start + batchSize)])
                let embeddings = run(mel: mel, starts: batch.map { windows[$0].start }, frames: length)
                for (k, i) in batch.enumerated() { result[i] = embeddings[k] }
                start += batchSize
            }
        }
        return result
    }

    /// The LSTM over `starts.count` windows of `frames` frames each.
    private func run(mel: EncoderMelFrames, starts: [Int], frames T: Int) -> [[Float]] {
        let B = starts.count
        let H = hiddenSize
        let H4 = 4 * H
        // Layer input, time-major: (T·B) × inSize; row t·B + b is window b at step t. Frames
        // past the end stay zero.
        var input = [Float](repeating: 0, count: T * B * melBands)
        let available = min(mel.frameCount, mel.store.frameCount)
        let gain = mel.gain
        var scratch: [Float] = []
        for b in 0..<B {
            let first = min(starts[b], available)
            let end = min(starts[b] + T, available)
            mel.store.withFrames(first..<end, scratch: &scratch) { frames in
                for t in 0..<(end - first) {
                    let src = t * melBands
                    let dst = (t * B + b) * melBands
                    for k in 0..<melBands { input[dst + k] = frames[src + k] * gain }
                }
            }
        }
        var inSize = melBands
        var h = [Float](repeating: 0, count: B * H)
        var c = [Float](repeating: 0, count: B * H)
        var gates = [Float](repeating: 0, count: T * B * H4)
        var output = [Float](repeating: 0, count: T * B * H)
        for l in 0..<layers {
            // gates = input · W_ihᵀ + bias, for every step at once.
            let bias = biases[l]
            for row in 0..<(T * B) {
                let base = row * H4
                for j in 0..<H4 { gates[base + j] = bias[j] }
            }
            Self.gemm(rows: T * B, columns: H4, inner: inSize, a: input, b: inputWeights[l], c: &gates, beta: 1)
            for i in 0..<(B * H) {
                h[i] = 0
                c[i] = 0
            }
            for t in 0..<T {
                // gates[t] += h · W_hhᵀ
                gates.withUnsafeMutableBufferPointer { g in
                    let step = UnsafeMutableBufferPointer(rebasing: g[(t * B * H4)..<((t + 1) * B * H4)])
                    h.withUnsafeBufferPointer { hp in
                        recurrentWeights[l].withUnsafeBufferPointer { w in
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(B), Int32(H4), Int32(H),
                                        1, hp.baseAddress, Int32(H), w.baseAddress, Int32(H), 1,
                                        step.baseAddress, Int32(H4))
                        }
                    }
                    for b in 0..<B {
                        let gb = b * H4
                        for j in 0..<H {
                            let ig = Self.sigmoid(step[gb + j])
                            let fg = Self.sigmoid(step[gb + H + j])
                            let gg = tanhf(step[gb + 2 * H + j])
                            let og = Self.sigmoid(step[gb + 3 * H + j])
                            let cell = fg * c[b * H + j] + ig * gg
                            c[b * H + j] = cell
                            h[b * H + j] = og * tanhf(cell)
                        }
                    }
                }
                let dst = t * B * H
                for i in 0..<(B * H) { output[dst + i] = h[i] }
            }
            if l + 1 < layers {
                input = output
                inSize = H
            }
        }
        // Linear + ReLU + L2 norm on the last layer's final hidden state.
        var embedded = [Float](repeating: 0, count: B * embeddingSize)
        for b in 0..<B {
            for j in 0..<embeddingSize { embedded[b * embeddingSize + j] = linearBias[j] }
        }
        Self.gemm(rows: B, columns: embeddingSize, inner: H, a: h, b: linearWeight, c: &embedded, beta: 1)
        return (0..<B).map { b in
            var v = Array(embedded[(b * embeddingSize)..<((b + 1) * embeddingSize)]).map { max(0, $0) }
            var norm: Float = 0
            for x in v { norm += x * x }
            norm = norm.squareRoot()
            if norm > 0 { for i in v.indices { v[i] /= norm } }
            return v
        }
    }

    /// c = a · bᵀ + beta·c with a: rows × inner, b: columns × inner, c: rows × columns.
    static func gemm(rows: Int, columns: Int, inner: Int, a: [Float], b: [Float], c: inout [Float], beta: Float) {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(inner),
                                1, ap.baseAddress, Int32(inner), bp.baseAddress, Int32(inner), beta,
                                cp.baseAddress, Int32(columns))
                }
            }
        }
    }

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
}
