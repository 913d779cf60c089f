import Foundation
import SamtalTestSupport
import Testing

/// One `samtal run` of the sample event, shared by the tests that read its outputs.
enum SampleEventRun {
    static var event: URL { Fixtures.samples.appendingPathComponent("event") }
    static var available: Bool {
        Fixtures.samtalExecutable != nil
            && FileManager.default.fileExists(atPath: event.appendingPathComponent("table-1/recording.flac").path)
    }

    struct Output: Sendable {
        var directory: URL
        var result: ProcessResult
        var seconds: Double
        func text(_ path: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        }
    }

    /// Runs once per test process (static lets are initialised once, thread-safely).
    static let shared: Output? = try? runOnce()

    static func runOnce() throws -> Output {
        let out = try Fixtures.temporaryDirectory("sample-event").appendingPathComponent("out")
        let started = Date()
        let result = try Run.process(Fixtures.samtalExecutable!, ["run", event.path, "-o", out.path])
        return Output(directory: out, result: result, seconds: Date().timeIntervalSince(started))
    }
}

@Suite("samtal run on the sample event", .enabled(if: SampleEventRun.available))
struct RunSampleEventTests {
    func run() throws -> SampleEventRun.Output {
        let output = try #require(SampleEventRun.shared)
        try #require(output.result.status == 0, "samtal run failed: \(output.result.stderr)")
        return output
    }

    @Test func printsTheReportPathAndWritesEveryOutput() throws {
        let r = try run()
        #expect(r.result.stdout == r.directory.appendingPathComponent("report.html").path + "\n")
        let fm = FileManager.default
        for prefix in ["", "table-1/", "table-2/"] {
            for name in ["summary.md", "summary.json", "report.html", "transcript.vtt", "utterances.csv"] {
                #expect(fm.fileExists(atPath: r.directory.appendingPathComponent(prefix + name).path),
                        "missing \(prefix)\(name)")
            }
        }
        for artifact in ["01-decode", "02-vad", "03-diarize", "04-align", "05-tag", "06-summarize"] {
            #expect(fm.fileExists(atPath: r.directory.appendingPathComponent("table-2/\(artifact).json").path))
        }
        // Progress went to stderr, per table and stage.
        #expect(r.result.stderr.contains("table-1: diarize done in"))
    }

    @Test func summaryNamesTheScriptsThemesAndEmotions() throws {
        let md = try run().text("summary.md").lowercased()
        for heading in ["## sammanfattning", "## teman", "## fördjupning om känslor", "## deltagande",
                        "## aktörer"] {
            #expect(md.contains(heading))
        }
        // Themes and emotions the dialogue scripts were written to carry (samples/README.md).
        for theme in ["samverkan", "validering", "arbetskraftsinvandring"] {
            #expect(md.contains(theme), "theme \(theme) missing")
        }
        for emotion in ["frustration", "hopp", "oro"] {
            #expect(md.contains(emotion), "emotion \(emotion) missing")
        }
        #expect(md.contains("känslomässigt"))
    }

    @Test func tableReportNamesItsSpeakersFromTheTranscript() throws {
        let vtt = try run().text("table-1/transcript.vtt")
        #expect(vtt.hasPrefix("WEBVTT"))
        #expect(vtt.contains("<v "))
        let csv = try run().text("table-1/utterances.csv")
        #expect(csv.hasPrefix("id,start,end,speaker,text,themes,emotions,actors,polarity"))
    }

    @Test func rerunReusesEveryArtifactAndWritesIdenticalReports() throws {
        let r = try run()
        let before = try ["summary.md", "summary.json", "report.html", "table-1/utterances.csv"].map(r.text)
        let again = try Run.process(Fixtures.samtalExecutable!, ["run", SampleEventRun.event.path,
                                                                 "-o", r.directory.path])
        #expect(again.status == 0)
        #expect(again.stderr.contains("table-1: diarize up to date"))
        // No table stage was computed again (only the event summary is always rebuilt).
        #expect(!again.stderr.contains("table-1: decode done") && !again.stderr.contains("table-2: tag done"))
        let after = try ["summary.md", "summary.json", "report.html", "table-1/utterances.csv"].map(r.text)
        #expect(before == after)
    }

    @Test func qdpxExportOfTheRunValidates() throws {
        let r = try run()
        let qdpx = r.directory.appendingPathComponent("event.qdpx")
        let export = try Run.process(Fixtures.samtalExecutable!,
                                     ["export", r.directory.path, "--format", "qdpx", "-o", qdpx.path])
        #expect(export.status == 0, "\(export.stderr)")
        let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
        guard FileManager.default.isExecutableFile(atPath: unzip.path) else { return }
        let list = try Run.process(unzip, ["-Z1", qdpx.path])
        #expect(list.stdout.split(separator: "\n").count == 3)
    }
}


/// Degenerate audio: no speech, an empty transcript, a transcript longer than the recording.
@Suite("samtal run on degenerate audio", .enabled(if: Fixtures.samtalExecutable != nil))
struct RunAudioInputsTests {
    func samtal(_ arguments: [String]) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, arguments)
    }

    /// A WAV of faint noise (no speech) of `seconds` in `dir`.
    func quietWAV(_ name: String, seconds: Int, in dir: URL) throws -> URL {
        let wav = dir.appendingPathComponent(name)
        try WAVWriter.write(Signals.noise(count: 16_000 * seconds, amplitude: 0.0005),
                            sampleRate: 16_000, to: wav.path)
        return wav
    }

    @Test func silentAudioWarnsAndStillReports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = try quietWAV("tyst.wav", seconds: 5, in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", wav.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no speech found"))
        let md = try String(contentsOf: out.appendingPathComponent("tyst/summary.md"), encoding: .utf8)
        #expect(md.contains("## Varningar"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    }

    @Test func emptyTranscriptWarnsAndStillReports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = try quietWAV("bord.wav", seconds: 3, in: dir)
        let vtt = dir.appendingPathComponent("tom.vtt")
        try "".write(to: vtt, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", wav.path, "--transcript", vtt.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("is empty"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("bord/report.html").path))
    }

    @Test func durationMismatchWarnsAndStillReports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let wav = try quietWAV("kort.wav", seconds: 2, in: dir)
        let vtt = dir.appendingPathComponent("lang.vtt")
        try (RunInputsTests.transcript + "\n\n4\n00:05:00.000 --> 00:05:04.000\n<v Lars>Slut.\n")
            .write(to: vtt, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", wav.path, "--transcript", vtt.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("but the recording lasts"))
        let md = try String(contentsOf: out.appendingPathComponent("kort/summary.md"), encoding: .utf8)
        #expect(md.contains("## Varningar"))
    }

}
