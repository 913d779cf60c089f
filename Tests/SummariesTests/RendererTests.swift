import Foundation
import SamtalCore
import Testing
@testable import Summaries

@Suite struct RendererTests {
    static let hostile = [
        "<script>alert('x')</script> hej",
        "[klicka](javascript:alert(1)) och ![bild](http://evil.example/x.png)",
        "=HYPERLINK(\"http://evil.example\",\"klick\")",
        "kontroll\u{1B}[31mröd\u{07}\u{202E}txet",
    ]

    /// The synthetic table with hostile text in every utterance and speaker name.
    static func hostileInput() -> SummaryInput {
        var input = SyntheticTable.input(title: "<b>Bord</b>")
        for i in input.utterances.indices {
            input.utterances[i].text = hostile[i % hostile.count]
            input.utterances[i].speaker = "<img src=x onerror=alert(1)>\(i % 3)"
        }
        return input
    }

    func summary(_ input: SummaryInput = SyntheticTable.input()) throws -> Summary {
        try Summarizer().summarize(input, diagnostics: IgnoringDiagnostics())
    }

    @Test func markdownFollowsTheSeedStructure() throws {
        let md = try summary().markdown()
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == ["## Sammanfattning", "## Teman", "## Fördjupning om känslor",
                             "## Deltagande", "## Aktörer"])
        #expect(md.contains("### Kompetensförsörjning\n"))
        #expect(md.contains("### Unga och framtid (upptäckt tema)"))
        #expect(md.contains("1. **Hopp:**"))
        #expect(md.contains("> ”Det är frustrerande att kommunen inte lyssnar på oss.” — Cecilia, 0:24\n>\n"))
        #expect(md.contains("| Anna | 0:40 | 40 % | 4 | 4 |"))
    }

    @Test func markdownEscapesHostileTranscriptText() throws {
        let md = try summary(Self.hostileInput()).markdown()
        #expect(!md.contains("<script>"))
        #expect(!md.contains("<img"))
        // Every bracket is escaped, so no link or image syntax survives.
        #expect(md.range(of: #"(?<!\\)[\[\]]"#, options: .regularExpression) == nil)
        #expect(md.contains("&lt;script&gt;"))
        #expect(md.contains("\\[klicka\\](javascript:alert(1))"))
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func htmlIsSelfContainedWithCharts() throws {
        let html = try summary().html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("<h2>Fördjupning om känslor</h2>"))
    }

    @Test func eventReportLinksToEachTable() throws {
        let event = SummaryInput.merging(
            title: "Event", [("bord-1", SyntheticTable.input()), ("bord \"2\"", SyntheticTable.input())])
        let html = try summary(event).html()
        #expect(html.contains("<nav>Bord: <a href=\"bord-1/report.html\">bord-1</a> · <a href=\"bord%20%222%22/report.html\">bord &quot;2&quot;</a></nav>"))
    }

    @Test func htmlEscapesHostileTranscriptText() throws {
        let html = try summary(Self.hostileInput()).html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>Bord"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;0"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func jsonRoundTripsAndIsByteStable() throws {
        let s = try summary()
        let data = try s.jsonData()
        #expect(try Summary.load(data, source: "test") == s)
        #expect(try summary().jsonData() == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"utteranceIds\""))
    }

    @Test func jsonWithWrongSchemaIsRejected() throws {
        var s = try summary()
        s.schemaVersion = 99
        do {
            _ = try Summary.load(try s.jsonData(), source: "old.json")
            Issue.record("accepted a wrong schema")
        } catch let e as SamtalError {
            #expect(e.code == .invalidArtifact)
        }
    }

    @Test func jsonKeepsHostileTextAsInertStrings() throws {
        let s = try summary(Self.hostileInput())
        let decoded = try Summary.load(try s.jsonData(), source: "test")
        #expect(decoded.themes.flatMap(\.quotes).contains { $0.text.contains("<script>") })
    }

    @Test func csvNeutralisesFormulasAndQuotesFields() throws {
        let csv = Self.hostileInput().utterancesCSV(language: .sv)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,start,end,speaker,text,themes,emotions,actors,polarity")
        #expect(lines[3].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klick\"\")\","))
        #expect(!csv.contains(",=HYPERLINK"))
        #expect(!csv.unicodeScalars.contains { $0.value == 0x1B })
        #expect(lines[1].hasSuffix(",-0.600"))
    }

    @Test func escapingFunctionsAgreeWithReferences() {
        #expect(Escaping.html("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(Escaping.csv("plain") == "plain")
        #expect(Escaping.csv("a,b") == "\"a,b\"")
        #expect(Escaping.csv("@SUM(A1)") == "'@SUM(A1)")
        #expect(Escaping.csv("-2+3") == "'-2+3")
        #expect(Escaping.markdown("# rubrik") == "\\# rubrik")
        #expect(Escaping.markdown("1. punkt") == "1\\. punkt")
        #expect(Escaping.markdown("*fet* `kod`") == "\\*fet\\* \\`kod\\`")
    }
}

@Suite struct RenderedSampleDump {
    /// Writes the synthetic summaries to SAMTAL_DUMP_DIR for reading by eye (skipped otherwise).
    @Test func dumpWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["SAMTAL_DUMP_DIR"] else { return }
        for language in SummaryLanguage.allCases {
            let s = try Summarizer(language: language).summarize(
                SyntheticTable.input(), diagnostics: IgnoringDiagnostics())
            try AtomicFile.write(s.markdown(), to: "\(dir)/synthetic-\(language).md")
            try AtomicFile.write(s.html(), to: "\(dir)/synthetic-\(language).html")
        }
    }
}
