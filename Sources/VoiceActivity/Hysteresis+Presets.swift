extension Hysteresis {
    /// The settings of `samtal vad --aggressiveness N` at 16 kHz, 0 (keeps the most, for
    /// transcription and diarization that must not lose words) to 3 (keeps the least, for noisy
    /// rooms). Higher levels raise both thresholds, drop longer blips and pad less.
    ///
    /// | level | onset | offset | min speech | min silence | padding |
    /// |---|---:|---:|---:|---:|---:|
    /// | 0 | 0.35 | 0.20 | 0.10 s | 0.30 s | 0.10 s |
    /// | 1 (default) | 0.50 | 0.35 | 0.10 s | 0.20 s | 0.05 s |
    /// | 2 | 0.65 | 0.50 | 0.20 s | 0.15 s | 0.03 s |
    /// | 3 | 0.80 | 0.65 | 0.25 s | 0.10 s | 0.02 s |
    ///
    /// Provenance: chosen on the validation mixtures of scripts/train-vad.sh (LibriSpeech speakers
    /// 367 and 533 with synthetic noise), not on the evaluation files; see docs/vad.md.
    public static func preset(aggressiveness: Int) -> Hysteresis? {
        let ms = 16  // samples per millisecond at 16 kHz
        switch aggressiveness {
        case 0:
            return Hysteresis(onset: 0.35, offset: 0.20, minimumSpeech: 100 * ms,
                              minimumSilence: 300 * ms, padding: 100 * ms)
        case 1:
            return Hysteresis(onset: 0.50, offset: 0.35, minimumSpeech: 100 * ms,
                              minimumSilence: 200 * ms, padding: 50 * ms)
        case 2:
            return Hysteresis(onset: 0.65, offset: 0.50, minimumSpeech: 200 * ms,
                              minimumSilence: 150 * ms, padding: 30 * ms)
        case 3:
            return Hysteresis(onset: 0.80, offset: 0.65, minimumSpeech: 250 * ms,
                              minimumSilence: 100 * ms, padding: 20 * ms)
        default:
            return nil
        }
    }

    /// The default preset (aggressiveness 1).
    public static let standard = preset(aggressiveness: 1)!
}
