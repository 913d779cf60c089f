/// Correlation coefficients between paired samples.
public enum Correlation {
    /// Pearson's r; 0 when either sample is constant or shorter than 2.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "paired samples")
        let n = Double(x.count)
        guard x.count >= 2 else { return 0 }
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / (sxx * syy).squareRoot()
    }

    /// Spearman's ρ: Pearson's r of the ranks, ties given their average rank.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(ranks(x), ranks(y))
    }

    /// 1-based ranks with ties averaged ("fractional ranking").
    public static func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] != v[$1] ? v[$0] < v[$1] : $0 < $1 }
        var r = [Double](repeating: 0, count: v.count)
        var k = 0
        while k < order.count {
            var end = k
            while end + 1 < order.count && v[order[end + 1]] == v[order[k]] { end += 1 }
            let average = Double(k + end) / 2 + 1
            for j in k...end { r[order[j]] = average }
            k = end + 1
        }
        return r
    }
}
