import Foundation
import SamtalCore
import Testing
@testable import Transcripts

@Suite("Alignment")
struct AlignmentTests {
    static let rate = 16_000

    static func turns(_ list: [(Double, Double, String)]) -> SpeakerTurns {
        let t = list.map { SpeakerTurn(span: .seconds($0.0, $0.1, sampleRate: rate), speaker: $0.2) }
        return SpeakerTurns(sampleRate: rate, totalSamples: t.map(\.span.end).max() ?? 0,
                            overlapping: t, exclusive: t)
    }

    static func pyannoteTurns() throws -> SpeakerTurns {
        try SpeakerTurnsReader.read(path: TestResources.path("pyannote-sample/sample.rttm"),
                                    diagnostics: IgnoringDiagnostics())
    }

    /// Majority mapping cluster → reference name, to score anonymous output against a reference.
    static func majority(_ pairs: [(String?, String?)]) -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        for (c, r) in pairs { if let c, let r { counts[c, default: [:]][r, default: 0] += 1 } }
        return counts.mapValues { $0.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key }
    }

    @Test func strippedPyannoteTranscriptGetsItsSpeakersBack() throws {
        let reference = try TestResources.read("pyannote-sample/sample.stm")
        var stripped = reference
        for i in stripped.utterances.indices { stripped.utterances[i].speaker = nil }
        let sink = DiagnosticCollector()
        let aligned = try Alignment(mergeSameSpeaker: false)
            .run(stripped, turns: Self.pyannoteTurns(), diagnostics: sink)
        #expect(aligned.utterances.count == reference.utterances.count)
        let pairs = zip(aligned.utterances, reference.utterances).map { ($0.speaker, $1.speaker) }
        let map = Self.majority(pairs)
        #expect(Set(map.values) == ["Diane", "Sheila"])
        let correct = pairs.filter { c, r in c.flatMap { map[$0] } == r }.count
        // pyannote's sample turns are the reference diarization: every cue must come back right.
        #expect(correct == reference.utterances.count, "\(correct)/\(reference.utterances.count)")
        #expect(sink.diagnostics.isEmpty)
    }

    @Test func clustersTakeTheNamesTheTranscriptCarries() throws {
        let reference = try TestResources.read("pyannote-sample/sample.stm")
        let aligned = try Alignment(mergeSameSpeaker: false)
            .run(reference, turns: Self.pyannoteTurns(), diagnostics: IgnoringDiagnostics())
        #expect(aligned.utterances.map(\.speaker) == reference.utterances.map(\.speaker))
    }

    @Test func wordsAreSplitAtTurnChangesAndAgreeWithTheReference() throws {
        let words = try TestResources.read("synthetic/openai-whisper/sample.words.json")
        let reference = try TestResources.read("pyannote-sample/sample.stm")
        let aligned = try Alignment(mergeSameSpeaker: false)
            .run(words, turns: Self.pyannoteTurns(), diagnostics: IgnoringDiagnostics())
        #expect(aligned.utterances.count > words.utterances.count)  // some segments were split
        #expect(aligned.utterances.filter { $0.metadata["splitFrom"] != nil }.count >= 2)
        // Each word's speaker against the reference utterance holding the word's midpoint.
        var pairs: [(String?, String?)] = []
        for w in aligned.utterances.compactMap(\.words).joined() {
            guard let s = w.start, let e = w.end else { continue }
            let mid = (s + e) / 2
            let ref = reference.utterances.first { ($0.start ?? 0) <= mid && mid <= ($0.end ?? 0) }
            if let ref { pairs.append((w.speaker, ref.speaker)) }
        }
        let map = Self.majority(pairs)
        let agree = pairs.filter { c, r in c.flatMap { map[$0] } == r }.count
        #expect(pairs.count > 70)
        #expect(Double(agree) / Double(pairs.count) >= 0.9, "\(agree)/\(pairs.count)")
        // Text is kept word for word.
        #expect(aligned.utterances.map(\.text).joined(separator: " ").split(separator: " ")
                    == words.utterances.map(\.text).joined(separator: " ").split(separator: " "))
    }

    @Test func cuesWithoutWordTimingsAreNeverSplit() throws {
        let t = Transcript(format: "test", utterances: [
            Utterance(id: "a", start: 0, end: 4, text: "one two three four"),
        ])
        let aligned = try Alignment().run(t, turns: Self.turns([(0, 1, "A"), (1, 4, "B")]),
                                          diagnostics: IgnoringDiagnostics())
        #expect(aligned.utterances.count == 1)
        #expect(aligned.utterances[0].speaker == "B")
    }

    @Test func consecutiveSameSpeakerCuesMergeIntoTurns() throws {
        let t = Transcript(format: "test", utterances: [
            Utterance(id: "a", start: 0, end: 1, text: "hej"),
            Utterance(id: "b", start: 1.2, end: 2, text: "där"),
            Utterance(id: "c", start: 2, end: 3, text: "hallå"),
        ])
        let turns = Self.turns([(0, 2, "A"), (2, 3, "B")])
        let aligned = try Alignment().run(t, turns: turns, diagnostics: IgnoringDiagnostics())
        #expect(aligned.utterances.map(\.text) == ["hej där", "hallå"])
        #expect(aligned.utterances[0].end == 2)
        #expect(aligned.utterances[0].metadata["mergedFrom"] == "a,b")
        let gapLimited = try Alignment(maximumMergeGapSeconds: 0.1)
            .run(t, turns: turns, diagnostics: IgnoringDiagnostics())
        #expect(gapLimited.utterances.count == 3)
    }

    @Test func unassignableCuesAreWarnedAndKeepTheirSpeaker() throws {
        let t = Transcript(format: "test", utterances: [
            Utterance(id: "a", start: 0, end: 1, speaker: "Anna", text: "hej"),
            Utterance(id: "b", start: 10, end: 11, speaker: "Bo", text: "sent"),
            Utterance(id: "c", text: "utan tid"),
        ])
        let sink = DiagnosticCollector()
        let aligned = try Alignment(speakerNames: ["X": "Xena"])
            .run(t, turns: Self.turns([(0, 1, "X")]), diagnostics: sink)
        #expect(aligned.utterances.map(\.speaker) == ["Anna", "Bo", nil])
        #expect(sink.diagnostics.map(\.code) == ["align.unassigned", "align.untimed"])
    }

    @Test func speakerNamesRenameClusters() throws {
        let t = Transcript(format: "test", utterances: [Utterance(id: "a", start: 0, end: 1, text: "hej")])
        let names = try SpeakerNames.parse("SPEAKER_00: Anna Åberg\n", source: "n.yaml")
        let aligned = try Alignment(speakerNames: names)
            .run(t, turns: Self.turns([(0, 1, "SPEAKER_00")]), diagnostics: IgnoringDiagnostics())
        #expect(aligned.utterances[0].speaker == "Anna Åberg")
        expectSamtalError(.parseError) { _ = try SpeakerNames.parse("- a\n- b\n", source: "n.yaml") }
    }

    @Test func exclusiveTurnsGiveOverlapsToTheLaterSpeaker() {
        let over = [(0.0, 5.0, "A"), (3.0, 4.0, "B")].map {
            SpeakerTurn(span: .seconds($0.0, $0.1, sampleRate: 100), speaker: $0.2)
        }
        let excl = SpeakerTurnsReader.exclusiveTurns(over)
        #expect(excl.map(\.speaker) == ["A", "B", "A"])
        #expect(excl.map(\.span) == [SampleSpan(start: 0, end: 300), SampleSpan(start: 300, end: 400),
                                     SampleSpan(start: 400, end: 500)])
    }

    @Test func pyannoteJSONTurnsUseItsExclusiveView() throws {
        let turns = try SpeakerTurnsReader.read(
            path: TestResources.path("synthetic/pyannote/sample.diarize_output.serialize.json"),
            diagnostics: IgnoringDiagnostics())
        #expect(turns.overlapping.count == 10)
        #expect(!turns.exclusive.isEmpty)
        for (a, b) in zip(turns.exclusive, turns.exclusive.dropFirst()) { #expect(a.span.end <= b.span.start) }
    }
}
