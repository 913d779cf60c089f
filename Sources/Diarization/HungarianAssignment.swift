/// Optimal assignment (Kuhn–Munkres / Hungarian method) on a rectangular cost matrix.
///
/// O(n²·m) with potentials (the classic shortest-augmenting-path formulation, e.g. Jonker &
/// Volgenant 1987). Used to map hypothesis speakers onto reference speakers in scoring and to
/// align cluster labels in tests.
public enum HungarianAssignment {
    /// Pairs `(row, column)` minimising the summed cost; every row of the smaller side is assigned.
    /// `cost` is rows × columns, row-major.
    public static func minimize(_ cost: [[Double]]) -> [(row: Int, column: Int)] {
        let rows = cost.count
        guard rows > 0, let columns = cost.first?.count, columns > 0 else { return [] }
        if rows > columns {
            // Work on the transpose so that rows ≤ columns.
            let transposed = (0..<columns).map { c in (0..<rows).map { r in cost[r][c] } }
            return minimize(transposed).map { (row: $0.column, column: $0.row) }
                .sorted { $0.row < $1.row }
        }
        let n = rows
        let m = columns
        // 1-based arrays as in the textbook formulation; index 0 is the virtual start.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1)  // p[j]: row assigned to column j
        var way = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] {
                        minv[j] = cur
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...m {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var pairs: [(row: Int, column: Int)] = []
        for j in 1...m where p[j] != 0 {
            pairs.append((row: p[j] - 1, column: j - 1))
        }
        return pairs.sorted { $0.row < $1.row }
    }

    /// Pairs maximising the summed `gain`.
    public static func maximize(_ gain: [[Double]]) -> [(row: Int, column: Int)] {
        minimize(gain.map { $0.map { -$0 } })
    }
}
