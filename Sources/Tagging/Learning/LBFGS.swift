/// Limited-memory BFGS minimiser for smooth convex objectives (Nocedal & Wright, "Numerical
/// Optimization", 2nd ed., Algorithm 7.4 two-loop recursion and 7.5, with a backtracking Armijo
/// line search). Deterministic: no randomness, fixed arithmetic order.
struct LBFGS: Sendable {
    var memory = 8
    var maximumIterations = 300
    /// Stop when the largest gradient component is below this.
    var gradientTolerance = 1e-6
    /// Stop when the objective decreases by less than this fraction in one iteration.
    var relativeDecreaseTolerance = 1e-10

    /// Minimises `objective` (returning value and gradient) from `start`.
    func minimise(from start: [Double],
                  objective: ([Double], inout [Double]) -> Double) -> [Double] {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var sHistory: [[Double]] = []
        var yHistory: [[Double]] = []
        var rhoHistory: [Double] = []
        var direction = [Double](repeating: 0, count: n)
        var xNew = [Double](repeating: 0, count: n)
        var gNew = [Double](repeating: 0, count: n)
        var alpha = [Double](repeating: 0, count: memory)

        for iteration in 0..<maximumIterations {
            if maxAbs(g) < gradientTolerance { break }
            // Two-loop recursion: direction = −H·g.
            for i in 0..<n { direction[i] = -g[i] }
            let m = sHistory.count
            if m > 0 {
                for k in stride(from: m - 1, through: 0, by: -1) {
                    alpha[k] = rhoHistory[k] * dot(sHistory[k], direction)
                    axpy(-alpha[k], yHistory[k], &direction)
                }
                let gamma = dot(sHistory[m - 1], yHistory[m - 1])
                    / dot(yHistory[m - 1], yHistory[m - 1])
                for i in 0..<n { direction[i] *= gamma }
                for k in 0..<m {
                    let beta = rhoHistory[k] * dot(yHistory[k], direction)
                    axpy(alpha[k] - beta, sHistory[k], &direction)
                }
            }
            var slope = dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart with steepest descent.
                sHistory.removeAll()
                yHistory.removeAll()
                rhoHistory.removeAll()
                for i in 0..<n { direction[i] = -g[i] }
                slope = dot(g, direction)
            }
            // First step is scaled so that it moves by at most 1 in the norm.
            var step = iteration == 0 && m == 0 ? min(1.0, 1.0 / max(1e-12, norm(g))) : 1.0
            var fNew = f
            var accepted = false
            for _ in 0..<40 {
                for i in 0..<n { xNew[i] = x[i] + step * direction[i] }
                fNew = objective(xNew, &gNew)
                if fNew <= f + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                s[i] = xNew[i] - x[i]
                y[i] = gNew[i] - g[i]
            }
            let sy = dot(s, y)
            if sy > 1e-12 {
                if sHistory.count == memory {
                    sHistory.removeFirst()
                    yHistory.removeFirst()
                    rhoHistory.removeFirst()
                }
                sHistory.append(s)
                yHistory.append(y)
                rhoHistory.append(1 / sy)
            }
            let decrease = f - fNew
            swap(&x, &xNew)
            swap(&g, &gNew)
            f = fNew
            if decrease <= relativeDecreaseTolerance * max(1, abs(f)) { break }
        }
        return x
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

@inline(__always) func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in 0..<x.count { y[i] += a * x[i] }
}

@inline(__always) func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

@inline(__always) func maxAbs(_ a: [Double]) -> Double {
    var m = 0.0
    for v in a { m = max(m, abs(v)) }
    return m
}
