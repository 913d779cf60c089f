import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Diarization

/// Clustering on synthetic embeddings with known clusters.
@Suite struct AgglomerativeClusteringTests {
    /// `counts[i]` unit vectors scattered around each of `counts.count` random centres in
    /// `dimension` dimensions; `spread` is the noise standard deviation per coordinate.
    static func blobs(_ counts: [Int], dimension: Int = 16, spread: Float = 0.15, seed: UInt64 = 1)
        -> (vectors: [[Float]], truth: [Int])
    {
        var rng = SplitMix64(seed: seed)
        func gaussian() -> Float {
            let u = max(rng.nextUnit(), 1e-12)
            let v = rng.nextUnit()
            return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
        }
        // Centres: distinct coordinate axes, mixed by a fixed random rotation-like perturbation so
        // that they are far apart (cosine ≈ 0) but not axis-aligned.
        let centres = counts.indices.map { c in
            SpeakerDiarizer.l2Normalised((0..<dimension).map { j in (j == c ? 1 : 0) + 0.1 * gaussian() })
        }
        var vectors: [[Float]] = []
        var truth: [Int] = []
        // Interleave the clusters so that order carries no information.
        let total = counts.reduce(0, +)
        var remaining = counts
        var c = 0
        while vectors.count < total {
            if remaining[c] > 0 {
                vectors.append(SpeakerDiarizer.l2Normalised(centres[c].map { $0 + spread * gaussian() }))
                truth.append(c)
                remaining[c] -= 1
            }
            c = (c + 1) % counts.count
        }
        return (vectors, truth)
    }

    /// Fraction of items whose label agrees with the truth under the best one-to-one mapping.
    static func accuracy(_ labels: [Int], _ truth: [Int]) -> Double {
        let k = (labels.max() ?? 0) + 1
        let m = (truth.max() ?? 0) + 1
        var counts = [[Double]](repeating: [Double](repeating: 0, count: m), count: k)
        for (l, t) in zip(labels, truth) { counts[l][t] += 1 }
        let pairs = HungarianAssignment.maximize(counts)
        return pairs.reduce(0) { $0 + counts[$1.row][$1.column] } / Double(labels.count)
    }

    @Test(arguments: [[30, 30], [40, 20, 10], [25, 25, 25, 25, 25]])
    func recoversKnownClustersWithAThreshold(_ counts: [Int]) {
        let (vectors, truth) = Self.blobs(counts)
        let labels = AgglomerativeClustering(count: .threshold(0.5, minimum: 1, maximum: 10)).run(vectors)
        #expect(Set(labels).count == counts.count)
        #expect(Self.accuracy(labels, truth) == 1)
    }

    @Test func fixedCountGivesExactlyThatMany() {
        let (vectors, truth) = Self.blobs([20, 20, 20, 20])
        let labels = AgglomerativeClustering(count: .fixed(4)).run(vectors)
        #expect(Set(labels).count == 4)
        #expect(Self.accuracy(labels, truth) == 1)
        #expect(Set(AgglomerativeClustering(count: .fixed(2)).run(vectors)).count == 2)
    }

    @Test func boundsClampTheEstimatedCount() {
        let (vectors, _) = Self.blobs([20, 20, 20, 20, 20])
        let atMost3 = AgglomerativeClustering(count: .threshold(0.5, minimum: 1, maximum: 3)).run(vectors)
        #expect(Set(atMost3).count == 3)
        let (two, _) = Self.blobs([20, 20])
        let atLeast4 = AgglomerativeClustering(count: .threshold(0.5, minimum: 4, maximum: 8)).run(two)
        #expect(Set(atLeast4).count == 4)
    }

    @Test func oneClusterStaysOne() {
        let (vectors, _) = Self.blobs([40])
        let labels = AgglomerativeClustering(count: .threshold(0.5, minimum: 1, maximum: 10)).run(vectors)
        #expect(Set(labels) == [0])
    }

    @Test func tinyInputs() {
        let c = AgglomerativeClustering(count: .threshold(0.5, minimum: 1, maximum: 10))
        #expect(c.run([]) == [])
        #expect(c.run([[1, 0]]) == [0])
        #expect(AgglomerativeClustering(count: .fixed(3)).run([[1, 0], [0, 1]]).count == 2)
    }

    /// Reference values from scikit-learn 1.x `silhouette_score(X, labels, metric="cosine")` on
    /// the same seven rows (computed once; the rows are normalised first).
    @Test func silhouetteMatchesScikitLearn() {
        let rows: [[Float]] = [[1, 0.1, 0], [0.9, 0.2, 0.1], [1, 0, 0.2], [0, 1, 0.1], [0.1, 0.9, 0],
                               [0.2, 0.3, 1], [0, 0.2, 0.9]].map(SpeakerDiarizer.l2Normalised)
        let sim = AgglomerativeClustering.similarityMatrix(rows)
        let cases: [([Int], Double)] = [([0, 0, 0, 1, 1, 2, 2], 0.9748954822322224),
                                        ([0, 0, 0, 1, 1, 1, 1], 0.6533774113580761),
                                        ([0, 1, 0, 1, 0, 1, 0], -0.2332801781921375)]
        for (labels, expected) in cases {
            let value = AgglomerativeClustering.silhouette(similarity: sim, labels: labels)
            #expect(value.map { abs($0 - expected) < 1e-5 } == true, "\(labels): \(String(describing: value))")
        }
        #expect(AgglomerativeClustering.silhouette(similarity: sim, labels: [0, 0, 0, 0, 0, 0, 0]) == nil)
    }

    /// The silhouette rule finds the count whatever the spread: with noisy clusters whose
    /// average linkage falls below any fixed threshold tuned on tight ones, and with tight ones.
    struct BlobCase: Sendable, CustomTestStringConvertible {
        var counts: [Int]
        var spread: Float
        var testDescription: String { "\(counts) spread \(spread)" }
    }

    @Test(arguments: [BlobCase(counts: [30, 30], spread: 0.15), BlobCase(counts: [40, 20, 15], spread: 0.15),
                      BlobCase(counts: [25, 25, 25, 25, 25], spread: 0.15), BlobCase(counts: [30, 30, 30], spread: 0.25),
                      BlobCase(counts: [20, 25, 30, 35], spread: 0.3)])
    func silhouetteRuleRecoversTheCount(_ blob: BlobCase) {
        let (counts, spread) = (blob.counts, blob.spread)
        let (vectors, truth) = Self.blobs(counts, spread: spread)
        var settings = DiarizationSettings()
        settings.embedding = .neural
        settings.countRule = .silhouette
        let labels = SpeakerDiarizer(settings: settings).cluster(vectors, diagnostics: DiagnosticCollector())
        #expect(Set(labels).count == counts.count)
        #expect(Self.accuracy(labels, truth) > 0.9)  // the noisy blobs overlap a little
    }

    /// One noisy cluster: the silhouette rule alone splits it; the structure test against
    /// structureless references keeps it whole. Several clusters pass the test.
    @Test(arguments: [BlobCase(counts: [60], spread: 0.15), BlobCase(counts: [90], spread: 0.3),
                      BlobCase(counts: [20, 20, 20], spread: 0.15), BlobCase(counts: [30, 15, 15, 20], spread: 0.2)])
    func oneVoiceTestTellsOneClusterFromSeveral(_ blob: BlobCase) {
        // Centred as the neural path centres its d-vectors: then one cluster is noise around 0.
        let (blobs, truth) = Self.blobs(blob.counts, spread: blob.spread, seed: 7)
        let vectors = SpeakerDiarizer.centred(blobs)
        var settings = DiarizationSettings()
        settings.embedding = .neural
        settings.countRule = .silhouette
        let labels = SpeakerDiarizer(settings: settings).cluster(vectors, diagnostics: DiagnosticCollector())
        #expect(Set(labels).count == blob.counts.count)
        #expect(Self.accuracy(labels, truth) > 0.9)
        // Without the test, one cluster is split.
        settings.oneVoiceReferenceDraws = 0
        let untested = SpeakerDiarizer(settings: settings).cluster(vectors, diagnostics: DiagnosticCollector())
        if blob.counts.count == 1 { #expect(Set(untested).count > 1) }
    }

    @Test func structurelessReferencesAreDeterministic() {
        let (vectors, _) = Self.blobs([40, 40], seed: 3)
        let test = ClusterStructureTest(draws: 2, seed: 11)
        let score: ([[Float]]) -> Double? = { rows in
            let labels = AgglomerativeClustering(count: .fixed(2)).run(rows)
            return AgglomerativeClustering.silhouette(similarity: AgglomerativeClustering.similarityMatrix(rows), labels: labels)
        }
        let a = test.referenceSilhouette(vectors, partitionScore: score)
        let b = test.referenceSilhouette(vectors, partitionScore: score)
        #expect(a != nil && a == b)
        // Two far-apart clusters are far more structured than their references.
        let labels = AgglomerativeClustering(count: .fixed(2)).run(vectors)
        let real = AgglomerativeClustering.silhouette(similarity: AgglomerativeClustering.similarityMatrix(vectors), labels: labels)!
        #expect(real - a! > 0.1)
    }

    @Test func dendrogramMatchesNaiveAverageLinkage() {
        let (vectors, _) = Self.blobs([6, 5, 4], dimension: 5, spread: 0.5, seed: 9)
        let fast = AgglomerativeClustering.dendrogram(vectors).map(\.similarity)
        #expect(fast.count == vectors.count - 1)
        let naive = Self.naiveAverageLinkageHeights(vectors)
        for (a, b) in zip(fast, naive) { #expect(abs(a - b) < 1e-5) }
    }

    static func naiveAverageLinkageHeights(_ vectors: [[Float]]) -> [Double] {
        var clusters = vectors.indices.map { [$0] }
        var heights: [Double] = []
        func sim(_ a: [Int], _ b: [Int]) -> Double {
            var s = 0.0
            for i in a { for j in b { s += Double(SpeakerDiarizer.dot(vectors[i], vectors[j])) } }
            return s / Double(a.count * b.count)
        }
        while clusters.count > 1 {
            var best = (0, 1, -Double.infinity)
            for i in clusters.indices {
                for j in (i + 1)..<clusters.count {
                    let s = sim(clusters[i], clusters[j])
                    if s > best.2 { best = (i, j, s) }
                }
            }
            heights.append(best.2)
            clusters[best.0] += clusters[best.1]
            clusters.remove(at: best.1)
        }
        return heights.sorted(by: >)
    }
}

@Suite struct ViterbiTests {
    @Test func penaltyRemovesShortFlips() {
        // Two states; state 1 wins frames 10..<12 by a little and 30..<60 by a lot.
        var ll = [Double](repeating: 0, count: 100 * 2)
        for t in 0..<100 {
            let favoursOne = (10..<12).contains(t) ? 1.0 : (30..<60).contains(t) ? 3.0 : -2.0
            ll[t * 2] = 0
            ll[t * 2 + 1] = favoursOne
        }
        let path = SpeakerDiarizer.viterbi(ll, states: 2, penalty: 10)
        #expect(path[11] == 0)
        #expect(path[45] == 1)
        #expect(path[0] == 0 && path[99] == 0)
        #expect(path.firstIndex(of: 1) == 30)
    }
}
