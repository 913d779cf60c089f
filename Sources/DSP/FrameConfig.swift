import SamtalCore

/// How frames are laid over a signal.
public enum Framing: String, Sendable, Codable, CaseIterable {
    /// librosa's `center=True, pad_mode='constant'`: the signal is padded with `fftLength / 2`
    /// zeros on both sides, and frame `i` is centred on sample `i · hopLength`. A signal of `n`
    /// samples gives `1 + ⌊(n + 2⌊fftLength/2⌋ − fftLength) / hopLength⌋` frames (`1 + ⌊n/hop⌋`
    /// for an even `fftLength`).
    case centered
    /// Non-centred framing for streams (Kaldi's `snip-edges`): frame `i` covers samples
    /// `i · hopLength ..< i · hopLength + windowLength`; only complete frames are emitted, so
    /// `n` samples give `n < windowLength ? 0 : 1 + ⌊(n − windowLength) / hopLength⌋` frames.
    case streaming
}

/// The short-time framing of a signal: window and hop in samples, FFT size, window function.
///
/// Defaults are samtal's front end: 16 kHz, 25 ms window (400 samples), 10 ms hop
/// (160 samples), 512-point FFT, periodic Hann, librosa's centred framing.
public struct FrameConfig: Sendable, Equatable, Codable {
    /// Sample rate of the input in Hz.
    public var sampleRate: Int
    /// Window length in samples (`win_length`); at most `fftLength`.
    public var windowLength: Int
    /// Hop between frame starts in samples (`hop_length`).
    public var hopLength: Int
    /// FFT size (`n_fft`); the windowed frame is zero-padded to this length.
    public var fftLength: Int
    /// The window applied to each frame of `windowLength` samples.
    public var window: WindowFunction
    /// Centred (librosa) or streaming (non-centred) framing.
    public var framing: Framing

    public init(sampleRate: Int = 16_000, windowLength: Int = 400, hopLength: Int = 160,
                fftLength: Int = 512, window: WindowFunction = .hann,
                framing: Framing = .centered) {
        self.sampleRate = sampleRate
        self.windowLength = windowLength
        self.hopLength = hopLength
        self.fftLength = fftLength
        self.window = window
        self.framing = framing
    }

    /// samtal's front end: 16 kHz, 25 ms / 10 ms, n_fft 512, periodic Hann, centred.
    public static let standard = FrameConfig()

    /// Number of FFT bins kept: `fftLength / 2 + 1` (DC to Nyquist).
    public var binCount: Int { fftLength / 2 + 1 }

    /// Zeros before the first sample in centred framing, counted up to the first *window*
    /// sample: librosa pads `fftLength / 2` zeros and centres the window in the FFT frame, so the
    /// window of frame 0 starts `fftLength / 2 − (fftLength − windowLength) / 2` samples before
    /// sample 0 (200 for 512 / 400).
    public var centeredLeadingPadding: Int { fftLength / 2 - (fftLength - windowLength) / 2 }

    /// Frames this framing yields for a signal of `sampleCount` samples.
    public func frameCount(sampleCount: Int) -> Int {
        switch framing {
        case .centered:
            let padded = sampleCount + 2 * (fftLength / 2) - fftLength
            // Floor division, as in librosa (`padded` is negative for an empty signal and odd n_fft).
            let q = padded >= 0 ? padded / hopLength : -((-padded + hopLength - 1) / hopLength)
            return max(0, 1 + q)
        case .streaming:
            return sampleCount < windowLength ? 0 : 1 + (sampleCount - windowLength) / hopLength
        }
    }

    /// The first sample covered by the window of frame `frame` (may be negative in centred
    /// framing, where the signal is zero-padded). The window covers
    /// `windowStart(frame) ..< windowStart(frame) + windowLength`.
    public func windowStart(frame: Int) -> Int {
        switch framing {
        case .centered: return frame * hopLength - centeredLeadingPadding
        case .streaming: return frame * hopLength
        }
    }

    /// The sample a frame is attributed to: its centre (`i · hop` in centred framing,
    /// `i · hop + windowLength / 2` in streaming framing).
    public func centerSample(frame: Int) -> Int {
        windowStart(frame: frame) + windowLength / 2
    }

    /// Checks the settings; throws `invalidArgument` when they cannot work.
    public func validate() throws {
        func fail(_ message: String) -> SamtalError {
            SamtalError(.invalidArgument, message,
                        hint: "samtal's front end uses sampleRate 16000, windowLength 400, "
                            + "hopLength 160, fftLength 512")
        }
        guard sampleRate > 0 else { throw fail("sample rate \(sampleRate) must be positive") }
        guard windowLength >= 1 else { throw fail("window length \(windowLength) must be ≥ 1") }
        guard hopLength >= 1 else { throw fail("hop length \(hopLength) must be ≥ 1") }
        guard fftLength >= 2 else { throw fail("FFT length \(fftLength) must be ≥ 2") }
        guard windowLength <= fftLength else {
            throw fail("window length \(windowLength) exceeds FFT length \(fftLength)")
        }
    }
}
