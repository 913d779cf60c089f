import SamtalCore

/// Gives diarization clusters the names the aligned transcript uses, so speaking time (from the
/// turns) and utterances (from the transcript) describe the same people in the report.
enum TurnNaming {
    /// Each cluster takes the utterance speaker it overlaps longest, when that speaker covers more
    /// than half of the cluster's overlapped time; other clusters keep their labels.
    static func relabel(_ turns: SpeakerTurns, by transcript: Transcript) -> SpeakerTurns {
        let rate = Double(turns.sampleRate)
        guard rate > 0 else { return turns }
        var overlap: [String: [String: Double]] = [:]
        for turn in turns.exclusive {
            let a = Double(turn.span.start) / rate, b = Double(turn.span.end) / rate
            for u in transcript.utterances {
                guard let s = u.start, let e = u.end, let name = u.speaker else { continue }
                let shared = min(b, e) - max(a, s)
                if shared > 0 { overlap[turn.speaker, default: [:]][name, default: 0] += shared }
            }
        }
        var names: [String: String] = [:]
        for (cluster, votes) in overlap {
            let total = votes.values.reduce(0, +)
            if let best = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
               best.value > 0.5 * total {
                names[cluster] = best.key
            }
        }
        guard !names.isEmpty else { return turns }
        func rename(_ t: SpeakerTurn) -> SpeakerTurn {
            SpeakerTurn(span: t.span, speaker: names[t.speaker] ?? t.speaker)
        }
        return SpeakerTurns(sampleRate: turns.sampleRate, totalSamples: turns.totalSamples,
                            overlapping: turns.overlapping.map(rename),
                            exclusive: turns.exclusive.map(rename))
    }
}
