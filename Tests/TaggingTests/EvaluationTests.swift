import Foundation
import Testing
@testable import Tagging

@Suite struct EvaluationTests {
    @Test func perLabelScoresMatchHandCounts() {
        // a: tp 2 (items 0, 1), fp 1 (item 2), fn 1 (item 3) → P 2/3, R 2/3, F1 2/3.
        // b: tp 1 (item 2), fp 0, fn 1 (item 0) → P 1, R 1/2, F1 2/3.
        let report = ClassificationReport(
            task: "t", labelOrder: ["a", "b"],
            truth: [["a", "b"], ["a"], ["b"], ["a"]],
            predicted: [["a"], ["a"], ["a", "b"], []])
        let a = report.labels[0], b = report.labels[1]
        #expect((a.truePositives, a.falsePositives, a.falseNegatives) == (2, 1, 1))
        #expect(abs(a.precision - 2.0 / 3) < 1e-12 && abs(a.recall - 2.0 / 3) < 1e-12)
        #expect(b.precision == 1 && b.recall == 0.5)
        #expect(abs(b.f1 - 2.0 / 3) < 1e-12)
        #expect(abs(report.macroF1 - 2.0 / 3) < 1e-12)
        // micro: tp 3, fp 1, fn 2 → 6 / 9.
        #expect(abs(report.microF1 - 6.0 / 9) < 1e-12)
        #expect(report.exactMatches == 1)
    }

    @Test func undefinedScoresAreZero() {
        let report = ClassificationReport(task: "t", labelOrder: ["a"], truth: [[]], predicted: [[]])
        #expect(report.labels[0].f1 == 0 && report.labels[0].precision == 0)
    }

    @Test func pearsonMatchesHandComputation() {
        // x = 1,2,3,4 (mean 2.5); y = 2,4,5,4 (mean 3.75), by hand:
        // sxy = 3.5, sxx = 5, syy = 4.75 → r = 3.5 / √23.75.
        let r = Correlation.pearson([1, 2, 3, 4], [2, 4, 5, 4])
        #expect(abs(r - 3.5 / 23.75.squareRoot()) < 1e-12)
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == 0)
    }

    @Test func spearmanAveragesTiedRanks() {
        #expect(Correlation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        #expect(abs(Correlation.spearman([1, 2, 3, 4], [1, 8, 27, 64]) - 1) < 1e-12)
        #expect(abs(Correlation.spearman([1, 2, 3], [3, 2, 1]) + 1) < 1e-12)
    }

    @Test func reportRendersTableAndSortedJSON() throws {
        let report = ClassificationReport(task: "emotions", labelOrder: ["a"], truth: [["a"]],
                                          predicted: [["a"]])
        let doc = EvaluationReport(sections: [.init(report, dataset: "d", method: "m")])
        #expect(doc.markdown().contains("| a | 1.000 | 1.000 | 1.000 | 1 | 1 |"))
        let json = String(decoding: try doc.jsonData(), as: UTF8.self)
        #expect(json.contains("\"macroF1\" : 1"))
    }
}
