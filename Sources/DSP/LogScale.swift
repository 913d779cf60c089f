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

    /// Compresses `values` in place. No allocation. `amin`/`floor` below the smallest normal
    /// Float are raised to it, so the logarithm's argument is always a positive normal number.
    @inlinable
    public func apply(_ values: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .decibels(let reference, let amin):
            // 10·log10(x) = (10 / ln 10)·ln(x).
            let k: Float = 4.342_944_819_032_518
            let floor = Swift.max(amin, .leastNormalMagnitude)
            let offset = k * Self.naturalLog(Swift.max(floor, reference))
            for i in values.indices { values[i] = k * Self.naturalLog(Swift.max(floor, values[i])) - offset }
        case .natural(let floor):
            let f = Swift.max(floor, .leastNormalMagnitude)
            for i in values.indices { values[i] = Self.naturalLog(Swift.max(f, values[i])) }
        }
    }

    /// `ln(x)` for finite positive normal `x`, within 2 ulp of the correctly rounded result,
    /// branch-free so that loops over it vectorise (libm's `logf` is an opaque call per value).
    ///
    /// Cephes' `logf` (S. L. Moshier): `x = m·2^e` with `m ∈ [√½, √2)`, then
    /// `ln x = e·ln 2 + ln(1 + f)`, `f = m − 1`, with `ln(1 + f)` as `f − f²/2 + f³·P(f)`
    /// (P of degree 8) and `ln 2` split in two parts for accuracy. Infinity, NaN, zero and
    /// subnormals are not handled: callers floor their input at a positive normal value.
    @inlinable @inline(__always)
    public static func naturalLog(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Float(Int32(bitPattern: (bits >> 23) & 0xff) - 126)
        var m = Float(bitPattern: (bits & 0x007f_ffff) | 0x3f00_0000)  // m ∈ [0.5, 1)
        // Move m into [√½, √2): if m < √½, use 2m and e − 1.
        let small = m < 0.707_106_781_186_547_524
        e = small ? e - 1 : e
        m = small ? m + m - 1 : m - 1
        let z = m * m
        var y: Float = 7.037_683_629_2e-2
        y = y * m - 1.151_461_031_0e-1
        y = y * m + 1.167_699_874_0e-1
        y = y * m - 1.242_014_084_6e-1
        y = y * m + 1.424_932_278_7e-1
        y = y * m - 1.666_805_766_5e-1
        y = y * m + 2.000_071_476_5e-1
        y = y * m - 2.499_999_399_3e-1
        y = y * m + 3.333_333_117_4e-1
        y = y * m * z
        y += -2.121_944_40e-4 * e
        y += -0.5 * z
        return m + y + 0.693_359_375 * e
    }
}
