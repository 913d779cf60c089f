import Foundation
import Pipeline
import SamtalCore
import SamtalTestSupport
import Summaries
import Testing

@Suite struct PipelineTests {
    func run(_ input: URL, _ out: URL, _ fakes: FakeStages, from: PipelineStage? = nil,
             to: PipelineStage = .summarize, sink: DiagnosticSink = IgnoringDiagnostics())
        throws -> PipelineResult
    {
        let settings = PipelineSettings(outputDirectory: out.path, from: from, to: to)
        return try Pipeline(settings: settings, stages: fakes.functions).run(
            input: input.path, diagnostics: sink)
    }

    @Test func runsStagesInOrderAndWritesVersionedArtifacts() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let result = try run(event, out, FakeStages())
        #expect(result.tables.map(\.table.name) == ["table-1", "table-2"])
        #expect(result.tables[0].computed == PipelineStage.allCases)
        for stage in PipelineStage.allCases {
            let path = out.appendingPathComponent("table-1/\(stage.artifactName)").path
            let json = try #require(FileManager.default.contents(atPath: path))
            let object = try JSONSerialization.jsonObject(with: json) as! [String: Any]
            #expect(object["schemaVersion"] as? Int == 1)
            #expect(object["stage"] as? String == stage.rawValue)
        }
        for name in ["summary.md", "summary.json", "report.html", "transcript.vtt", "utterances.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("table-1/\(name)").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
        }
        #expect(result.report == out.appendingPathComponent("report.html").path)
        // Table 1's transcript has no speakers: they come from the (fake) diarization through
        // alignment. Table 2's transcript names its speakers, and keeps them.
        let t1 = try #require(result.tables[0].summary)
        #expect(t1.participation.speakers.map(\.speaker).sorted() == ["SPEAKER_00", "SPEAKER_01"])
        #expect(t1.participation.basis == "time")
        let t2 = try #require(result.tables[1].summary)
        #expect(t2.participation.speakers.map(\.speaker).sorted() == ["C", "D"])
        let whole = try #require(result.eventSummary)
        #expect(whole.utteranceCount == 5)
        #expect(whole.tables == ["table-1", "table-2"])
        #expect(whole.themes.map(\.id).sorted() == ["arbete", "utbildning"])
    }

    @Test func rerunReusesValidArtifactsAndGivesIdenticalReports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let fakes = FakeStages()
        _ = try run(event, out, fakes)
        let first = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let firstHTML = try Data(contentsOf: out.appendingPathComponent("table-2/report.html"))
        fakes.reset()
        let again = try run(event, out, fakes)
        #expect(again.tables.allSatisfy { $0.computed.isEmpty })
        #expect(again.tables[0].reused == PipelineStage.allCases)
        #expect(fakes.count("decode") == 0 && fakes.count("tag") == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == first)
        #expect(try Data(contentsOf: out.appendingPathComponent("table-2/report.html")) == firstHTML)
    }

    @Test func fromReRunsTheSliceAndLaterStagesOnly() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let fakes = FakeStages()
        _ = try run(event, out, fakes)
        fakes.reset()
        let result = try run(event, out, fakes, from: .tag)
        #expect(result.tables[0].computed == [.tag, .summarize])
        #expect(result.tables[0].reused == [.decode, .vad, .diarize, .align])
        #expect(fakes.count("decode") == 0 && fakes.count("tag") == 2)
    }

    @Test func toStopsAfterTheStageWithoutReports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let result = try run(event, out, FakeStages(), to: .vad)
        #expect(result.tables[0].computed == [.decode, .vad])
        #expect(result.report == nil)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("table-1/03-diarize.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.md").path))
    }

    @Test func changedTranscriptRerunsFromAlignmentAndDecodesNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let fakes = FakeStages()
        _ = try run(event, out, fakes)
        try (FakeEvent.transcript + "\n25 28 -|Mer hopp.").write(
            to: event.appendingPathComponent("table-1/transcript.vtt"), atomically: true, encoding: .utf8)
        fakes.reset()
        let result = try run(event, out, fakes)
        #expect(result.tables[0].computed == [.align, .tag, .summarize])
        #expect(result.tables[1].computed.isEmpty)
        #expect(fakes.count("decode") == 0)
        #expect(result.tables[0].summary?.utteranceCount == 4)
    }

    @Test func damagedOrOldArtifactsAreRecomputed() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = try FakeEvent.make(in: dir)
        let out = dir.appendingPathComponent("out")
        let fakes = FakeStages()
        _ = try run(event, out, fakes)
        try "{\"schemaVersion\": 0, \"stage\": \"vad\"}".write(
            to: out.appendingPathComponent("table-1/02-vad.json"), atomically: true, encoding: .utf8)
        try "not json".write(to: out.appendingPathComponent("table-2/05-tag.json"),
                             atomically: true, encoding: .utf8)
        fakes.reset()
        let sink = DiagnosticCollector()
        let result = try run(event, out, fakes, sink: sink)
        #expect(result.tables[0].computed == [.vad])
        #expect(result.tables[1].computed == [.tag])
        #expect(fakes.count("decode") == 1)
        #expect(sink.diagnostics.filter { $0.code == "run.invalid-artifact" }.count == 2)
        #expect(throws: SamtalError.self) {
            _ = try Artifact<SpeechRegions>.load(from: out.appendingPathComponent("table-1/01-decode.json").path, stage: .vad)
        }
    }

    @Test func noSpeechEmptyTranscriptAndMismatchWarnButStillReport() throws {
        let dir = try Fixtures.temporaryDirectory()
        let event = dir.appendingPathComponent("event")
        for t in ["quiet", "empty", "long"] {
            try FileManager.default.createDirectory(at: event.appendingPathComponent(t),
                                                    withIntermediateDirectories: true)
        }
        try "seconds=10".write(to: event.appendingPathComponent("quiet/a.wav"), atomically: true, encoding: .utf8)
        try "seconds=10 speech=1-9".write(to: event.appendingPathComponent("empty/a.wav"), atomically: true, encoding: .utf8)
        try "\n".write(to: event.appendingPathComponent("empty/a.vtt"), atomically: true, encoding: .utf8)
        try "seconds=10 speech=1-9".write(to: event.appendingPathComponent("long/a.wav"), atomically: true, encoding: .utf8)
        try "1 9 A|Oro.\n100 120 A|Hopp.".write(to: event.appendingPathComponent("long/a.vtt"), atomically: true, encoding: .utf8)
        let sink = DiagnosticCollector()
        let out = dir.appendingPathComponent("out")
        let result = try run(event, out, FakeStages(), sink: sink)
        let codes = Set(sink.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["run.no-speech", "run.empty-transcript", "run.duration-mismatch",
                                      "run.no-transcript"]))
        #expect(result.tables.allSatisfy { $0.outputs.contains { $0.hasSuffix("report.html") } })
        let quiet = try #require(result.tables.first { $0.table.name == "quiet" }?.summary)
        #expect(quiet.warnings.contains { $0.contains("no speech") })
        let md = try String(contentsOf: out.appendingPathComponent("empty/summary.md"), encoding: .utf8)
        #expect(md.contains("## Varningar"))
    }
}

@Suite struct EventLayoutTests {
    @Test func findsTablesInSubfoldersAndFileGroups() throws {
        let dir = try Fixtures.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("bord 1"), withIntermediateDirectories: true)
        for (path, text) in [("bord 1/rec.flac", "x"), ("bord 1/rec.vtt", "x"), ("bord 1/ref.rttm", "x"),
                             ("bord-2.wav", "x"), ("bord-2.srt", "x"), ("bord-2.txt", "x"),
                             ("dialog.csv", "x"), ("notes.md", "x")] {
            try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        let tables = try EventLayout.tables(input: dir.path, diagnostics: IgnoringDiagnostics())
        #expect(tables.map(\.name) == ["bord-1", "bord-2", "dialog"])
        #expect(tables[0].recording?.hasSuffix("bord 1/rec.flac") == true)
        #expect(tables[0].transcript?.hasSuffix("bord 1/rec.vtt") == true)
        #expect(tables[1].transcript?.hasSuffix("bord-2.srt") == true)
        #expect(tables[2].recording == nil && tables[2].transcript?.hasSuffix("dialog.csv") == true)
    }

    @Test func aGenericallyNamedFileIsNamedAfterItsFolder() throws {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bord-3"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bord-3/transcript.vtt")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let tables = try EventLayout.tables(input: file.path, diagnostics: IgnoringDiagnostics())
        #expect(tables == [TableSource(name: "bord-3", transcript: file.path)])
    }

    @Test func ignoresTheOutputFolderInsideTheInput() throws {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out/t"), withIntermediateDirectories: true)
        try "x".write(to: dir.appendingPathComponent("out/t/transcript.vtt"), atomically: true, encoding: .utf8)
        try "x".write(to: dir.appendingPathComponent("a.vtt"), atomically: true, encoding: .utf8)
        let tables = try EventLayout.tables(input: dir.path, excluding: dir.appendingPathComponent("out").path,
                                            diagnostics: IgnoringDiagnostics())
        #expect(tables.map(\.name) == ["a"])
    }

    @Test func emptyFolderAndMissingInputFailWithCodes() throws {
        let dir = try Fixtures.temporaryDirectory()
        do {
            _ = try EventLayout.tables(input: dir.path, diagnostics: IgnoringDiagnostics())
            Issue.record("accepted an empty folder")
        } catch let e as SamtalError { #expect(e.code == .emptyInput) }
        do {
            _ = try EventLayout.tables(input: dir.appendingPathComponent("nope").path, diagnostics: IgnoringDiagnostics())
            Issue.record("accepted a missing input")
        } catch let e as SamtalError { #expect(e.code == .fileNotFound) }
    }

    @Test func stageNamesAndArtifactNames() {
        #expect(PipelineStage.allCases.map(\.artifactName) == [
            "01-decode.json", "02-vad.json", "03-diarize.json", "04-align.json", "05-tag.json",
            "06-summarize.json"])
        #expect(PipelineStage(name: "import") == .align)
        #expect(PipelineStage(name: "bogus") == nil)
    }
}
