import Foundation
import SamtalTestSupport
import Testing

/// Inputs other than a full event: transcript only, contributions only, and degenerate audio.
@Suite("samtal run on transcripts and contributions", .enabled(if: Fixtures.samtalExecutable != nil))
struct RunInputsTests {
    func samtal(_ arguments: [String]) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, arguments)
    }

    static let transcript = """
        WEBVTT

        1
        00:00:01.000 --> 00:00:06.000
        <v Anna>Vi behöver bättre samverkan mellan skolan och företagen, det ger mig hopp.

        2
        00:00:07.000 --> 00:00:12.000
        <v Lars>Jag är orolig för att kommunen inte har råd med utbildningen.

        3
        00:00:13.000 --> 00:00:18.000
        <v Anna>Det är frustrerande att valideringen tar två år.
        """

    @Test func transcriptOnlyGivesAReport() throws {
        let dir = try Fixtures.temporaryDirectory()
        let vtt = dir.appendingPathComponent("bord.vtt")
        try Self.transcript.write(to: vtt, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", vtt.path, "-o", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let md = try String(contentsOf: out.appendingPathComponent("bord/summary.md"), encoding: .utf8)
        #expect(md.contains("tre yttranden från två talare"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("bord/01-decode.json").path))
    }

    @Test func englishReportOnRequest() throws {
        let dir = try Fixtures.temporaryDirectory()
        let vtt = dir.appendingPathComponent("bord.vtt")
        try Self.transcript.write(to: vtt, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", vtt.path, "-o", out.path, "--language", "en", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(md.contains("## A closer look at emotions"))
        #expect(md.contains("three utterances from two speakers"))
    }

    @Test func contributionsOnlyGiveAReport() throws {
        let dir = try Fixtures.temporaryDirectory()
        let csv = dir.appendingPathComponent("bidrag.csv")
        try """
            fråga,svar
            Vad behövs?,Fler praktikplatser och bättre samverkan med företagen.
            Vad behövs?,"Snabbare validering, det är frustrerande hur lång tid det tar."
            Vad oroar dig?,=HYPERLINK("http://evil.example";"klicka") Jag oroar mig för kompetensbristen.
            """.write(to: csv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try samtal(["run", csv.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("bidrag/summary.md"), encoding: .utf8)
        #expect(md.contains("tre yttranden"))
        let utterances = try String(contentsOf: out.appendingPathComponent("bidrag/utterances.csv"), encoding: .utf8)
        #expect(!utterances.contains(",=HYPERLINK"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("bidrag/transcript.vtt").path))
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let vtt = dir.appendingPathComponent("bord.vtt")
        try Self.transcript.write(to: vtt, atomically: true, encoding: .utf8)
        var outputs: [[Data]] = []
        for name in ["a", "b"] {
            let out = dir.appendingPathComponent(name)
            let r = try samtal(["run", vtt.path, "-o", out.path, "--quiet"])
            #expect(r.status == 0)
            outputs.append(try ["summary.md", "summary.json", "report.html", "transcript.vtt",
                                "utterances.csv", "bord/05-tag.json"].map {
                try Data(contentsOf: out.appendingPathComponent($0))
            })
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func badOptionsAreUsageErrors() throws {
        let dir = try Fixtures.temporaryDirectory()
        #expect(try samtal(["run", dir.path, "--language", "fi"]).status == 64)
        #expect(try samtal(["run", dir.path, "--from", "tag", "--to", "vad"]).status == 64)
        let missing = try samtal(["run", dir.appendingPathComponent("nope").path])
        #expect(missing.status == 1)
    }
}
