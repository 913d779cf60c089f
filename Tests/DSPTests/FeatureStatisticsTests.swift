import DSP
import SamtalTestSupport
import Testing

@Suite("FeatureStatistics")
struct FeatureStatisticsTests {
    let m = FeatureMatrix(dimension: 4, values: Signals.noise(count: 400, amplitude: 5, seed: 4)
        .enumerated().map { $0.element + Float($0.offset % 4) * 10 })

    @Test func meanAndVarianceMatchTwoPassDouble() {
        let s = m.statistics
        #expect(s.count == 100)
        for d in 0..<4 {
            let col = m.column(d).map(Double.init)
            let mean = col.reduce(0, +) / 100
            let variance = col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 100
            #expect(abs(s.mean[d] - mean) < 1e-9 && abs(s.variance[d] - variance) < 1e-9)
        }
    }

    @Test func mergingChunksEqualsWholeStatistics() {
        var merged = FeatureStatistics(m, frames: 0..<37)
        merged.merge(FeatureStatistics(m, frames: 37..<100))
        let whole = m.statistics
        for d in 0..<4 {
            #expect(abs(merged.mean[d] - whole.mean[d]) < 1e-9)
            #expect(abs(merged.variance[d] - whole.variance[d]) < 1e-9)
        }
    }

    @Test func meanNormalisationCentresEachDimension() {
        var c = m
        c.subtractMean()
        #expect(c.statistics.mean.allSatisfy { abs($0) < 1e-5 })
        var n = m
        n.normalizeMeanAndVariance()
        #expect(n.statistics.variance.allSatisfy { abs($0 - 1) < 1e-4 })
    }

    @Test func concatenatingColumnsInterleavesRows() {
        let a = FeatureMatrix(rows: [[1, 2], [3, 4]]), b = FeatureMatrix(rows: [[5], [6]])
        #expect(FeatureMatrix.concatenatingColumns([a, b]) == FeatureMatrix(rows: [[1, 2, 5], [3, 4, 6]]))
    }
}
