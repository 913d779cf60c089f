import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Transcripts

@Suite("samtal import, export and align", .enabled(if: Fixtures.samtalExecutable != nil))
struct CLITests {
    static func samtal(_ args: [String]) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, args)
    }

    @Test func importPrintsVersionedJSON() throws {
        let r = try Self.samtal(["import", TestResources.path("synthetic/teams/teams_transcript.vtt"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try TranscriptIO.read(data: Data(r.stdout.utf8), sourceName: "stdout", format: .json,
                                      diagnostics: IgnoringDiagnostics())
        #expect(t.format == "webvtt")
        #expect(t.speakers == ["Diane Farías", "Sheila O'Brien"])
        #expect(r.stdout.contains("\"schemaVersion\" : 1"))
    }

    @Test func malformedInputFailsWithALocatedErrorOrWarnsWhenLenient() throws {
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.vtt").path
        try "WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n00:01.000 --> 00:0x.000\nbad\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let strict = try Self.samtal(["import", file])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("bad.vtt:6:15:"))
        #expect(strict.stdout.isEmpty)
        let lenient = try Self.samtal(["import", file, "--lenient"])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning"))
        #expect(lenient.stdout.contains("ok"))
        let strictWarnings = try Self.samtal(["import", file, "--lenient", "--strict"])
        #expect(strictWarnings.status == 1)
    }

    @Test func exportWritesFilesAtomicallyAndRejectsUnknownFormats() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir.appendingPathComponent("out.csv").path
        let r = try Self.samtal(["export", TestResources.path("synthetic/whisperx/sample.json"),
                                 "--format", "csv", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.hasPrefix("start,end,speaker,text\r\n6.680,7.160,SPEAKER_00,Hello?\r\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        let bad = try Self.samtal(["export", TestResources.path("synthetic/whisperx/sample.json"),
                                   "--format", "docx"])
        #expect(bad.status == 64)
        for format in ["vtt", "srt", "json", "rttm", "tsv", "txt", "textgrid"] {
            let r = try Self.samtal(["export", TestResources.path("pyannote-sample/sample.stm"), "--format", format])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
    }

    @Test func alignAttachesRenamedSpeakers() throws {
        let dir = try Fixtures.temporaryDirectory()
        let names = dir.appendingPathComponent("names.yaml").path
        try "speaker90: Diane\nspeaker91: Sheila\n".write(toFile: names, atomically: true, encoding: .utf8)
        let r = try Self.samtal(["align", "--transcript", TestResources.path("synthetic/faster-whisper/sample.segments_no_word_timestamps.json"),
                                 "--turns", TestResources.path("pyannote-sample/sample.rttm"),
                                 "--speaker-names", names, "--format", "txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try TranscriptIO.read(data: Data(r.stdout.utf8), sourceName: "out.txt", format: .plain,
                                      diagnostics: IgnoringDiagnostics())
        #expect(Set(t.speakers) == ["Diane", "Sheila"])
        #expect(t.utterances.first?.speaker == "Diane")
    }
}
