import SamtalCore

/// Attaches speakers from diarization to a transcript.
///
/// 1. Each timed word (or, without word timings, each cue) gets the speaker whose *exclusive*
///    turns overlap it most. Untimed words take their neighbour's speaker.
/// 2. A cue is split where the speaker changes between its words — only when word timings exist;
///    a cue without them is never cut.
/// 3. Anonymous clusters (`SPEAKER_00`) are mapped one-to-one to names the transcript already
///    carries when the overlap supports it: a cluster takes the name holding at least
///    `minimumNameShare` of the cluster's overlap with named utterances (greedy, largest first).
/// 4. `speakerNames` renames what is left (`SPEAKER_00: Anna`).
/// 5. Consecutive utterances of the same speaker are merged into turns.
/// Cues that no turn overlaps keep their speaker and are reported as warnings.
public struct Alignment: Sendable {
    /// Split cues at speaker changes between timed words.
    public var splitAtTurnChanges: Bool
    /// Merge consecutive same-speaker utterances into one turn.
    public var mergeSameSpeaker: Bool
    /// Do not merge across a silence longer than this (seconds); nil merges regardless.
    public var maximumMergeGapSeconds: Double?
    /// Share of a cluster's overlap with named utterances a name needs to be given to it.
    public var minimumNameShare: Double
    /// Map clusters to the names the transcript carries.
    public var mapToTranscriptNames: Bool
    /// Final renames, cluster or name → display name.
    public var speakerNames: [String: String]

    public init(splitAtTurnChanges: Bool = true, mergeSameSpeaker: Bool = true,
                maximumMergeGapSeconds: Double? = nil, minimumNameShare: Double = 0.5,
                mapToTranscriptNames: Bool = true, speakerNames: [String: String] = [:])
    {
        self.splitAtTurnChanges = splitAtTurnChanges
        self.mergeSameSpeaker = mergeSameSpeaker
        self.maximumMergeGapSeconds = maximumMergeGapSeconds
        self.minimumNameShare = minimumNameShare
        self.mapToTranscriptNames = mapToTranscriptNames
        self.speakerNames = speakerNames
    }

    /// A turn in seconds (alignment meets transcripts at their edge, where time is seconds).
    struct Span {
        var start: Double
        var end: Double
        var speaker: String
    }

    /// Speakers of `transcript` from `turns.exclusive`.
    public func run(_ transcript: Transcript, turns: SpeakerTurns, diagnostics: DiagnosticSink)
        throws -> Transcript
    {
        guard turns.sampleRate > 0 else {
            throw SamtalError(.invalidArgument, "speaker turns have sample rate \(turns.sampleRate)")
        }
        let rate = Double(turns.sampleRate)
        let spans = turns.exclusive.map {
            Span(start: Double($0.span.start) / rate, end: Double($0.span.end) / rate, speaker: $0.speaker)
        }.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
        var out = transcript
        if spans.isEmpty {
            diagnostics.warning("align.no-turns", "no speaker turns; the transcript keeps its speakers")
            return out
        }
        let names = mapToTranscriptNames ? nameMapping(transcript, spans) : [:]
        func label(_ cluster: String) -> String {
            if let name = names[cluster] { return speakerNames[name] ?? name }
            return speakerNames[cluster] ?? cluster
        }

        var result: [Utterance] = []
        var untimed = 0
        for u in transcript.utterances {
            guard let s = u.start, let e = u.end else {
                untimed += 1
                var kept = u
                if let sp = u.speaker { kept.speaker = speakerNames[sp] ?? sp }
                result.append(kept)
                continue
            }
            if let words = u.words, words.contains(where: { $0.start != nil && $0.end != nil }) {
                let pieces = alignWords(u, words, spans, label)
                if !pieces.isEmpty {
                    result.append(contentsOf: pieces)
                    continue
                }
            }
            var aligned = u
            if let best = Self.bestSpeaker(s, e, spans) {
                aligned.speaker = label(best)
            } else {
                diagnostics.warning(
                    "align.unassigned",
                    "utterance \(u.id) at \(Timecode.format(s))–\(Timecode.format(e)) overlaps no speaker turn; kept \(u.speaker.map { "speaker \($0)" } ?? "without speaker")")
                if let sp = u.speaker { aligned.speaker = speakerNames[sp] ?? sp }
            }
            result.append(aligned)
        }
        if untimed > 0 {
            diagnostics.warning("align.untimed",
                                "\(untimed) utterance(s) have no times and could not be aligned")
        }
        out.utterances = mergeSameSpeaker ? merge(result) : result
        out.metadata["aligned"] = "true"
        return out
    }

    /// Seconds each speaker's turns overlap `[s, e]`; a zero-length interval counts the turn
    /// containing it.
    static func overlaps(_ s: Double, _ e: Double, _ spans: [Span]) -> [String: Double] {
        var out: [String: Double] = [:]
        // Binary search the first span that may overlap.
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].end <= s && !(e <= s && spans[mid].end == s) { lo = mid + 1 } else { hi = mid }
        }
        var i = max(0, lo - 1)
        while i < spans.count, spans[i].start <= e {
            let sp = spans[i]
            if e > s {
                let o = min(e, sp.end) - max(s, sp.start)
                if o > 0 { out[sp.speaker, default: 0] += o }
            } else if sp.start <= s && s < sp.end {
                out[sp.speaker, default: 0] += 1e-9
            }
            i += 1
        }
        return out
    }

    /// The speaker overlapping `[s, e]` most (ties: the first in name order, for determinism).
    static func bestSpeaker(_ s: Double, _ e: Double, _ spans: [Span]) -> String? {
        overlaps(s, e, spans).max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// Cluster → transcript name, greedy one-to-one by overlap.
    func nameMapping(_ t: Transcript, _ spans: [Span]) -> [String: String] {
        let clusters = Set(spans.map(\.speaker))
        var matrix: [String: [String: Double]] = [:]
        for u in t.utterances {
            guard let name = u.speaker, !clusters.contains(name), let s = u.start, let e = u.end
            else { continue }
            for (c, o) in Self.overlaps(s, e, spans) { matrix[c, default: [:]][name, default: 0] += o }
        }
        var pairs: [(String, String, Double)] = []
        for (c, row) in matrix {
            let total = row.values.reduce(0, +)
            for (n, o) in row where total > 0 && o / total >= minimumNameShare { pairs.append((c, n, o)) }
        }
        pairs.sort { a, b in a.2 != b.2 ? a.2 > b.2 : (a.0, a.1) < (b.0, b.1) }
        var mapping: [String: String] = [:]
        var taken = Set<String>()
        for (c, n, _) in pairs where mapping[c] == nil && !taken.contains(n) {
            mapping[c] = n
            taken.insert(n)
        }
        return mapping
    }

    private func alignWords(_ u: Utterance, _ words: [Word], _ spans: [Span],
                            _ label: (String) -> String) -> [Utterance] {
        var speakers: [String?] = words.map { w in
            guard let s = w.start, let e = w.end else { return nil }
            return Self.bestSpeaker(s, max(e, s), spans)
        }
        // Words no turn overlaps (untimed, or in a gap) take the previous word's speaker,
        // or the next one's at the start.
        guard speakers.contains(where: { $0 != nil }) else { return [] }  // caller handles
        for i in speakers.indices where speakers[i] == nil && i > 0 { speakers[i] = speakers[i - 1] }
        for i in speakers.indices.reversed() where speakers[i] == nil && i + 1 < speakers.count {
            speakers[i] = speakers[i + 1]
        }
        var labelled = words
        for i in labelled.indices { labelled[i].speaker = speakers[i].map(label) ?? labelled[i].speaker }
        let cueSpeaker = Self.bestSpeaker(u.start!, u.end!, spans).map(label)
            ?? speakers.compactMap { $0 }.first.map(label) ?? u.speaker
        guard splitAtTurnChanges else {
            var whole = u
            whole.words = labelled
            whole.speaker = cueSpeaker
            return [whole]
        }
        // Runs of words with the same speaker.
        var runs: [[Word]] = []
        for w in labelled {
            if let last = runs.last?.last, last.speaker == w.speaker {
                runs[runs.count - 1].append(w)
            } else {
                runs.append([w])
            }
        }
        if runs.count <= 1 {
            var whole = u
            whole.words = labelled
            whole.speaker = runs.first?.first?.speaker ?? cueSpeaker
            return [whole]
        }
        return runs.enumerated().map { k, run in
            let start = k == 0 ? u.start : run.compactMap(\.start).first ?? u.start
            let end = k == runs.count - 1 ? u.end : run.compactMap(\.end).last ?? u.end
            var piece = Utterance(id: "\(u.id)-\(k + 1)", start: start, end: end,
                                  speaker: run.first?.speaker, text: run.map(\.text).joined(separator: " "),
                                  words: run, metadata: u.metadata)
            piece.metadata["splitFrom"] = u.id
            return piece
        }
    }

    private func merge(_ utterances: [Utterance]) -> [Utterance] {
        var out: [Utterance] = []
        for u in utterances {
            if var last = out.last, let speaker = u.speaker, last.speaker == speaker,
               let le = last.end, let us = u.start,
               maximumMergeGapSeconds.map({ us - le <= $0 }) ?? true
            {
                last.end = max(le, u.end ?? le)
                last.text = [last.text, u.text].filter { !$0.isEmpty }.joined(separator: " ")
                if last.words != nil || u.words != nil {
                    last.words = (last.words ?? []) + (u.words ?? [])
                }
                let merged = (last.metadata["mergedFrom"].map { [$0] } ?? [last.id]) + [u.id]
                last.metadata["mergedFrom"] = merged.joined(separator: ",")
                out[out.count - 1] = last
            } else {
                out.append(u)
            }
        }
        return out
    }
}
