import DSP
import Foundation
import Testing

/// Frame-by-frame comparison with librosa 0.11 (float64) on 2.5 s of real speech
/// (`Resources/clip.wav`, see `scripts/make-dsp-fixtures.sh`).
@Suite("librosa reference")
struct LibrosaReferenceTests {
    let reference: [String: Any]
    let samples: [Float]

    init() throws {
        reference = try Reference.json("clip.librosa.json")
        samples = try Reference.wav16("clip.wav")
    }

    @Test func fixtureDescribesOurSettings() throws {
        let params = try #require(reference["params"] as? [String: Any])
        #expect(params["n_fft"] as? Int == 512 && params["win_length"] as? Int == 400)
        #expect(params["hop_length"] as? Int == 160 && params["n_mels"] as? Int == 40)
        #expect(params["htk"] as? Bool == false && params["norm"] as? String == "slaney")
        #expect(samples.count == 40_000)
    }

    @Test func hannWindowMatches() throws {
        let want = try #require(reference["window"] as? [Double])
        let got = WindowFunction.hann.paddedCoefficients(windowLength: 400, fftLength: 512)
        #expect(Reference.maxAbsDifference(got, want) <= 1e-7)
    }

    // Float weights rounded once from Double: error ≤ 2⁻²⁴ relative, here ≤ 1e-9 absolute.
    @Test func slaneyFilterbankMatches() throws {
        let want = try Reference.matrix(reference["mel_filterbank"])
        let got = MelSpectrogram.standard.filterbank.denseMatrix
        #expect(got.frameCount == 40 && got.dimension == 257)
        let err = Reference.maxAbsDifference(got.values, want.joined())
        #expect(err <= 1e-8, "max error \(err)")
    }

    // Float32 FFT and mel sums against float64: the relative error of a band's power is about
    // 1e-6 for bands near the frame's peak and grows for bands far below it (the FFT's error is
    // relative to the frame's energy, not the band's). Tolerance 0.001 dB for bands within 60 dB
    // of the frame's peak band, 0.05 dB below that (measured on this clip: 9.4e-5 dB and
    // 0.0027 dB, printed in the test log).
    @Test func logMelDecibelsMatchFrameByFrame() throws {
        let want = try Reference.matrix(reference["log_mel_db"])
        let got = LogMelSpectrogram.standard.run(samples)
        #expect(got.frameCount == want.count && got.frameCount == 251)
        var worstNear = 0.0, worstFar = 0.0
        for (f, row) in want.enumerated() {
            let peak = row.max()!
            for (b, w) in row.enumerated() {
                let e = abs(Double(got[f, b]) - w)
                if w >= peak - 60 { worstNear = max(worstNear, e) } else { worstFar = max(worstFar, e) }
            }
        }
        print("log-mel vs librosa: max |Δ| \(worstNear) dB within 60 dB of the peak, \(worstFar) dB below")
        #expect(worstNear <= 0.001)
        #expect(worstFar <= 0.05)
    }

    // MFCC = DCT of the log-mel; each coefficient sums 40 bands, so its error is at most the
    // orthonormal DCT's √2·√40·(per-band error). Tolerance 0.01 absolute (values are O(1…500);
    // measured 0.0011).
    @Test func mfccMatchesFrameByFrame() throws {
        let want = try Reference.matrix(reference["mfcc"])
        let got = MFCC.standard.run(samples)
        #expect(got.frameCount == want.count && got.dimension == 20)
        let err = Reference.maxAbsDifference(got.values, want.joined())
        print("MFCC vs librosa: max |Δ| \(err)")
        #expect(err <= 0.01)
    }

    // The DCT alone, on librosa's own log-mel in Float: isolates the cepstrum from the FFT path.
    @Test func dctOfLibrosaLogMelMatchesLibrosaMFCC() throws {
        let logMel = try Reference.matrix(reference["log_mel_db"])
        let want = try Reference.matrix(reference["mfcc"])
        let input = FeatureMatrix(rows: logMel.map { $0.map(Float.init) })
        let got = MFCC.standard.run(logMel: input)
        let err = Reference.maxAbsDifference(got.values, want.joined())
        #expect(err <= 2e-4, "max error \(err)")
    }
}
