import Foundation
import SamtalCore
import Testing

/// Participation statistics on hand-made turns with answers worked out by hand.
@Suite struct ParticipationTests {
    /// Spans in samples; a 1 or 10 Hz "sample rate" keeps the arithmetic readable. `total` is in
    /// seconds.
    static func turns(_ list: [(Int, Int, String)], total: Int, rate: Int = 1) -> SpeakerTurns {
        let overlapping = list.map { SpeakerTurn(span: SampleSpan(start: $0.0, end: $0.1), speaker: $0.2) }
            .sorted { $0.span < $1.span }
        return SpeakerTurns(sampleRate: rate, totalSamples: total * rate, overlapping: overlapping,
                            exclusive: overlapping)
    }

    @Test func sharesTurnsAndSilenceOfTwoSpeakers() {
        // A: 0–10, 20–30 (two turns, 20 s); B: 10–15 (one turn, 5 s); silence 15–20 and 30–60.
        let p = Participation(turns: Self.turns([(0, 10, "A"), (10, 15, "B"), (20, 30, "A")], total: 60))
        #expect(p.speakerCount == 2)
        #expect(p.speechSeconds == 25)
        #expect(abs(p.silenceShare - 35.0 / 60) < 1e-12)
        let a = p.speakers[0]
        let b = p.speakers[1]
        #expect(a.speaker == "A" && a.speakingSeconds == 20 && a.turns == 2)
        #expect(abs(a.share - 0.8) < 1e-12 && abs(b.share - 0.2) < 1e-12)
        #expect(a.meanTurnSeconds == 10 && a.longestTurnSeconds == 10)
        #expect(b.turns == 1 && b.meanTurnSeconds == 5)
        // Entropy of (0.8, 0.2) in bits = 0.7219…; Gini of (20, 5) = 15·2 / (2·2·25) = 0.3.
        let expectedEntropy = -(0.8 * log2(0.8) + 0.2 * log2(0.2))
        #expect(abs(p.balanceEntropy! - expectedEntropy) < 1e-12)
        #expect(abs(p.gini - 0.3) < 1e-12)
        // 3 turns in 1 minute; 2 speaker changes (A→B→A).
        #expect(abs(p.turnsPerMinute - 3) < 1e-12)
        #expect(abs(p.speakerChangesPerMinute - 2) < 1e-12)
        #expect(p.overlapSeconds == 0 && a.interruptions == 0 && b.interrupted == 0)
    }

    @Test func evenFloorHasFullBalanceAndZeroGini() {
        let p = Participation(turns: Self.turns([(0, 5, "A"), (5, 10, "B"), (10, 15, "C")], total: 15))
        #expect(abs(p.balanceEntropy! - 1) < 1e-12)
        #expect(p.gini == 0)
        #expect(p.silenceShare == 0)
    }

    @Test func interruptionCountsWhenTheSpeakerStopsWithinASecond() {
        // Rate 10 so that 0.5 s is representable. A speaks 0–10 s; B starts at 9.5 s (A stops 0.5 s
        // later: interruption); C starts at 2 s while A speaks on for 8 s: overlap, no interruption.
        let rate = 10
        let list: [(Int, Int, String)] = [(0, 100, "A"), (95, 150, "B"), (20, 30, "C")]
        let p = Participation(turns: Self.turns(list, total: 20, rate: rate), settings: .init())
        let byName = Dictionary(uniqueKeysWithValues: p.speakers.map { ($0.speaker, $0) })
        #expect(byName["B"]!.interruptions == 1)
        #expect(byName["A"]!.interrupted == 1)
        #expect(byName["C"]!.interruptions == 0)
        // Overlap: A∩C 2–3 s (1 s), A∩B 9.5–10 s (0.5 s).
        #expect(abs(p.overlapSeconds - 1.5) < 1e-12)
        #expect(abs(byName["A"]!.overlapSeconds - 1.5) < 1e-12)
        #expect(abs(byName["B"]!.overlapSeconds - 0.5) < 1e-12)
        #expect(abs(p.speechSeconds - 15) < 1e-12)
    }

    @Test func shortPausesStayInsideOneTurn() {
        // Rate 10: A 0–2 s, 2.3–4 s (pause 0.3 s < 0.5 s: one turn), 5–6 s (pause 1 s: new turn).
        let p = Participation(turns: Self.turns([(0, 20, "A"), (23, 40, "A"), (50, 60, "A")], total: 6, rate: 10))
        #expect(p.speakers[0].turns == 2)
        #expect(abs(p.speakers[0].longestTurnSeconds - 4) < 1e-12)
        #expect(abs(p.speakers[0].speakingSeconds - 4.7) < 1e-12)
        #expect(p.balanceEntropy == nil)
        #expect(p.gini == 0)
    }

    @Test func noSpeechIsAllSilence() {
        let p = Participation(turns: SpeakerTurns(sampleRate: 16000, totalSamples: 16000, overlapping: [], exclusive: []))
        #expect(p.speakerCount == 0 && p.silenceShare == 1 && p.speakers.isEmpty)
        #expect(p.turnsPerMinute == 0)
    }
}

private func log2(_ x: Double) -> Double { Foundation.log2(x) }
