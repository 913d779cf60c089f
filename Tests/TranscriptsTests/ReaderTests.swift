import Foundation
import SamtalCore
import Testing
import SamtalTestSupport
@testable import Transcripts

@Suite("Readers")
struct ReaderTests {
    /// The conversation all synthetic samples transcribe: pyannote's sample STM.
    static func reference() throws -> Transcript {
        try TestResources.read("pyannote-sample/sample.stm")
    }

    @Test(arguments: [
        ("synthetic/teams/teams_transcript.vtt", TranscriptFormat.webvtt),
        ("synthetic/zoom/GMT20240101-150000_Recording.transcript.vtt", .webvtt),
        ("synthetic/openai-whisper/sample.srt", .srt),
        ("synthetic/whisperx/sample.srt", .srt),
        ("synthetic/openai-whisper/sample.json", .whisperJSON),
        ("synthetic/faster-whisper/sample.segments_asdict.json", .whisperJSON),
        ("synthetic/whisper.cpp/sample.wav.oj.json", .whisperJSON),
        ("synthetic/whisperx/sample.json", .whisperJSON),
        ("synthetic/otter/otter_export.txt", .otter),
        ("synthetic/plain/transcript_bracketed.txt", .plain),
        ("synthetic/whisper.cpp/sample.wav.csv", .csv),
        ("synthetic/whisperx/sample.tsv", .tsv),
        ("pyannote-sample/sample.rttm", .rttm),
        ("pyannote-sample/sample.stm", .stm),
        ("speach/test.eaf", .eaf),
        ("textgrid/long_format.TextGrid", .textgrid),
        ("textgrid/short_format.TextGrid", .textgrid),
        ("praatio/mary.TextGrid", .textgrid),
    ])
    func formatIsDetectedFromContent(_ file: String, _ format: TranscriptFormat) throws {
        let data = try Data(contentsOf: TestResources.url(file))
        // Detection must not depend on the name: use a neutral one.
        #expect(TranscriptIO.detect(data: data, fileName: "upload.dat") == format
                    || (format == .csv || format == .tsv || format == .stm))
        #expect(TranscriptIO.detect(data: data, fileName: file) == format)
    }

    @Test func whisperFamilyGivesTheSameTextAsTheReference() throws {
        let reference = try Self.reference().utterances.map(\.text).joined(separator: " ")
        for file in ["synthetic/openai-whisper/sample.json", "synthetic/openai-whisper/sample.words.json",
                     "synthetic/faster-whisper/sample.segments_asdict.json",
                     "synthetic/faster-whisper/sample.segments_no_word_timestamps.json",
                     "synthetic/whisper.cpp/sample.wav.oj.json", "synthetic/whisper.cpp/sample.wav.ojf.json",
                     "synthetic/whisperx/sample.json", "synthetic/whisperx/sample.pretty.json"] {
            let t = try TestResources.read(file)
            // WhisperX's sample carries one more segment at the end.
            #expect(t.utterances.map(\.text).joined(separator: " ").hasPrefix(reference), "\(file)")
            #expect(t.utterances.first?.start == 6.68, "\(file)")
        }
    }

    @Test func whisperWordsAreReadPerDialect() throws {
        let words = try TestResources.read("synthetic/openai-whisper/sample.words.json")
        #expect(words.metadata["dialect"] == "openai-whisper")
        #expect(words.utterances.compactMap(\.words).joined().count == 81)
        #expect(words.utterances[0].words?.first == Word(text: "Hello?", start: 6.68, end: 7.16, confidence: 0.695401))
        let none = try TestResources.read("synthetic/faster-whisper/sample.segments_no_word_timestamps.json")
        #expect(none.utterances.allSatisfy { $0.words == nil })
        let cpp = try TestResources.read("synthetic/whisper.cpp/sample.wav.ojf.json")
        #expect(cpp.metadata["dialect"] == "whisper.cpp")
        #expect(cpp.utterances[2].words?.map(\.text) == ["Oh,", "hello.", "I", "didn't", "know", "you",
                                                          "were", "there.", "Neither", "did", "I."])
        #expect(cpp.utterances[2].words?[1].start == 8.58)
        let x = try TestResources.read("synthetic/whisperx/sample.json")
        #expect(x.metadata["dialect"] == "whisperx")
        #expect(x.utterances.compactMap(\.words).joined().count == 89)
        #expect(x.utterances[1].speaker == "SPEAKER_01")
        let untimed = x.utterances.compactMap(\.words).joined().filter { $0.start == nil }
        #expect(untimed.map(\.text) == ["2014,", "3"])
    }

    @Test func whisperCppInvalidOutputsAreRecoveredWithAWarning() throws {
        for (file, code) in [("synthetic/whisper.cpp/INVALID_sample.wav.diarize_mono_trailing_comma.json", "json.trailing-comma"),
                             ("synthetic/whisper.cpp/INVALID_sample.wav.ojf_missing_token_times_and_raw_tab.json", "json.control-character")] {
            let sink = DiagnosticCollector()
            let t = try TestResources.read(file, diagnostics: sink)
            #expect(t.utterances.count == 8, "\(file)")
            #expect(sink.diagnostics.map(\.code).contains(code), "\(file)")
            #expect(sink.diagnostics.allSatisfy { $0.location?.line != nil })
        }
        let tab = try TestResources.read("synthetic/whisper.cpp/INVALID_sample.wav.ojf_missing_token_times_and_raw_tab.json")
        #expect(tab.utterances[1].text.contains("\t"))
        #expect(tab.utterances.compactMap(\.words).joined().contains { $0.start == nil })
    }

    @Test func malformedJSONIsLocated() throws {
        let error = expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "{\"segments\": [\n  {\"start\": 1, \"text\" \"x\"}\n]}", name: "w.json")
        }
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 23)
        expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "{\"segments\": [{\"start\": 1", name: "w.json")
        }
    }

    @Test func srtQuirksAreTolerated() throws {
        let text = """
            0
            00:00:01,000 --> 00:00:02.500
            <i>Hej</i> {\\an8}där
            5
            00:00:03,000 --> 00:00:04,000 X1:10 X2:20

            00:00:05,000 --> 00:00:06,000
            Tredje

            2
            00:00:07,000 --> 00:00:08,000
            Fjärde &amp; sista
            """
        let sink = DiagnosticCollector()
        let t = try TestResources.read(text: text, name: "q.srt", diagnostics: sink)
        #expect(t.utterances.map(\.text) == ["Hej där", "", "Tredje", "Fjärde & sista"])
        #expect(t.utterances.map(\.end) == [2.5, 4, 6, 8])
        #expect(sink.diagnostics.map(\.code) == ["srt.index-order"])
    }

    @Test func srtInUTF16AndWindows1252() throws {
        let text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nÅsa: Hallå där\r\n"
        var utf16 = Data([0xFF, 0xFE])
        for unit in text.utf16 { utf16.append(UInt8(unit & 0xFF)); utf16.append(UInt8(unit >> 8)) }
        let a = try TranscriptIO.read(data: utf16, sourceName: "a.srt", diagnostics: IgnoringDiagnostics())
        #expect(a.utterances.first?.text == "Hallå där")
        var utf32 = Data([0x00, 0x00, 0xFE, 0xFF])
        for s in text.unicodeScalars { withUnsafeBytes(of: s.value.bigEndian) { utf32.append(contentsOf: $0) } }
        let b = try TranscriptIO.read(data: utf32, sourceName: "b.srt", diagnostics: IgnoringDiagnostics())
        #expect(b.utterances.first?.speaker == "Åsa")
        let latin = Data(text.unicodeScalars.map { UInt8($0.value) })
        let sink = DiagnosticCollector()
        let c = try TranscriptIO.read(data: latin, sourceName: "c.srt", diagnostics: sink)
        #expect(c.utterances.first?.text == "Hallå där")
        #expect(sink.diagnostics.map(\.code) == ["transcript.encoding"])
    }

    @Test func brokenSubtitlesNamedAsSuchGetLocatedErrors() throws {
        for name in ["invalid_format1.srt", "invalid_format2.srt", "invalid_format3.srt", "invalid_format4.srt",
                     "missing_timeframe.srt"] {
            let e = expectSamtalError(.parseError) { _ = try TestResources.read("webvtt-py/" + name) }
            #expect(e?.location?.line != nil, "\(name)")
        }
    }

    @Test func srtGarbageIsALocatedError() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nok\n\nthis is not a cue\n\n3\n00:00:03,000 --> 00:00:04,000\nfine\n"
        let e = expectSamtalError(.parseError) { _ = try TestResources.read(text: text, name: "g.srt") }
        #expect(e?.location?.line == 5)
        let sink = DiagnosticCollector()
        let t = try TestResources.read(text: text, name: "g.srt", lenient: true, diagnostics: sink)
        #expect(t.utterances.map(\.text) == ["ok", "fine"])
        #expect(sink.diagnostics.count == 1)
    }

    @Test func otterAndPlainTranscriptsGiveSpeakersAndTimes() throws {
        let reference = try Self.reference()
        let otter = try TestResources.read("synthetic/otter/otter_export.txt")
        #expect(otter.utterances.count == reference.utterances.count)
        #expect(otter.utterances.map(\.text) == reference.utterances.map(\.text))
        #expect(otter.utterances[0].speaker == "Diane Farías" && otter.utterances[0].start == 6)
        for file in ["synthetic/otter/otter_export_no_timestamps.txt", "synthetic/plain/transcript_bracketed.txt",
                     "synthetic/plain/transcript_speaker_line_then_text.txt"] {
            let t = try TestResources.read(file)
            #expect(t.utterances.map(\.text) == reference.utterances.map(\.text), "\(file)")
            #expect(t.utterances.map { $0.speaker?.lowercased() } == reference.utterances.map { $0.speaker?.lowercased() },
                    "\(file)")
        }
        let interview = try TestResources.read("synthetic/plain/interview_name_colon.txt")
        let p03 = interview.utterances.filter { $0.speaker == "P03" }
        #expect(p03.count == 4)
        #expect(p03[2].text == "And I'm Sheila in Texas, originally from Chicago.\n(continued) I moved in 2014.")
        #expect(interview.utterances.first { $0.text.hasPrefix("Okay") }?.start == 10)
        #expect(interview.utterances.first { $0.text.hasPrefix("This is Diane") }?.start == 12)
    }

    @Test func zoomChatGivesSenders() throws {
        let t = try TestResources.read("synthetic/zoom/GMT20240101-150000_RecordingnewChat.txt")
        #expect(t.utterances.map(\.speaker) == ["Diane Farías", "Sheila O'Brien"])
        #expect(t.utterances.map(\.text) == ["Hello?", "link: https://example.org"])
        #expect(t.utterances[0].metadata["time"] == "15:01:02")
    }

    @Test func rttmGivesTurnsAndLocatesBadLines() throws {
        let t = try TestResources.read("synthetic/pyannote/edge_cases.rttm")
        #expect(t.utterances.map(\.speaker) == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_02", "A"])
        #expect(t.utterances[1].start == 0.944)
        #expect(t.utterances[4].start == 10 && t.utterances[4].end == 12)
        #expect(t.utterances.allSatisfy { $0.text.isEmpty })
        let e = expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "SPEAKER f 1 0.5 x <NA> <NA> A <NA> <NA>\n", name: "b.rttm")
        }
        #expect(e?.location?.line == 1 && e?.location?.column == 17)
        let dscore = try TestResources.read("dscore/ref.rttm")
        #expect(!dscore.utterances.isEmpty)
    }

    @Test func elanMatchesSpeachsTabularExport() throws {
        // speach's test.eaf.tsv lists every annotation: tier, participant, start, end, duration, text.
        let t = try TestResources.read("speach/test.eaf")
        let utterance = t.utterances.filter { $0.metadata["tier"] == "Person1 (Utterance)" }
        #expect(utterance.count == 8)
        #expect(utterance[0].speaker == "P001")
        #expect(utterance[0].start == 1.04 && utterance[0].end == 2.33)
        #expect(utterance[0].text == "How do you read this?")
        #expect(utterance[3].text == "It means \"This apple is delicious\".")
        #expect(utterance[0].metadata["Person1 (Language)"] == "en")
        #expect(t.utterances.filter { $0.metadata["tier"] == "marker" }.count == 3)
        _ = try TestResources.read("speach/test2.eaf")
    }

    @Test func elanInterpolatesUnalignedTimeSlots() throws {
        let eaf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT VERSION="3.0">
             <HEADER TIME_UNITS="milliseconds"/>
             <TIME_ORDER>
              <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
              <TIME_SLOT TIME_SLOT_ID="ts2"/>
              <TIME_SLOT TIME_SLOT_ID="ts3"/>
              <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="4000"/>
             </TIME_ORDER>
             <TIER TIER_ID="Anna" PARTICIPANT="Anna">
              <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
               <ANNOTATION_VALUE>hej</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
               <ANNOTATION_VALUE>då</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
             </TIER>
             <TIER TIER_ID="översättning" PARENT_REF="Anna">
              <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a2">
               <ANNOTATION_VALUE>bye</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
             </TIER>
            </ANNOTATION_DOCUMENT>
            """
        let t = try TestResources.read(text: eaf, name: "i.eaf")
        #expect(t.utterances.map(\.text) == ["hej", "då"])
        #expect(t.utterances.map(\.end) == [2, 4])
        #expect(t.utterances[1].start == 3)
        #expect(t.utterances[1].metadata["översättning"] == "bye")
        let e = expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "<ANNOTATION_DOCUMENT>\n<TIER TIER_ID=\"x\">\n</ANNOTATION_DOCUMENT>", name: "b.eaf")
        }
        #expect(e?.location?.line != nil)
    }

    @Test(.enabled(if: Fixtures.sharedData != nil))
    func largeELANDocumentInterpolatesSlotsIntoWordTimings() throws {
        // pympi's sample: 7 182 time slots, 1 572 without a value; a time-subdivision word tier.
        let path = Fixtures.sharedData!.appendingPathComponent("transcripts/dopefishh+pympi/sample_3.0.eaf").path
        let t = try TranscriptIO.read(path: path, diagnostics: IgnoringDiagnostics())
        let text = t.utterances.filter { $0.metadata["tier"] == "text" }
        #expect(text.count > 100)
        var checked = 0
        for u in text {
            guard let words = u.words, let s = u.start, let e = u.end else { continue }
            // A time subdivision tiles its parent: first word starts at the utterance's start,
            // each word ends where the next begins, the last ends at the utterance's end.
            #expect(abs((words.first?.start ?? -1) - s) < 1e-6)
            #expect(abs((words.last?.end ?? -1) - e) < 1e-6)
            for (a, b) in zip(words, words.dropFirst()) {
                #expect(abs((a.end ?? -1) - (b.start ?? -2)) < 1e-6)
                #expect((a.start ?? 0) <= (a.end ?? 0))
            }
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func textGridLongShortAndUTF16AgreeWithEachOther() throws {
        let long = try TestResources.read("textgrid/long_format.TextGrid")
        let short = try TestResources.read("textgrid/short_format.TextGrid")
        #expect(!long.utterances.isEmpty)
        #expect(long.utterances == short.utterances)
        let mary = try TestResources.read("praatio/mary.TextGrid")
        let maryLong = try TestResources.read("praatio/mary_longfile.TextGrid")
        #expect(mary.utterances == maryLong.utterances)
        #expect(mary.utterances.contains { $0.speaker == "word" && $0.text == "mary" })
        let utf16 = TestResources.files(in: "praatio", extension: "TextGrid").filter {
            (try? Data(contentsOf: $0))?.starts(with: [0xFE, 0xFF]) == true
        }
        #expect(!utf16.isEmpty)
        for file in utf16 {
            let t = try TranscriptIO.read(path: file.path, diagnostics: IgnoringDiagnostics())
            #expect(!t.utterances.isEmpty, "\(file.lastPathComponent)")
        }
    }

    @Test func csvContributionsByHeaderNameAndFlags() throws {
        let csv = """
            Namn;Fråga;Svar;Tid
            Anna;Vad är viktigast?;"Trygghet; och ""gemenskap""
            på kvällarna";2024-03-05 18:10
            ;Vad är viktigast?;'=SUM(A1);
            """
        let t = try TestResources.read(text: csv, name: "bidrag.csv")
        #expect(t.utterances.count == 2)
        #expect(t.utterances[0].speaker == "Anna")
        #expect(t.utterances[0].text == "Trygghet; och \"gemenskap\"\npå kvällarna")
        #expect(t.utterances[0].metadata["question"] == "Vad är viktigast?")
        #expect(t.utterances[0].metadata["time"] == "2024-03-05 18:10")
        #expect(t.utterances[1].speaker == nil && t.utterances[1].text == "=SUM(A1)")
        let flags = try TranscriptIO.read(
            data: Data("a,b\nhej,Bo\n".utf8), sourceName: "x.csv",
            options: ReadOptions(textColumn: "1", speakerColumn: "b"), diagnostics: IgnoringDiagnostics())
        #expect(flags.utterances == [Utterance(id: "u0001", speaker: "Bo", text: "hej")])
        expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "a,b\n1,2\n", name: "x.csv")
        }
        let e = expectSamtalError(.parseError) {
            _ = try TestResources.read(text: "text,author\n\"open,x\n", name: "x.csv")
        }
        #expect(e?.location?.line == 2 && e?.location?.column == 1)
    }

    @Test func emptyInputIsReported() {
        expectSamtalError(.emptyInput) { _ = try TestResources.read(text: " \n\n", name: "e.vtt") }
        expectSamtalError(.fileNotFound) {
            _ = try TranscriptIO.read(path: "/nonexistent/x.vtt", diagnostics: IgnoringDiagnostics())
        }
    }
}
