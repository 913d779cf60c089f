import Foundation

/// A theme the codebook lacks, found by clustering utterances.
public struct DiscoveredTheme: Sendable, Equatable, Codable {
    /// `discovered_1`, `discovered_2` … by decreasing size.
    public var id: String
    /// The words that characterise the cluster (highest centroid weight), most typical form of
    /// each stem.
    public var terms: [String]
    /// Utterances closest to the centroid, most typical first.
    public var representatives: [String]
    /// Every utterance in the cluster, in input order.
    public var utterances: [String]
    /// Mean cosine similarity of the members to their centroid (0…1).
    public var cohesion: Double
}

/// Finds themes the codebook lacks: spherical k-means over TF-IDF vectors of stems.
///
/// Method: content-word stems (stop words, negations, fillers and numbers left out) seen in at
/// least `minimumDocumentFrequency` utterances; sublinear TF (1 + ln tf) × smoothed IDF
/// (ln((1+n)/(1+df)) + 1), L2-normalised (scikit-learn's `TfidfVectorizer` conventions);
/// cosine k-means (Dhillon & Modha 2001) with a deterministic farthest-first initialisation (the
/// most central utterance first, then each time the one least similar to the chosen centres);
/// `k` chosen by the mean silhouette (cosine distance) over `2…maximumClusters` unless fixed.
/// Clusters smaller than `minimumClusterSize` are dropped. Same input → same output.
public struct ThemeDiscovery: Sendable {
    /// Fixed number of clusters, or nil to choose by silhouette.
    public var clusters: Int?
    public var maximumClusters = 8
    public var minimumClusterSize = 3
    public var minimumDocumentFrequency = 2
    public var topTerms = 8
    public var representativeCount = 3
    public var maximumIterations = 50
    /// Discovery runs only when at least this many utterances are left without a theme.
    public var minimumUtterances = 20

    public init(clusters: Int? = nil) { self.clusters = clusters }

    /// Clusters of `texts` (id, analysed text), largest first; empty when there are too few.
    public func discover(_ texts: [(id: String, text: AnalyzedText)]) -> [DiscoveredTheme] {
        let n = texts.count
        guard n >= max(2 * minimumClusterSize, 4) else { return [] }
        // Stems per document, and the commonest surface form per stem.
        var docs: [[String: Int]] = []
        var forms: [String: [String: Int]] = [:]
        var df: [String: Int] = [:]
        for (_, t) in texts {
            var tf: [String: Int] = [:]
            for tok in t.tokens where tok.isContentWord && tok.normalized.count > 1 {
                tf[tok.stem, default: 0] += 1
                forms[tok.stem, default: [:]][tok.normalized, default: 0] += 1
            }
            for s in tf.keys { df[s, default: 0] += 1 }
            docs.append(tf)
        }
        let vocabulary = df.filter { $0.value >= minimumDocumentFrequency }.keys.sorted()
        guard vocabulary.count >= 2 else { return [] }
        let column = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let idf = vocabulary.map { log(Double(1 + n) / Double(1 + df[$0]!)) + 1 }
        // Sparse rows: (column, weight), L2-normalised.
        var rows: [[(Int, Double)]] = docs.map { tf in
            var r = tf.compactMap { s, c in column[s].map { ($0, (1 + log(Double(c))) * idf[$0]) } }
            r.sort { $0.0 < $1.0 }
            let norm = r.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            return norm > 0 ? r.map { ($0.0, $0.1 / norm) } : []
        }
        let usable = rows.indices.filter { !rows[$0].isEmpty }
        guard usable.count >= max(2 * minimumClusterSize, 4) else { return [] }
        rows = usable.map { rows[$0] }
        let d = vocabulary.count

        let candidates: [Int]
        if let k = clusters {
            candidates = [max(1, min(k, rows.count))]
        } else {
            candidates = Array(2...max(2, min(maximumClusters, rows.count / minimumClusterSize)))
        }
        var best: (score: Double, assignment: [Int], centroids: [[Double]])?
        for k in candidates {
            let (assignment, centroids) = kMeans(rows, k: k, dimension: d)
            let score = candidates.count == 1 ? 0 : silhouette(rows, assignment, k: k)
            if best == nil || score > best!.score + 1e-12 { best = (score, assignment, centroids) }
        }
        guard let (_, assignment, centroids) = best else { return [] }

        var out: [DiscoveredTheme] = []
        for c in centroids.indices {
            let members = rows.indices.filter { assignment[$0] == c }
            guard members.count >= minimumClusterSize else { continue }
            let sims = members.map { dot(rows[$0], centroids[c]) }
            let order = members.indices.sorted { sims[$0] != sims[$1] ? sims[$0] > sims[$1] : $0 < $1 }
            let top = centroids[c].indices.filter { centroids[c][$0] > 0 }
                .sorted { centroids[c][$0] != centroids[c][$1] ? centroids[c][$0] > centroids[c][$1] : $0 < $1 }
                .prefix(topTerms)
                .map { col -> String in
                    let f = forms[vocabulary[col]] ?? [:]
                    return f.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
                        ?? vocabulary[col]
                }
            let norm = centroids[c].reduce(0) { $0 + $1 * $1 }.squareRoot()
            out.append(DiscoveredTheme(
                id: "", terms: top,
                representatives: order.prefix(representativeCount).map { texts[usable[members[$0]]].id },
                utterances: members.map { texts[usable[$0]].id },
                cohesion: norm > 0 ? sims.reduce(0, +) / Double(sims.count) / norm : 0))
        }
        out.sort { $0.utterances.count != $1.utterances.count ? $0.utterances.count > $1.utterances.count
            : $0.utterances[0] < $1.utterances[0] }
        for i in out.indices { out[i].id = "discovered_\(i + 1)" }
        return out
    }

    /// Spherical k-means: assignments and (unnormalised mean) centroids.
    func kMeans(_ rows: [[(Int, Double)]], k: Int, dimension d: Int) -> ([Int], [[Double]]) {
        let n = rows.count
        // Farthest-first initialisation, starting from the most central row.
        var mean = [Double](repeating: 0, count: d)
        for r in rows { for (j, v) in r { mean[j] += v } }
        var centres: [[Double]] = []
        let centrality = rows.map { dot($0, mean) }
        let first = (0..<n).max {
            centrality[$0] != centrality[$1] ? centrality[$0] < centrality[$1] : $0 > $1
        }!
        centres.append(dense(rows[first], d))
        var closest = (0..<n).map { dot(rows[$0], centres[0]) }
        while centres.count < k {
            let next = (0..<n).min { closest[$0] != closest[$1] ? closest[$0] < closest[$1] : $0 < $1 }!
            centres.append(dense(rows[next], d))
            for i in 0..<n { closest[i] = max(closest[i], dot(rows[i], centres.last!)) }
        }
        var assignment = [Int](repeating: -1, count: n)
        for _ in 0..<maximumIterations {
            var changed = false
            for i in 0..<n {
                var bestC = 0
                var bestS = -Double.infinity
                for c in 0..<k {
                    let s = dot(rows[i], centres[c])
                    if s > bestS + 1e-12 { bestS = s; bestC = c }
                }
                if assignment[i] != bestC { assignment[i] = bestC; changed = true }
            }
            var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                counts[assignment[i]] += 1
                for (j, v) in rows[i] { sums[assignment[i]][j] += v }
            }
            for c in 0..<k where counts[c] > 0 {
                let norm = sums[c].reduce(0) { $0 + $1 * $1 }.squareRoot()
                centres[c] = norm > 0 ? sums[c].map { $0 / norm } : sums[c]
            }
            if !changed { break }
        }
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<n {
            counts[assignment[i]] += 1
            for (j, v) in rows[i] { means[assignment[i]][j] += v }
        }
        for c in 0..<k where counts[c] > 0 { means[c] = means[c].map { $0 / Double(counts[c]) } }
        return (assignment, means)
    }

    /// Mean silhouette with cosine distance (1 − cosine) over at most 600 evenly spaced rows.
    func silhouette(_ rows: [[(Int, Double)]], _ assignment: [Int], k: Int) -> Double {
        let n = rows.count
        let step = max(1, n / 600)
        let sample = Array(stride(from: 0, to: n, by: step))
        var total = 0.0
        for i in sample {
            var sum = [Double](repeating: 0, count: k)
            var count = [Int](repeating: 0, count: k)
            for j in sample where j != i {
                sum[assignment[j]] += 1 - sparseDot(rows[i], rows[j])
                count[assignment[j]] += 1
            }
            let own = assignment[i]
            guard count[own] > 0 else { continue }
            let a = sum[own] / Double(count[own])
            var b = Double.infinity
            for c in 0..<k where c != own && count[c] > 0 { b = min(b, sum[c] / Double(count[c])) }
            if b.isFinite { total += (b - a) / max(a, b) }
        }
        return total / Double(sample.count)
    }

    private func dense(_ r: [(Int, Double)], _ d: Int) -> [Double] {
        var v = [Double](repeating: 0, count: d)
        for (j, x) in r { v[j] = x }
        return v
    }

    private func dot(_ r: [(Int, Double)], _ v: [Double]) -> Double {
        var s = 0.0
        for (j, x) in r { s += x * v[j] }
        return s
    }

    private func sparseDot(_ a: [(Int, Double)], _ b: [(Int, Double)]) -> Double {
        var i = 0, j = 0, s = 0.0
        while i < a.count && j < b.count {
            if a[i].0 == b[j].0 { s += a[i].1 * b[j].1; i += 1; j += 1 }
            else if a[i].0 < b[j].0 { i += 1 } else { j += 1 }
        }
        return s
    }
}
