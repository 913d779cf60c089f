import DSP
import Foundation
import SamtalCore
import Testing

@Suite("MelFilterbank")
struct MelFilterbankTests {
    @Test func htkScaleIsItsFormula() {
        for f in [0.0, 100, 700, 1_000, 4_000, 8_000] {
            #expect(abs(MelScale.htk.mel(hertz: f) - 2595 * log10(1 + f / 700)) < 1e-9)
            #expect(abs(MelScale.htk.hertz(mel: MelScale.htk.mel(hertz: f)) - f) < 1e-7)
        }
    }

    @Test func slaneyScaleIsLinearThenLogarithmic() {
        #expect(abs(MelScale.slaney.mel(hertz: 1_000) - 15) < 1e-12)
        #expect(abs(MelScale.slaney.mel(hertz: 500) - 7.5) < 1e-12)
        // 27 mels per factor 6.4 above 1 kHz.
        #expect(abs(MelScale.slaney.mel(hertz: 6_400) - 42) < 1e-9)
        for f in [0.0, 333, 999, 1_000, 1_001, 7_999] {
            #expect(abs(MelScale.slaney.hertz(mel: MelScale.slaney.mel(hertz: f)) - f) < 1e-7)
        }
    }

    // Filterbanks librosa made with htk=True (and one non-default Slaney), see
    // scripts/make-dsp-fixtures.sh.
    @Test func matchesLibrosaForHTKAndNonDefaultSettings() throws {
        let doc = try Reference.json("mel-htk.librosa.json")
        let cases = try #require(doc["filterbanks"] as? [[String: Any]])
        #expect(cases.count == 4)
        for c in cases {
            let config = MelConfig(
                bandCount: try #require(c["n_mels"] as? Int),
                minimumFrequency: try #require(c["fmin"] as? Double),
                maximumFrequency: try #require(c["fmax"] as? Double),
                scale: (c["htk"] as? Bool) == true ? .htk : .slaney,
                normalization: (c["norm"] as? String) == "slaney" ? .slaney : .none)
            let fb = try MelFilterbank(config, sampleRate: 16_000, fftLength: 512)
            let want = try Reference.matrix(c["weights"])
            let peak = want.joined().max()!
            let err = Reference.maxAbsDifference(fb.denseMatrix.values, want.joined())
            #expect(err <= 1e-6 * peak, "\(config): max error \(err)")
        }
    }

    // An independent construction of one HTK band from the formula: a triangle between three
    // consecutive edges equally spaced in HTK mels, peak 1 without normalisation.
    @Test func htkTriangleFollowsTheFormula() throws {
        let fb = try MelFilterbank(MelConfig(bandCount: 10, scale: .htk, normalization: .none))
        let top = 2595 * log10(1 + 8_000.0 / 700)
        let edges = (0..<12).map { 700 * (pow(10, Double($0) * top / 11 / 2595) - 1) }
        let dense = fb.denseMatrix
        for band in [0, 4, 9] {
            for k in 0..<257 {
                let hz = Double(k) * 8_000 / 256
                let rise = (hz - edges[band]) / (edges[band + 1] - edges[band])
                let fall = (edges[band + 2] - hz) / (edges[band + 2] - edges[band + 1])
                #expect(abs(Double(dense[band, k]) - max(0, min(rise, fall))) < 1e-6)
            }
        }
    }

    @Test func slaneyNormGivesEqualAreaBands() throws {
        // Σ_k w[b,k]·Δf ≈ 1 for a triangle of height 2/width: area ≈ 1 whatever the width.
        let fb = try MelFilterbank(MelConfig(bandCount: 40), fftLength: 4_096)
        let binHz = 8_000.0 / 2_048
        for band in [5, 20, 39] {
            let area = fb.denseMatrix.row(band).reduce(0.0) { $0 + Double($1) } * binHz
            #expect(abs(area - 1) < 0.02, "band \(band): area \(area)")
        }
    }

    @Test func sparseApplicationEqualsDenseProduct() throws {
        let fb = try MelFilterbank(MelConfig(bandCount: 64, minimumFrequency: 60, maximumFrequency: 7_000))
        let spectrum = (0..<257).map { Float(1 + ($0 * 37) % 11) }
        var bands = [Float](repeating: 0, count: 64)
        spectrum.withUnsafeBufferPointer { s in bands.withUnsafeMutableBufferPointer { fb.apply(s, into: $0) } }
        let dense = fb.denseMatrix
        for b in 0..<64 {
            let want = (0..<257).reduce(0.0) { $0 + Double(dense[b, $1]) * Double(spectrum[$1]) }
            #expect(abs(Double(bands[b]) - want) <= 1e-5 * max(1, want))
        }
        #expect(fb.weights.count < 64 * 257 / 10)  // really sparse
    }

    @Test func impossibleSettingsAreRejected() {
        for config in [MelConfig(bandCount: 0), MelConfig(minimumFrequency: 9_000),
                       MelConfig(maximumFrequency: 12_000), MelConfig(minimumFrequency: -1)] {
            #expect { try MelFilterbank(config) } throws: {
                ($0 as? SamtalError)?.code == .invalidArgument
            }
        }
    }
}
