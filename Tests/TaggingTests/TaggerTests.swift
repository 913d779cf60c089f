import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

let sharedTagger: Tagger = { try! Tagger.standard(models: Fixtures.models) }()

/// Sentences written for these tests (not taken from the labelled data), with the themes a reader
/// would give them.
@Suite struct TaggerTests {
    let tagger = sharedTagger

    @Test(arguments: [
        ("Lönegolvet gör att vi inte får behålla kockarna från Vietnam, de nekas arbetstillstånd.",
         "arbetskraftsinvandring"),
        ("Vi behöver fler lärlingsplatser och yrkesutbildningar som matchar industrins behov.",
         "utbildning"),
        ("Det finns inga lediga lägenheter, så nyanställda får bo på hotell i flera månader.",
         "attraktivitet"),
        ("Hälften av sjuksköterskorna går i pension inom fem år.", "demografi"),
        ("Valideringen av utländska examina tar alldeles för lång tid.", "validering"),
        ("Chatboten och andra AI-verktyg kan avlasta handläggarna.", "teknik_ai"),
    ])
    func tagsHandWrittenSentences(text: String, theme: String) {
        let t = tagger.tag(id: "t", text: text)
        #expect(t.themes.contains(theme), "\(text) → \(t.themes)")
        #expect(t.evidence["theme:" + theme]?.isEmpty == false)
        #expect((t.scores["theme:" + theme] ?? 0) > 0)
    }

    @Test func homonymsDoNotTriggerThemes() {
        #expect(!tagger.tag(id: "a", text: "I praktiken blev det ingen skillnad alls.").themes.contains("utbildning"))
        #expect(!tagger.tag(id: "b", text: "Glöm inte att validera parkeringsbiljetten.").themes.contains("validering"))
        #expect(!tagger.tag(id: "c", text: "Ska ni se matchen i kväll?").themes.contains("matchning"))
    }

    @Test func fillsActorsWithMentionsAsEvidence() {
        let t = tagger.tag(id: "x", text: "Regionen och kommunerna måste prata med företagen.")
        #expect(t.actors == ["regionen", "kommunerna", "naringslivet"])
        #expect(t.evidence["actor:naringslivet"] == ["företagen"])
        #expect(t.scores["actor:regionen"] == 1)
    }

    @Test func smallTalkGetsNoThemes() {
        #expect(tagger.tag(id: "s", text: "Hallå, hör ni mig nu? Ljudet hackar lite.").themes.isEmpty)
    }

    @Test func tagsUtterancesInOrderWithTheirIDs() {
        let u = [Utterance(id: "u1", text: "Vi måste samverka mer."), Utterance(id: "u2", text: "")]
        let tags = tagger.tag(u)
        #expect(tags.map(\.id) == ["u1", "u2"])
        #expect(tags[1].themes.isEmpty && tags[1].actors.isEmpty)
    }

    @Test func callsTheEmotionStage() throws {
        struct Fixed: EmotionTagging {
            func tagEmotions(_ text: AnalyzedText, into tags: inout UtteranceTags) {
                tags.emotions = text.tokens.contains { $0.normalized == "orolig" } ? ["oro_osakerhet"] : []
                tags.polarity = -0.5
            }
        }
        let t = try Tagger(codebook: tagger.themes.codebook, actors: nil, emotions: Fixed(),
                           analyzer: tagger.analyzer)
        let tags = t.tag(id: "e", text: "Jag är orolig för vården.")
        #expect(tags.emotions == ["oro_osakerhet"])
        #expect(tags.polarity == -0.5)
        #expect(tags.themes.contains("valfard"))  // rules only: no model given
    }

    @Test func discoversThemesAmongUntaggedUtterances() {
        let corpus = SyntheticCorpus.make(perTopic: 10)
        let utterances = corpus.map { Utterance(id: $0.id, text: $0.text) }
        let tags = tagger.tag(utterances)
        var d = ThemeDiscovery()
        d.minimumUtterances = 10
        let found = tagger.discoverThemes(utterances, tags: tags, discovery: d)
        let untagged = Set(tags.filter { $0.themes.isEmpty }.map(\.id))
        #expect(found.count >= 2)
        #expect(found.allSatisfy { $0.utterances.allSatisfy(untagged.contains) })
        d.minimumUtterances = 1000
        #expect(tagger.discoverThemes(utterances, tags: tags, discovery: d).isEmpty)
    }

    @Test func summaryCountsThemesAndActors() {
        let tags = [UtteranceTags(id: "1", themes: ["utbildning"], actors: ["skolan"], polarity: 1),
                    UtteranceTags(id: "2", themes: ["utbildning", "validering"], polarity: -1)]
        let s = TagSummary(tags: tags, themeIDs: ["utbildning", "validering", "demografi"],
                           actorIDs: ["skolan"])
        #expect(s.themeCounts == ["utbildning": 2, "validering": 1, "demografi": 0])
        #expect(s.actors.shares["skolan"] == 0.5)
        #expect(s.meanPolarity == 0)
    }

    @Test func jsonlInputErrorsAreLocated() {
        do {
            _ = try ThemeExample.parseJSONL("{\"id\": \"a\", \"text\": \"ok\"}\n\n{\"id\": \"b\"}\n", file: "in.jsonl")
            Issue.record("expected an error")
        } catch let e as SamtalError {
            #expect(e.code == .parseError)
            #expect(e.location == SourceLocation(file: "in.jsonl", line: 3))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: SamtalError.self) {
            try ThemeExample.parseJSONL("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n")
        }
        let ok = try? ThemeExample.parseJSONL("{\"text\": \"x\"}\n{\"text\": \"y\"}\n")
        #expect(ok?.map(\.id) == ["u0001", "u0002"])
    }
}

@Suite struct TaggerCLITests {
    @Test func tagCommandWritesJSONLAndJSON() throws {
        guard let exe = Fixtures.samtalExecutable else { return }
        let dir = try Fixtures.temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        try Data("""
            {"id": "k1", "text": "Arbetsförmedlingen och kommunen borde samordna praktikplatserna."}
            {"id": "k2", "text": "Vädret är fint."}

            """.utf8).write(to: input)
        let env = ["SAMTAL_MODELS": Fixtures.models.path]
        let r = try Run.process(exe, ["tag", input.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "k1")
        #expect((first?["actors"] as? [String])?.contains("arbetsformedlingen") == true)
        #expect(first?["evidence"] != nil && first?["scores"] != nil && first?["polarity"] != nil)

        let out = dir.appendingPathComponent("tags.json")
        let j = try Run.process(exe, ["tag", input.path, "--json", "-o", out.path], environment: env)
        #expect(j.status == 0, "\(j.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let summary = doc?["summary"] as? [String: Any]
        #expect(summary?["utterances"] as? Int == 2)
        #expect(((summary?["actors"] as? [String: Any])?["counts"] as? [String: Int])?["kommunerna"] == 1)

        let bad = try Run.process(exe, ["tag", dir.appendingPathComponent("missing.jsonl").path],
                                  environment: env)
        #expect(bad.status == 1)
    }

    @Test func tagCommandReadsTranscripts() throws {
        guard let exe = Fixtures.samtalExecutable else { return }
        let dir = try Fixtures.temporaryDirectory()
        let vtt = dir.appendingPathComponent("möte.vtt")
        try Data("""
            WEBVTT

            c1
            00:00:01.000 --> 00:00:04.000
            <v Anna>Vi behöver fler praktikplatser i kommunen.

            c2
            00:00:05.000 --> 00:00:07.000
            <v Bo>Och bostäder till dem som flyttar hit.

            """.utf8).write(to: vtt)
        let r = try Run.process(exe, ["tag", vtt.path], environment: ["SAMTAL_MODELS": Fixtures.models.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"kommunerna\"") == true)
        #expect(lines.last?.contains("\"attraktivitet\"") == true)
    }

    @Test func userCodebookErrorsAreLocatedOnStderr() throws {
        guard let exe = Fixtures.samtalExecutable else { return }
        let dir = try Fixtures.temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        try Data("{\"id\": \"a\", \"text\": \"x\"}\n".utf8).write(to: input)
        let book = dir.appendingPathComponent("book.yaml")
        try Data("codebook: mine\nthemes:\n  - id: a\n    label_sv: A\n    terms: {words: [två ord]}\n".utf8)
            .write(to: book)
        let r = try Run.process(exe, ["tag", input.path, "--codebook", book.path],
                                environment: ["SAMTAL_MODELS": Fixtures.models.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("book.yaml:5"))
    }
}
