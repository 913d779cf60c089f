import Foundation
import SamtalCore
import Testing
@testable import Transcripts

@Suite("WebVTT")
struct WebVTTTests {
    struct Expected: Decodable {
        struct Cue: Decodable {
            var id: String
            var startTime: Double
            var endTime: Double
            var text: String
        }
        var cues: [Cue]
        var errorCount: Int
    }

    /// Parses a W3C test file the way the reference parser does: skip, never fail.
    static func w3cParse(_ url: URL) throws -> WebVTTParser.Result {
        let data = try Data(contentsOf: url)
        let (text, _) = TextDecoding.decode(data, encoding: .utf8, source: url.lastPathComponent,
                                            diagnostics: IgnoringDiagnostics())
        var parser = WebVTTParser(source: url.lastPathComponent, strict: false,
                                  diagnostics: IgnoringDiagnostics())
        parser.acceptMissingSignature = false
        return try parser.parse(text)
    }

    static func matches(_ result: WebVTTParser.Result, _ expected: Expected) -> Bool {
        result.cues.count == expected.cues.count
            && zip(result.cues, expected.cues).allSatisfy { got, want in
                got.id == want.id && abs(got.start - want.startTime) < 1e-9
                    && abs(got.end - want.endTime) < 1e-9 && got.text == want.text
            }
    }

    @Test func everyW3CFileGivesExactlyTheReferenceCues() throws {
        let files = TestResources.files(in: "w3c", extension: "vtt")
        #expect(files.count == 37)
        var failures: [String] = []
        for file in files {
            let expectedURL = file.deletingPathExtension().appendingPathExtension("expected.json")
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
            let result = try Self.w3cParse(file)
            if !Self.matches(result, expected) {
                failures.append("\(file.lastPathComponent): got \(result.cues.map { ($0.id, $0.start, $0.end, $0.text) })")
            }
        }
        print("W3C wpt-file-parsing: \(files.count - failures.count)/\(files.count) files give exactly the reference cues")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func voiceSpansGiveSpeakersWithClassesAndWithoutClosingTag() throws {
        let t = try TestResources.read(text: """
            WEBVTT

            00:01.000 --> 00:02.000
            <v.loud.first Anna   Berg>Hej &amp; <i>välkommen</i>&#33;

            00:02.000 --> 00:03.500
            <v Bo>Tack</v>
            """, name: "x.vtt")
        #expect(t.utterances.count == 2)
        #expect(t.utterances[0].speaker == "Anna Berg")
        #expect(t.utterances[0].text == "Hej & välkommen!")
        #expect(t.utterances[0].metadata["voiceClasses"] == "loud.first")
        #expect(t.utterances[0].start == 1 && t.utterances[0].end == 2)
        #expect(t.utterances[1].speaker == "Bo")
        #expect(t.utterances[1].text == "Tack")
    }

    @Test func timestampTagsGiveWordTimings() throws {
        let t = try TestResources.read("webvtt-py/youtube_dl.vtt")
        let cue = try #require(t.utterances.first { $0.text == "this will happen is I'm telling" })
        #expect(cue.words?.map(\.text) == ["this", "will", "happen", "is", "I'm", "telling"])
        #expect(cue.words?.map(\.start) == [304.08, 304.199, 304.379, 304.62, 304.86, 305.069])
        #expect(cue.words?[0].end == 304.199)
        #expect(t.language == "en")
    }

    @Test func teamsExportsGiveNamesWithoutGuestSuffix() throws {
        let t = try TestResources.read("synthetic/teams/teams_transcript.vtt")
        #expect(t.format == "webvtt")
        #expect(Set(t.speakers) == ["Diane Farías", "Sheila O'Brien"])
        #expect(t.utterances[1].metadata["guest"] == "true")
        #expect(t.utterances[0].id == "6d2f8c1e-3b7a-4c55-9e0d-2b8f1a7c4e90/10-0")
        #expect(t.utterances[0].start == 6.68)
    }

    @Test func teamsStreamTranscriptWithNotesHasCuesWithoutSpeakers() throws {
        let t = try TestResources.read("synthetic/teams/stream_classic_transcript.vtt")
        #expect(!t.utterances.isEmpty)
        #expect(t.speakers.isEmpty)
        #expect(t.utterances[0].text == "Hello?")
        #expect(t.language == "en-us")
    }

    @Test func teamsUnattributedTranscriptReadsAsTimedCues() throws {
        let t = try TestResources.read("synthetic/teams/graph_unattributed_transcript.txt")
        #expect(t.format == "srt")
        #expect(t.utterances.count > 10)
        #expect(t.utterances[0].text == "Hello?" && t.utterances[0].start == 6.68)
        #expect(t.utterances[2].text == "Oh, hello.")
    }

    @Test func zoomNamePrefixesBecomeSpeakers() throws {
        let t = try TestResources.read("synthetic/zoom/GMT20240101-150000_Recording.transcript.vtt")
        #expect(t.utterances[0].speaker == "Diane Farías")
        #expect(t.utterances[0].text == "Hello?")
        #expect(t.utterances[4].speaker == nil)
        #expect(t.utterances[4].text == "Neither did I.")
    }

    @Test func webvttPySamplesRead() throws {
        for name in ["sample.vtt", "captions_with_bom.vtt", "youtube_dl.vtt", "styles.vtt",
                     "using_identifiers.vtt", "comments.vtt", "metadata_headers.vtt",
                     "netflix_chicas_del_cable.vtt", "cue_tags.vtt"] {
            let t = try TestResources.read("webvtt-py/" + name)
            #expect(!t.utterances.isEmpty, "\(name)")
            #expect(t.utterances.allSatisfy { !$0.text.contains("<") }, "\(name)")
        }
        let sample = try TestResources.read("webvtt-py/sample.vtt")
        #expect(sample.utterances.count == 16)
    }

    @Test func mozillaFilesNeverFailInLenientMode() throws {
        let files = TestResources.files(in: "mozilla", extension: "vtt")
        #expect(files.count > 50)
        for file in files {
            do {
                _ = try TranscriptIO.read(path: file.path, format: .webvtt,
                                          options: ReadOptions(lenient: true),
                                          diagnostics: IgnoringDiagnostics())
            } catch let error as SamtalError where error.code == .emptyInput {
                // blank files are reported as empty, which is right
            }
        }
    }

    @Test func malformedTimingIsALocatedErrorOrASkippedCue() throws {
        let text = "WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n00:01.000 --> 00:0x.000\nbad\n\n00:02.000 --> 00:03.000\nfine\n"
        let error = expectSamtalError(.parseError) { _ = try TestResources.read(text: text, name: "m.vtt") }
        #expect(error?.location?.line == 6)
        #expect(error?.location?.column == 15)
        let sink = DiagnosticCollector()
        let t = try TestResources.read(text: text, name: "m.vtt", lenient: true, diagnostics: sink)
        #expect(t.utterances.map(\.text) == ["ok", "fine"])
        #expect(sink.diagnostics.count == 1)
    }

    @Test func textBlockWithoutTimingIsAnErrorUnlessLenient() throws {
        let e = expectSamtalError(.parseError) { _ = try TestResources.read("webvtt-py/missing_timeframe.vtt") }
        #expect(e?.location?.line == 6)
        let sink = DiagnosticCollector()
        let t = try TestResources.read("webvtt-py/missing_timeframe.vtt", lenient: true, diagnostics: sink)
        #expect(t.utterances.map(\.text).prefix(3) == ["Caption text #1", "Caption text #3", "Caption text #4"])
        #expect(sink.diagnostics.map(\.code) == ["vtt.skipped-block"])
    }

    @Test func missingSignatureIsAnErrorUnlessLenient() throws {
        let text = "00:00.000 --> 00:01.000\nhej\n"
        expectSamtalError(.parseError) {
            _ = try TestResources.read(text: text, name: "x.vtt", format: .webvtt)
        }
        let t = try TestResources.read(text: text, name: "x.vtt", format: .webvtt, lenient: true)
        #expect(t.utterances.map(\.text) == ["hej"])
    }
}
