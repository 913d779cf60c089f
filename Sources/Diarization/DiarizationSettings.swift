/// Every tunable of speaker diarization in one place, with its default and where it comes from.
///
/// Defaults were chosen on the simulated LibriSpeech table mixes with seeds 100–104 (tuning set;
/// the evaluation uses other seeds) and checked on the three RTTM-labelled real files; see
/// docs/diarization.md, "Evaluation", for the measured effect.
public struct DiarizationSettings: Sendable, Equatable, Codable {
    /// Which speaker embedding describes the windows.
    public enum Embedding: String, Sendable, Codable, CaseIterable {
        /// Mean and standard deviation of MFCCs over each window, whitened per recording.
        case dsp
        /// Resemblyzer's voice encoder (3-layer LSTM d-vectors), run in Swift.
        case neural
    }

    public var embedding: Embedding = .neural

    // Speaker count.
    /// Exact number of speakers, or nil to estimate it.
    public var speakers: Int? = nil
    public var minimumSpeakers: Int = 1
    public var maximumSpeakers: Int = 12

    // Built-in speech detection (used when no SpeechRegions are given).
    /// Pauses shorter than this inside speech are closed (annotators mark turns, not breaths).
    public var minimumSilenceSeconds: Double = 0.5

    // Windows.
    /// Embedding window length in seconds.
    public var windowSeconds: Double = 1.5
    /// Step between windows in seconds.
    public var hopSeconds: Double = 0.75
    /// Speech runs shorter than this get no window of their own (resegmentation labels them).
    public var minimumWindowSeconds: Double = 0.5

    // Clustering.
    /// Average-linkage cosine similarity above which clusters merge, per embedding.
    public var dspThreshold: Double = 0.0
    public var neuralThreshold: Double = 0.1
    /// The threshold of the embedding in use.
    public var clusteringThreshold: Double {
        get { embedding == .dsp ? dspThreshold : neuralThreshold }
        set { if embedding == .dsp { dspThreshold = newValue } else { neuralThreshold = newValue } }
    }
    /// How the speaker count is estimated when it is not fixed.
    public enum CountRule: String, Sendable, Codable, CaseIterable {
        /// The number of large clusters whose average linkage stays above the threshold.
        case threshold
        /// The count in `2...maximumSpeakers` whose partition has the highest mean silhouette
        /// (scale-free, so it does not depend on how far apart voices are in the embedding); one
        /// speaker when the threshold rule finds one or the one-voice test (`oneVoiceGap`) says so.
        case silhouette
    }
    public var dspCountRule: CountRule = .threshold
    public var neuralCountRule: CountRule = .silhouette
    /// The count rule of the embedding in use.
    public var countRule: CountRule {
        get { embedding == .dsp ? dspCountRule : neuralCountRule }
        set { if embedding == .dsp { dspCountRule = newValue } else { neuralCountRule = newValue } }
    }
    /// One voice, not several (`SpeakerDiarizer.isOneVoice`, silhouette rule only): the best
    /// silhouette exceeds that of structureless references by less than `oneVoiceGap`. On the
    /// tuning files the gap was −0.02…0.03 for recordings of one LibriSpeech voice (46–89
    /// windows) and 0.13–0.20 for multi-speaker recordings of 53 windows or more.
    public var oneVoiceGap: Double = 0.08
    /// Structureless references drawn for the one-voice test (0 disables it).
    public var oneVoiceReferenceDraws: Int = 3
    /// Fewer windows than this (≈ 30 s of speech) are not tested for one voice.
    public var oneVoiceMinimumWindows: Int = 40
    /// The one-voice test uses at most this many evenly spread windows.
    public var oneVoiceMaximumWindows: Int = 400
    /// Subtract the recording's mean d-vector before clustering (what all windows share).
    public var centreNeuralEmbeddings: Bool = true
    /// Clusters with fewer windows than this share are absorbed into the nearest larger cluster.
    public var minimumClusterShare: Double = 0.08
    /// k-means steps (cosine) after clustering.
    public var centroidRefinementIterations: Int = 5
    /// At most this many windows enter the O(n²) clustering; the rest join the nearest centroid.
    public var maximumClusteringWindows: Int = 1500

    // Whitening of the DSP embedding.
    /// Principal components kept when whitening the DSP embedding.
    public var whiteningDimensions: Int = 16

    // Resegmentation.
    public var resegmentationIterations: Int = 3
    public var gmmComponents: Int = 8
    public var gmmIterations: Int = 4
    /// Log-likelihood cost of a speaker change between frames in the Viterbi pass.
    public var speakerChangePenalty: Double = 150
    /// Every n-th frame trains the speaker GMMs.
    public var trainingFrameStride: Int = 2

    public init() {}
}
