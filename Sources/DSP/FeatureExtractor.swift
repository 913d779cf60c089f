/// Streaming feature extraction: takes sample blocks of any size and hands out one frame's
/// features at a time, in flat memory, allocation-free per frame.
///
/// ```swift
/// let extractor = FeatureExtractor(mfcc: .standard)
/// try decoder.decode(path: p, diagnostics: sink) { block in
///     extractor.process(block) { frame in vad.score(frame.index, frame.logMel) }
/// }
/// extractor.finish { frame in vad.score(frame.index, frame.logMel) }
/// ```
///
/// With ``Framing/centered`` framing the frames equal librosa's `center=True` frames of the
/// whole signal (the trailing frames, which need the zero padding after the end, come from
/// ``finish(_:)``); with ``Framing/streaming`` only complete frames from the signal itself are
/// produced and ``finish(_:)`` adds nothing. The per-frame pipeline: window → real FFT (FFTW) →
/// `|X|²` (or `|X|`) → sparse mel filterbank → log → DCT-II, each stage only when the extractor
/// was made for it.
///
/// One extractor per stream and task (it owns its scratch memory); the shared, immutable parts
/// (FFT plan, filterbank, DCT matrix) make extractors cheap to create.
public final class FeatureExtractor {
    /// One frame's features. The buffers are valid only during the callback; copy what you keep.
    public struct Frame {
        /// Frame index (0-based, see ``FrameConfig/windowStart(frame:)``).
        public let index: Int
        /// The `windowLength` raw samples under the window, before windowing.
        public let samples: UnsafeBufferPointer<Float>
        /// `|X|²` or `|X|`, `fftLength / 2 + 1` bins.
        public let spectrum: UnsafeBufferPointer<Float>
        /// Mel energies (`bandCount`), empty without a filterbank.
        public let mel: UnsafeBufferPointer<Float>
        /// Log-mel (`bandCount`), empty without a log scale.
        public let logMel: UnsafeBufferPointer<Float>
        /// Cepstra (`coefficientCount`), empty without MFCC.
        public let mfcc: UnsafeBufferPointer<Float>
    }

    /// The framing in use.
    public let frames: FrameConfig
    private let spectrumKind: SpectrumKind
    private let filterbank: MelFilterbank?
    private let scale: LogScale?
    private let cepstrum: MFCC?

    private var framer: StreamingFramer
    private let workspace: RealFFT.Workspace
    private let window: [Float]
    // Per-run scratch: bins + bands + bands + coefficients floats in one allocation.
    private let scratch: UnsafeMutableBufferPointer<Float>
    private let spectrum, mel, logMel, mfcc: UnsafeMutableBufferPointer<Float>
    private var finished = false

    /// Spectrum only (no mel, log or cepstra).
    public convenience init(frames: FrameConfig = .standard, spectrum: SpectrumKind = .power) {
        self.init(frames: frames, spectrumKind: spectrum, filterbank: nil, scale: nil, cepstrum: nil)
    }

    /// Spectrum and mel energies.
    public convenience init(mel: MelSpectrogram) {
        self.init(frames: mel.frames, spectrumKind: mel.spectrum, filterbank: mel.filterbank,
                  scale: nil, cepstrum: nil)
    }

    /// Spectrum, mel energies and log-mel (``LogMelSpectrogram/topDecibels`` is not applied).
    public convenience init(logMel: LogMelSpectrogram) {
        self.init(frames: logMel.mel.frames, spectrumKind: logMel.mel.spectrum,
                  filterbank: logMel.mel.filterbank, scale: logMel.scale, cepstrum: nil)
    }

    /// Everything up to MFCCs.
    public convenience init(mfcc: MFCC) {
        let logMel = mfcc.logMel
        self.init(frames: logMel.mel.frames, spectrumKind: logMel.mel.spectrum,
                  filterbank: logMel.mel.filterbank, scale: logMel.scale, cepstrum: mfcc)
    }

    private init(frames: FrameConfig, spectrumKind: SpectrumKind, filterbank: MelFilterbank?,
                 scale: LogScale?, cepstrum: MFCC?) {
        precondition((try? frames.validate()) != nil, "invalid FrameConfig \(frames)")
        self.frames = frames
        self.spectrumKind = spectrumKind
        self.filterbank = filterbank
        self.scale = scale
        self.cepstrum = cepstrum
        framer = StreamingFramer(frameLength: frames.windowLength, hopLength: frames.hopLength)
        workspace = RealFFT.Workspace(RealFFT.shared(size: frames.fftLength))
        window = frames.window.coefficients(length: frames.windowLength)

        let bins = frames.binCount
        let bands = filterbank?.bandCount ?? 0
        let coefficients = cepstrum?.coefficientCount ?? 0
        let melCount = filterbank == nil ? 0 : bands
        let logCount = scale == nil ? 0 : bands
        let all = UnsafeMutableBufferPointer<Float>.allocate(
            capacity: bins + melCount + logCount + coefficients)
        all.initialize(repeating: 0)
        scratch = all
        var at = 0
        func carve(_ n: Int) -> UnsafeMutableBufferPointer<Float> {
            defer { at += n }
            return UnsafeMutableBufferPointer(rebasing: all[at ..< at + n])
        }
        spectrum = carve(bins)
        mel = carve(melCount)
        logMel = carve(logCount)
        mfcc = carve(coefficients)

        if frames.framing == .centered {
            framer.pushZeros(frames.centeredLeadingPadding) { _, _ in
                preconditionFailure("leading padding is shorter than a window")
            }
        }
    }

    deinit { scratch.deallocate() }

    /// Samples passed in so far (padding not counted).
    public private(set) var sampleCount = 0

    /// Frames produced so far.
    public var frameCount: Int { framer.framesEmitted }

    /// Feeds `block` and calls `body` for each frame it completes, in order.
    public func process(_ block: UnsafeBufferPointer<Float>, _ body: (Frame) throws -> Void) rethrows {
        precondition(!finished, "FeatureExtractor.process after finish")
        sampleCount += block.count
        try framer.push(block) { index, samples in try body(analyze(index, samples)) }
    }

    /// Feeds `block` and calls `body` for each frame it completes, in order.
    public func process(_ block: [Float], _ body: (Frame) throws -> Void) rethrows {
        try block.withUnsafeBufferPointer { try process($0, body) }
    }

    /// Ends the stream: with centred framing, produces the frames that reach into the zero
    /// padding after the last sample. Call once; the extractor cannot be fed afterwards.
    public func finish(_ body: (Frame) throws -> Void) rethrows {
        precondition(!finished, "FeatureExtractor.finish called twice")
        finished = true
        guard frames.framing == .centered else { return }
        let total = frames.frameCount(sampleCount: sampleCount)
        guard total > framer.framesEmitted else { return }
        // Zeros until the last frame's window is complete; never more frames than `total`
        // (FrameConfig.frameCount's formula guarantees frame `total` would need one sample more).
        let needed = (total - 1) * frames.hopLength + frames.windowLength - framer.samplesPushed
        try framer.pushZeros(needed) { index, samples in
            if index < total { try body(analyze(index, samples)) }
        }
    }

    // The per-frame pipeline. Allocation-free: all buffers were made in init.
    private func analyze(_ index: Int, _ samples: UnsafeBufferPointer<Float>) -> Frame {
        let input = workspace.input, output = workspace.output
        let n = frames.windowLength
        // The window goes at the start of the FFT frame and the rest stays zero (set once by the
        // workspace; FFTW preserves the input of out-of-place r2c). librosa centres it in the
        // n_fft frame instead: a circular shift, which changes the phase of X[k] but not |X[k]|.
        window.withUnsafeBufferPointer { w in
            for i in 0..<n { input[i] = samples[i] * w[i] }
        }
        workspace.execute()
        let bins = spectrum.count
        switch spectrumKind {
        case .power:
            for k in 0..<bins {
                let re = output[2 * k], im = output[2 * k + 1]
                spectrum[k] = re * re + im * im
            }
        case .magnitude:
            for k in 0..<bins {
                let re = output[2 * k], im = output[2 * k + 1]
                spectrum[k] = (re * re + im * im).squareRoot()
            }
        }
        if let filterbank {
            filterbank.apply(UnsafeBufferPointer(spectrum), into: mel)
            if let scale {
                _ = logMel.update(fromContentsOf: mel)
                scale.apply(logMel)
                cepstrum?.transform(UnsafeBufferPointer(logMel), into: mfcc)
            }
        }
        return Frame(index: index, samples: samples, spectrum: UnsafeBufferPointer(spectrum),
                     mel: UnsafeBufferPointer(mel), logMel: UnsafeBufferPointer(logMel),
                     mfcc: UnsafeBufferPointer(mfcc))
    }
}
