import DSP
import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Diarization

/// Diarization reads its frame features back from `FrameStore`s: spilled to a temporary file or
/// kept in memory, the result must be the same, bit for bit.
@Suite struct FrameStorageTests {
    /// Three voices in 3 s turns with short pauses, 57 s: longer than one read chunk of
    /// cepstra (about 33 s), so passes cross chunk boundaries.
    static func threeVoices() -> [Float] {
        let voices: [(f0: Double, brightness: Double)] = [(110, 0.5), (240, 0.9), (170, 0.7)]
        var samples: [Float] = []
        for k in 0..<17 {
            let v = voices[(k * 7 / 3) % 3]
            samples += SpeakerDiarizerTests.voice(f0: v.f0, seconds: 3, seed: UInt64(k), brightness: v.brightness)
            samples += Signals.silence(count: SpeakerDiarizerTests.rate * 35 / 100)
        }
        return samples
    }

    static func features(_ samples: [Float], encoder: VoiceEncoder?, spillThresholdBytes: Int,
                         directory: URL) throws -> (FrameFeatures, EncoderMelFrames?) {
        let frontEnd = try DiarizationFrontEnd(encoder: encoder, spillThresholdBytes: spillThresholdBytes,
                                               temporaryDirectory: directory)
        // Uneven blocks, as a decoder hands them out.
        var i = 0
        while i < samples.count {
            let n = min(samples.count - i, 4_000 + i % 1_771)
            samples[i..<(i + n)].withUnsafeBufferPointer { frontEnd.process($0) }
            i += n
        }
        return try frontEnd.finish(encoder: encoder)
    }

    @Test(arguments: DiarizationSettings.Embedding.allCases)
    func spilledAndInMemoryFeaturesGiveTheSameTurns(embedding: DiarizationSettings.Embedding) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let encoder = embedding == .neural ? try VoiceEncoder(modelsDirectory: Fixtures.models) : nil
        let samples = Self.threeVoices()
        var settings = DiarizationSettings()
        settings.embedding = embedding
        settings.speakers = 3
        let diarizer = SpeakerDiarizer(settings: settings)

        let (memory, memoryMel) = try Self.features(samples, encoder: encoder, spillThresholdBytes: Int.max, directory: dir)
        let (spilled, spilledMel) = try Self.features(samples, encoder: encoder, spillThresholdBytes: 0, directory: dir)
        #expect(!memory.cepstra.isSpilled && spilled.cepstra.isSpilled && spilled.loudness.isSpilled)
        #expect(spilled.frameCount > spilled.cepstra.chunkFrames)
        #expect(memory == spilled)
        if embedding == .neural {
            let a = try #require(memoryMel), b = try #require(spilledMel)
            #expect(b.store.isSpilled && a.gain == b.gain)
            #expect(a.allValues() == b.allValues())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)

        let fromMemory = try diarizer.run(features: memory, mel: memoryMel, speech: nil, encoder: encoder,
                                          diagnostics: DiagnosticCollector())
        let fromFile = try diarizer.run(features: spilled, mel: spilledMel, speech: nil, encoder: encoder,
                                        diagnostics: DiagnosticCollector())
        #expect(fromMemory == fromFile)
        // Not vacuous: resegmented turns of several speakers.
        #expect(fromFile.speakers.count == 3)
        #expect(fromFile.exclusive.count >= 10)
    }

    @Test func streamedGMMTrainingEqualsTrainingOnGatheredFrames() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dimension = 6
        let frames = 9_000
        var rng = SplitMix64(seed: 9)
        var data: [Float] = []
        var labels: [FrameLabel] = []
        let store = FrameStore(dimension: dimension, spillThresholdBytes: 0, directory: dir)
        for t in 0..<frames {
            // Speakers 0, 1 and 3 in long stretches, 2 only briefly (too few frames to train),
            // silence in between.
            let stretch = t / 1_000, offset = t % 1_000
            let label: FrameLabel
            if offset < 80 {
                label = -1
            } else if stretch == 4 && offset < 90 {
                label = 2
            } else {
                label = [0, 1, 3][stretch % 3]
            }
            let row: [Float] = (0..<dimension).map { d in
                let spread = 1 + Double(d) / 4
                return Float(Double(label) * 2 + Double(d % 3) + rng.nextUnit() * spread)
            }
            data += row
            labels.append(label)
            store.append(row)
        }
        try store.seal()
        let floor = [Double](repeating: 1e-3, count: dimension)
        let stride = 2
        let speakers = [0, 1, 3]
        let streamed = DiagonalGMM.train(store: store, labels: labels, stride: stride, speakers: speakers,
                                         components: 4, iterations: 3, varianceFloor: floor)
        #expect(streamed.count == 3)
        for (model, speaker) in zip(streamed, speakers) {
            let chosen = (0..<frames).filter { labels[$0] == speaker && $0 % stride == 0 }
            let gathered = DiagonalGMM(data: data, dimension: dimension, frames: chosen, components: 4,
                                       iterations: 3, varianceFloor: floor)
            #expect(model.components == 4)
            #expect(model.weights == gathered.weights)
            #expect(model.means == gathered.means)
            #expect(model.variances == gathered.variances)
        }
    }

    @Test func viterbiFindsTheBestPath() {
        // Against exhaustive search: every path of 7 frames through 3 states.
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20 {
            let (frames, states, penalty) = (7, 3, 1.5)
            let ll = (0..<(frames * states)).map { _ in rng.nextUnit() * 4 - 2 }
            let path = SpeakerDiarizer.viterbi(ll, states: states, penalty: penalty)
            func score(_ p: [Int]) -> Double {
                p.indices.reduce(0) { s, t in s + ll[t * states + p[t]] - (t > 0 && p[t] != p[t - 1] ? penalty : 0) }
            }
            var best = -Double.infinity
            for code in 0..<Int(pow(Double(states), Double(frames))) {
                var c = code
                let p = (0..<frames).map { _ in defer { c /= states }; return c % states }
                best = max(best, score(p))
            }
            #expect(path.count == frames)
            #expect(abs(score(path) - best) < 1e-12)
        }
    }

    @Test func unlabelledSpeechTakesTheNearestLabel() {
        let diarizer = SpeakerDiarizer()
        //            0   1  2   3   4   5   6  7   8   9  10
        var labels: [FrameLabel] = [-1, -1, 1, -1, -1, -1, 0, -1, -1, -1, 2]
        let speech = [true, true, true, true, true, true, true, true, false, true, true]
        diarizer.fillUnlabelled(&labels, speech: speech)
        // 3 is nearer 2 (label 1); 4 is a tie between 2 and 6: the earlier wins; 5 is nearer 6;
        // 8 is not speech; 9 is nearer 10.
        #expect(labels == [1, 1, 1, 1, 1, 0, 0, 0, -1, 2, 2])
        var none: [FrameLabel] = [-1, -1, -1]
        diarizer.fillUnlabelled(&none, speech: [true, false, true])
        #expect(none == [0, -1, 0])
    }

    @Test func speakersAreNamedInOrderOfFirstAppearance() {
        let features = FrameFeatures(sampleRate: 16_000, hopLength: 160, totalSamples: 7 * 160,
                                     dimension: 1, values: [Float](repeating: 0, count: 7),
                                     logEnergy: [Float](repeating: 0, count: 7))
        let turns = SpeakerDiarizer().turns(from: [-1, 5, 5, -1, 2, 2, 5], features: features)
        #expect(turns.exclusive.map(\.speaker) == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"])
        #expect(turns.exclusive.map(\.span) == [SampleSpan(start: 80, end: 400), SampleSpan(start: 560, end: 880),
                                               SampleSpan(start: 880, end: 1120)])
    }
}
