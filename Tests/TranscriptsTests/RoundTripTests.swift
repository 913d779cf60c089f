import Foundation
import SamtalCore
import Testing
@testable import Transcripts

@Suite("Round trips")
struct RoundTripTests {
    /// Text that breaks naive writers: quotes, separators, newlines, `-->`, markup, formulas,
    /// Swedish letters and emoji.
    static let awkward = Transcript(format: "test", language: "sv", utterances: [
        Utterance(id: "u0001", start: 0, end: 1.5, speaker: "Anna",
                  text: "Hon sa \"hej, hallå\" & gick <script>alert(1)</script>"),
        Utterance(id: "u0002", start: 1.5, end: 3.25, speaker: "Bo Ek", text: "rad ett\nrad två --> pil"),
        Utterance(id: "u0003", start: 3.25, end: 4, speaker: "Åsa Öberg",
                  text: "=SUM(A1) + @x, -1 🙂 åäö ÅÄÖ"),
        Utterance(id: "u0004", start: 4.001, end: 5.999, speaker: "Anna", text: "Tack; slut. 'citat'"),
        Utterance(id: "u0005", start: 7, end: 8, speaker: "Bo Ek", text: "-- > <v Eve>&amp;"),
    ])

    struct Kept: Equatable, CustomStringConvertible {
        var start: Double?
        var end: Double?
        var speaker: String?
        var text: String
        var description: String { "\(start ?? -1)-\(end ?? -1) \(speaker ?? "∅"): \(text)" }
    }

    static func kept(_ t: Transcript, text: Bool = true, speakerSpaces: Bool = true) -> [Kept] {
        t.utterances.map {
            Kept(start: $0.start, end: $0.end,
                 speaker: speakerSpaces ? $0.speaker : $0.speaker?.replacingOccurrences(of: " ", with: "_"),
                 text: text ? $0.text : "")
        }
    }

    static func roundTrip(_ t: Transcript, _ format: TranscriptFormat) throws -> Transcript {
        let written = try TranscriptIO.write(t, format: format)
        let sink = DiagnosticCollector()
        let back = try TranscriptIO.read(data: Data(written.utf8), sourceName: "rt.\(format.fileExtension)",
                                         diagnostics: sink)
        #expect(sink.diagnostics.isEmpty, "\(format): \(sink.diagnostics)")
        #expect(TranscriptIO.detect(text: written, fileName: "no-extension") == format
                    || format == .csv || format == .tsv, "\(format) detection")
        return back
    }

    @Test(arguments: [TranscriptFormat.webvtt, .srt, .csv, .tsv, .plain, .textgrid])
    func writersReadBackToTheSameUtterances(_ format: TranscriptFormat) throws {
        let back = try Self.roundTrip(Self.awkward, format)
        #expect(Self.kept(back) == Self.kept(Self.awkward), "\(format)")
    }

    @Test func jsonIsLossless() throws {
        var t = Self.awkward
        t.metadata = ["title": "Möte \"1\""]
        t.utterances[0].words = [Word(text: "Hon", start: 0, end: 0.2, confidence: 0.9, speaker: "Anna"),
                                 Word(text: "sa", start: nil, end: nil)]
        t.utterances[1].metadata = ["question": "Vad?"]
        let back = try Self.roundTrip(t, .json)
        #expect(back == t)
        #expect(try TranscriptIO.write(t, format: .json).contains("\"schemaVersion\" : 1"))
    }

    @Test func webvttKeepsIdsLanguageAndGuests() throws {
        var t = Self.awkward
        t.utterances[0].metadata["guest"] = "true"
        let back = try Self.roundTrip(t, .webvtt)
        #expect(back.language == "sv")
        #expect(back.utterances.map(\.id) == t.utterances.map(\.id))
        #expect(back.utterances[0].metadata["guest"] == "true")
    }

    @Test func rttmKeepsTurns() throws {
        let back = try Self.roundTrip(Self.awkward, .rttm)
        #expect(Self.kept(back, text: false) == Self.kept(Self.awkward, text: false, speakerSpaces: false))
    }

    @Test func untimedContributionsRoundTripThroughCSVAndText() throws {
        let t = Transcript(format: "csv", utterances: [
            Utterance(id: "u0001", speaker: "Anna", text: "Mer grönska, tack"),
            Utterance(id: "u0002", text: "Bättre belysning"),
        ])
        for format in [TranscriptFormat.csv, .plain] {
            let back = try Self.roundTrip(t, format)
            #expect(Self.kept(back) == Self.kept(t), "\(format)")
        }
        expectSamtalError(.invalidArgument) { _ = try TranscriptIO.write(t, format: .webvtt) }
        expectSamtalError(.invalidArgument) { _ = try TranscriptIO.write(t, format: .textgrid) }
    }

    @Test func csvNeutralisesFormulas() throws {
        let csv = try TranscriptIO.write(Self.awkward, format: .csv)
        #expect(csv.contains("'=SUM(A1)"))
        #expect(csv.hasPrefix("start,end,speaker,text\r\n"))
        for line in csv.split(separator: "\r\n") {
            for cell in line.split(separator: ",") {
                #expect(!["=", "+", "@"].contains(cell.first.map(String.init) ?? ""), "\(line)")
            }
        }
    }

    @Test func overlappingTurnsOfOneSpeakerCannotBeATextGridTier() {
        let t = Transcript(format: "x", utterances: [
            Utterance(id: "a", start: 0, end: 2, speaker: "A", text: "x"),
            Utterance(id: "b", start: 1, end: 3, speaker: "A", text: "y"),
        ])
        expectSamtalError(.invalidArgument) { _ = try TranscriptIO.write(t, format: .textgrid) }
    }

    @Test func realFilesSurviveExportAndImport() throws {
        for file in ["synthetic/teams/teams_transcript.vtt", "synthetic/whisperx/sample.json",
                     "speach/test.eaf", "textgrid/long_format.TextGrid"] {
            let t = try TestResources.read(file)
            for format in [TranscriptFormat.webvtt, .srt, .csv, .plain, .json] {
                let back = try Self.roundTrip(t, format)
                let untimedCSV = format == .csv
                #expect(Self.kept(back).count == Self.kept(t).count || untimedCSV, "\(file) \(format)")
                #expect(Self.kept(back).map(\.text) == Self.kept(t).map { $0.text.split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }.joined(separator: "\n") },
                        "\(file) \(format)")
            }
        }
    }
}
