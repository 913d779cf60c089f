import Foundation

/// Deterministic synthetic signals with known answers.
public enum Signals {
    /// A sine of `frequency` Hz, `amplitude` peak, `count` samples at `sampleRate`.
    public static func sine(frequency: Double, sampleRate: Int, count: Int,
                            amplitude: Float = 0.5, phase: Double = 0) -> [Float] {
        (0..<count).map { i in
            amplitude * Float(sin(2 * Double.pi * frequency * Double(i) / Double(sampleRate) + phase))
        }
    }

    /// Uniform white noise in `[-amplitude, amplitude]` from a fixed-seed generator.
    public static func noise(count: Int, amplitude: Float = 0.1, seed: UInt64 = 1) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in amplitude * (2 * Float(rng.nextUnit()) - 1) }
    }

    /// `count` samples of digital silence.
    public static func silence(count: Int) -> [Float] { [Float](repeating: 0, count: count) }
}

/// SplitMix64: a tiny, fast, well-distributed deterministic generator for tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in `[0, 1)`.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
