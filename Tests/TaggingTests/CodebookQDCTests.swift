import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

@Suite struct CodebookQDCTests {
    @Test func guidsAreNameBasedUUIDv5() {
        // Reference values from Python's uuid.uuid5(uuid.NAMESPACE_URL, name).
        #expect(NameBasedUUID.v5("http://www.example.com/") == "FCDE3C85-2270-590F-9E7C-EE003D65E0E2")
        let book = Codebook(id: "kompetensforsorjning", themes: [])
        #expect(book.qdcGUID(themeID: "samverkan") == "3E2CEFB5-3595-58F7-A933-C131F283A12E")
    }

    @Test func exportIsDeterministicAndRoundTrips() throws {
        let book = try Codebook.standard(models: Fixtures.models)
        let xml = book.qdcDocument()
        #expect(xml == book.qdcDocument())
        let back = try Codebook.parseQDC(data: Data(xml.utf8))
        #expect(back.id == book.id)
        #expect(back.version == book.version)
        #expect(back.themes == book.themes)
    }

    @Test func roundTripKeepsHierarchyAndAwkwardText() throws {
        let book = Codebook(id: "t", themes: [
            Theme(id: "vard", labelSv: "Vård & omsorg <alla>", description: "\"Citat\"\noch rad två"),
            Theme(id: "hemtjanst", labelSv: "Hemtjänst", parent: "vard",
                  terms: ThemeTerms(words: ["hemtjänst"], phrases: ["ta hand om"]),
                  exclusions: ["ta hand om sig"]),
        ])
        let back = try Codebook.parseQDC(data: Data(book.qdcDocument().utf8))
        #expect(back.themes == book.themes)
    }

    @Test func exportValidatesAgainstTheREFIQDASchema() throws {
        let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
        guard FileManager.default.isExecutableFile(atPath: xmllint.path),
              let shared = Fixtures.sharedData else { return }
        let xsd = shared.appendingPathComponent("transcripts/synthetic/refi-qda/Codebook.xsd")
        guard FileManager.default.fileExists(atPath: xsd.path) else { return }
        let dir = try Fixtures.temporaryDirectory()
        let qdc = dir.appendingPathComponent("codebook.qdc")
        try Codebook.standard(models: Fixtures.models).writeQDC(to: qdc.path)
        let r = try Run.process(xmllint, ["--noout", "--schema", xsd.path, qdc.path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func importsACodebookFromAnotherTool() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14">
              <Codes>
                <Code guid="{B9E2E50C-ABA3-4AB4-9945-5B44B0AA91AE}" name="Teman" isCodable="false">
                  <Code guid="D7E5DC3A-C9F9-4D6F-8382-D0D62A46D12C" name="Bostäder" isCodable="true">
                    <Description>Boende och hyror</Description>
                  </Code>
                  <Code guid="DEB4E010-4448-478B-A1FD-22953D76B69F" name="Arbetsmiljö och villkor" isCodable="true"/>
                </Code>
              </Codes>
            </CodeBook>
            """
        let book = try Codebook.parseQDC(data: Data(xml.utf8), file: "nvivo.qdc")
        #expect(book.id == "nvivo")
        #expect(book.themeIDs == ["teman", "bostader", "arbetsmiljo_och_villkor"])
        let bo = try #require(book.theme("bostader"))
        #expect(bo.parent == "teman")
        #expect(bo.description == "Boende och hyror")
        #expect(bo.terms.words == ["bostäder"])
        #expect(book.theme("arbetsmiljo_och_villkor")?.terms.phrases == ["arbetsmiljö och villkor"])
        #expect(book.theme("teman")?.terms.isEmpty == true)
    }

    @Test func malformedXMLIsALocatedParseError() {
        let xml = "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n<Code name=\"x\"\n</CodeBook>"
        do {
            _ = try Codebook.parseQDC(data: Data(xml.utf8), file: "bad.qdc")
            Issue.record("expected an error")
        } catch let e as SamtalError {
            #expect(e.code == .parseError)
            #expect(e.location?.file == "bad.qdc")
            #expect(e.location?.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
