import Foundation

/// Who took how much of the floor: per-speaker and per-table statistics computed from
/// `SpeakerTurns` alone, so summaries can use them without importing the Diarization stage.
///
/// Definitions (all computed on integer samples, reported in seconds):
/// - A speaker's **speaking time** is the union of their turns in `overlapping`; **share** is that
///   time over the sum of all speakers' speaking times.
/// - A **turn** is a maximal stretch of one speaker's speech in which pauses are shorter than
///   `Settings.turnGapSeconds` (default 0.5 s); `turns`, `meanTurnSeconds` and
///   `longestTurnSeconds` refer to these.
/// - **Overlap** of a speaker: time they speak while at least one other speaker speaks.
/// - An **interruption** is a turn that starts while someone else is speaking who then stops
///   within `Settings.interruptionWindowSeconds` (default 1 s) of that start. It counts once for
///   the speaker who started (`interruptions`) and once for each speaker who stopped
///   (`interrupted`).
/// - Per table: **silence share** = time nobody speaks / recording length; **balance** is the
///   normalised Shannon entropy of the shares (1 = perfectly even, 0 = one speaker; nil with fewer
///   than two speakers) and the **Gini coefficient** of speaking times (0 = even);
///   **turnsPerMinute** = all turns per minute of recording, **speakerChangesPerMinute** = changes
///   of the current speaker in `exclusive` per minute.
public struct Participation: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// Tunables of the statistics with their defaults.
    public struct Settings: Sendable, Equatable, Codable {
        /// Pauses shorter than this stay inside one turn.
        public var turnGapSeconds: Double
        /// How soon the interrupted speaker must stop for a start to count as an interruption.
        public var interruptionWindowSeconds: Double

        public init(turnGapSeconds: Double = 0.5, interruptionWindowSeconds: Double = 1.0) {
            self.turnGapSeconds = turnGapSeconds
            self.interruptionWindowSeconds = interruptionWindowSeconds
        }
    }

    /// Statistics of one speaker.
    public struct Speaker: Sendable, Equatable, Codable {
        public var speaker: String
        public var speakingSeconds: Double
        /// Fraction of all speaking time (0…1).
        public var share: Double
        public var turns: Int
        public var meanTurnSeconds: Double
        public var longestTurnSeconds: Double
        /// Time this speaker spoke while someone else also spoke.
        public var overlapSeconds: Double
        /// Turns this speaker started that cut someone off.
        public var interruptions: Int
        /// Times this speaker was cut off.
        public var interrupted: Int
    }

    public var schemaVersion: Int = Participation.schemaVersion
    public var durationSeconds: Double
    /// Time at least one person speaks.
    public var speechSeconds: Double
    /// Fraction of the recording in which nobody speaks (0…1).
    public var silenceShare: Double
    /// Time two or more people speak at once.
    public var overlapSeconds: Double
    public var speakerCount: Int
    /// Normalised entropy of the speaking shares, nil with fewer than two speakers.
    public var balanceEntropy: Double?
    /// Gini coefficient of the speaking times (0 = equal).
    public var gini: Double
    public var turnsPerMinute: Double
    public var speakerChangesPerMinute: Double
    /// Speakers in order of first appearance.
    public var speakers: [Speaker]

    /// Computes the statistics of `turns`.
    public init(turns: SpeakerTurns, settings: Settings = Settings()) {
        let rate = max(1, turns.sampleRate)
        func seconds(_ samples: Int) -> Double { Double(samples) / Double(rate) }
        let gap = Int((settings.turnGapSeconds * Double(rate)).rounded())
        let window = Int((settings.interruptionWindowSeconds * Double(rate)).rounded())
        let labels = turns.speakers
        let total = max(turns.totalSamples, turns.overlapping.map(\.span.end).max() ?? 0)

        // Each speaker's speech as merged spans (pauses of any length split), then as turns.
        var speech: [[SampleSpan]] = []
        var speakerTurns: [[SampleSpan]] = []
        for label in labels {
            let spans = turns.overlapping.filter { $0.speaker == label }.map(\.span)
            speech.append(Self.merged(spans, gap: 0))
            speakerTurns.append(Self.merged(spans, gap: gap))
        }

        // Sweep over all boundaries: how many speak, and each speaker's overlapped time.
        var events: [(time: Int, delta: Int, speaker: Int)] = []
        for (index, spans) in speech.enumerated() {
            for span in spans where !span.isEmpty {
                events.append((span.start, 1, index))
                events.append((span.end, -1, index))
            }
        }
        events.sort { ($0.time, $0.delta) < ($1.time, $1.delta) }
        var active = [Bool](repeating: false, count: labels.count)
        var activeCount = 0
        var overlapBySpeaker = [Int](repeating: 0, count: labels.count)
        var speechSamples = 0
        var overlapSamples = 0
        var previous = 0
        for event in events {
            let length = event.time - previous
            if length > 0 && activeCount > 0 {
                speechSamples += length
                if activeCount > 1 {
                    overlapSamples += length
                    for i in active.indices where active[i] { overlapBySpeaker[i] += length }
                }
            }
            active[event.speaker] = event.delta > 0
            activeCount += event.delta
            previous = event.time
        }

        // Interruptions: a turn start strictly inside another speaker's speech span that ends
        // within the window.
        var interruptions = [Int](repeating: 0, count: labels.count)
        var interrupted = [Int](repeating: 0, count: labels.count)
        for (b, bTurns) in speakerTurns.enumerated() {
            for turn in bTurns {
                var cutOff = false
                for (a, aSpeech) in speech.enumerated() where a != b {
                    if aSpeech.contains(where: {
                        $0.start < turn.start && turn.start < $0.end && $0.end - turn.start <= window
                    }) {
                        interrupted[a] += 1
                        cutOff = true
                    }
                }
                if cutOff { interruptions[b] += 1 }
            }
        }

        let speaking = speech.map { $0.reduce(0) { $0 + $1.count } }
        let speakingTotal = speaking.reduce(0, +)
        speakers = labels.indices.map { i in
            let lengths = speakerTurns[i].map(\.count)
            return Speaker(
                speaker: labels[i],
                speakingSeconds: seconds(speaking[i]),
                share: speakingTotal > 0 ? Double(speaking[i]) / Double(speakingTotal) : 0,
                turns: lengths.count,
                meanTurnSeconds: lengths.isEmpty ? 0 : seconds(lengths.reduce(0, +)) / Double(lengths.count),
                longestTurnSeconds: seconds(lengths.max() ?? 0),
                overlapSeconds: seconds(overlapBySpeaker[i]),
                interruptions: interruptions[i],
                interrupted: interrupted[i])
        }

        durationSeconds = seconds(total)
        speechSeconds = seconds(speechSamples)
        silenceShare = total > 0 ? Double(total - speechSamples) / Double(total) : 1
        overlapSeconds = seconds(overlapSamples)
        speakerCount = labels.count
        let shares = speakers.map(\.share)
        balanceEntropy = Self.normalisedEntropy(shares)
        gini = Self.gini(speaking.map(Double.init))
        let minutes = durationSeconds / 60
        let turnCount = speakerTurns.reduce(0) { $0 + $1.count }
        turnsPerMinute = minutes > 0 ? Double(turnCount) / minutes : 0
        var changes = 0
        var current: String? = nil
        for turn in turns.exclusive.sorted(by: { $0.span < $1.span }) where !turn.span.isEmpty {
            if let current, current != turn.speaker { changes += 1 }
            current = turn.speaker
        }
        speakerChangesPerMinute = minutes > 0 ? Double(changes) / minutes : 0
    }

    /// Spans sorted and merged where the pause between them is shorter than `gap` samples
    /// (touching or overlapping spans always merge).
    static func merged(_ spans: [SampleSpan], gap: Int) -> [SampleSpan] {
        var result: [SampleSpan] = []
        for span in spans.filter({ !$0.isEmpty }).sorted() {
            if let last = result.last, span.start - last.end < max(gap, 1) {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// H(p) / log(n) over the non-negative `shares` (summing to 1); nil when n < 2.
    static func normalisedEntropy(_ shares: [Double]) -> Double? {
        guard shares.count >= 2 else { return nil }
        var h = 0.0
        for p in shares where p > 0 { h -= p * log(p) }
        return h / log(Double(shares.count))
    }

    /// Gini coefficient Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄); 0 for fewer than two values or all zero.
    static func gini(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let sum = values.reduce(0, +)
        guard values.count >= 2, sum > 0 else { return 0 }
        var differences = 0.0
        for a in values { for b in values { differences += abs(a - b) } }
        return differences / (2 * n * sum)
    }
}
