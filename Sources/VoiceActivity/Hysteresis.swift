import SamtalCore

/// The deciding half of voice activity: per-frame speech probabilities → speech regions.
///
/// A region opens at the first frame whose probability reaches ``onset`` and closes at the first
/// frame that falls below ``offset`` (`offset ≤ onset`, so short dips inside speech do not split
/// it). Then, in pyannote's `Binarize` order: gaps shorter than ``minimumSilence`` are bridged,
/// regions shorter than ``minimumSpeech`` are dropped, and every region is widened by ``padding``
/// on both sides (clamped to the audio, overlaps merged). Durations are in samples; the CLI
/// converts seconds at its edge.
public struct Hysteresis: Sendable, Equatable, Codable {
    /// Probability at or above which speech starts.
    public var onset: Float
    /// Probability below which speech ends.
    public var offset: Float
    /// Regions shorter than this many samples (after bridging) are dropped.
    public var minimumSpeech: Int
    /// Gaps shorter than this many samples between regions are bridged.
    public var minimumSilence: Int
    /// Samples added before and after every region.
    public var padding: Int

    public init(onset: Float, offset: Float, minimumSpeech: Int, minimumSilence: Int, padding: Int) {
        self.onset = onset
        self.offset = offset
        self.minimumSpeech = minimumSpeech
        self.minimumSilence = minimumSilence
        self.padding = padding
    }

    /// Throws `invalidArgument` unless `0 ≤ offset ≤ onset ≤ 1` and the durations are ≥ 0.
    public func validate() throws {
        guard onset.isFinite, offset.isFinite, 0 <= offset, offset <= onset, onset <= 1 else {
            throw SamtalError(.invalidArgument,
                              "VAD thresholds must satisfy 0 ≤ offset ≤ onset ≤ 1 (onset \(onset), offset \(offset))",
                              hint: "e.g. --onset 0.5 --offset 0.35")
        }
        guard minimumSpeech >= 0, minimumSilence >= 0, padding >= 0 else {
            throw SamtalError(.invalidArgument,
                              "VAD durations (minimum speech, minimum silence, padding) must not be negative")
        }
    }

    /// Decides a whole sequence of frame probabilities at once (tests, small inputs).
    ///
    /// - Parameters:
    ///   - probabilities: one speech probability per frame.
    ///   - frames: where the frames sit in the audio.
    ///   - totalSamples: samples in the audio; regions are clamped to `0..<totalSamples`.
    public func regions(_ probabilities: [Float], frames: FrameTiming,
                        totalSamples: Int) -> SpeechRegions {
        var decider = HysteresisDecider(self, frames: frames)
        var spans: [SampleSpan] = []
        for p in probabilities { decider.push(p) { spans.append($0) } }
        decider.finish(totalSamples: totalSamples) { spans.append($0) }
        return SpeechRegions(sampleRate: frames.sampleRate, totalSamples: totalSamples, spans: spans)
    }
}

/// Where frame `t` of a frame sequence sits in the audio: it stands for the samples
/// `t·hop + offset ..< (t+1)·hop + offset`; the first frame reaches back to sample 0 and the last
/// forward to the end of the audio.
public struct FrameTiming: Sendable, Equatable, Codable {
    public var sampleRate: Int
    /// Samples between frame starts.
    public var hopLength: Int
    /// Samples from a frame's start to the start of the hop-long stretch it stands for.
    public var offset: Int

    public init(sampleRate: Int, hopLength: Int, offset: Int) {
        self.sampleRate = sampleRate
        self.hopLength = hopLength
        self.offset = offset
    }

    /// 10 ms frames of a 25 ms window at 16 kHz: frame `t` stands for the middle 10 ms of its
    /// window, `160t + 120 ..< 160t + 280`.
    public static let standard = FrameTiming(sampleRate: 16_000, hopLength: 160, offset: 120)

    /// First sample that frame `t` stands for (0 for frame 0).
    public func startSample(frame t: Int) -> Int { t == 0 ? 0 : t * hopLength + offset }
}

/// The streaming form of ``Hysteresis``: push one probability per frame and receive finished
/// spans as soon as no later frame can change them. Memory is constant.
public struct HysteresisDecider: Sendable {
    public let settings: Hysteresis
    public let frames: FrameTiming

    private var frameIndex = 0
    private var inSpeech = false
    private var rawStart = 0
    /// The current region (frames) after bridging, not yet known to be final.
    private var pending: (start: Int, end: Int)?
    /// The last region after padding (samples), held back because the next may overlap it.
    private var padded: SampleSpan?

    public init(_ settings: Hysteresis, frames: FrameTiming) {
        self.settings = settings
        self.frames = frames
    }

    /// Frames pushed so far.
    public var frameCount: Int { frameIndex }

    /// Adds the next frame's probability; calls `emit` for each span that became final.
    public mutating func push(_ probability: Float, emit: (SampleSpan) -> Void) {
        let t = frameIndex
        frameIndex += 1
        if !inSpeech {
            if probability >= settings.onset {
                inSpeech = true
                rawStart = t
            }
        } else if probability < settings.offset {
            inSpeech = false
            close(start: rawStart, end: t, emit: emit)
        }
        // A pending region is final once the silence after it is long enough that no new region
        // could be bridged to it.
        if let p = pending, !inSpeech, gapSamples(from: p.end, to: t + 1) >= settings.minimumSilence {
            pending = nil
            accept(p, lastFrame: false, totalSamples: nil, emit: emit)
        }
    }

    /// Ends the stream of `totalSamples` samples and emits what is left.
    public mutating func finish(totalSamples: Int, emit: (SampleSpan) -> Void) {
        if inSpeech {
            inSpeech = false
            close(start: rawStart, end: frameIndex, emit: emit)
        }
        if let p = pending {
            pending = nil
            accept(p, lastFrame: true, totalSamples: totalSamples, emit: emit)
        }
        if let s = padded {
            padded = nil
            let end = min(s.end, totalSamples)
            if end > s.start { emit(SampleSpan(start: s.start, end: end)) }
        }
    }

    private func gapSamples(from end: Int, to start: Int) -> Int {
        (start - end) * frames.hopLength
    }

    private mutating func close(start: Int, end: Int, emit: (SampleSpan) -> Void) {
        if let p = pending {
            if gapSamples(from: p.end, to: start) < settings.minimumSilence {
                pending = (p.start, end)
                return
            }
            accept(p, lastFrame: false, totalSamples: nil, emit: emit)
        }
        pending = (start, end)
    }

    /// Drops a short region or pads it and merges it with the previous padded region.
    private mutating func accept(_ region: (start: Int, end: Int), lastFrame: Bool,
                                 totalSamples: Int?, emit: (SampleSpan) -> Void) {
        let start = frames.startSample(frame: region.start)
        var end = frames.startSample(frame: region.end)
        if lastFrame, region.end == frameIndex, let totalSamples { end = max(end, totalSamples) }
        if let totalSamples { end = min(end, totalSamples) }
        guard end - start >= max(1, settings.minimumSpeech) else { return }
        let span = SampleSpan(start: max(0, start - settings.padding), end: end + settings.padding)
        if let previous = padded {
            if span.start <= previous.end {
                padded = SampleSpan(start: previous.start, end: max(previous.end, span.end))
                return
            }
            emit(previous)
        }
        padded = span
    }
}
