import DSP
import SamtalCore

/// Stage 2: 16 kHz mono samples → ``SpeechRegions``.
///
/// Scoring and deciding are separate: a ``VoiceActivitySession`` turns samples into log-mel frames
/// (DSP's streaming framer: 25 ms Hann windows every 10 ms, 512-point FFT, 40 Slaney mel bands,
/// dB), the frames into ``VoiceActivityFeatures``, and those into speech probabilities with the
/// trained ``VoiceActivityModel``; a ``HysteresisDecider`` then turns probabilities into regions.
/// Memory stays flat however long the input is.
///
/// ```swift
/// let vad = VoiceActivityDetector(model: try .bundled())
/// let regions = try vad.run(samples, diagnostics: sink)
/// ```
public struct VoiceActivityDetector: Sendable {
    /// The only sample rate the model was trained for.
    public static let sampleRate = 16_000

    /// The frame classifier (shared, read-only).
    public let model: VoiceActivityModel
    /// How probabilities become regions.
    public var hysteresis: Hysteresis

    public init(model: VoiceActivityModel, hysteresis: Hysteresis = .standard) {
        self.model = model
        self.hysteresis = hysteresis
    }

    /// A fresh run over one stream of samples.
    public func makeSession(diagnostics: DiagnosticSink) throws -> VoiceActivitySession {
        try hysteresis.validate()
        return VoiceActivitySession(model: model, hysteresis: hysteresis, diagnostics: diagnostics)
    }

    /// Speech regions of `samples` (16 kHz mono).
    public func run(_ samples: [Float], diagnostics: DiagnosticSink) throws -> SpeechRegions {
        let session = try makeSession(diagnostics: diagnostics)
        samples.withUnsafeBufferPointer { session.process($0) }
        return session.finish()
    }
}

/// The scoring front end without the model: 16 kHz samples → log-mel frames →
/// ``VoiceActivityFeatures``, in flat memory. ``VoiceActivitySession`` runs on it; the training
/// script dumps its output (`samtal vad --dump-features`) so that the model is trained on exactly
/// the inputs it sees at run time.
public final class VoiceActivityFrontEnd {
    /// The log-mel front end the model was trained on: DSP's streaming (non-centred) frames,
    /// 25 ms periodic Hann every 10 ms, 512-point FFT, 40 Slaney mel bands, power in dB.
    public static let logMel: LogMelSpectrogram = {
        do {
            let frames = FrameConfig(sampleRate: 16_000, windowLength: 400, hopLength: 160,
                                     fftLength: 512, window: .hann, framing: .streaming)
            return LogMelSpectrogram(mel: try MelSpectrogram(frames: frames,
                                                             mel: MelConfig(bandCount: 40)))
        } catch {
            fatalError("constant VAD front-end settings failed to validate: \(error)")
        }
    }()

    private let extractor = FeatureExtractor(logMel: VoiceActivityFrontEnd.logMel)
    private let features: VoiceActivityFeatures
    private var scratch: [Float] = []
    /// Samples received so far.
    public private(set) var sampleCount = 0
    /// NaN or infinite samples seen (they are analysed as 0).
    public private(set) var nonFiniteCount = 0

    public convenience init() { self.init(features: VoiceActivityFeatures()) }

    init(features: VoiceActivityFeatures) { self.features = features }

    /// Feeds a block of samples; calls `body(t, inputs)` for each frame whose inputs are complete.
    public func process(_ block: UnsafeBufferPointer<Float>,
                        _ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
        sampleCount += block.count
        // Non-finite samples would poison the log-mel and every window around them.
        // A float is NaN or infinite when its exponent bits are all ones; an integer OR-reduction
        // over the block vectorises, unlike an early exit.
        var exponentAllOnes: UInt32 = 0
        for x in block {
            exponentAllOnes |= (x.bitPattern & 0x7F80_0000) == 0x7F80_0000 ? 1 : 0
        }
        if exponentAllOnes == 0 {
            extractor.process(block) { frame in features.push(frame.logMel, body) }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: block)
        for i in scratch.indices where !scratch[i].isFinite {
            scratch[i] = 0
            nonFiniteCount += 1
        }
        scratch.withUnsafeBufferPointer { b in
            extractor.process(b) { frame in features.push(frame.logMel, body) }
        }
    }

    /// Ends the stream; calls `body` for the remaining frames.
    public func finish(_ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
        extractor.finish { frame in features.push(frame.logMel, body) }
        features.finish(body)
    }
}

/// One run of ``VoiceActivityDetector`` over a stream of 16 kHz mono samples: feed blocks of any
/// size with ``process(_:)``, then call ``finish()`` once. Holds its own scratch memory; not
/// shared between tasks.
public final class VoiceActivitySession {
    /// Called with each frame's speech probability.
    public var probabilityObserver: ((Int, Float) -> Void)?

    let model: VoiceActivityModel
    let diagnostics: DiagnosticSink
    private let frontEnd = VoiceActivityFrontEnd()
    private var decider: HysteresisDecider
    private var spans: [SampleSpan] = []

    init(model: VoiceActivityModel, hysteresis: Hysteresis, diagnostics: DiagnosticSink) {
        self.model = model
        self.diagnostics = diagnostics
        decider = HysteresisDecider(hysteresis, frames: .standard)
    }

    /// Samples received so far.
    public var sampleCount: Int { frontEnd.sampleCount }

    /// Feeds the next block of samples.
    public func process(_ block: UnsafeBufferPointer<Float>) {
        frontEnd.process(block) { t, inputs in decide(t, inputs) }
    }

    /// Ends the stream and returns its speech regions.
    public func finish() -> SpeechRegions {
        frontEnd.finish { t, inputs in decide(t, inputs) }
        let samples = frontEnd.sampleCount
        decider.finish(totalSamples: samples) { spans.append($0) }
        if frontEnd.nonFiniteCount > 0 {
            diagnostics.warning("vad.non-finite-samples",
                                "\(frontEnd.nonFiniteCount) NaN or infinite sample(s) were analysed as silence")
        }
        if samples < VoiceActivityFrontEnd.logMel.mel.frames.windowLength {
            diagnostics.warning("vad.empty-audio",
                                samples == 0 ? "the audio is empty: no speech regions"
                                    : "the audio is shorter than one 25 ms frame (\(samples) samples): no speech regions")
        } else if spans.isEmpty {
            diagnostics.note("vad.no-speech", "no speech found")
        }
        return SpeechRegions(sampleRate: VoiceActivityDetector.sampleRate, totalSamples: samples,
                             spans: spans)
    }

    private func decide(_ t: Int, _ inputs: UnsafeBufferPointer<Float>) {
        let p = model.probability(inputs)
        probabilityObserver?(t, p)
        decider.push(p) { spans.append($0) }
    }
}
