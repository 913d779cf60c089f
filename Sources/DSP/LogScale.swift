import Foundation

/// How mel energies are compressed.
public enum LogScale: Sendable, Equatable, Codable {
    /// librosa's `power_to_db`: `10·log10(max(amin, x)) − 10·log10(max(amin, reference))`.
    /// Defaults `reference: 1, amin: 1e-10` as librosa. (`top_db` needs the whole signal; see
    /// ``LogMelSpectrogram/topDecibels``.)
    case decibels(reference: Float = 1, amin: Float = 1e-10)
    /// Natural logarithm `ln(max(floor, x))` (Kaldi-style log filterbank energies).
    case natural(floor: Float = 1e-10)

    /// librosa's default `power_to_db(ref=1.0, amin=1e-10)`.
    public static let decibels = LogScale.decibels()

    /// Compresses `values` in place. No allocation.
    @inlinable
    public func apply(_ values: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .decibels(let reference, let amin):
            // 10·log10(x) = (10 / ln 10)·ln(x).
            let k: Float = 10 / Float(M_LN10)
            let offset = k * Foundation.log(Swift.max(amin, reference))
            for i in values.indices { values[i] = k * Foundation.log(Swift.max(amin, values[i])) - offset }
        case .natural(let floor):
            for i in values.indices { values[i] = Foundation.log(Swift.max(floor, values[i])) }
        }
    }
}
