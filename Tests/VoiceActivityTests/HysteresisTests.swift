import SamtalCore
import SamtalTestSupport
import Testing
@testable import VoiceActivity

/// The deciding half on synthetic probability sequences with known answers. Frames are 10 ms
/// (160 samples); frame `t` stands for samples `160t + 120 ..< 160t + 280` (frame 0 from 0).
@Suite("Hysteresis")
struct HysteresisTests {
    let timing = FrameTiming.standard

    func settings(onset: Float = 0.5, offset: Float = 0.3, minSpeech: Int = 0, minSilence: Int = 0,
                  pad: Int = 0) -> Hysteresis {
        Hysteresis(onset: onset, offset: offset, minimumSpeech: minSpeech * 160,
                   minimumSilence: minSilence * 160, padding: pad)
    }

    /// Frame-level spans as sample spans, the way ``FrameTiming`` maps them.
    func span(_ a: Int, _ b: Int) -> SampleSpan {
        SampleSpan(start: timing.startSample(frame: a), end: timing.startSample(frame: b))
    }

    func sequence(_ runs: [(Float, Int)]) -> [Float] { runs.flatMap { Array(repeating: $0.0, count: $0.1) } }

    @Test func startsAtOnsetAndEndsBelowOffset() {
        // 0.4 is between offset and onset: it neither starts speech nor ends it.
        let p = sequence([(0.1, 10), (0.4, 5), (0.6, 10), (0.4, 10), (0.2, 15)])
        let r = settings().regions(p, frames: timing, totalSamples: p.count * 160 + 240)
        #expect(r.spans == [span(15, 35)])
    }

    @Test func dipsBetweenThresholdsDoNotSplitSpeech() {
        let p = sequence([(0.9, 10), (0.35, 3), (0.9, 10), (0.0, 10)])
        let r = settings().regions(p, frames: timing, totalSamples: 33 * 160 + 240)
        #expect(r.spans == [SampleSpan(start: 0, end: timing.startSample(frame: 23))])
    }

    @Test func minimumSpeechDropsBlips() {
        let p = sequence([(0.0, 20), (0.9, 3), (0.0, 20), (0.9, 12), (0.0, 20)])
        let r = settings(minSpeech: 10).regions(p, frames: timing, totalSamples: 75 * 160 + 240)
        #expect(r.spans == [span(43, 55)])
    }

    @Test func minimumSilenceBridgesShortGaps() {
        let p = sequence([(0.0, 10), (0.9, 10), (0.0, 5), (0.9, 10), (0.0, 30), (0.9, 10), (0.0, 10)])
        let r = settings(minSilence: 20).regions(p, frames: timing, totalSamples: 85 * 160 + 240)
        // The 5-frame gap is bridged; the 30-frame gap is not.
        #expect(r.spans == [span(10, 35), span(65, 75)])
    }

    @Test func bridgingHappensBeforeDroppingShortRegions() {
        // Two 4-frame bursts 3 frames apart make one 11-frame region, which survives minSpeech 8.
        let p = sequence([(0.0, 10), (0.9, 4), (0.0, 3), (0.9, 4), (0.0, 20)])
        let r = settings(minSpeech: 8, minSilence: 5).regions(p, frames: timing,
                                                             totalSamples: 41 * 160 + 240)
        #expect(r.spans == [span(10, 21)])
    }

    @Test func paddingWidensAndClampsAtTheEdges() {
        let p = sequence([(0.9, 5), (0.0, 20), (0.9, 5)])
        let total = 30 * 160 + 240
        let r = settings(pad: 800).regions(p, frames: timing, totalSamples: total)
        #expect(r.spans == [SampleSpan(start: 0, end: timing.startSample(frame: 5) + 800),
                            SampleSpan(start: timing.startSample(frame: 25) - 800, end: total)])
    }

    @Test func paddingMergesRegionsThatMeet() {
        let p = sequence([(0.0, 10), (0.9, 5), (0.0, 6), (0.9, 5), (0.0, 10)])
        let r = settings(pad: 500).regions(p, frames: timing, totalSamples: 36 * 160 + 240)
        #expect(r.spans == [SampleSpan(start: timing.startSample(frame: 10) - 500,
                                       end: timing.startSample(frame: 26) + 500)])
    }

    @Test func speechRunningToTheEndReachesTheLastSample() {
        let p = sequence([(0.0, 10), (0.9, 10)])
        let total = 20 * 160 + 240
        let r = settings().regions(p, frames: timing, totalSamples: total)
        #expect(r.spans == [SampleSpan(start: timing.startSample(frame: 10), end: total)])
    }

    @Test func noFramesGiveNoRegions() {
        let r = settings().regions([], frames: timing, totalSamples: 100)
        #expect(r.spans.isEmpty)
        #expect(r.totalSamples == 100)
    }

    @Test(arguments: [0, 1, 2, 3])
    func presetsAreValidAndOrdered(level: Int) throws {
        let h = try #require(Hysteresis.preset(aggressiveness: level))
        try h.validate()
        if level > 0, let lower = Hysteresis.preset(aggressiveness: level - 1) {
            #expect(h.onset > lower.onset)
            #expect(h.padding < lower.padding)
        }
    }

    @Test func invalidThresholdsAreRejected() {
        #expect(Hysteresis.preset(aggressiveness: 4) == nil)
        let bad = settings(onset: 0.3, offset: 0.5)
        #expect { try bad.validate() } throws: { ($0 as? SamtalError)?.code == .invalidArgument }
    }

    @Test func streamingDecisionsEqualTheWholeSequence() {
        var rng = SplitMix64(seed: 3)
        // A random walk of probabilities with long and short excursions.
        var p: [Float] = []
        var v: Float = 0.2
        for _ in 0..<3000 {
            v = min(1, max(0, v + Float(rng.next() % 1000) / 1000 * 0.3 - 0.15))
            p.append(v)
        }
        let h = settings(minSpeech: 7, minSilence: 12, pad: 300)
        let whole = h.regions(p, frames: timing, totalSamples: p.count * 160 + 240)
        // The decider emits spans only when final; collecting them as they come gives the same.
        var decider = HysteresisDecider(h, frames: timing)
        var spans: [SampleSpan] = []
        var emittedEarly = 0
        for (t, x) in p.enumerated() {
            decider.push(x) { s in
                spans.append(s)
                if t < p.count - 1 { emittedEarly += 1 }
            }
        }
        decider.finish(totalSamples: p.count * 160 + 240) { spans.append($0) }
        #expect(spans == whole.spans)
        #expect(emittedEarly > 0)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end < $1.start })
    }
}
