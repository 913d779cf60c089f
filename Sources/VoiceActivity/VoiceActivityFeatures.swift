/// The model inputs of the voice-activity scorer, computed from a stream of log-mel frames in
/// flat memory.
///
/// Per frame `t` (10 ms) of `L[t, b]`, the 40-band log-mel in dB (non-centred frames, see
/// ``FrameTiming/standard``), with every window truncated at the ends of the audio:
///
/// - `S[t, b]`: `L` smoothed over `t−2 … t+2`.
/// - `F[t, b]`: the noise floor, minimum statistics (Martin 2001, simplified): the minimum of `S`
///   over the 10-frame blocks `⌊t/10⌋−10 … ⌊t/10⌋+10` (about ±1 s). Minima track the background
///   whatever its level or colour, so the inputs do not depend on gain or noise type.
/// - `D[t, b] = L[t, b] − F[t, b]` (40): how far each band stands above its floor (a posteriori
///   SNR), and its means over `t±4` and `t±15` (40 + 40): syllable- and word-scale context.
/// - `level[t]`: mean of `L[t, ·]` (absolute level; tells digital silence from quiet noise).
/// - `flux[t]`: mean over `t±4` of the mean absolute band change from frame `t−1` (spectral flux).
/// - `below[t] = level[t] − P[t]`, where `P` is the maximum of the band-mean of `S` over the
///   blocks `⌊t/10⌋±30` (about ±3 s): how far below the local loudest sound the frame is (people
///   label a faint sound between loud words as silence), and its mean over `t±4`.
/// - `range[t] = P[t] − mean_b F[t, b]`: the local dynamic range (speech-to-noise ratio).
///
/// 125 values per frame in that order. The stream buffers `chunkFrames + 2·marginFrames` frames
/// (6 640 by default, 1 MB per array) and emits each frame's inputs about
/// `chunkFrames + marginFrames` frames after it arrives.
/// Results do not depend on how the input was split into blocks.
public final class VoiceActivityFeatures {
    /// Log-mel bands expected per input frame.
    public static let bandCount = 40
    /// Values per output frame.
    public static let dimension = 3 * bandCount + 5

    static let smoothRadius = 2
    static let blockFrames = 10
    static let floorBlocks = 10
    static let peakBlocks = 30
    static let shortRadius = 4
    static let longRadius = 15
    // Enough history and look-ahead for every window above (peak: 30 blocks + 4 + 9 + 2 < 320).
    static let marginFrames = 320

    /// Frames emitted per computation; the margins are recomputed once per chunk.
    let chunkFrames: Int
    private let bands = VoiceActivityFeatures.bandCount
    private let capacity: Int

    // Buffer of log-mel frames `base ..< base + count`: capacity × bands, row-major.
    private let logMel: UnsafeMutableBufferPointer<Float>
    private var base = 0
    private var count = 0
    /// Next frame whose inputs are to be emitted.
    private var nextOutput = 0

    // Scratch, sized for a full buffer (frames × bands, row-major unless noted).
    private let smoothed: UnsafeMutableBufferPointer<Float>
    private let floor: UnsafeMutableBufferPointer<Float>
    private let excess: UnsafeMutableBufferPointer<Float>
    private let excessSums: UnsafeMutableBufferPointer<Double>  // (frames + 1) × bands prefix sums
    private let level: UnsafeMutableBufferPointer<Float>        // per frame
    private let flux: UnsafeMutableBufferPointer<Double>        // (frames + 1) prefix sums
    private let peak: UnsafeMutableBufferPointer<Float>         // per frame
    private let below: UnsafeMutableBufferPointer<Double>       // (frames + 1) prefix sums
    private let blockMinimum: UnsafeMutableBufferPointer<Float> // blocks × bands
    private let blockMaximum: UnsafeMutableBufferPointer<Float> // blocks
    private let output: UnsafeMutableBufferPointer<Float>       // one frame's inputs

    public convenience init() { self.init(chunkFrames: 6_000) }

    /// `chunkFrames` (a multiple of 10) trades memory for recomputed margins; it never changes
    /// the output.
    init(chunkFrames: Int) {
        precondition(chunkFrames > 0 && chunkFrames % Self.blockFrames == 0)
        self.chunkFrames = chunkFrames
        capacity = chunkFrames + 2 * Self.marginFrames
        let c = capacity, b = bands
        let blocks = c / Self.blockFrames + 2
        func floats(_ n: Int) -> UnsafeMutableBufferPointer<Float> {
            let p = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0)
            return p
        }
        func doubles(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            p.initialize(repeating: 0)
            return p
        }
        logMel = floats(c * b)
        smoothed = floats(c * b)
        floor = floats(c * b)
        excess = floats(c * b)
        excessSums = doubles((c + 1) * b)
        level = floats(c)
        flux = doubles(c + 1)
        peak = floats(c)
        below = doubles(c + 1)
        blockMinimum = floats(blocks * b)
        blockMaximum = floats(blocks)
        output = floats(Self.dimension)
    }

    deinit {
        for p in [logMel, smoothed, floor, excess, level, peak, blockMinimum, blockMaximum, output] {
            p.deallocate()
        }
        for p in [excessSums, flux, below] { p.deallocate() }
    }

    /// Frames received so far.
    public var framesReceived: Int { base + count }

    /// Adds the next log-mel frame (``bandCount`` values); calls `body(t, inputs)` for every frame
    /// whose inputs became complete. `inputs` is valid only during the call.
    public func push(_ frame: UnsafeBufferPointer<Float>,
                     _ body: (Int, UnsafeBufferPointer<Float>) throws -> Void) rethrows {
        precondition(frame.count == bands, "expected \(bands) log-mel bands, got \(frame.count)")
        if count == capacity { slide() }
        let row = UnsafeMutableBufferPointer(rebasing: logMel[count * bands ..< (count + 1) * bands])
        _ = row.update(fromContentsOf: frame)
        count += 1
        if base + count >= nextOutput + chunkFrames + Self.marginFrames {
            try compute(through: nextOutput + chunkFrames, isLast: false, body)
        }
    }

    /// Ends the stream: emits the inputs of every frame not emitted yet.
    public func finish(_ body: (Int, UnsafeBufferPointer<Float>) throws -> Void) rethrows {
        if base + count > nextOutput {
            try compute(through: base + count, isLast: true, body)
        }
    }

    /// Drops frames no later output needs. `base` stays a multiple of the block length so that
    /// blocks are the same as over the whole signal.
    private func slide() {
        let keepFrom = max(base, nextOutput - Self.marginFrames)
        let drop = keepFrom - base
        precondition(drop > 0 && drop % Self.blockFrames == 0, "VoiceActivityFeatures buffer overflow")
        let kept = count - drop
        let src = UnsafeMutableRawPointer(logMel.baseAddress! + drop * bands)
        UnsafeMutableRawPointer(logMel.baseAddress!).copyMemory(
            from: src, byteCount: kept * bands * MemoryLayout<Float>.stride)
        base += drop
        count = kept
    }

    /// Computes and emits the inputs of frames `nextOutput ..< end`. The buffer holds all their
    /// context, except past the end of the audio when `isLast`.
    private func compute(through end: Int, isLast: Bool,
                         _ body: (Int, UnsafeBufferPointer<Float>) throws -> Void) rethrows {
        let b = Self.bandCount, n = count
        // Buffer frames are `firstFrame ..< lastFrame`. Windows are truncated at the buffer's ends;
        // the margins make that happen only at the ends of the audio for emitted frames.
        let firstFrame = base, lastFrame = base + n
        // Row pointers: pointer offsets carry no overflow checks, so the per-band loops vectorise.
        let L = logMel.baseAddress!, S = smoothed.baseAddress!, F = floor.baseAddress!
        let D = excess.baseAddress!, sums = excessSums.baseAddress!
        let minima = blockMinimum.baseAddress!

        // S: smoothing over ±2 frames.
        for i in 0..<n {
            let lo = max(0, i - Self.smoothRadius), hi = min(n - 1, i + Self.smoothRadius)
            let scale = 1 / Float(hi - lo + 1)
            let s = S + i * b
            for k in 0..<b { s[k] = 0 }
            for j in lo...hi {
                let l = L + j * b
                for k in 0..<b { s[k] += l[k] }
            }
            for k in 0..<b { s[k] *= scale }
        }
        // Block minima of S and block maxima of its band mean (blocks start at multiples of 10).
        let blocks = (n + Self.blockFrames - 1) / Self.blockFrames
        for blk in 0..<blocks {
            let lo = blk * Self.blockFrames, hi = min(n, lo + Self.blockFrames)
            var maximum = -Float.infinity
            let m = minima + blk * b
            for k in 0..<b { m[k] = .infinity }
            for i in lo..<hi {
                let s = S + i * b
                var sum: Float = 0
                for k in 0..<b { sum += s[k] }
                for k in 0..<b { m[k] = min(m[k], s[k]) }
                maximum = max(maximum, sum / Float(b))
            }
            blockMaximum[blk] = maximum
        }
        // F and P per block: the block's floor goes into its first row, then into the others.
        for blk in 0..<blocks {
            let fl = max(0, blk - Self.floorBlocks), fh = min(blocks - 1, blk + Self.floorBlocks)
            let pl = max(0, blk - Self.peakBlocks), ph = min(blocks - 1, blk + Self.peakBlocks)
            var p = -Float.infinity
            for j in pl...ph { p = max(p, blockMaximum[j]) }
            let lo = blk * Self.blockFrames, hi = min(n, lo + Self.blockFrames)
            let f = F + lo * b
            let m0 = minima + fl * b
            for k in 0..<b { f[k] = m0[k] }
            if fl < fh {
                for j in (fl + 1)...fh {
                    let m = minima + j * b
                    for k in 0..<b { f[k] = min(f[k], m[k]) }
                }
            }
            if lo + 1 < hi {
                for i in (lo + 1)..<hi {
                    let g = F + i * b
                    for k in 0..<b { g[k] = f[k] }
                }
            }
            for i in lo..<hi { peak[i] = p }
        }
        // D, level, flux, below per frame; prefix sums for the means.
        for k in 0..<b { sums[k] = 0 }
        flux[0] = 0
        below[0] = 0
        for i in 0..<n {
            let l = L + i * b, f = F + i * b, d = D + i * b
            let previousSum = sums + i * b, sum = sums + (i + 1) * b
            for k in 0..<b { d[k] = l[k] - f[k] }
            for k in 0..<b { sum[k] = previousSum[k] + Double(d[k]) }
            var lv: Float = 0, fx: Float = 0
            for k in 0..<b { lv += l[k] }
            if i > 0 {
                let previous = l - b
                for k in 0..<b { fx += abs(l[k] - previous[k]) }
            }
            level[i] = lv / Float(b)
            // Frame 0 has no flux. When the buffer's first frame is not frame 0, its predecessor
            // was dropped; no emitted frame's ±4 window reaches it (the margin is far wider).
            flux[i + 1] = flux[i] + Double(fx / Float(b))
            below[i + 1] = below[i] + Double(level[i] - peak[i])
        }

        let stop = min(end, lastFrame)
        assert(isLast || stop + Self.marginFrames <= lastFrame)
        let o = output.baseAddress!
        for t in nextOutput..<stop {
            let i = t - firstFrame
            let d = D + i * b, f = F + i * b
            for k in 0..<b { o[k] = d[k] }
            contextMean(i, radius: Self.shortRadius, count: n, into: o + b)
            contextMean(i, radius: Self.longRadius, count: n, into: o + 2 * b)
            let lo = max(0, i - Self.shortRadius), hi = min(n, i + Self.shortRadius + 1)
            var floorMean: Float = 0
            for k in 0..<b { floorMean += f[k] }
            floorMean /= Float(b)
            o[3 * b] = level[i]
            o[3 * b + 1] = Float((flux[hi] - flux[lo]) / Double(hi - lo))
            o[3 * b + 2] = level[i] - peak[i]
            o[3 * b + 3] = Float((below[hi] - below[lo]) / Double(hi - lo))
            o[3 * b + 4] = peak[i] - floorMean
            try body(t, UnsafeBufferPointer(output))
        }
        nextOutput = stop
    }

    /// Writes the means of `D` over buffer frames `i−radius … i+radius` (truncated) to `out`.
    @inline(__always)
    private func contextMean(_ i: Int, radius: Int, count n: Int, into out: UnsafeMutablePointer<Float>) {
        let b = Self.bandCount
        let lo = max(0, i - radius), hi = min(n, i + radius + 1)
        let scale = 1 / Double(hi - lo)
        let upper = excessSums.baseAddress! + hi * b, lower = excessSums.baseAddress! + lo * b
        for k in 0..<b { out[k] = Float((upper[k] - lower[k]) * scale) }
    }
}
