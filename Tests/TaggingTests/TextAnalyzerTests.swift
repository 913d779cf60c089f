import Foundation
import SamtalTestSupport
import Testing

@testable import Tagging

/// One analyser for the whole suite (loading the word lists is the expensive part).
let sharedSwedishAnalyzer: TextAnalyzer = {
    try! TextAnalyzer(language: .swedish, models: Fixtures.models)
}()

@Suite struct TextAnalyzerTests {
    let a = sharedSwedishAnalyzer

    func words(_ s: String) -> [String] { a.analyze(s).tokens.map(\.surface) }

    @Test func keepsSwedishLettersInsideWords() {
        #expect(words("Åsa åker över älven.") == ["Åsa", "åker", "över", "älven", "."])
        let t = a.analyze("ÄLDREOMSORGEN Östersund")
        #expect(t.tokens.map(\.normalized) == ["äldreomsorgen", "östersund"])
    }

    @Test func normalisesDecomposedLettersToComposed() {
        let decomposed = "a\u{0308}ldre"  // ä as a + combining diaeresis
        let t = a.analyze(decomposed)
        #expect(t.tokens.count == 1)
        #expect(t.tokens[0].normalized == "äldre")
        #expect(t.tokens[0].range == 0..<6)  // offsets count the source's code points
    }

    @Test func offsetsAreUnicodeScalarPositions() {
        let text = "Vår rektor, t.ex. Åke."
        let scalars = Array(text.unicodeScalars)
        for tok in a.analyze(text).tokens {
            #expect(String(String.UnicodeScalarView(scalars[tok.range])) == tok.surface)
        }
        #expect(a.analyze(text).tokens[1].range == 4..<10)
    }

    @Test func abbreviationsStayWholeAndDoNotEndSentences() {
        let t = a.analyze("Vi har bl.a. YH och t.ex. Komvux osv. Sen kommer mer.")
        #expect(t.tokens.map(\.surface)
            == ["Vi", "har", "bl.a.", "YH", "och", "t.ex.", "Komvux", "osv.", "Sen", "kommer",
                "mer", "."])
        #expect(t.tokens[2].kind == .abbreviation)
        #expect(t.sentences.count == 2)
        #expect(t.tokens[8].sentence == 1)
    }

    @Test func splitsSentencesOnTerminalMarks() {
        let t = a.analyze("Vad gör vi nu? Vi börjar! Och sen... vänta. Klart")
        #expect(t.sentences.count == 4)
        #expect(t.tokens(inSentence: 1).map(\.surface) == ["Vi", "börjar", "!"])
        // "..." followed by a lower-case word continues the sentence.
        #expect(t.tokens(inSentence: 2).map(\.surface) == ["Och", "sen", "...", "vänta", "."])
    }

    @Test func readsNumbersWithSwedishSeparators() {
        let t = a.analyze("Det är 10 000 kronor, 3,5 procent och kl. 08:30 år 2024 med 73 %.")
        let numbers = t.tokens.filter { $0.kind == .number }.map(\.surface)
        #expect(numbers == ["10 000", "3,5", "08:30", "2024", "73"])
        #expect(t.tokens.contains { $0.surface == "%" && $0.kind == .symbol })
    }

    @Test func keepsHyphenatedCompoundsAndSplitsThem() {
        let t = a.analyze("Vi söker en CNC-operatör och en it-tekniker.")
        let cnc = t.tokens.first { $0.surface == "CNC-operatör" }
        #expect(cnc?.flags.contains(.hyphenated) == true)
        #expect(cnc?.compoundParts == ["cnc", "operatör"])
        #expect(t.tokens.contains { $0.surface == "it-tekniker" })
    }

    @Test func colonEndingsStayInTheWord() {
        #expect(words("AI:n och SFI:s lärare") == ["AI:n", "och", "SFI:s", "lärare"])
    }

    @Test func flagsNegationsAndKeepsThemOutOfStopWords() {
        let t = a.analyze("Det är inte ingen, inget, inga, aldrig utan knappast ej icke.")
        for w in ["inte", "ingen", "inget", "inga", "aldrig", "utan", "knappast", "ej", "icke"] {
            let tok = t.tokens.first { $0.normalized == w }
            #expect(tok?.isNegation == true, "\(w)")
            #expect(tok?.isStopword == false, "\(w)")
        }
        #expect(t.tokens[0].isStopword)  // "Det"
    }

    @Test func flagsSpokenFillers() {
        let t = a.analyze("Alltså, det är liksom typ asså ba eh öh bra.")
        let fillers = t.tokens.filter(\.isFiller).map(\.normalized)
        #expect(fillers == ["alltså", "liksom", "typ", "asså", "ba", "eh", "öh"])
        #expect(t.tokens.first { $0.normalized == "bra" }?.isContentWord == true)
    }

    @Test func stemsWithSnowballSwedish() {
        // Expected stems from the Snowball Swedish algorithm (snowballstem.org demo vocabulary).
        let cases = ["utbildningar": "utbildning", "kommunerna": "kommun", "företagen": "företag",
                     "regionens": "region", "ungdomarna": "ungdom"]
        for (word, stem) in cases {
            #expect(a.stemmer.stem(word) == stem, "\(word)")
        }
        #expect(a.analyze("Kommunerna").tokens[0].stem == "kommun")
    }

    @Test func stemsEnglishWithTheSameMachinery() throws {
        let en = try Stemmer(language: .english)
        #expect(en.stem("running") == "run")
        #expect(en.stem("municipalities") == "municip")
    }

    @Test(arguments: [
        ("arbetskraftsinvandringen", ["arbetskraft", "invandring"]),
        ("kompetensförsörjningen", ["kompetens", "försörjning"]),
        ("lärlingsplatserna", ["lärling", "plats"]),
        ("skolbibliotek", ["skola", "bibliotek"]),
        ("äldreomsorgen", ["äldre", "omsorg"]),
        ("lönegolvet", ["lön", "golv"]),
    ])
    func splitsClosedCompoundsIntoLemmas(word: String, parts: [String]) {
        #expect(a.compoundParts(word) == parts)
    }

    @Test func leavesOrdinaryWordsUnsplit() {
        for w in ["utbildning", "kommunerna", "samverkan", "semester", "ungdomar", "bostad"] {
            #expect(a.compoundParts(w) == [], "\(w)")
        }
    }

    @Test func emptyTextHasNoTokensOrSentences() {
        let t = a.analyze("   \n ")
        #expect(t.tokens.isEmpty)
        #expect(t.sentences.isEmpty)
    }
}
