import Benchmark
import DSP
import Foundation

// Log-mel + MFCC (samtal's standard front end: 16 kHz, 25 ms / 10 ms, n_fft 512, 40 Slaney mels,
// power_to_db, 20 MFCCs) over 60 s of audio per iteration, on one core. `realtime×` is audio
// seconds per wall second of the iteration; `throughput` counts 60 s iterations per second.

// 60 s of a deterministic speech-like signal: a 120 Hz pulse train's harmonics whose formant
// weights drift, plus noise (content does not change the work, but silence would hit the log's
// floor and denormals, which speech does not).
private func speechLikeSignal(seconds: Int, sampleRate: Int = 16_000) -> [Float] {
    var state: UInt64 = 0x5eed
    return (0 ..< seconds * sampleRate).map { i in
        let t = Double(i) / Double(sampleRate)
        var v = 0.0
        for h in 1...20 {
            let f = 120.0 * Double(h)
            let formant = exp(-pow((f - 700 - 300 * sin(2 * .pi * 0.7 * t)) / 400, 2))
            v += formant * sin(2 * .pi * f * t) / Double(h)
        }
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let noise = Double(state >> 40) / Double(1 << 24) - 0.5
        return Float(0.3 * v + 0.01 * noise)
    }
}

private enum Metrics {
    static let realtime = BenchmarkMetric.custom("realtime×", polarity: .prefersLarger)
}

let benchmarks: @Sendable () -> Void = {
    let seconds = 60
    let audio = speechLikeSignal(seconds: seconds)
    let mfcc = MFCC.standard

    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, Metrics.realtime],
        warmupIterations: 2, maxDuration: .seconds(10), maxIterations: 30)

    Benchmark("log-mel + MFCC, 60 s, whole signal", configuration: configuration) { benchmark in
        let start = ContinuousClock.now
        blackHole(mfcc.runWithLogMel(audio))
        let elapsed = ContinuousClock.now - start
        benchmark.measurement(Metrics.realtime, Int(Double(seconds) / inSeconds(elapsed)))
    }

    // The streaming path VAD and diarization use: 100 ms blocks, frames consumed in the callback
    // (nothing accumulated), so mallocs per iteration must not grow with the frame count.
    Benchmark("log-mel + MFCC, 60 s, streaming 100 ms blocks", configuration: configuration) { benchmark in
        let start = ContinuousClock.now
        let extractor = FeatureExtractor(mfcc: mfcc)
        var checksum: Float = 0
        audio.withUnsafeBufferPointer { all in
            var at = 0
            while at < all.count {
                let n = min(1_600, all.count - at)
                extractor.process(UnsafeBufferPointer(rebasing: all[at ..< at + n])) { checksum += $0.mfcc[1] }
                at += n
            }
        }
        extractor.finish { checksum += $0.mfcc[1] }
        blackHole(checksum)
        let elapsed = ContinuousClock.now - start
        benchmark.measurement(Metrics.realtime, Int(Double(seconds) / inSeconds(elapsed)))
    }

    func inSeconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
