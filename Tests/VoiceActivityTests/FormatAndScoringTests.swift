import Foundation
import SamtalCore
import Testing
@testable import VoiceActivity

/// Output formats (golden text) and the frame-level scorer.
@Suite("Speech region formats and scoring")
struct FormatAndScoringTests {
    let regions = SpeechRegions(sampleRate: 16_000, totalSamples: 80_000, spans: [
        SampleSpan(start: 8_000, end: 24_080),
        SampleSpan(start: 40_002, end: 80_000),
    ])
    let provenance = SpeechRegionsProvenance(source: "talk one.wav", aggressiveness: 2,
                                             hysteresis: .standard)

    @Test func labIsStartEndSpeechWithThreeDecimals() throws {
        let text = try regions.formatted(.lab, fileID: "talk", provenance: provenance)
        #expect(text == "0.500 1.505 speech\n2.500 5.000 speech\n")
    }

    @Test func audacityIsTabSeparated() throws {
        let text = try regions.formatted(.audacity, fileID: "talk", provenance: provenance)
        #expect(text == "0.500000\t1.505000\tspeech\n2.500125\t5.000000\tspeech\n")
    }

    @Test func rttmHasOneSpeakerLinePerRegion() throws {
        let text = try regions.formatted(.rttm, fileID: "talk one", provenance: provenance)
        #expect(text == """
            SPEAKER talk_one 1 0.500 1.005 <NA> <NA> speech <NA> <NA>
            SPEAKER talk_one 1 2.500 2.500 <NA> <NA> speech <NA> <NA>

            """)
    }

    @Test func jsonCarriesRegionsSettingsAndSchemaVersion() throws {
        let text = try regions.formatted(.json, fileID: "talk", provenance: provenance)
        #expect(text == """
            {
              "durationSeconds" : 5,
              "regions" : [
                {
                  "end" : 1.505,
                  "endSample" : 24080,
                  "start" : 0.5,
                  "startSample" : 8000
                },
                {
                  "end" : 5,
                  "endSample" : 80000,
                  "start" : 2.5,
                  "startSample" : 40002
                }
              ],
              "sampleRate" : 16000,
              "schemaVersion" : 1,
              "settings" : {
                "aggressiveness" : 2,
                "minimumSilenceSeconds" : 0.2,
                "minimumSpeechSeconds" : 0.25,
                "model" : "vad/model.json",
                "offset" : 0.8,
                "onset" : 0.95,
                "paddingSeconds" : 0.02
              },
              "source" : "talk one.wav",
              "speechSeconds" : 3.505,
              "totalSamples" : 80000
            }

            """)
    }

    @Test func emptyRegionsGiveEmptyTextFormats() throws {
        let none = SpeechRegions(sampleRate: 16_000, totalSamples: 0, spans: [])
        for format in [SpeechRegionsFormat.lab, .audacity, .rttm] {
            #expect(try none.formatted(format, fileID: "x", provenance: provenance) == "")
        }
    }

    @Test func frameScoresCountFrameCentres() {
        // Reference speech 0.10–0.30 s, hypothesis 0.15–0.40 s, scored over 0–0.50 s (50 frames).
        let s = FrameAgreement(reference: [ClosedSegment(start: 0.1, end: 0.3)],
                               hypothesis: [ClosedSegment(start: 0.15, end: 0.4)], end: 0.5)
        #expect(s.frames == 50)
        #expect(s.truePositives == 15)
        #expect(s.falseNegatives == 5)
        #expect(s.falsePositives == 10)
        #expect(s.trueNegatives == 20)
        #expect(abs(s.f1! - 30.0 / 45.0) < 1e-12)
        #expect(abs(s.falseAlarmRate! - 10.0 / 30.0) < 1e-12)
    }

    @Test func scoresWithoutReferenceSpeechHaveNoRecall() {
        let s = FrameAgreement(reference: [], hypothesis: [], end: 1)
        #expect(s.recall == nil)
        #expect(s.f1 == nil)
        #expect(s.falseAlarmRate == 0)
    }

    @Test func labelsReadLabAndRTTM() throws {
        let lab = try SpeechLabels.parse("0.5 1.0 speech\n1.0 2.0 silence\n# note\n3 4\n", file: "a.lab")
        #expect(lab == [ClosedSegment(start: 0.5, end: 1), ClosedSegment(start: 3, end: 4)])
        let rttm = try SpeechLabels.parse("""
            SPEAKER f 1 1.00 0.50 <NA> <NA> A <NA> <NA>
            SPEAKER f 1 1.25 1.00 <NA> <NA> B <NA> <NA>
            """, file: "a.rttm")
        #expect(rttm == [ClosedSegment(start: 1, end: 1.5), ClosedSegment(start: 1.25, end: 2.25)])
    }

    @Test(arguments: ["0.5 x speech", "2 1 speech", "SPEAKER f 1 0.5"])
    func malformedLabelsAreParseErrorsWithALine(text: String) {
        #expect {
            try SpeechLabels.parse("0 1 speech\n" + text, file: "bad.lab")
        } throws: { error in
            guard let e = error as? SamtalError else { return false }
            return e.code == .parseError && e.location?.line == 2
        }
    }
}
