import Foundation

/// Analysis windows.
///
/// `hann` and `hamming` are *periodic* (DFT-even), as `scipy.signal.get_window(…, fftbins=True)`
/// and therefore librosa use them: `w[n] = a − (1 − a)·cos(2πn / N)` for `n = 0 ..< N`.
public enum WindowFunction: String, Sendable, Codable, CaseIterable {
    /// Periodic Hann, `0.5 − 0.5 cos(2πn/N)` (librosa's `window='hann'`).
    case hann
    /// Periodic Hamming, `0.54 − 0.46 cos(2πn/N)`.
    case hamming
    /// Kaldi's "povey" window: a symmetric Hann raised to 0.85, `(0.5 − 0.5 cos(2πn/(N−1)))^0.85`.
    case povey
    /// All ones.
    case rectangular

    /// The `length` window coefficients, computed in `Double` and rounded once.
    public func coefficients(length: Int) -> [Float] {
        precondition(length >= 1)
        let n = Double(length)
        return (0..<length).map { i in
            let x = Double(i)
            switch self {
            case .hann: return Float(0.5 - 0.5 * cos(2 * Double.pi * x / n))
            case .hamming: return Float(0.54 - 0.46 * cos(2 * Double.pi * x / n))
            case .povey:
                guard length > 1 else { return 1 }
                return Float(pow(0.5 - 0.5 * cos(2 * Double.pi * x / (n - 1)), 0.85))
            case .rectangular: return 1
            }
        }
    }

    /// The window of `windowLength` zero-padded to `fftLength` and centred in it, as librosa's
    /// `util.pad_center` does (left padding `(fftLength − windowLength) / 2`).
    public func paddedCoefficients(windowLength: Int, fftLength: Int) -> [Float] {
        precondition(windowLength <= fftLength)
        let left = (fftLength - windowLength) / 2
        var padded = [Float](repeating: 0, count: fftLength)
        padded.replaceSubrange(left ..< left + windowLength, with: coefficients(length: windowLength))
        return padded
    }
}
