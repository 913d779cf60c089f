import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Tagging

/// The lexicon layer against hand-made word lists, so every expected number is computable by hand.
@Suite struct EmotionLexiconTests {
    static let analyzer: TextAnalyzer? = try? TextAnalyzer(language: .swedish, models: Fixtures.models)

    static func scorer() -> LexiconScorer {
        let lexicon = EmotionLexicon(
            valence: ["bra": 0.75, "dålig": -0.5, "glad": 0.5],
            cues: [("oro_osakerhet", 1, ["orolig*"]), ("uppgivenhet_frustration", 1.5, ["orkar", "inte"])],
            modifiers: [(.negator, "inte", -0.74), (.negator, "aldrig", -0.74),
                        (.intensifier, "väldigt", 1.5), (.diminisher, "lite", 0.6),
                        (.prefix, "jätte", 1.5), (.contrast, "men", 1.5), (.irony, "ja visst", 1)],
            stem: { $0 })
        return LexiconScorer(lexicon: lexicon)
    }

    func score(_ text: String) throws -> LexiconAnalysis {
        let analyzer = try #require(Self.analyzer)
        return Self.scorer().score(analyzer.analyze(text))
    }

    @Test func negationFlipsPolarity() throws {
        let plain = try score("Det är bra.")
        let negated = try score("Det är inte bra.")
        #expect(abs(plain.positive - 0.75) < 1e-6)
        #expect(plain.valence > 0)
        #expect(abs(negated.negative - 0.75 * 0.74) < 1e-6)
        #expect(negated.positive == 0)
        #expect(negated.valence < 0)
        #expect(negated.negativeEvidence == ["inte bra"])
    }

    @Test func negationScopeEndsAtClauseBoundary() throws {
        let a = try score("Det är inte så, det är bra.")
        #expect(abs(a.positive - 0.75) < 1e-6)
        #expect(a.negative == 0)
    }

    @Test func intensifiersAndDiminishersScale() throws {
        let strong = try score("Det är väldigt bra.")
        let weak = try score("Det är lite bra.")
        let prefixed = try score("Det är jättebra.")
        #expect(abs(strong.positive - 0.75 * 1.5) < 1e-6)
        #expect(abs(weak.positive - 0.75 * 0.6) < 1e-6)
        #expect(abs(prefixed.positive - 0.75 * 1.5) < 1e-6)
    }

    @Test func contrastWeighsWhatFollowsMen() throws {
        // "bra" before "men" counts ×0.5, "dålig" after it ×1.5.
        let a = try score("Det var bra men det blev dålig stämning.")
        #expect(abs(a.positive - 0.75 * 0.5) < 1e-6)
        #expect(abs(a.negative - 0.5 * 1.5) < 1e-6)
        #expect(a.contrast)
        #expect(a.valence < 0)
    }

    @Test func questionsDampValence() throws {
        let a = try score("Är det bra?")
        #expect(abs(a.positive - 0.75 * 0.8) < 1e-6)
        #expect(a.questions == 1)
    }

    @Test func negatedCueDoesNotCount() throws {
        let plain = try score("Jag är orolig för skolan.")
        let negated = try score("Jag är inte orolig för skolan.")
        let l = Self.scorer().lexicon.cueLabels.firstIndex(of: "oro_osakerhet")!
        #expect(plain.cues[l] == 1)
        #expect(negated.cues[l] == 0)
        #expect(negated.negatedCues[l] == 1)
        #expect(plain.cueEvidence[l] == ["orolig"])
    }

    @Test func cueContainingNegatorIsNotNegated() throws {
        let a = try score("Jag orkar inte mer.")
        let l = Self.scorer().lexicon.cueLabels.firstIndex(of: "uppgivenhet_frustration")!
        #expect(a.cues[l] == 1.5)
        #expect(a.cueEvidence[l] == ["orkar inte"])
    }

    @Test func inteBaraIsNotANegation() throws {
        let a = try score("Det är inte bara bra.")
        #expect(a.negations == 0)
        #expect(a.positive > 0)
    }

    @Test func ironyWithComplaintTurnsPraiseNegative() throws {
        let a = try score("Ja visst, det är bra att det är dålig ordning.")
        #expect(a.irony)
        #expect(a.valence < 0)
    }
}
