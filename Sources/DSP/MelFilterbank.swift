import Foundation
import SamtalCore

/// The mel scale: how hertz map to mels.
public enum MelScale: String, Sendable, Codable, CaseIterable {
    /// HTK's `mel = 2595 · log10(1 + f / 700)` (librosa `htk=True`).
    case htk
    /// Slaney's Auditory Toolbox scale (librosa's default, `htk=False`): linear below 1 kHz
    /// (`f / (200/3)`), logarithmic above (`15 + ln(f / 1000) / (ln 6.4 / 27)`).
    case slaney

    /// Mels of `hertz`.
    public func mel(hertz f: Double) -> Double {
        switch self {
        case .htk:
            return 2595 * log10(1 + f / 700)
        case .slaney:
            let fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp
            let logStep = log(6.4) / 27
            return f >= minLogHz ? minLogMel + log(f / minLogHz) / logStep : f / fSp
        }
    }

    /// Hertz of `mel` (the inverse of ``mel(hertz:)``).
    public func hertz(mel m: Double) -> Double {
        switch self {
        case .htk:
            return 700 * (pow(10, m / 2595) - 1)
        case .slaney:
            let fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp
            let logStep = log(6.4) / 27
            return m >= minLogMel ? minLogHz * exp(logStep * (m - minLogMel)) : fSp * m
        }
    }
}

/// How each triangular filter is scaled.
public enum MelNormalization: String, Sendable, Codable, CaseIterable {
    /// Peak 1 (librosa `norm=None`).
    case none
    /// Constant energy per band: each triangle is scaled by `2 / (f[i+2] − f[i])`, its width in
    /// Hz (librosa `norm='slaney'`, the default).
    case slaney
}

/// The settings of a mel filterbank, with librosa's names in parentheses.
public struct MelConfig: Sendable, Equatable, Codable {
    /// Number of mel bands (`n_mels`).
    public var bandCount: Int
    /// Lowest edge in Hz (`fmin`).
    public var minimumFrequency: Double
    /// Highest edge in Hz (`fmax`); nil means Nyquist (`sr / 2`).
    public var maximumFrequency: Double?
    /// Mel scale (`htk`).
    public var scale: MelScale
    /// Band normalisation (`norm`).
    public var normalization: MelNormalization

    /// Defaults: 40 bands, 0 Hz to Nyquist, Slaney scale and norm (librosa's defaults except
    /// `n_mels`).
    public init(bandCount: Int = 40, minimumFrequency: Double = 0, maximumFrequency: Double? = nil,
                scale: MelScale = .slaney, normalization: MelNormalization = .slaney) {
        self.bandCount = bandCount
        self.minimumFrequency = minimumFrequency
        self.maximumFrequency = maximumFrequency
        self.scale = scale
        self.normalization = normalization
    }
}

/// Triangular mel filters over the bins of a real FFT, stored sparsely (only the non-zero span
/// of each band), built exactly as `librosa.filters.mel`.
///
/// Construction (in `Double`, rounded to `Float` once): `bandCount + 2` edge frequencies equally
/// spaced in mels from `fmin` to `fmax`; band `i` rises from edge `i` to edge `i+1` and falls to
/// edge `i+2`, evaluated at the bin frequencies `k · sr / n_fft`; then the optional Slaney
/// normalisation. Applying it costs one multiply-add per non-zero weight (about two per bin).
public struct MelFilterbank: Sendable, Equatable {
    /// The settings it was built from.
    public let config: MelConfig
    /// Sample rate in Hz.
    public let sampleRate: Int
    /// FFT size; the filterbank reads `fftLength / 2 + 1` bins.
    public let fftLength: Int
    /// First non-zero bin of each band (`bandCount` entries).
    public let firstBin: [Int]
    /// Offset of each band's weights in ``weights`` (`bandCount + 1` entries, the last one the
    /// total), so band `b` has weights `weights[offsets[b] ..< offsets[b+1]]` for bins
    /// `firstBin[b] ...`.
    public let offsets: [Int]
    /// All non-zero weights, band after band.
    public let weights: [Float]

    /// Builds the filterbank; throws `invalidArgument` for impossible settings.
    public init(_ config: MelConfig = MelConfig(), sampleRate: Int = 16_000, fftLength: Int = 512) throws {
        let nyquist = Double(sampleRate) / 2
        let fmax = config.maximumFrequency ?? nyquist
        func fail(_ message: String) -> SamtalError { SamtalError(.invalidArgument, message) }
        guard sampleRate > 0, fftLength >= 2 else {
            throw fail("mel filterbank needs a positive sample rate and an FFT length ≥ 2")
        }
        guard config.bandCount >= 1 else { throw fail("mel filterbank needs at least 1 band") }
        guard config.minimumFrequency >= 0, config.minimumFrequency < fmax, fmax <= nyquist else {
            throw fail("mel band edges \(config.minimumFrequency)…\(fmax) Hz must satisfy "
                       + "0 ≤ fmin < fmax ≤ \(nyquist) (Nyquist)")
        }
        self.config = config
        self.sampleRate = sampleRate
        self.fftLength = fftLength

        let bins = fftLength / 2 + 1
        let dense = Self.denseWeights(config, sampleRate: sampleRate, fftLength: fftLength, fmax: fmax)
        var firstBin: [Int] = [], offsets: [Int] = [0], weights: [Float] = []
        for band in 0..<config.bandCount {
            let row = dense[band * bins ..< (band + 1) * bins]
            // An empty band (possible with many bands and a short FFT; librosa warns) keeps an
            // empty span and yields 0.
            let first = row.firstIndex { $0 != 0 } ?? row.startIndex
            let last = row.lastIndex { $0 != 0 } ?? (first - 1)
            firstBin.append(first - row.startIndex)
            if last >= first { weights.append(contentsOf: row[first...last].map { Float($0) }) }
            offsets.append(weights.count)
        }
        self.firstBin = firstBin
        self.offsets = offsets
        self.weights = weights
    }

    // librosa.filters.mel, in Double: bandCount × bins, row-major.
    private static func denseWeights(_ config: MelConfig, sampleRate: Int, fftLength: Int,
                                     fmax: Double) -> [Double] {
        let bins = fftLength / 2 + 1
        let n = config.bandCount
        let lo = config.scale.mel(hertz: config.minimumFrequency)
        let hi = config.scale.mel(hertz: fmax)
        // np.linspace(lo, hi, n + 2): lo + i·step, with the end point exact.
        let edges: [Double] = (0..<(n + 2)).map { i in
            let m = i == n + 1 ? hi : lo + Double(i) * (hi - lo) / Double(n + 1)
            return config.scale.hertz(mel: m)
        }
        // np.fft.rfftfreq(n_fft, 1/sr) == np.linspace(0, sr/2, bins) for even n_fft; librosa uses
        // the latter: k · (sr/2) / (bins − 1).
        let binHz: [Double] = (0..<bins).map { k in
            bins == 1 ? 0 : Double(k) * (Double(sampleRate) / 2) / Double(bins - 1)
        }
        var w = [Double](repeating: 0, count: n * bins)
        for i in 0..<n {
            let lowerWidth = edges[i + 1] - edges[i], upperWidth = edges[i + 2] - edges[i + 1]
            let scale = config.normalization == .slaney ? 2 / (edges[i + 2] - edges[i]) : 1
            for k in 0..<bins {
                let lower = (binHz[k] - edges[i]) / lowerWidth
                let upper = (edges[i + 2] - binHz[k]) / upperWidth
                w[i * bins + k] = max(0, min(lower, upper)) * scale
            }
        }
        return w
    }

    /// Number of bands.
    public var bandCount: Int { config.bandCount }
    /// Number of FFT bins read: `fftLength / 2 + 1`.
    public var binCount: Int { fftLength / 2 + 1 }

    /// The dense `bandCount × binCount` weight matrix (for inspection and tests).
    public var denseMatrix: FeatureMatrix {
        var m = FeatureMatrix(dimension: binCount,
                              values: [Float](repeating: 0, count: bandCount * binCount))
        for b in 0..<bandCount {
            for j in offsets[b] ..< offsets[b + 1] {
                m[b, firstBin[b] + j - offsets[b]] = weights[j]
            }
        }
        return m
    }

    /// `bands[b] = Σ_k weight[b, k] · spectrum[k]` over the non-zero weights only.
    /// `spectrum` has `binCount` values, `bands` `bandCount`. No allocation.
    @inlinable
    public func apply(_ spectrum: UnsafeBufferPointer<Float>, into bands: UnsafeMutableBufferPointer<Float>) {
        precondition(spectrum.count >= binCount && bands.count >= bandCount)
        weights.withUnsafeBufferPointer { w in
            offsets.withUnsafeBufferPointer { off in
                firstBin.withUnsafeBufferPointer { first in
                    let s = spectrum.baseAddress!
                    for b in 0..<bandCount {
                        // Four independent partial sums: a single Float accumulator would make
                        // every add wait for the previous one.
                        var (a0, a1, a2, a3): (Float, Float, Float, Float) = (0, 0, 0, 0)
                        let start = off[b], end = off[b + 1]
                        let base = s + first[b] - start
                        var j = start
                        while j + 4 <= end {
                            a0 += w[j] * base[j]
                            a1 += w[j + 1] * base[j + 1]
                            a2 += w[j + 2] * base[j + 2]
                            a3 += w[j + 3] * base[j + 3]
                            j += 4
                        }
                        while j < end {
                            a0 += w[j] * base[j]
                            j += 1
                        }
                        let acc = (a0 + a1) + (a2 + a3)
                        bands[b] = acc
                    }
                }
            }
        }
    }
}
