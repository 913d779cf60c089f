import SamtalCore
import Testing
@testable import Pipeline

@Suite struct TurnNamingTests {
    func turns(_ spans: [(Int, Int, String)]) -> SpeakerTurns {
        let t = spans.map { SpeakerTurn(span: SampleSpan(start: $0.0 * 100, end: $0.1 * 100), speaker: $0.2) }
        return SpeakerTurns(sampleRate: 100, totalSamples: 2000, overlapping: t, exclusive: t)
    }

    @Test func clustersTakeTheTranscriptNameTheyOverlapMost() {
        let transcript = Transcript(format: "test", utterances: [
            Utterance(id: "1", start: 0, end: 5, speaker: "Anna", text: "a"),
            Utterance(id: "2", start: 5, end: 9, speaker: "Lars", text: "b"),
            Utterance(id: "3", start: 10, end: 14, speaker: "Anna", text: "c"),
        ])
        let named = TurnNaming.relabel(
            turns([(0, 5, "SPEAKER_00"), (5, 10, "SPEAKER_01"), (10, 15, "SPEAKER_00"), (15, 20, "SPEAKER_02")]),
            by: transcript)
        #expect(named.exclusive.map(\.speaker) == ["Anna", "Lars", "Anna", "SPEAKER_02"])
        #expect(named.overlapping.map(\.speaker) == named.exclusive.map(\.speaker))
    }

    @Test func aClusterWithoutAMajorityKeepsItsLabel() {
        let transcript = Transcript(format: "test", utterances: [
            Utterance(id: "1", start: 0, end: 5, speaker: "Anna", text: "a"),
            Utterance(id: "2", start: 5, end: 10, speaker: "Lars", text: "b"),
        ])
        let named = TurnNaming.relabel(turns([(0, 10, "SPEAKER_00")]), by: transcript)
        #expect(named.exclusive.map(\.speaker) == ["SPEAKER_00"])
    }
}
