import DSP
import Foundation
import SamtalCore

/// Streams 16 kHz mono samples into what diarization keeps per 10 ms frame: 20 MFCCs (the DSP
/// embedding and the resegmentation models), a loudness value (the fallback speech detector) and,
/// for the neural embedding, Resemblyzer's 40 power-mel bands (n_fft 400).
///
/// Memory grows with the number of frames only (84 bytes per 10 ms frame without the neural
/// embedding, 244 with it — about 30 / 88 MB per hour); samples are never kept.
public final class DiarizationFrontEnd {
    public let sampleRate: Int
    public let hopLength: Int
    private let cepstra: FeatureExtractor
    private let encoderMel: FeatureExtractor?
    private var mfcc: [Float] = []
    private var loudness: [Float] = []
    private var mel: [Float] = []
    private var samples = 0
    private var sumOfSquares = 0.0
    public let coefficientCount: Int
    private let melBands: Int

    /// - Parameter encoder: the neural encoder whose mel front end to compute too, or nil.
    public init(sampleRate: Int = 16_000, encoder: VoiceEncoder? = nil) throws {
        self.sampleRate = sampleRate
        let frames = FrameConfig(sampleRate: sampleRate)
        let logMel = LogMelSpectrogram(mel: try MelSpectrogram(frames: frames))
        let mfccSpec = try MFCC(logMel: logMel, coefficientCount: 20)
        cepstra = FeatureExtractor(mfcc: mfccSpec)
        hopLength = frames.hopLength
        coefficientCount = mfccSpec.coefficientCount
        if let encoder {
            let config = FrameConfig(sampleRate: sampleRate, windowLength: encoder.nFFT,
                                     hopLength: encoder.hopLength, fftLength: encoder.nFFT)
            guard config.hopLength == hopLength else {
                throw SamtalError(.invalidModel, "the speaker encoder's hop (\(encoder.hopLength)) differs from 10 ms")
            }
            encoderMel = FeatureExtractor(mel: try MelSpectrogram(frames: config, mel: MelConfig(bandCount: encoder.melBands)))
            melBands = encoder.melBands
        } else {
            encoderMel = nil
            melBands = 0
        }
    }

    /// Feeds the next block of samples.
    public func process(_ block: UnsafeBufferPointer<Float>) {
        samples += block.count
        var s = 0.0
        for x in block { s += Double(x) * Double(x) }
        sumOfSquares += s
        cepstra.process(block) { frame in keep(frame) }
        encoderMel?.process(block) { frame in mel.append(contentsOf: frame.mel) }
    }

    public func process(_ block: [Float]) { block.withUnsafeBufferPointer { process($0) } }

    private func keep(_ frame: FeatureExtractor.Frame) {
        mfcc.append(contentsOf: frame.mfcc)
        // Frame energy in dB (sum of the mel band powers): the speech detector's loudness.
        var sum: Float = 0
        for x in frame.mel { sum += x }
        loudness.append(10 * log10f(sum + 1e-10))
    }

    /// Flushes the last frames and returns the features; `mel` is nil without an encoder. The mel
    /// frames are scaled as Resemblyzer's `preprocess_wav` scales the audio (RMS to the encoder's
    /// dBFS target); a power spectrum scales with the square of the gain.
    public func finish(encoder: VoiceEncoder? = nil) -> (features: FrameFeatures, mel: [Float]?) {
        cepstra.finish { frame in keep(frame) }
        encoderMel?.finish { frame in mel.append(contentsOf: frame.mel) }
        let features = FrameFeatures(
            sampleRate: sampleRate, hopLength: hopLength, totalSamples: samples,
            dimension: coefficientCount, values: mfcc, logEnergy: loudness)
        guard encoderMel != nil else { return (features, nil) }
        var scaled = mel
        if let encoder, samples > 0, sumOfSquares > 0 {
            let rms = (sumOfSquares / Double(samples)).squareRoot()
            let gain = pow(10, encoder.volumeTargetDBFS / 20) / rms
            let power = Float(gain * gain)
            for i in scaled.indices { scaled[i] *= power }
        }
        // Align to the cepstral frames (both are centred with the same hop; counts may differ by one).
        let frames = features.frameCount
        if scaled.count > frames * melBands { scaled.removeLast(scaled.count - frames * melBands) }
        while scaled.count < frames * melBands { scaled.append(0) }
        return (features, scaled)
    }
}
