import DSP
import Foundation
import SamtalCore

/// Streams 16 kHz mono samples into what diarization keeps per 10 ms frame: 20 MFCCs (the DSP
/// embedding and the resegmentation models), a loudness value (the fallback speech detector) and,
/// for the neural embedding, Resemblyzer's 40 power-mel bands (n_fft 400).
///
/// Everything kept per frame goes to `FrameStore`s, which move it to a temporary file once a
/// store exceeds `spillThresholdBytes`, so memory stays flat in the length of the recording.
/// Samples are never kept.
public final class DiarizationFrontEnd {
    public let sampleRate: Int
    public let hopLength: Int
    private let cepstra: FeatureExtractor
    private let encoderMel: FeatureExtractor?
    private let cepstraStore: FrameStore
    private let melStore: FrameStore?
    private let loudnessStore: FrameStore
    private var samples = 0
    private var sumOfSquares = 0.0
    public let coefficientCount: Int
    private let melBands: Int

    /// - Parameters:
    ///   - encoder: the neural encoder whose mel front end to compute too, or nil.
    ///   - spillThresholdBytes: per store, the size beyond which features move to a temporary
    ///     file (`FrameStore`); `Int.max` keeps everything in memory.
    ///   - temporaryDirectory: where that file goes (default: `$TMPDIR`).
    public init(sampleRate: Int = 16_000, encoder: VoiceEncoder? = nil,
                spillThresholdBytes: Int = FrameStore.defaultSpillThresholdBytes,
                temporaryDirectory: URL? = nil) throws {
        self.sampleRate = sampleRate
        let frames = FrameConfig(sampleRate: sampleRate)
        let logMel = LogMelSpectrogram(mel: try MelSpectrogram(frames: frames))
        let mfccSpec = try MFCC(logMel: logMel, coefficientCount: 20)
        cepstra = FeatureExtractor(mfcc: mfccSpec)
        hopLength = frames.hopLength
        coefficientCount = mfccSpec.coefficientCount
        cepstraStore = FrameStore(dimension: coefficientCount, spillThresholdBytes: spillThresholdBytes,
                                  directory: temporaryDirectory)
        loudnessStore = FrameStore(dimension: 1, spillThresholdBytes: spillThresholdBytes,
                                   directory: temporaryDirectory)
        if let encoder {
            let config = FrameConfig(sampleRate: sampleRate, windowLength: encoder.nFFT,
                                     hopLength: encoder.hopLength, fftLength: encoder.nFFT)
            guard config.hopLength == hopLength else {
                throw SamtalError(.invalidModel, "the speaker encoder's hop (\(encoder.hopLength)) differs from 10 ms")
            }
            encoderMel = FeatureExtractor(mel: try MelSpectrogram(frames: config, mel: MelConfig(bandCount: encoder.melBands)))
            melBands = encoder.melBands
            melStore = FrameStore(dimension: melBands, spillThresholdBytes: spillThresholdBytes,
                                  directory: temporaryDirectory)
        } else {
            encoderMel = nil
            melBands = 0
            melStore = nil
        }
    }

    /// Feeds the next block of samples.
    public func process(_ block: UnsafeBufferPointer<Float>) {
        samples += block.count
        var s = 0.0
        for x in block { s += Double(x) * Double(x) }
        sumOfSquares += s
        cepstra.process(block) { frame in keep(frame) }
        encoderMel?.process(block) { frame in melStore?.append(frame.mel) }
    }

    public func process(_ block: [Float]) { block.withUnsafeBufferPointer { process($0) } }

    private func keep(_ frame: FeatureExtractor.Frame) {
        cepstraStore.append(frame.mfcc)
        // Frame energy in dB (sum of the mel band powers): the speech detector's loudness.
        var sum: Float = 0
        for x in frame.mel { sum += x }
        var loudness = 10 * log10f(sum + 1e-10)
        withUnsafePointer(to: &loudness) { loudnessStore.append(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Flushes the last frames and returns the features; `mel` is nil without an encoder. The mel
    /// frames are scaled as Resemblyzer's `preprocess_wav` scales the audio (RMS to the encoder's
    /// dBFS target); a power spectrum scales with the square of the gain. The scale is applied
    /// when the frames are read (`EncoderMelFrames.gain`): it is known only now.
    ///
    /// - Throws: `writeFailed` when the temporary file could not be written (e.g. a full disk).
    ///   A temporary file that cannot be created is only a warning (`diarize.in-memory`): the
    ///   features then stay in memory.
    public func finish(encoder: VoiceEncoder? = nil,
                       diagnostics: DiagnosticSink? = nil) throws -> (features: FrameFeatures, mel: EncoderMelFrames?) {
        cepstra.finish { frame in keep(frame) }
        encoderMel?.finish { frame in melStore?.append(frame.mel) }
        try cepstraStore.seal()
        try loudnessStore.seal()
        try melStore?.seal()
        if let failure = cepstraStore.spillFailure ?? loudnessStore.spillFailure ?? melStore?.spillFailure {
            diagnostics?.warning("diarize.in-memory", "frame features kept in memory: \(failure)")
        }
        let features = FrameFeatures(
            sampleRate: sampleRate, hopLength: hopLength, totalSamples: samples,
            cepstra: cepstraStore, loudness: loudnessStore)
        guard let melStore else { return (features, nil) }
        var power: Float = 1
        if let encoder, samples > 0, sumOfSquares > 0 {
            let rms = (sumOfSquares / Double(samples)).squareRoot()
            let gain = pow(10, encoder.volumeTargetDBFS / 20) / rms
            power = Float(gain * gain)
        }
        // Aligned to the cepstral frames (both are centred with the same hop; counts may differ
        // by one): frames past the mel store's end read as zero.
        return (features, EncoderMelFrames(store: melStore, frameCount: features.frameCount, gain: power))
    }
}
