import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

/// Word numbering (`WordTable`), per-word caches (`WordCache`) and the layers that use them: each
/// must give what the layer computes without them.
@Suite struct WordTableTests {
    static let analyzer = sharedTagger.analyzer

    static let texts = [
        "Vi behöver fler lärlingsplatser och yrkesutbildningar, alltså fler platser.",
        "Regionen och kommunerna måste prata med företagen om kompetensförsörjningen!",
        "Jag är inte orolig, men det är jättesvårt att få tag på sjuksköterskor i regionen.",
        "I praktiken blev det ingen skillnad alls … eller hur? Tja.",
        "Valideringen av utländska examina tar alldeles för lång tid, t.ex. för läkare.",
        "Lönegolvet gör att vi inte får behålla kockarna från Vietnam; de nekas arbetstillstånd.",
    ]

    /// The same text with its tokens rebuilt by hand: no word ids, so nothing is cached.
    static func uncached(_ text: AnalyzedText) -> AnalyzedText {
        AnalyzedText(text: text.text, language: text.language, tokens: text.tokens,
                     sentences: text.sentences)
    }

    @Test func sameWordGetsSameIdAndTextsStayEqual() {
        let a = Self.analyzer.analyze("Regionen, regionen och Regionen.")
        #expect(a.wordIDs.count == a.tokens.count)
        #expect(a.wordIDs[0] == a.wordIDs[4])
        #expect(a.wordIDs[0] != a.wordIDs[2])
        #expect(a.words === Self.analyzer.words)
        #expect(a == Self.uncached(a))
        #expect(Self.uncached(a).wordIDs.isEmpty)
    }

    @Test func changingTokensDropsWordIds() {
        var a = Self.analyzer.analyze("Vi behöver utbildning.")
        a.tokens[2].stem = "annat"
        #expect(a.wordIDs.isEmpty)
    }

    @Test func cacheServesOneTableAtATime() throws {
        let cache = WordCache<String>()
        let text = Self.analyzer.analyze("ett två ett")
        var made = 0
        let first = cache.values(for: text) { made += 1; return text.tokens[$0].normalized }
        #expect(first == ["ett", "två", "ett"])
        #expect(made == 2)
        _ = cache.values(for: text) { made += 1; return text.tokens[$0].normalized }
        #expect(made == 2)
        let other = try TextAnalyzer(language: .swedish, models: Fixtures.models)
        let second = other.analyze("ett tre")
        #expect(cache.values(for: second) { second.tokens[$0].normalized + "!" } == ["ett!", "tre!"])
        #expect(cache.values(for: Self.uncached(text)) { _ in "x" } == ["x", "x", "x"])
    }

    @Test(arguments: texts)
    func cachedLayersEqualUncachedOnes(text: String) {
        let tagger = sharedTagger
        let analysed = Self.analyzer.analyze(text)
        let plain = Self.uncached(analysed)
        for _ in 0..<2 {  // the second round reads the caches
            #expect(tagger.themes.matcher.hits(in: analysed) == tagger.themes.matcher.hits(in: plain))
            #expect(tagger.themes.classify(analysed) == tagger.themes.classify(plain))
            if let actors = tagger.actors {
                #expect(actors.actors(in: analysed).map(\.id) == actors.actors(in: plain).map(\.id))
            }
            if let emotions = tagger.emotions as? EmotionAnalyzer {
                #expect(emotions.analyze(analysed) == emotions.analyze(plain))
            }
        }
    }

    @Test(arguments: texts)
    func themeFeatureIndexEqualsNamedFeatures(text: String) throws {
        let themes = sharedTagger.themes
        let model = try #require(themes.model)
        let analysed = Self.analyzer.analyze(text)
        let evidence = themes.matcher.evidence(in: analysed)
        let index = ThemeFeatureIndex(features: themes.features, vocabulary: model.features,
                                      themeIDs: themes.codebook.themeIDs)
        let expected = themes.features.vector(analysed, evidence: evidence,
                                              themeIDs: themes.codebook.themeIDs,
                                              vocabulary: model.features)
        #expect(index.vector(analysed, evidence: evidence) == expected)
        #expect(index.vector(Self.uncached(analysed), evidence: evidence) == expected)
    }

    @Test(arguments: texts)
    func tagEmotionsWritesWhatAnalysisApplies(text: String) throws {
        let emotions = try #require(sharedTagger.emotions as? EmotionAnalyzer)
        let analysed = Self.analyzer.analyze(text)
        var direct = UtteranceTags(id: "t")
        emotions.tagEmotions(analysed, into: &direct)
        var applied = UtteranceTags(id: "t")
        emotions.analyze(analysed).apply(to: &applied)
        #expect(direct == applied)
    }

    @Test func mergedVocabulariesEqualSortedUnion() throws {
        let lists = [["a", "c", "e"], ["b", "c", "ö"], [], ["a", "z"]]
        let (names, columns) = try #require(FirstLevelScorer.mergeSorted(lists))
        #expect(names == Set(lists.flatMap { $0 }).sorted())
        for (list, cols) in zip(lists, columns) { #expect(cols.map { names[$0] } == list) }
        #expect(FirstLevelScorer.mergeSorted([["b", "a"]]) == nil)
        #expect(FirstLevelScorer.mergeSorted([["a", "a"]]) == nil)
    }
}
