import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Summaries

@Suite struct QDPXExportTests {
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
    static let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
    static var schema: URL {
        Bundle.module.resourceURL!.appendingPathComponent("refi-qda/Project.xsd")
    }

    static func tables() -> [(name: String, input: SummaryInput)] {
        var second = RendererTests.hostileInput()
        second.utterances[0].text = "Hej 👋🏽 på er, åäö!"
        return [("bord-1", SyntheticTable.input()), ("bord-2", second)]
    }

    @Test func exportGUIDsAreStableNameBasedUUIDs() {
        #expect(exportGUID("code:theme:samverkan") == "FABD7698-DFAD-5A52-8B73-A2D77A3D2C2E")
    }

    @Test func crc32MatchesTheCheckValue() {
        #expect(StoredZip.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func selectionsPointAtTheUtteranceTextInCodePoints() {
        let tables = Self.tables()
        let (_, sources) = QDPXExport.project(title: "Event", tables: tables, language: .sv)
        let (qde, _) = QDPXExport.project(title: "Event", tables: tables, language: .sv)
        let scalars = Array(sources[1].text.unicodeScalars)
        let pattern = #/startPosition="(\d+)" endPosition="(\d+)"/#
        var checked = 0
        for block in qde.components(separatedBy: "<TextSource ").dropFirst(2) {
            for m in block.matches(of: pattern) {
                let a = Int(m.1)!, b = Int(m.2)!
                let selected = String(String.UnicodeScalarView(scalars[a..<b]))
                #expect(tables[1].input.utterances.contains { Escaping.stripControls($0.text) == selected })
                checked += 1
            }
        }
        #expect(checked == 9)  // every tagged utterance but the untagged "Ja."
        #expect(sources[1].text.hasPrefix("[0:00] <img src=x onerror=alert(1)>0: Hej 👋🏽 på er, åäö!\n"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: xmllint.path),
                   "xmllint missing (apt-get install libxml2-utils); schema validation not run"))
    func projectValidatesAgainstTheREFISchema() throws {
        let dir = try Fixtures.temporaryDirectory()
        let (qde, _) = QDPXExport.project(title: "Möte <1>", tables: Self.tables(), language: .sv)
        let path = dir.appendingPathComponent("project.qde")
        try AtomicFile.write(qde, to: path.path)
        let r = try Run.process(Self.xmllint, ["--noout", "--schema", Self.schema.path, path.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("validates"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: unzip.path), "unzip missing"))
    func archiveIsAValidDeterministicZip() throws {
        let dir = try Fixtures.temporaryDirectory()
        let data = QDPXExport.archive(title: "Event", tables: Self.tables(), language: .en)
        #expect(data == QDPXExport.archive(title: "Event", tables: Self.tables(), language: .en))
        let path = dir.appendingPathComponent("event.qdpx")
        try data.write(to: path)
        let test = try Run.process(Self.unzip, ["-t", path.path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let list = try Run.process(Self.unzip, ["-Z1", path.path])
        let names = list.stdout.split(separator: "\n").map(String.init)
        #expect(names.first == "project.qde")
        #expect(names.count == 3 && names.dropFirst().allSatisfy { $0.hasPrefix("sources/") && $0.hasSuffix(".txt") })
        let qde = try Run.process(Self.unzip, ["-p", path.path, "project.qde"])
        #expect(qde.stdout.contains("name=\"Themes\""))
        #expect(!qde.stdout.contains("<script"))
        for name in names.dropFirst() {
            let guid = name.dropFirst("sources/".count).dropLast(4)
            #expect(qde.stdout.contains("plainTextPath=\"internal://\(guid).txt\""))
        }
    }
}
