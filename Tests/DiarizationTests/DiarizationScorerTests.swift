import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Diarization

/// The scorer against pyannote.metrics numbers (made by `Resources/score/regenerate.sh`).
@Suite struct DiarizationScorerTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("score")

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var reference: String
        var hypothesis: String
        var collar: Double
        var skipOverlap: Bool
        var uem: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "dscore-plain", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0, skipOverlap: false),
        Case(name: "dscore-collar0.5", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0.5, skipOverlap: false),
        Case(name: "dscore-skip-overlap", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0, skipOverlap: true),
        Case(name: "dscore-uem", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0, skipOverlap: false,
             uem: "test_load.uem"),
        Case(name: "dscore-collar0.5-skip-overlap", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0.5,
             skipOverlap: true),
        Case(name: "dscore-collar0.25-uem", reference: "ref.rttm", hypothesis: "sys.rttm", collar: 0.25,
             skipOverlap: false, uem: "test_load.uem"),
        Case(name: "edge-plain", reference: "edge-ref.rttm", hypothesis: "edge-hyp.rttm", collar: 0, skipOverlap: false),
        Case(name: "edge-collar0.5", reference: "edge-ref.rttm", hypothesis: "edge-hyp.rttm", collar: 0.5,
             skipOverlap: false),
        Case(name: "edge-skip-overlap", reference: "edge-ref.rttm", hypothesis: "edge-hyp.rttm", collar: 0,
             skipOverlap: true),
        Case(name: "edge-uem", reference: "edge-ref.rttm", hypothesis: "edge-hyp.rttm", collar: 0, skipOverlap: false,
             uem: "edge.uem"),
        Case(name: "edge-self", reference: "edge-ref.rttm", hypothesis: "edge-ref.rttm", collar: 0, skipOverlap: false),
    ]

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func check(_ actual: ScoreComponents, _ expected: [String: Any], _ label: String) {
        func value(_ key: String) -> Double? { expected[key] as? Double }
        #expect(abs(actual.diarizationErrorRate - value("der")!) < 1e-9, "\(label) der")
        #expect(abs(actual.jaccardErrorRate - value("jer")!) < 1e-9, "\(label) jer")
        #expect(abs(actual.total - value("total")!) < 1e-9, "\(label) total")
        for (key, seconds) in [("miss", actual.missed), ("false_alarm", actual.falseAlarm),
                               ("confusion", actual.confusion)] {
            let mine = actual.fraction(seconds)
            if let theirs = value(key) {
                #expect(mine != nil && abs(mine! - theirs) < 1e-9, "\(label) \(key)")
            } else {
                #expect(mine == nil, "\(label) \(key) should be undefined")
            }
        }
    }

    @Test(arguments: cases) func agreesWithPyannoteMetrics(_ c: Case) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected-\(c.name).json"))
        let expected = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expectedFiles = try #require(expected["files"] as? [String: [String: Any]])
        let scorer = DiarizationScorer(collarSeconds: c.collar, skipOverlap: c.skipOverlap)
        let report = scorer.score(
            reference: try RTTM.read(path: Self.path(c.reference)),
            hypothesis: try RTTM.read(path: Self.path(c.hypothesis)),
            uem: try c.uem.map { try RTTM.readUEM(path: Self.path($0)) },
            diagnostics: DiagnosticCollector())
        #expect(Set(report.files.keys) == Set(expectedFiles.keys.map { $0.precomposedStringWithCanonicalMapping }))
        for (file, values) in expectedFiles {
            let mine = try #require(report.files[file.precomposedStringWithCanonicalMapping])
            Self.check(mine, values, "\(c.name)/\(file)")
        }
        Self.check(report.total, try #require(expected["total"] as? [String: Any]), "\(c.name)/total")
    }

    @Test func perfectHypothesisScoresZero() throws {
        let ref = try RTTM.read(path: Self.path("ref.rttm"))
        let report = DiarizationScorer(collarSeconds: 0.5).score(
            reference: ref, hypothesis: ref, diagnostics: DiagnosticCollector())
        #expect(report.total.diarizationErrorRate == 0)
        #expect(report.total.jaccardErrorRate == 0)
    }

    @Test func renamedSpeakersAreMappedBack() {
        let ref = [RTTMSegment(file: "f", start: 0, end: 2, speaker: "A"),
                   RTTMSegment(file: "f", start: 2, end: 5, speaker: "B")]
        let hyp = [RTTMSegment(file: "f", start: 0, end: 2, speaker: "x"),
                   RTTMSegment(file: "f", start: 2, end: 4, speaker: "y"),
                   RTTMSegment(file: "f", start: 4, end: 5, speaker: "x")]
        let c = DiarizationScorer().scoreFile(reference: ref, hypothesis: hyp)
        #expect(abs(c.confusion - 1) < 1e-12)
        #expect(abs(c.diarizationErrorRate - 0.2) < 1e-12)
    }

    @Test func uemMissingFileWarns() throws {
        let sink = DiagnosticCollector()
        _ = DiarizationScorer().score(
            reference: try RTTM.read(path: Self.path("edge-ref.rttm")),
            hypothesis: try RTTM.read(path: Self.path("edge-hyp.rttm")),
            uem: try RTTM.readUEM(path: Self.path("edge.uem")), diagnostics: sink)
        #expect(sink.diagnostics.contains { $0.code == "score.uem-missing-file" })
    }
}

@Suite struct RTTMTests {
    @Test func rejectsShortSpeakerLineWithLocation() {
        do {
            _ = try RTTM.parse("SPEAKER f 1 0.0 1.0\n", path: "x.rttm")
            Issue.record("expected an error")
        } catch let error as SamtalError {
            #expect(error.code == .parseError)
            #expect(error.location?.line == 1)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func rejectsNonNumericOnset() {
        #expect(throws: SamtalError.self) {
            _ = try RTTM.parse("SPEAKER f 1 abc 1.0 <NA> <NA> A <NA> <NA>\n", path: "x.rttm")
        }
    }

    @Test func rejectsTextWithoutSpeakerLines() {
        do {
            _ = try RTTM.parse("hello world\n", path: "x.rttm")
            Issue.record("expected an error")
        } catch let error as SamtalError {
            #expect(error.code == .parseError)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func missingFileIsReported() {
        do {
            _ = try RTTM.read(path: "/nonexistent/file.rttm")
            Issue.record("expected an error")
        } catch let error as SamtalError {
            #expect(error.code == .fileNotFound)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func writesAndReadsBack() throws {
        let turns = [SpeakerTurn(span: SampleSpan(start: 16000, end: 40000), speaker: "SPEAKER_00"),
                     SpeakerTurn(span: SampleSpan(start: 48000, end: 64000), speaker: "SPEAKER_01")]
        let text = RTTM.format(turns, sampleRate: 16000, fileID: "a file")
        let parsed = try RTTM.parse(text, path: "t.rttm")
        let segments = try #require(parsed["a_file"])
        #expect(segments.count == 2)
        #expect(abs(segments[0].start - 1.0) < 1e-9 && abs(segments[0].end - 2.5) < 1e-9)
        #expect(segments[1].speaker == "SPEAKER_01")
    }
}

@Suite struct HungarianAssignmentTests {
    @Test func findsTheOptimumOfAKnownMatrix() {
        // Classic example: optimum 5 (rows 0→1, 1→0, 2→2) = 1 + 2 + 2.
        let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        let pairs = HungarianAssignment.minimize(cost)
        let total = pairs.reduce(0.0) { $0 + cost[$1.row][$1.column] }
        #expect(total == 5)
        #expect(pairs.count == 3)
    }

    @Test func matchesBruteForceOnRandomRectangularMatrices() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let rows = 1 + Int(rng.next() % 4)
            let columns = 1 + Int(rng.next() % 5)
            let cost = (0..<rows).map { _ in (0..<columns).map { _ in Double(rng.next() % 100) } }
            let pairs = HungarianAssignment.minimize(cost)
            #expect(pairs.count == min(rows, columns))
            let total = pairs.reduce(0.0) { $0 + cost[$1.row][$1.column] }
            #expect(total == bruteForce(cost))
        }
    }

    func bruteForce(_ cost: [[Double]]) -> Double {
        let rows = cost.count
        let columns = cost[0].count
        var best = Double.infinity
        func go(_ r: Int, _ used: Set<Int>, _ sum: Double, _ assigned: Int) {
            if r == rows {
                if assigned == min(rows, columns) { best = min(best, sum) }
                return
            }
            if rows - r > columns - assigned {
                // rows > columns: some rows stay unassigned
                go(r + 1, used, sum, assigned)
            }
            for c in 0..<columns where !used.contains(c) {
                go(r + 1, used.union([c]), sum + cost[r][c], assigned + 1)
            }
        }
        go(0, [], 0, 0)
        return best
    }
}
