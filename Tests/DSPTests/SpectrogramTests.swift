import DSP
import Foundation
import SamtalTestSupport
import Testing

@Suite("Spectrogram")
struct SpectrogramTests {
    // Centred frames against a from-scratch Double computation (padding, Hann centred in n_fft,
    // textbook DFT), including the first and last frames that reach into the padding. Error
    // bound: 1e-5 of the frame's largest bin (Float FFT over a 512-point frame).
    @Test func centredPowerSpectrumMatchesDoubleReference() throws {
        let x = Signals.noise(count: 3_000, amplitude: 0.5, seed: 7)
            .enumerated().map { $0.element + 0.3 * Float(sin(Double($0.offset) * 0.05)) }
        let s = try PowerSpectrogram().run(x)
        #expect(s.frameCount == 1 + 3_000 / 160 && s.dimension == 257)
        for frame in [0, 1, 2, 9, s.frameCount - 2, s.frameCount - 1] {
            let want = Reference.centredPowerSpectrum(x, frame: frame, nFFT: 512, win: 400, hop: 160)
            let peak = want.max()!
            let err = Reference.maxAbsDifference(s.row(frame), want)
            #expect(err <= 1e-5 * peak, "frame \(frame): error \(err), peak \(peak)")
        }
    }

    @Test func streamingFramesStartAtMultiplesOfTheHop() throws {
        var c = FrameConfig.standard
        c.framing = .streaming
        let x = Signals.noise(count: 2_000, seed: 3)
        let streaming = try PowerSpectrogram(frames: c).run(x)
        #expect(streaming.frameCount == 1 + (2_000 - 400) / 160)
        // Streaming frame j starts at 160·j; centred frame i of x[40...] starts at
        // 160·i − 200 + 40, so streaming frame j is centred frame j + 1 of x[40...].
        let centred = try PowerSpectrogram().run(Array(x[40...]))
        for j in [1, 2, 5, streaming.frameCount - 1] {  // j = 0 would reach before x[40]
            #expect(Reference.maxAbsDifference(streaming.row(j), centred.row(j + 1)) == 0, "frame \(j)")
        }
    }

    @Test func blockSizesDoNotChangeTheFeatures() throws {
        let x = Signals.noise(count: 16_000, seed: 11)
        let whole = MFCC.standard.runWithLogMel(x)
        let extractor = FeatureExtractor(mfcc: .standard)
        var mfcc = FeatureMatrix(dimension: 20)
        var logMel = FeatureMatrix(dimension: 40)
        var rng = SplitMix64(seed: 5)
        x.withUnsafeBufferPointer { all in
            var at = 0
            while at < all.count {
                let n = min(all.count - at, 1 + Int(rng.next() % 1_000))
                extractor.process(UnsafeBufferPointer(rebasing: all[at ..< at + n])) {
                    mfcc.append(row: $0.mfcc)
                    logMel.append(row: $0.logMel)
                }
                at += n
            }
        }
        extractor.finish {
            mfcc.append(row: $0.mfcc)
            logMel.append(row: $0.logMel)
        }
        #expect(extractor.sampleCount == 16_000 && extractor.frameCount == 101)
        #expect(mfcc == whole.mfcc && logMel == whole.logMel)
    }

    @Test func emptyAndTinyInputsFollowTheFrameCount() throws {
        #expect(MFCC.standard.run([Float]()).frameCount == 1)
        #expect(MFCC.standard.run([Float](repeating: 0.1, count: 10)).frameCount == 1)
        var c = FrameConfig.standard
        c.framing = .streaming
        let mel = try MelSpectrogram(frames: c)
        #expect(mel.run([Float](repeating: 0.1, count: 399)).frameCount == 0)
    }

    @Test func silenceGivesTheAminFloor() {
        let m = LogMelSpectrogram.standard.run(Signals.silence(count: 1_600))
        #expect(m.values.allSatisfy { abs($0 - -100) < 1e-4 })  // 10·log10(1e-10)
    }

    @Test func naturalLogAndTopDecibelsOptions() throws {
        let x = Signals.noise(count: 4_000, seed: 2)
        let db = LogMelSpectrogram.standard.run(x)
        let ln = LogMelSpectrogram(scale: .natural(floor: 1e-10)).run(x)
        // ln(x) = 10·log10(x) · ln(10) / 10.
        #expect(Reference.maxAbsDifference(ln.values, db.values.map { $0 * 0.230_258_51 }) < 1e-4)
        let clipped = LogMelSpectrogram(topDecibels: 20).run(x)
        let top = db.values.max()!
        #expect(clipped.values.min()! >= top - 20 - 1e-4)
        #expect(zip(clipped.values, db.values).allSatisfy { $0 == max($1, top - 20) })
    }

    @Test func concurrentExtractionGivesIdenticalResults() async {
        let inputs = (0..<6).map { Signals.noise(count: 8_000, seed: UInt64($0)) }
        let serial = inputs.map { MFCC.standard.run($0) }
        let parallel = await withTaskGroup(of: (Int, FeatureMatrix).self) { group in
            for round in 0..<3 {
                for (i, x) in inputs.enumerated() {
                    group.addTask { (i, round == 1 ? MFCC.standard.runWithLogMel(x).mfcc : MFCC.standard.run(x)) }
                }
            }
            var out: [(Int, FeatureMatrix)] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(parallel.count == 18)
        for (i, m) in parallel { #expect(m == serial[i]) }
    }
}

@Suite("LogScale")
struct LogScaleTests {
    // The branch-free logarithm against libm in Double over 12 decades plus edge cases:
    // within 2e-7 relative (or 1e-7 absolute near x = 1, where ln x → 0).
    @Test func naturalLogMatchesLibm() {
        var worst = 0.0
        var x: Float = 1e-10
        while x < 1e6 {
            let want = Foundation.log(Double(x))
            let err = abs(Double(LogScale.naturalLog(x)) - want) / max(1, abs(want))
            worst = max(worst, err)
            x = x.nextUp * 1.000_37
        }
        for v: Float in [1, 2, 0.5, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.707_106_77, 0.707_106_8] {
            let want = Foundation.log(Double(v))
            worst = max(worst, abs(Double(LogScale.naturalLog(v)) - want) / max(1, abs(want)))
        }
        #expect(worst <= 2e-7, "worst relative error \(worst)")
    }
}
