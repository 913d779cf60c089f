import SamtalCore

/// Per-frame acoustic features of one recording: frames × dimension, row-major.
///
/// Frame `t` is centred on sample `t · hopLength` (librosa's `center=True` convention) and stands
/// for the samples `[t·hop − hop/2, t·hop + hop/2)`.
public struct FrameFeatures: Sendable, Equatable {
    public var sampleRate: Int
    public var hopLength: Int
    public var totalSamples: Int
    public var dimension: Int
    /// frames × dimension, row-major.
    public var values: [Float]
    /// Per-frame log energy (any monotone loudness measure), used only by the fallback speech
    /// detector.
    public var logEnergy: [Float]

    public init(sampleRate: Int, hopLength: Int, totalSamples: Int, dimension: Int, values: [Float],
                logEnergy: [Float]) {
        precondition(dimension > 0 && values.count % dimension == 0)
        self.sampleRate = sampleRate
        self.hopLength = hopLength
        self.totalSamples = totalSamples
        self.dimension = dimension
        self.values = values
        self.logEnergy = logEnergy
    }

    public var frameCount: Int { values.count / dimension }

    /// First sample a frame stands for.
    func frameStart(_ t: Int) -> Int { max(0, t * hopLength - hopLength / 2) }

    /// The frame whose span holds sample `s`.
    func frame(containing s: Int) -> Int { (s + hopLength / 2) / hopLength }
}
