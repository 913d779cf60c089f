import Foundation
import SamtalCore
import Testing
@testable import Summaries

@Suite struct SummarizerTests {
    let input = SyntheticTable.input()

    func summary(_ language: SummaryLanguage = .sv) throws -> Summary {
        try Summarizer(language: language).summarize(input, diagnostics: IgnoringDiagnostics())
    }

    @Test func ranksThemesByUtteranceCountWithDiscoveredThemesAfter() throws {
        let s = try summary()
        #expect(s.themes.map(\.id) == ["kompetensforsorjning", "samverkan", "unga"])
        #expect(s.themes.map(\.utteranceCount) == [4, 4, 2])
        #expect(s.themes.map(\.speakerCount) == [3, 3, 1])
        #expect(s.themes[2].discovered)
    }

    @Test func numbersEmotionsByFrequency() throws {
        let s = try summary()
        #expect(s.emotions.map(\.id) == ["hopp", "oro", "frustration"])
        #expect(s.emotions.map(\.rank) == [1, 2, 3])
        #expect(s.emotions[1].themes.first?.id == "kompetensforsorjning")
    }

    @Test func everyClaimLinksToUtterancesThatCarryItsSubject() throws {
        let s = try summary()
        let ids = Set(input.utterances.map(\.id))
        let claims = s.overview + s.themes.flatMap(\.paragraph) + s.emotions.flatMap(\.paragraph)
            + s.participation.paragraph + s.actorsParagraph + [s.arc].compactMap { $0 }
        for claim in claims {
            #expect(!claim.utteranceIds.isEmpty, "unbacked claim: \(claim.text)")
            #expect(Set(claim.utteranceIds).isSubset(of: ids))
        }
        let tags = Dictionary(uniqueKeysWithValues: input.tags.map { ($0.id, $0) })
        for theme in s.themes {
            for claim in theme.paragraph {
                #expect(claim.utteranceIds.allSatisfy { tags[$0]!.themes.contains(theme.id) })
            }
            for q in theme.quotes { #expect(tags[q.utteranceId]!.themes.contains(theme.id)) }
        }
        for emotion in s.emotions {
            for claim in emotion.paragraph {
                #expect(claim.utteranceIds.allSatisfy { tags[$0]!.emotions.contains(emotion.id) })
            }
        }
    }

    @Test func quotesAreVerbatimFromDifferentSpeakers() throws {
        let s = try summary()
        let texts = Dictionary(uniqueKeysWithValues: input.utterances.map { ($0.id, $0) })
        for theme in s.themes {
            #expect((1...3).contains(theme.quotes.count))
            for q in theme.quotes {
                #expect(texts[q.utteranceId]!.text == q.text)
                #expect(texts[q.utteranceId]!.speaker == q.speaker)
            }
            if theme.speakerCount >= 2 {
                #expect(Set(theme.quotes.map(\.speaker)).count == theme.quotes.count)
            }
        }
    }

    @Test func arcFollowsTheDominantEmotionFromWorryToHope() throws {
        let s = try summary()
        #expect(s.arcSeries.first?.dominant == "oro")
        #expect(s.arcSeries.last?.dominant == "hopp")
        let arc = try #require(s.arc?.text)
        #expect(arc.hasPrefix("Känslomässigt"))
        #expect(arc.contains("oro och osäkerhet") && arc.contains("hopp"))
        #expect(arc.contains("tonen blir ljusare mot slutet"))
    }

    @Test func participationSharesTimeAndComputesPielouBalance() throws {
        let s = try summary()
        let p = s.participation
        #expect(p.basis == "time")
        #expect(p.speakers.map(\.speaker) == ["Anna", "Bertil", "Cecilia"])
        #expect(p.speakers.map(\.seconds) == [40, 30, 30])
        #expect(p.speakers.map(\.turns) == [4, 3, 3])
        // Independent reference: J = H/ln 3 with shares 0.4, 0.3, 0.3.
        let h = -(0.4 * log(0.4) + 2 * 0.3 * log(0.3))
        #expect(abs(p.balance! - h / log(3)) < 0.001)
        #expect(p.paragraph.map(\.text).joined().contains("jämnt fördelat"))
    }

    @Test func speakerTurnsGiveSpeakingTimeWhenPresent() throws {
        var withTurns = input
        // Two touching spans of Anna form one turn (pause shorter than 0.5 s).
        let turns = [SpeakerTurn(span: SampleSpan(start: 0, end: 160_000), speaker: "Anna"),
                     SpeakerTurn(span: SampleSpan(start: 160_000, end: 320_000), speaker: "Anna"),
                     SpeakerTurn(span: SampleSpan(start: 320_000, end: 336_000), speaker: "Bertil")]
        withTurns.turns = SpeakerTurns(sampleRate: 16000, totalSamples: 336_000,
                                       overlapping: turns, exclusive: turns)
        let p = try Summarizer().summarize(withTurns, diagnostics: IgnoringDiagnostics()).participation
        #expect(p.speakers.first { $0.speaker == "Anna" }?.seconds == 20)
        #expect(p.speakers.first { $0.speaker == "Anna" }?.turns == 1)
        #expect(p.speakers.first { $0.speaker == "Bertil" }?.seconds == 1)
        #expect(p.speakers.first { $0.speaker == "Cecilia" }?.seconds == 0)
        #expect(p.balance! < 0.75)
        #expect(p.paragraph.map(\.text).joined().contains("ojämnt"))
    }

    @Test func actorsCountMentionsAndShares() throws {
        let s = try summary()
        #expect(s.actors.map(\.id) == ["foretag", "kommunen"])
        #expect(s.actors.map(\.mentions) == [3, 2])
        #expect(s.actors[0].share == 0.3)
        #expect(s.actorsParagraph.first!.text.hasPrefix("Två aktörer nämns"))
    }

    @Test func swedishTextHasNumberAgreement() throws {
        let sv = Wording(language: .sv), en = Wording(language: .en)
        #expect(sv.count(1, .speaker) == "en talare")
        #expect(sv.count(3, .speaker) == "tre talare")
        #expect(sv.count(1, .utterance) == "ett yttrande")
        #expect(sv.count(4, .utterance) == "fyra yttranden")
        #expect(sv.count(14, .utterance) == "14 yttranden")
        #expect(sv.count(1, .actor) == "en aktör")
        #expect(en.count(1, .speaker) == "one speaker")
        #expect(en.count(4, .utterance) == "four utterances")
        #expect(sv.list(["a", "b", "c"]) == "a, b och c")
        #expect(en.list(["a", "b"]) == "a and b")
        #expect(sv.percent(0.426) == "43 %")
        #expect(sv.decimal(0.8) == "0,80")
    }

    @Test func summaryTextIsSwedishByDefaultAndEnglishOnRequest() throws {
        let sv = try summary(.sv), en = try summary(.en)
        #expect(sv.overview[0].text.hasPrefix("Samtalet omfattar tio yttranden från tre talare"))
        #expect(en.overview[0].text.hasPrefix("The conversation comprises ten utterances from three speakers"))
        #expect(en.themes[0].label == "Skills supply")
        #expect(en.arc!.text.hasPrefix("Emotionally"))
    }

    @Test func phrasingVariesBetweenThemesButIsStable() throws {
        let a = try summary(), b = try summary()
        #expect(a == b)
        #expect(try a.jsonData() == b.jsonData())
        let openings = Set(a.themes.map { $0.paragraph.first { !$0.text.hasPrefix("Temat finns") }!.text.prefix(12) })
        #expect(openings.count >= 2)
    }

    @Test func emptyInputWarnsAndStillSummarises() throws {
        let sink = DiagnosticCollector()
        let s = try Summarizer().summarize(
            SummaryInput(title: "Tomt", utterances: [], tags: []), diagnostics: sink)
        #expect(sink.diagnostics.map(\.code) == ["summary.empty"])
        #expect(s.overview.first?.text == "Underlaget innehåller inga yttranden att sammanfatta.")
        #expect(s.themes.isEmpty && s.emotions.isEmpty && s.arc == nil)
        #expect(s.markdown().contains("## Fördjupning om känslor"))
    }

    @Test func rejectsTagsForUnknownUtterances() throws {
        var bad = input
        bad.tags.append(UtteranceTags(id: "nope"))
        #expect(throws: SamtalError.self) { try bad.validate() }
        do { try bad.validate() } catch let e as SamtalError { #expect(e.code == .invalidArtifact) }
    }

    @Test func mergedEventPrefixesIdsAndSpeakersPerTable() throws {
        let event = SummaryInput.merging(
            title: "Event", [("bord-1", input), ("bord-2", SyntheticTable.input(title: "2"))])
        try event.validate()
        #expect(event.utterances.count == 20)
        #expect(event.utterances[0].id == "bord-1/u1")
        #expect(event.utterances[10].speaker == "bord-2: Anna")
        let s = try Summarizer().summarize(event, diagnostics: IgnoringDiagnostics())
        #expect(s.overview[0].text.hasPrefix("Samtalen vid två bord omfattar 20 yttranden från sex talare"))
        #expect(s.participation.speakers.count == 6)
    }
}
