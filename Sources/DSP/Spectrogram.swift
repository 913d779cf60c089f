import Foundation
import SamtalCore

/// Which spectrum feeds the filterbank (librosa's `power` argument).
public enum SpectrumKind: String, Sendable, Codable {
    /// `|X[k]|²` (`power=2.0`, the default).
    case power
    /// `|X[k]|` (`power=1.0`).
    case magnitude
}

/// The short-time power (or magnitude) spectrum: `frames × (fftLength/2 + 1)`.
public struct PowerSpectrogram: Sendable {
    /// Framing and window.
    public let frames: FrameConfig
    /// `|X|²` or `|X|`.
    public let spectrum: SpectrumKind

    /// Throws `invalidArgument` for impossible framing.
    public init(frames: FrameConfig = .standard, spectrum: SpectrumKind = .power) throws {
        try frames.validate()
        self.frames = frames
        self.spectrum = spectrum
    }

    /// The spectrogram of `samples`: `frameCount × binCount`, row-major.
    public func run(_ samples: UnsafeBufferPointer<Float>) -> FeatureMatrix {
        let extractor = FeatureExtractor(frames: frames, spectrum: spectrum)
        var out = FeatureMatrix(dimension: frames.binCount,
                                frameCapacity: frames.frameCount(sampleCount: samples.count))
        extractor.process(samples) { out.append(row: $0.spectrum) }
        extractor.finish { out.append(row: $0.spectrum) }
        return out
    }

    /// The spectrogram of `samples`.
    public func run(_ samples: [Float]) -> FeatureMatrix { samples.withUnsafeBufferPointer { run($0) } }
}

/// The mel spectrogram, `librosa.feature.melspectrogram`: `frames × bandCount`.
public struct MelSpectrogram: Sendable {
    /// Framing and window.
    public let frames: FrameConfig
    /// The filterbank applied to each frame's spectrum.
    public let filterbank: MelFilterbank
    /// `|X|²` (librosa default) or `|X|`.
    public let spectrum: SpectrumKind

    /// Throws `invalidArgument` for impossible framing or filterbank settings.
    public init(frames: FrameConfig = .standard, mel: MelConfig = MelConfig(),
                spectrum: SpectrumKind = .power) throws {
        try frames.validate()
        self.frames = frames
        self.filterbank = try MelFilterbank(mel, sampleRate: frames.sampleRate,
                                            fftLength: frames.fftLength)
        self.spectrum = spectrum
    }

    /// samtal's front end: 16 kHz, 25 / 10 ms, n_fft 512, Hann, 40 Slaney mels, power.
    public static let standard: MelSpectrogram = {
        // The settings are constants that validate; a failure here is a programming error.
        do { return try MelSpectrogram() } catch { fatalError("\(error)") }
    }()

    /// The mel spectrogram of `samples`: `frameCount × bandCount`, row-major.
    public func run(_ samples: UnsafeBufferPointer<Float>) -> FeatureMatrix {
        let extractor = FeatureExtractor(mel: self)
        var out = FeatureMatrix(dimension: filterbank.bandCount,
                                frameCapacity: frames.frameCount(sampleCount: samples.count))
        extractor.process(samples) { out.append(row: $0.mel) }
        extractor.finish { out.append(row: $0.mel) }
        return out
    }

    /// The mel spectrogram of `samples`.
    public func run(_ samples: [Float]) -> FeatureMatrix { samples.withUnsafeBufferPointer { run($0) } }
}

/// Log-compressed mel spectrogram: `power_to_db(melspectrogram(…))` or its natural-log variant.
public struct LogMelSpectrogram: Sendable {
    /// The mel spectrogram it compresses.
    public let mel: MelSpectrogram
    /// dB (`power_to_db`) or natural log.
    public let scale: LogScale
    /// librosa's `top_db`: if set, values are clipped to `max − topDecibels`, where `max` is the
    /// maximum over the whole output. Whole-signal only: `run(_:)` applies it, the streaming
    /// ``FeatureExtractor`` does not. Default nil (off), as in the reference fixtures.
    public let topDecibels: Float?

    public init(mel: MelSpectrogram = .standard, scale: LogScale = .decibels,
                topDecibels: Float? = nil) {
        self.mel = mel
        self.scale = scale
        self.topDecibels = topDecibels
    }

    /// samtal's front end with `power_to_db(ref=1, amin=1e-10, top_db=None)`.
    public static let standard = LogMelSpectrogram()

    /// The log-mel spectrogram of `samples`: `frameCount × bandCount`, row-major.
    public func run(_ samples: UnsafeBufferPointer<Float>) -> FeatureMatrix {
        let extractor = FeatureExtractor(logMel: self)
        var out = FeatureMatrix(dimension: mel.filterbank.bandCount,
                                frameCapacity: mel.frames.frameCount(sampleCount: samples.count))
        extractor.process(samples) { out.append(row: $0.logMel) }
        extractor.finish { out.append(row: $0.logMel) }
        applyTopDecibels(&out)
        return out
    }

    /// The log-mel spectrogram of `samples`.
    public func run(_ samples: [Float]) -> FeatureMatrix { samples.withUnsafeBufferPointer { run($0) } }

    /// Clips `m` to `max(m) − topDecibels` when ``topDecibels`` is set.
    public func applyTopDecibels(_ m: inout FeatureMatrix) {
        guard let topDecibels, m.frameCount > 0 else { return }
        let floor = (m.values.max() ?? 0) - topDecibels
        m.withUnsafeMutableBufferPointer { v in
            for i in v.indices where v[i] < floor { v[i] = floor }
        }
    }
}

/// Mel-frequency cepstral coefficients: the orthonormal DCT-II of each log-mel frame, keeping
/// the first `coefficientCount` (`librosa.feature.mfcc(S=log_mel, dct_type=2, norm='ortho')`).
///
/// `c[k] = s_k · Σ_{n<N} x[n] · cos(π k (2n + 1) / 2N)`, `s_0 = √(1/N)`, `s_k = √(2/N)`, for `N`
/// mel bands; with `lifter L > 0`, `c[k] *= 1 + (L/2)·sin(π (k + 1) / L)` as librosa.
public struct MFCC: Sendable {
    /// The log-mel spectrogram the cepstra are taken of.
    public let logMel: LogMelSpectrogram
    /// Cepstral coefficients kept (`n_mfcc`), at most the number of mel bands.
    public let coefficientCount: Int
    /// Sinusoidal liftering (`lifter`); 0 turns it off.
    public let lifter: Int
    /// `coefficientCount × bandCount`, row-major, liftering folded in.
    public let dctMatrix: [Float]
    /// The same, transposed (`bandCount × coefficientCount`), for the vectorised transform.
    @usableFromInline let dctColumns: [Float]

    /// Throws `invalidArgument` if `coefficientCount` is not in `1 ... bandCount`.
    public init(logMel: LogMelSpectrogram = .standard, coefficientCount: Int = 20,
                lifter: Int = 0) throws {
        let n = logMel.mel.filterbank.bandCount
        guard coefficientCount >= 1, coefficientCount <= n else {
            throw SamtalError(.invalidArgument,
                              "MFCC count \(coefficientCount) must be between 1 and the \(n) mel bands")
        }
        guard lifter >= 0 else { throw SamtalError(.invalidArgument, "lifter \(lifter) must be ≥ 0") }
        self.logMel = logMel
        self.coefficientCount = coefficientCount
        self.lifter = lifter
        var m = [Float](repeating: 0, count: coefficientCount * n)
        for k in 0..<coefficientCount {
            let s = k == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
            let lift = lifter > 0 ? 1 + Double(lifter) / 2 * sin(Double.pi * Double(k + 1) / Double(lifter)) : 1
            for i in 0..<n {
                m[k * n + i] = Float(lift * s * cos(Double.pi * Double(k) * Double(2 * i + 1) / Double(2 * n)))
            }
        }
        dctMatrix = m
        dctColumns = (0 ..< n * coefficientCount).map { j in m[(j % coefficientCount) * n + j / coefficientCount] }
    }

    /// samtal's front end: 20 MFCCs of the standard log-mel (dB) spectrogram.
    public static let standard: MFCC = {
        do { return try MFCC() } catch { fatalError("\(error)") }
    }()

    /// The cepstrum of one log-mel frame (`bandCount` values) into `coefficients`
    /// (`coefficientCount` values). No allocation.
    @inlinable
    public func transform(_ logMel: UnsafeBufferPointer<Float>,
                          into coefficients: UnsafeMutableBufferPointer<Float>) {
        let n = self.logMel.mel.filterbank.bandCount
        precondition(logMel.count >= n && coefficients.count >= coefficientCount)
        // c = D·x accumulated column by column: the inner loop runs over the coefficients,
        // which are contiguous in `dctColumns`, so it vectorises.
        let count = coefficientCount
        let c = coefficients.baseAddress!
        c.update(repeating: 0, count: count)
        dctColumns.withUnsafeBufferPointer { d in
            for i in 0..<n {
                let xi = logMel[i]
                let column = d.baseAddress! + i * count
                for k in 0..<count { c[k] += column[k] * xi }
            }
        }
    }

    /// MFCCs of `samples`: `frameCount × coefficientCount`, row-major.
    public func run(_ samples: UnsafeBufferPointer<Float>) -> FeatureMatrix {
        runWithLogMel(samples).mfcc
    }

    /// MFCCs of `samples`.
    public func run(_ samples: [Float]) -> FeatureMatrix { samples.withUnsafeBufferPointer { run($0) } }

    /// Log-mel spectrogram and MFCCs of `samples` in one pass (both `frameCount` rows).
    /// With ``LogMelSpectrogram/topDecibels`` set, the clipped log-mel is transformed again, as
    /// librosa's `mfcc(y=…)` does.
    public func runWithLogMel(_ samples: UnsafeBufferPointer<Float>) -> (logMel: FeatureMatrix, mfcc: FeatureMatrix) {
        let extractor = FeatureExtractor(mfcc: self)
        let frames = logMel.mel.frames.frameCount(sampleCount: samples.count)
        var mel = FeatureMatrix(dimension: logMel.mel.filterbank.bandCount, frameCapacity: frames)
        var cep = FeatureMatrix(dimension: coefficientCount, frameCapacity: frames)
        let append = { (f: FeatureExtractor.Frame) in
            mel.append(row: f.logMel)
            cep.append(row: f.mfcc)
        }
        extractor.process(samples, append)
        extractor.finish(append)
        if logMel.topDecibels != nil {
            logMel.applyTopDecibels(&mel)
            cep = run(logMel: mel)
        }
        return (mel, cep)
    }

    /// Log-mel spectrogram and MFCCs of `samples` in one pass.
    public func runWithLogMel(_ samples: [Float]) -> (logMel: FeatureMatrix, mfcc: FeatureMatrix) {
        samples.withUnsafeBufferPointer { runWithLogMel($0) }
    }

    /// MFCCs of an existing log-mel matrix (`frames × bandCount`).
    public func run(logMel m: FeatureMatrix) -> FeatureMatrix {
        precondition(m.dimension == logMel.mel.filterbank.bandCount)
        var out = FeatureMatrix(dimension: coefficientCount,
                                values: [Float](repeating: 0, count: m.frameCount * coefficientCount))
        m.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for f in 0..<m.frameCount {
                    transform(UnsafeBufferPointer(rebasing: src[f * m.dimension ..< (f + 1) * m.dimension]),
                              into: UnsafeMutableBufferPointer(rebasing: dst[f * coefficientCount ..< (f + 1) * coefficientCount]))
                }
            }
        }
        return out
    }
}
