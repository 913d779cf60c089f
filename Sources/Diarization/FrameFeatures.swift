import DSP
import SamtalCore

/// Per-frame acoustic features of one recording: cepstra (frames × dimension, row-major) and one
/// loudness value per frame, each in a `FrameStore` (which moves them to a temporary file on long
/// inputs).
///
/// Frame `t` is centred on sample `t · hopLength` (librosa's `center=True` convention) and stands
/// for the samples `[t·hop − hop/2, t·hop + hop/2)`.
public struct FrameFeatures: Sendable, Equatable {
    public var sampleRate: Int
    public var hopLength: Int
    public var totalSamples: Int
    /// frames × dimension, row-major; sealed (read-only).
    public let cepstra: FrameStore
    /// Per-frame log energy (any monotone loudness measure), frames × 1; sealed. Used only by
    /// the built-in speech detector.
    public let loudness: FrameStore

    /// Features from sealed stores with the same frame count.
    public init(sampleRate: Int, hopLength: Int, totalSamples: Int, cepstra: FrameStore, loudness: FrameStore) {
        precondition(loudness.dimension == 1 && loudness.frameCount == cepstra.frameCount)
        self.sampleRate = sampleRate
        self.hopLength = hopLength
        self.totalSamples = totalSamples
        self.cepstra = cepstra
        self.loudness = loudness
    }

    /// Features held in memory: `values` is frames × dimension, row-major.
    public init(sampleRate: Int, hopLength: Int, totalSamples: Int, dimension: Int, values: [Float],
                logEnergy: [Float]) {
        precondition(dimension > 0 && values.count % dimension == 0)
        self.init(sampleRate: sampleRate, hopLength: hopLength, totalSamples: totalSamples,
                  cepstra: FrameStore(dimension: dimension, values: values),
                  loudness: FrameStore(dimension: 1, values: logEnergy))
    }

    /// The per-frame log energy as an array, read from `loudness` (4 bytes per frame).
    public var logEnergy: [Float] { loudness.allValues() }

    public var dimension: Int { cepstra.dimension }

    public var frameCount: Int { cepstra.frameCount }

    /// Same shape, loudness and cepstra (the stores are compared by content).
    public static func == (a: FrameFeatures, b: FrameFeatures) -> Bool {
        a.sampleRate == b.sampleRate && a.hopLength == b.hopLength && a.totalSamples == b.totalSamples
            && a.dimension == b.dimension && a.frameCount == b.frameCount
            && (a.loudness === b.loudness || a.logEnergy == b.logEnergy)
            && (a.cepstra === b.cepstra || a.cepstra.allValues() == b.cepstra.allValues())
    }

    /// First sample a frame stands for.
    func frameStart(_ t: Int) -> Int { max(0, t * hopLength - hopLength / 2) }

    /// The frame whose span holds sample `s`.
    func frame(containing s: Int) -> Int { (s + hopLength / 2) / hopLength }
}

/// The neural encoder's power-mel frames (frames × bands, row-major, in a `FrameStore`),
/// aligned to the cepstral frames: `frameCount` frames, those past the end of the store being
/// zero. Every value is multiplied by `gain` when read (Resemblyzer's volume normalisation,
/// known only once the whole recording was seen).
public struct EncoderMelFrames: Sendable {
    public let store: FrameStore
    public let frameCount: Int
    /// Factor applied to every value on reading (1: none).
    public let gain: Float

    public init(store: FrameStore, frameCount: Int, gain: Float = 1) {
        self.store = store
        self.frameCount = frameCount
        self.gain = gain
    }

    /// Frames held in memory, already scaled (`values` is frames × bands, row-major).
    public init(bands: Int, values: [Float]) {
        let store = FrameStore(dimension: bands, values: values)
        self.init(store: store, frameCount: store.frameCount)
    }

    public var bands: Int { store.dimension }

    /// All frames as one array, scaled and aligned (frames × bands; tests and short inputs).
    public func allValues() -> [Float] {
        var values = store.allValues()
        if values.count > frameCount * bands { values.removeLast(values.count - frameCount * bands) }
        for i in values.indices { values[i] *= gain }
        while values.count < frameCount * bands { values.append(0) }
        return values
    }
}
