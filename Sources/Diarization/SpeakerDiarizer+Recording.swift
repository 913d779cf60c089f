import Foundation
import SamtalCore

extension SpeakerDiarizer {
    /// Everything after feature extraction: speech mask, windows, embeddings, clustering,
    /// resegmentation.
    ///
    /// - Parameters:
    ///   - speech: speech regions from the VoiceActivity stage, or nil for the built-in detector.
    ///   - mel: the encoder's mel frames (required for `.neural`).
    public func run(features: FrameFeatures, mel: EncoderMelFrames?, speech: SpeechRegions?,
                    encoder: VoiceEncoder?, diagnostics: DiagnosticSink) throws -> SpeakerTurns {
        let mask = speechMask(features: features, speech: speech)
        let windows = windows(speech: mask, hopLength: features.hopLength, sampleRate: features.sampleRate)
        let embeddings: [[Float]]
        switch settings.embedding {
        case .dsp:
            embeddings = CepstralStatisticsEmbedding(dimensions: settings.whiteningDimensions)
                .embed(features, speech: mask, windows: windows)
        case .neural:
            guard let encoder, let mel else {
                throw SamtalError(.invalidArgument, "the neural embedding needs the speaker encoder and its mel frames")
            }
            // The encoder was trained on 160-frame partials; longer windows are cut to that.
            let limited = windows.map { FrameWindow(start: $0.start, end: min($0.end, $0.start + encoder.partialFrames)) }
            let raw = encoder.embed(mel: mel, windows: limited)
            embeddings = settings.centreNeuralEmbeddings ? Self.centred(raw) : raw
        }
        return run(features: features, speech: mask, windows: windows, embeddings: embeddings,
                   diagnostics: diagnostics)
    }

    /// Convenience for whole signals in memory (tests, short files).
    public func run(samples: [Float], sampleRate: Int, speech: SpeechRegions? = nil,
                    encoder: VoiceEncoder? = nil, diagnostics: DiagnosticSink) throws -> SpeakerTurns {
        let frontEnd = try DiarizationFrontEnd(sampleRate: sampleRate,
                                               encoder: settings.embedding == .neural ? encoder : nil)
        frontEnd.process(samples)
        let (features, mel) = try frontEnd.finish(encoder: encoder, diagnostics: diagnostics)
        return try run(features: features, mel: mel, speech: speech, encoder: encoder, diagnostics: diagnostics)
    }

    /// Subtracts the recording's mean embedding (what all windows share: channel, room, language).
    static func centred(_ vectors: [[Float]]) -> [[Float]] {
        guard vectors.count >= 2, let d = vectors.first?.count else { return vectors }
        var mean = [Float](repeating: 0, count: d)
        for v in vectors { for j in 0..<d { mean[j] += v[j] } }
        for j in 0..<d { mean[j] /= Float(vectors.count) }
        return vectors.map { v in (0..<d).map { v[$0] - mean[$0] } }
    }

    /// Per-frame speech: frame t is speech when its centre sample lies in a region.
    func speechMask(features: FrameFeatures, speech: SpeechRegions?) -> [Bool] {
        let n = features.frameCount
        guard let speech else {
            let fps = Double(features.sampleRate) / Double(features.hopLength)
            var detector = EnergySpeechDetector()
            detector.minimumSilenceSeconds = settings.minimumSilenceSeconds
            return detector.run(loudness: features.logEnergy, framesPerSecond: fps)
        }
        var mask = [Bool](repeating: false, count: n)
        let scale = Double(features.sampleRate) / Double(max(1, speech.sampleRate))
        for span in speech.spans {
            let start = Int((Double(span.start) * scale).rounded())
            let end = Int((Double(span.end) * scale).rounded())
            // Frames whose centre t·hop is in [start, end).
            let first = (start + features.hopLength - 1) / features.hopLength
            let last = (end - 1) / features.hopLength
            if last >= first && first < n {
                for t in max(0, first)...min(n - 1, last) { mask[t] = true }
            }
        }
        return mask
    }
}
