import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

@Suite struct CodebookTests {
    static let required = ["samverkan", "utbildning", "validering", "matchning", "attraktivitet",
                           "inkludering", "ledarskap", "ungdomar", "arbetsmiljo",
                           "arbetskraftsinvandring", "byrakrati", "teknik_ai", "valfard",
                           "kommunikation", "handling", "demografi"]

    @Test func defaultCodebookHasEveryRequiredTheme() throws {
        let book = try Codebook.standard(models: Fixtures.models)
        #expect(book.id == "kompetensforsorjning")
        for id in Self.required { #expect(book.theme(id) != nil, "\(id)") }
        for t in book.themes {
            #expect(!t.terms.isEmpty, "\(t.id) has no terms")
            #expect(!t.labelEn.isEmpty && !t.description.isEmpty, "\(t.id)")
        }
    }

    func parseError(_ yaml: String) -> SamtalError? {
        do {
            _ = try Codebook.parse(yaml: yaml, file: "test.yaml")
            return nil
        } catch let e as SamtalError {
            return e
        } catch {
            return nil
        }
    }

    @Test func unknownKeyIsLocatedAtItsLine() {
        let e = parseError("""
            codebook: x
            themes:
              - id: a
                label_sv: A
                trems:
                  words: [a]
            """)
        #expect(e?.code == .parseError)
        #expect(e?.location?.file == "test.yaml")
        #expect(e?.location?.line == 5)
    }

    @Test func wordWithSpaceIsLocatedAtTheEntry() {
        let e = parseError("""
            codebook: x
            themes:
              - id: a
                label_sv: A
                terms:
                  words: [bra,
                          två ord]
            """)
        #expect(e?.code == .parseError)
        #expect(e?.location?.line == 7)
    }

    @Test func duplicateThemeIDIsAnError() {
        let e = parseError("""
            codebook: x
            themes:
              - {id: a, label_sv: A}
              - {id: a, label_sv: B}
            """)
        #expect(e?.code == .parseError)
        #expect(e?.location?.line == 4)
    }

    @Test func brokenYAMLIsLocated() {
        let e = parseError("codebook: x\nthemes:\n  - id: a\n    label_sv: [unclosed\n")
        #expect(e?.code == .parseError)
        #expect(e?.location?.line != nil)
    }

    @Test func badIDMissingLabelUnknownParentAndCyclesAreErrors() {
        #expect(parseError("codebook: x\nthemes:\n  - {id: Åsa, label_sv: A}\n")?.location?.line == 3)
        #expect(parseError("codebook: x\nthemes:\n  - {id: a}\n")?.code == .parseError)
        #expect(parseError("codebook: x\nthemes:\n  - {id: a, label_sv: A, parent: b}\n")?.location?.line == 3)
        let cycle = "codebook: x\nthemes:\n  - {id: a, label_sv: A, parent: b}\n  - {id: b, label_sv: B, parent: a}\n"
        #expect(parseError(cycle)?.code == .parseError)
        #expect(parseError("codebook: x\n")?.code == .parseError)
    }

    @Test func missingFileIsFileNotFound() {
        #expect(throws: SamtalError.self) { try Codebook.load(path: "/nonexistent/x.yaml") }
        do { _ = try Codebook.load(path: "/nonexistent/x.yaml") } catch let e as SamtalError {
            #expect(e.code == .fileNotFound)
        } catch {}
    }

    @Test func readsHierarchyAndAllTermKinds() throws {
        let book = try Codebook.parse(yaml: """
            codebook: test
            version: 2
            themes:
              - id: vard
                label_sv: Vård
                label_en: Care
              - id: aldreomsorg
                label_sv: Äldreomsorg
                parent: vard
                terms:
                  words: [Hemtjänst]
                  stems: [äldreomsorg]
                  compound_parts: [omsorg]
                  phrases: [ta hand om]
                  names: [Kommunal]
                exclusions: [ta hand om sig]
            """)
        #expect(book.version == 2)
        let t = try #require(book.theme("aldreomsorg"))
        #expect(t.parent == "vard")
        #expect(t.terms.words == ["hemtjänst"])
        #expect(t.terms.names == ["Kommunal"])
        #expect(t.exclusions == ["ta hand om sig"])
        #expect(book.theme("vard")?.labelEn == "Care")
    }
}

@Suite struct CodebookMatcherTests {
    let a = sharedSwedishAnalyzer

    func matcher(_ yaml: String) throws -> CodebookMatcher {
        CodebookMatcher(codebook: try Codebook.parse(yaml: yaml), analyzer: a)
    }

    func evidence(_ m: CodebookMatcher, _ text: String) -> [String: [String]] {
        let e = m.evidence(in: a.analyze(text))
        var out: [String: [String]] = [:]
        for (i, terms) in e.enumerated() where !terms.isEmpty { out[m.codebook.themes[i].id] = terms }
        return out
    }

    @Test func wordsMatchInflectionsAndCompoundParts() throws {
        let m = try matcher("codebook: t\nthemes:\n  - {id: bo, label_sv: Bo, terms: {words: [bostad, lägenhet]}}\n")
        #expect(evidence(m, "Lägenheterna är dyra.")["bo"] == ["lägenheterna"])
        #expect(evidence(m, "Bostadsbristen är stor.")["bo"] == ["bostadsbristen"])
        #expect(evidence(m, "Vi har bra busslinjer.")["bo"] == nil)
    }

    @Test func stemsMatchWordBeginnings() throws {
        let m = try matcher("codebook: t\nthemes:\n  - {id: v, label_sv: V, terms: {stems: [valider]}}\n")
        #expect(evidence(m, "Valideringsintyget kom.")["v"] == ["valideringsintyget"])
        #expect(evidence(m, "De validerade allt.")["v"] == ["validerade"])
        #expect(evidence(m, "Det var valid.")["v"] == nil)
    }

    @Test func compoundPartsMatchOnlyInsideCompounds() throws {
        let m = try matcher("codebook: t\nthemes:\n  - {id: g, label_sv: G, terms: {compound_parts: [golv]}}\n")
        #expect(evidence(m, "Lönegolvet höjdes.")["g"] == ["lönegolvet"])
        #expect(evidence(m, "Golvet är smutsigt.")["g"] == nil)
    }

    @Test func phrasesSkipFillersButNotPunctuation() throws {
        let m = try matcher("codebook: t\nthemes:\n  - {id: h, label_sv: H, terms: {phrases: [från ord till handling, sätta * datum]}}\n")
        #expect(evidence(m, "Vi måste gå från ord liksom till handling.")["h"] == ["från ord till handling"])  // fillers left out
        #expect(evidence(m, "Från ord. Till handling.")["h"] == nil)
        #expect(evidence(m, "Kan vi sätta ett datum?")["h"] == ["sätta ett datum"])
    }

    @Test func exclusionsBlockTheirWords() throws {
        let m = try matcher("""
            codebook: t
            themes:
              - id: u
                label_sv: U
                terms: {words: [praktik]}
                exclusions: [i praktiken]
            """)
        #expect(evidence(m, "I praktiken blev det inget.")["u"] == nil)
        #expect(evidence(m, "Vi erbjuder praktik i vår.")["u"] == ["praktik"])
    }

    @Test func namesAreCaseSensitive() throws {
        let m = try matcher("codebook: t\nthemes:\n  - {id: f, label_sv: F, terms: {names: [Företagarna, IF Metall]}}\n")
        #expect(evidence(m, "Företagarna och IF Metall var där.")["f"] == ["företagarna", "if metall"])
        #expect(evidence(m, "Alla företagarna i byn.")["f"] == nil)
    }
}
