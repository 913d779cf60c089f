/// Average-linkage agglomerative clustering on cosine similarity, with the speaker count set by a
/// similarity threshold, fixed, or bounded.
///
/// The dendrogram is built with the nearest-neighbour-chain algorithm (Murtagh 1983), O(n²) time
/// and one n × n similarity matrix; average linkage is reducible, so sorting the merges by height
/// gives the same dendrogram as the naive O(n³) algorithm. Cutting is then cheap for any rule.
public struct AgglomerativeClustering: Sendable {
    /// How many clusters to keep.
    public enum Count: Sendable, Equatable {
        /// Merge while the average cosine similarity between clusters is at least `threshold`,
        /// then clamp the count into `minimum...maximum`.
        case threshold(Double, minimum: Int, maximum: Int)
        /// Exactly this many (or fewer if there are fewer items).
        case fixed(Int)
    }

    public var count: Count

    public init(count: Count) { self.count = count }

    /// One merge of the dendrogram: clusters rooted at items `a` and `b`, at `similarity`.
    public struct Merge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var similarity: Double
    }

    /// Cluster labels 0..<k for `vectors` (each L2-normalised; rows of equal length), numbered in
    /// order of first appearance.
    public func run(_ vectors: [[Float]], weights: [Double]? = nil) -> [Int] {
        let n = vectors.count
        if n == 0 { return [] }
        if n == 1 { return [0] }
        let merges = Self.dendrogram(vectors, weights: weights)
        let keep: Int
        switch count {
        case .fixed(let k):
            keep = max(1, min(k, n))
        case .threshold(let threshold, let minimum, let maximum):
            let above = merges.filter { $0.similarity >= threshold }.count
            keep = max(max(1, minimum), min(n - above, max(1, maximum))).clamped(to: 1...n)
        }
        return Self.cut(merges, items: n, clusters: keep)
    }

    /// Merges sorted from most to least similar.
    public static func dendrogram(_ vectors: [[Float]], weights: [Double]? = nil) -> [Merge] {
        dendrogram(similarity: similarityMatrix(vectors), items: vectors.count, weights: weights)
    }

    /// Merges sorted from most to least similar, from the `items × items` matrix of
    /// `similarityMatrix(_:)` (for callers that need the matrix for something else too).
    public static func dendrogram(similarity: [Float], items n: Int, weights: [Double]? = nil) -> [Merge] {
        precondition(similarity.count == n * n, "similarity matrix of \(similarity.count) values for \(n) items")
        if n < 2 { return [] }
        var sim = similarity
        var size = weights ?? [Double](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        var activeCount = n
        var chain: [Int] = []
        var merges: [Merge] = []
        merges.reserveCapacity(n - 1)
        while activeCount > 1 {
            if chain.isEmpty { chain.append(active.firstIndex(of: true)!) }
            let a = chain[chain.count - 1]
            let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
            var best = -1
            var bestSim = -Float.infinity
            for x in 0..<n where active[x] && x != a {
                let s = sim[a * n + x]
                // Prefer the previous chain element on ties so that the chain terminates.
                if s > bestSim || (s == bestSim && x == previous) {
                    bestSim = s
                    best = x
                }
            }
            if best == previous {
                chain.removeLast(2)
                merges.append(Merge(a: min(a, best), b: max(a, best), similarity: Double(bestSim)))
                // Lance–Williams update for average linkage; the merged cluster lives in `keep`.
                let keep = min(a, best)
                let gone = max(a, best)
                let wa = size[keep]
                let wb = size[gone]
                for x in 0..<n where active[x] && x != keep && x != gone {
                    let s = Float((wa * Double(sim[keep * n + x]) + wb * Double(sim[gone * n + x])) / (wa + wb))
                    sim[keep * n + x] = s
                    sim[x * n + keep] = s
                }
                size[keep] = wa + wb
                active[gone] = false
                activeCount -= 1
            } else {
                chain.append(best)
            }
        }
        return merges.sorted { $0.similarity > $1.similarity }
    }

    /// Dot products of all pairs, n × n row-major (Float to halve memory); cosine similarities
    /// for L2-normalised rows.
    public static func similarityMatrix(_ vectors: [[Float]]) -> [Float] {
        let n = vectors.count
        let d = vectors.first?.count ?? 0
        var sim = [Float](repeating: 0, count: n * n)
        vectors.withUnsafeBufferPointer { rows in
            for i in 0..<n {
                rows[i].withUnsafeBufferPointer { a in
                    for j in i..<n {
                        var dot: Float = 0
                        rows[j].withUnsafeBufferPointer { b in
                            for k in 0..<d { dot += a[k] * b[k] }
                        }
                        sim[i * n + j] = dot
                        sim[j * n + i] = dot
                    }
                }
            }
        }
        return sim
    }

    /// Mean silhouette (Rousseeuw 1987) of `labels` under cosine distance 1 − s, from the
    /// similarity matrix of `similarityMatrix(_:)`. Items alone in their cluster score 0 (as in
    /// scikit-learn); fewer than two clusters give nil.
    public static func silhouette(similarity sim: [Float], labels: [Int]) -> Double? {
        let n = labels.count
        let k = (labels.max() ?? -1) + 1
        guard k >= 2, sim.count == n * n else { return nil }
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        if sizes.filter({ $0 > 0 }).count < 2 { return nil }
        var total = 0.0
        var sums = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for c in 0..<k { sums[c] = 0 }
            for j in 0..<n where j != i { sums[labels[j]] += 1 - Double(sim[i * n + j]) }
            let own = labels[i]
            if sizes[own] < 2 { continue }
            let a = sums[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[c] / Double(sizes[c])) }
            let m = max(a, b)
            if m > 0 { total += (b - a) / m }
        }
        return total / Double(n)
    }

    /// Labels after applying the first `items − clusters` merges (most similar first).
    public static func cut(_ merges: [Merge], items n: Int, clusters: Int) -> [Int] {
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        // Merges refer to cluster representatives at merge time; union-find replays them in order.
        for merge in merges.prefix(max(0, n - clusters)) {
            let ra = find(merge.a)
            let rb = find(merge.b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var labelOf: [Int: Int] = [:]
        return (0..<n).map { i in
            let root = find(i)
            if let label = labelOf[root] { return label }
            let label = labelOf.count
            labelOf[root] = label
            return label
        }
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
