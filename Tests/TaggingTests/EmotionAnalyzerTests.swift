import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Tagging

/// The shipped models in Models/emotions: loading, schemes, the fast feature path, tags.
@Suite struct EmotionAnalyzerTests {
    static let text: TextAnalyzer? = try? TextAnalyzer(language: .swedish, models: Fixtures.models)
    static let emotions: EmotionAnalyzer? = try? EmotionAnalyzer(models: Fixtures.models)

    @Test func schemesListTheSeedsFiveEmotions() throws {
        let scheme = try EmotionScheme.load(
            path: Fixtures.models.appendingPathComponent(EmotionScheme.discussionFile).path)
        #expect(scheme.ids == ["uppgivenhet_frustration", "hopp_forandringsvilja", "oro_osakerhet",
                               "besvikelse_irritation", "engagemang_ansvar"])
        let basic = try EmotionScheme.load(
            path: Fixtures.models.appendingPathComponent(EmotionScheme.basicFile).path)
        #expect(basic.ids.count == 8)
    }

    @Test func malformedSchemeIsAParseError() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("bad.yaml").path
        try AtomicFile.write("scheme: x\nkind: multi-label\nlabels: [\n", to: path)
        let error = #expect(throws: SamtalError.self) { try EmotionScheme.load(path: path) }
        #expect(error?.code == .parseError)
    }

    @Test func fastFeaturePathEqualsNamedFeatures() throws {
        let text = try #require(Self.text), emotions = try #require(Self.emotions)
        let m = emotions.models
        let analyzed = text.analyze("Jag är väldigt besviken på regeringen, men vi tar ansvar själva! Inte bra.")
        let lex = m.scorer.score(analyzed)
        let named = EmotionFeatures.named(analyzed, lexicon: lex, cueLabels: m.scorer.lexicon.cueLabels)
        let index = FeatureIndex(vocabulary: m.brighter.features, cueLabels: m.scorer.lexicon.cueLabels,
                                 stacked: [])
        #expect(index.vector(analyzed, lexicon: lex, stacked: []) == m.brighter.features.vector(named))
    }

    @Test func shippedVocabulariesHaveNoHashCollisions() throws {
        let m = try #require(Self.emotions).models
        for model in [m.brighter, m.xed, m.absa, m.discussion, m.polarity] {
            let index = FeatureIndex(vocabulary: model.features, cueLabels: m.scorer.lexicon.cueLabels,
                                     stacked: m.stackedNames)
            #expect(index.collisions == 0, "\(model.name)")
        }
    }

    @Test func analysisFillsUtteranceTags() throws {
        let text = try #require(Self.text), emotions = try #require(Self.emotions)
        let result = emotions.analyze(text.analyze("Jag är så orolig för framtiden, vem ska ta hand om de äldre om tio år?"))
        var tags = UtteranceTags(id: "u1", themes: ["demografi"])
        result.apply(to: &tags)
        #expect(tags.themes == ["demografi"])
        #expect(tags.emotions.contains("oro_osakerhet"))
        #expect(tags.scores["emotion:oro_osakerhet"]! > tags.scores["emotion:engagemang_ansvar"]!)
        #expect(tags.scores.keys.contains("basic:fear"))
        #expect((-1...1).contains(tags.polarity))
        #expect(tags.polarity < 0)
        #expect(tags.evidence["emotion:oro_osakerhet"]?.contains("orolig") == true)
    }

    @Test func commitmentIsPositive() throws {
        let text = try #require(Self.text), emotions = try #require(Self.emotions)
        let result = emotions.analyze(text.analyze("Jag lovar att vi ställer upp med tre praktikplatser till hösten."))
        #expect(result.emotions.first == "engagemang_ansvar")
        #expect(result.polarity > 0)
    }
}
