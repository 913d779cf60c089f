import Foundation
import SamtalCore

/// The JSON document `samtal diarize --format json` writes: both turn views in seconds, the
/// speaker count and the participation statistics.
public struct DiarizationOutput: Sendable, Codable, Equatable {
    public struct Turn: Sendable, Codable, Equatable {
        public var start: Double
        public var end: Double
        public var speaker: String
    }

    public var schemaVersion = SpeakerTurns.schemaVersion
    public var file: String
    public var sampleRate: Int
    public var durationSeconds: Double
    public var speakerCount: Int
    public var speakers: [String]
    /// Turns that may overlap (several speakers at once).
    public var overlapping: [Turn]
    /// Turns with at most one speaker at any time.
    public var exclusive: [Turn]
    public var statistics: Participation
    /// The settings the result was made with (embedding, speaker bounds, …).
    public var settings: DiarizationSettings

    public init(file: String, turns: SpeakerTurns, settings: DiarizationSettings) {
        func seconds(_ samples: Int) -> Double {
            (Double(samples) / Double(max(1, turns.sampleRate)) * 1000).rounded() / 1000
        }
        func convert(_ list: [SpeakerTurn]) -> [Turn] {
            list.map { Turn(start: seconds($0.span.start), end: seconds($0.span.end), speaker: $0.speaker) }
        }
        self.file = file
        sampleRate = turns.sampleRate
        durationSeconds = seconds(turns.totalSamples)
        speakers = turns.speakers
        speakerCount = speakers.count
        overlapping = convert(turns.overlapping)
        exclusive = convert(turns.exclusive)
        statistics = Participation(turns: turns)
        self.settings = settings
    }

    /// Pretty JSON with sorted keys and a trailing newline.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

extension Participation {
    /// A readable table, each line prefixed with `prefix` (`;` keeps an RTTM file valid).
    public func tableText(prefix: String = "") -> String {
        func f(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
        var lines: [String] = []
        lines.append("duration \(f(durationSeconds)) s, speech \(f(speechSeconds)) s, silence "
            + "\(f(100 * silenceShare))%, overlap \(f(overlapSeconds)) s, \(speakerCount) speakers")
        lines.append("balance (normalised entropy) "
            + (balanceEntropy.map { f($0, 3) } ?? "n/a") + ", Gini \(f(gini, 3)), "
            + "\(f(turnsPerMinute)) turns/min, \(f(speakerChangesPerMinute)) speaker changes/min")
        lines.append("speaker       time_s  share%  turns  mean_s  longest_s  overlap_s  interrupts  interrupted")
        for s in speakers {
            let name = s.speaker.count >= 12 ? s.speaker : s.speaker + String(repeating: " ", count: 12 - s.speaker.count)
            lines.append(name + String(format: " %8.1f %7.1f %6d %7.1f %10.1f %10.1f %11d %12d",
                                       s.speakingSeconds, 100 * s.share, s.turns, s.meanTurnSeconds,
                                       s.longestTurnSeconds, s.overlapSeconds, s.interruptions, s.interrupted))
        }
        return lines.map { prefix + $0 }.joined(separator: "\n") + "\n"
    }
}

/// `start end speaker` lines (seconds, 3 decimals) of the exclusive turns.
public enum LabFormat {
    public static func format(_ turns: [SpeakerTurn], sampleRate: Int) -> String {
        turns.map { turn in
            let (start, end) = turn.span.seconds(at: sampleRate)
            return String(format: "%.3f\t%.3f\t", start, end) + turn.speaker
        }.joined(separator: "\n") + (turns.isEmpty ? "" : "\n")
    }
}
