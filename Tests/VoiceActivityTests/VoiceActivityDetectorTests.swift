import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import VoiceActivity

/// The trained model in Models/vad on a real clip and on non-speech, plus bad input.
@Suite("VoiceActivityDetector")
struct VoiceActivityDetectorTests {
    static func model() throws -> VoiceActivityModel {
        try VoiceActivityModel.bundled(modelsDirectory: Fixtures.models)
    }

    /// 16-bit PCM mono samples of a WAV resource (a minimal RIFF reader, independent of
    /// AudioDecoding).
    static func clip(_ name: String) throws -> [Float] {
        let url = try #require(Bundle.module.url(forResource: "Resources/\(name)", withExtension: nil))
        let d = [UInt8](try Data(contentsOf: url))
        func u32(_ o: Int) -> Int {
            var v = 0
            for i in 0..<4 { v |= Int(d[o + i]) << (8 * i) }
            return v
        }
        var o = 12
        while o + 8 <= d.count {
            let id = String(decoding: d[o..<o + 4], as: UTF8.self)
            let size = u32(o + 4)
            if id == "data" {
                let end = min(d.count, o + 8 + size)
                var out: [Float] = []
                var i = o + 8
                while i + 1 < end {
                    let bits = UInt16(d[i]) | (UInt16(d[i + 1]) << 8)
                    out.append(Float(Int16(bitPattern: bits)) / 32768)
                    i += 2
                }
                return out
            }
            o += 8 + size + (size & 1)
        }
        Issue.record("no data chunk in \(name)")
        return []
    }

    func covered(_ r: SpeechRegions, _ span: SampleSpan) -> Double {
        Double(r.spans.map { $0.overlap(with: span) }.reduce(0, +)) / Double(span.count)
    }

    @Test func findsRealSpeechBetweenNoiseAndSilence() throws {
        let speech = try Self.clip("spk1_snt1.wav")
        #expect(speech.count == 45_920)
        let noise = Signals.noise(count: 48_000, amplitude: 0.003, seed: 5)
        var x = noise
        for (i, s) in speech.enumerated() { x.append(s + noise[i % noise.count]) }
        x += Signals.silence(count: 16_000)
        x += noise
        let vad = VoiceActivityDetector(model: try Self.model())
        let sink = DiagnosticCollector()
        let r = try vad.run(x, diagnostics: sink)
        let clip = SampleSpan(start: 48_000, end: 48_000 + speech.count)
        // The clip has short silences at its ends, so not all of it is speech.
        #expect(covered(r, clip) > 0.7)
        #expect(covered(r, SampleSpan(start: 0, end: 44_000)) < 0.05)
        #expect(covered(r, SampleSpan(start: clip.end + 4_000, end: x.count)) < 0.05)
        #expect(r.totalSamples == x.count)
        #expect(sink.diagnostics.isEmpty)
    }

    @Test func steadyNoiseIsNotSpeech() throws {
        let vad = VoiceActivityDetector(model: try Self.model())
        for amplitude: Float in [0.001, 0.05, 0.3] {
            let r = try vad.run(Signals.noise(count: 16_000 * 8, amplitude: amplitude, seed: 9),
                                diagnostics: IgnoringDiagnostics())
            #expect(Double(r.speechSamples) / Double(r.totalSamples) < 0.05, "amplitude \(amplitude)")
        }
    }

    @Test func digitalSilenceIsNotSpeech() throws {
        let vad = VoiceActivityDetector(model: try Self.model())
        let sink = DiagnosticCollector()
        let r = try vad.run(Signals.silence(count: 16_000 * 3), diagnostics: sink)
        #expect(r.spans.isEmpty)
        #expect(sink.diagnostics.map(\.code) == ["vad.no-speech"])
    }

    @Test func emptyAudioWarnsAndGivesNoRegions() throws {
        let vad = VoiceActivityDetector(model: try Self.model())
        for samples in [[Float](), [Float](repeating: 0.2, count: 100)] {
            let sink = DiagnosticCollector()
            let r = try vad.run(samples, diagnostics: sink)
            #expect(r.spans.isEmpty)
            #expect(r.totalSamples == samples.count)
            #expect(sink.diagnostics.map(\.code) == ["vad.empty-audio"])
            #expect(sink.diagnostics.first?.severity == .warning)
        }
    }

    @Test func nonFiniteSamplesWarnAndAreSilence() throws {
        var x = Signals.noise(count: 32_000, amplitude: 0.01, seed: 2)
        x[1_000] = .nan
        x[2_000] = .infinity
        let sink = DiagnosticCollector()
        _ = try VoiceActivityDetector(model: try Self.model()).run(x, diagnostics: sink)
        #expect(sink.diagnostics.contains { $0.code == "vad.non-finite-samples" && $0.severity == .warning })
    }

    @Test func invalidSettingsAreRejectedBeforeRunning() throws {
        var vad = VoiceActivityDetector(model: try Self.model())
        vad.hysteresis.onset = 0.3
        vad.hysteresis.offset = 0.6
        #expect { try vad.run([0], diagnostics: IgnoringDiagnostics()) } throws: {
            ($0 as? SamtalError)?.code == .invalidArgument
        }
    }

    @Test(arguments: [
        #"{"schemaVersion": 1}"#,
        "not json",
        #"{"schemaVersion":1,"kind":"mlp-tanh-sigmoid","inputDimensions":3,"hiddenUnits":1,"inputMean":[0,0,0],"inputStd":[1,1,1],"hiddenWeights":[1,1,1],"hiddenBias":[0],"outputWeights":[1],"outputBias":0}"#,
    ])
    func malformedModelsAreInvalidModel(text: String) {
        #expect { try VoiceActivityModel(data: Data(text.utf8), source: "test.json") } throws: {
            ($0 as? SamtalError)?.code == .invalidModel
        }
    }

    @Test func missingModelDirectoryIsInvalidModel() throws {
        let dir = try Fixtures.temporaryDirectory()
        #expect { try VoiceActivityModel.bundled(modelsDirectory: dir) } throws: {
            ($0 as? SamtalError)?.code == .invalidModel
        }
    }

    @Test func fastTanhMatchesTanh() {
        for x in stride(from: Float(-20), through: 20, by: 0.37) {
            #expect(abs(fastTanh(x) - Float(Foundation.tanh(Double(x)))) < 1e-6)
        }
    }
}

/// The vectorised scorer against the plain formula computed from the JSON file in Double.
@Suite("VoiceActivityModel")
struct VoiceActivityModelTests {
    @Test func probabilityMatchesThePlainFormula() throws {
        let url = Fixtures.models.appendingPathComponent(VoiceActivityModel.bundledPath)
        let data = try Data(contentsOf: url)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func doubles(_ key: String) throws -> [Double] {
            try #require(json[key] as? [NSNumber]).map(\.doubleValue)
        }
        let mean = try doubles("inputMean"), std = try doubles("inputStd")
        let w1 = try doubles("hiddenWeights"), b1 = try doubles("hiddenBias")
        let w2 = try doubles("outputWeights")
        let b2 = try #require(json["outputBias"] as? NSNumber).doubleValue
        let d = mean.count, h = b1.count
        let model = try VoiceActivityModel(data: data, source: url.path)
        var rng = SplitMix64(seed: 4)
        for _ in 0..<20 {
            let x = (0..<d).map { mean[$0] + std[$0] * (4 * rng.nextUnit() - 2) }
            var z = b2
            for j in 0..<h {
                var a = b1[j]
                for i in 0..<d { a += w1[j * d + i] * (x[i] - mean[i]) / std[i] }
                z += w2[j] * Foundation.tanh(a)
            }
            let want = 1 / (1 + Foundation.exp(-z))
            let got = x.map { Float($0) }.withUnsafeBufferPointer { model.probability($0) }
            #expect(abs(Double(got) - want) < 1e-4)
        }
    }
}
