import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Diarization

/// The whole stage on synthetic signals and bad input.
@Suite struct SpeakerDiarizerTests {
    static let rate = 16_000

    /// A voiced "speaker": harmonics of `f0` with a slow amplitude wobble, plus a little noise.
    static func voice(f0: Double, seconds: Double, seed: UInt64, brightness: Double) -> [Float] {
        let n = Int(seconds * Double(rate))
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { i in
            let t = Double(i) / Double(rate)
            var x = 0.0
            for h in 1...12 {
                x += pow(brightness, Double(h - 1)) * sin(2 * Double.pi * f0 * Double(h) * t)
            }
            let envelope = 0.6 + 0.4 * sin(2 * Double.pi * 3 * t)
            return Float(0.1 * envelope * x + 0.002 * (rng.nextUnit() - 0.5))
        }
    }

    static func dspSettings() -> DiarizationSettings {
        var s = DiarizationSettings()
        s.embedding = .dsp
        return s
    }

    @Test func silenceOnlyGivesNoTurnsAndAWarning() throws {
        let sink = DiagnosticCollector()
        let turns = try SpeakerDiarizer(settings: Self.dspSettings()).run(
            samples: Signals.silence(count: 5 * Self.rate), sampleRate: Self.rate, diagnostics: sink)
        #expect(turns.overlapping.isEmpty && turns.exclusive.isEmpty)
        #expect(turns.totalSamples == 5 * Self.rate)
        #expect(sink.diagnostics.contains { $0.code == "diarize.no-speech" })
    }

    @Test func lowNoiseOnlyIsNoSpeech() throws {
        let turns = try SpeakerDiarizer(settings: Self.dspSettings()).run(
            samples: Signals.noise(count: 4 * Self.rate, amplitude: 0.01, seed: 3), sampleRate: Self.rate,
            diagnostics: DiagnosticCollector())
        #expect(turns.overlapping.isEmpty)
    }

    @Test func emptyAndVeryShortInputsDoNotFail() throws {
        let d = SpeakerDiarizer(settings: Self.dspSettings())
        let empty = try d.run(samples: [], sampleRate: Self.rate, diagnostics: DiagnosticCollector())
        #expect(empty.overlapping.isEmpty && empty.totalSamples == 0)
        let short = try d.run(samples: Self.voice(f0: 120, seconds: 0.3, seed: 1, brightness: 0.7),
                              sampleRate: Self.rate, diagnostics: DiagnosticCollector())
        #expect(Set(short.overlapping.map(\.speaker)).count <= 1)
        #expect(short.overlapping.allSatisfy { $0.span.end <= short.totalSamples })
    }

    @Test func oneSpeakerWithPausesIsOneSpeaker() throws {
        var samples: [Float] = []
        for k in 0..<6 {
            samples += Self.voice(f0: 140, seconds: 2.5, seed: UInt64(k), brightness: 0.7)
            samples += Signals.silence(count: Self.rate)
        }
        let turns = try SpeakerDiarizer(settings: Self.dspSettings()).run(
            samples: samples, sampleRate: Self.rate, diagnostics: DiagnosticCollector())
        #expect(turns.speakers == ["SPEAKER_00"])
        // Speech found roughly where it is: 6 × 2.5 s (1 s pauses are longer than the 0.5 s bridged).
        let speech = turns.exclusive.reduce(0) { $0 + $1.span.count }
        #expect(abs(Double(speech) / Double(Self.rate) - 15) < 1.5)
    }

    @Test func twoDistinctVoicesAreSeparatedWithAFixedCount() throws {
        // A (110 Hz, dark) and B (240 Hz, bright) alternate in 3 s turns with short pauses.
        var samples: [Float] = []
        var truth: [(Int, Int, String)] = []
        for k in 0..<8 {
            let a = k % 2 == 0
            let start = samples.count
            samples += Self.voice(f0: a ? 110 : 240, seconds: 3, seed: UInt64(k), brightness: a ? 0.5 : 0.9)
            truth.append((start, samples.count, a ? "A" : "B"))
            samples += Signals.silence(count: Self.rate * 3 / 10)
        }
        var settings = Self.dspSettings()
        settings.speakers = 2
        let turns = try SpeakerDiarizer(settings: settings).run(
            samples: samples, sampleRate: Self.rate, diagnostics: DiagnosticCollector())
        #expect(turns.speakers.count == 2)
        let reference = ["f": truth.map { RTTMSegment(file: "f", start: Double($0.0) / 16000, end: Double($0.1) / 16000, speaker: $0.2) }]
        let hypothesis = ["f": turns.exclusive.map {
            RTTMSegment(file: "f", start: Double($0.span.start) / 16000, end: Double($0.span.end) / 16000, speaker: $0.speaker)
        }]
        let der = DiarizationScorer(collarSeconds: 0.5).score(
            reference: reference, hypothesis: hypothesis, diagnostics: DiagnosticCollector()).total.diarizationErrorRate
        #expect(der < 0.1, "DER \(der)")
        // Exclusive turns never overlap and stay sorted.
        for (a, b) in zip(turns.exclusive, turns.exclusive.dropFirst()) { #expect(a.span.end <= b.span.start) }
    }

    @Test func givenSpeechRegionsAreRespected() throws {
        let samples = Self.voice(f0: 150, seconds: 6, seed: 2, brightness: 0.7)
        let regions = SpeechRegions(sampleRate: Self.rate, totalSamples: samples.count,
                                    spans: [SampleSpan(start: 16000, end: 48000)])
        let turns = try SpeakerDiarizer(settings: Self.dspSettings()).run(
            samples: samples, sampleRate: Self.rate, speech: regions, diagnostics: DiagnosticCollector())
        #expect(turns.exclusive.count == 1)
        let span = try #require(turns.exclusive.first?.span)
        #expect(abs(span.start - 16000) <= 160 && abs(span.end - 48000) <= 160)
    }
}
