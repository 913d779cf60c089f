import Foundation
import SamtalTestSupport
import Testing

/// `samtal summarize`: the summary step alone, from a summary-input JSON file.
@Suite("samtal summarize", .enabled(if: Fixtures.samtalExecutable != nil))
struct RunSummarizeCLITests {
    static let input = """
        {
          "schemaVersion": 1, "title": "Bord 7", "tables": [], "warnings": [],
          "labels": {
            "themes": {"samverkan": {"sv": "Samverkan", "en": "Cooperation", "discovered": false}},
            "emotions": {"hopp": {"sv": "Hopp", "en": "Hope", "discovered": false}},
            "actors": {}
          },
          "utterances": [
            {"id": "u1", "start": 0, "end": 4, "speaker": "Anna", "metadata": {},
             "text": "Vi måste samarbeta mer <script>alert(1)</script>"},
            {"id": "u2", "start": 5, "end": 9, "speaker": "Lars", "metadata": {},
             "text": "Ja, samverkan ger mig hopp."}
          ],
          "tags": [
            {"id": "u1", "themes": ["samverkan"], "emotions": [], "actors": [], "polarity": 0,
             "scores": {"theme:samverkan": 0.9}, "evidence": {}},
            {"id": "u2", "themes": ["samverkan"], "emotions": ["hopp"], "actors": [], "polarity": 0.5,
             "scores": {"theme:samverkan": 0.8, "emotion:hopp": 0.7}, "evidence": {}}
          ]
        }
        """

    func write(_ dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("input.json")
        try Self.input.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func printsMarkdownInSwedishByDefault() throws {
        let dir = try Fixtures.temporaryDirectory()
        let r = try Run.process(Fixtures.samtalExecutable!, ["summarize", try write(dir).path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("# Bord 7\n\n## Sammanfattning\n\nSamtalet omfattar två yttranden från två talare"))
        #expect(r.stdout.contains("&lt;script&gt;"))
        #expect(!r.stdout.contains("<script>"))
    }

    @Test func writesAllReportsInEnglishWithOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let r = try Run.process(Fixtures.samtalExecutable!,
                                ["summarize", try write(dir).path, "-o", out.path, "--language", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent }
                == ["summary.md", "summary.json", "report.html", "utterances.csv"])
        let json = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(json.contains("\"language\" : \"en\""))
    }

    @Test func rejectsSomethingThatIsNotTaggedUtterances() throws {
        let dir = try Fixtures.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.json")
        try "{\"hello\": 1}".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Run.process(Fixtures.samtalExecutable!, ["summarize", bad.path])
        #expect(r.status == 1)
        #expect(try Run.process(Fixtures.samtalExecutable!, ["summarize", bad.path, "--format", "pdf"]).status == 64)
    }
}
