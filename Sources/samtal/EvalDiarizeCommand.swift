import ArgumentParser
import Diarization
import Foundation
import SamtalCore

/// `samtal eval diarize`: diarize labelled recordings and report DER/JER per file.
struct EvalDiarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarize", abstract: "DER and JER of diarization against reference RTTMs.",
        discussion: """
            Each AUDIO file is diarized and scored against its reference: AUDIO with the \
            extension replaced by .rttm, or reference.rttm in the same folder. DER is reported \
            at collar 0 and with 0.25 s forgiven on each side of reference boundaries \
            (pyannote --collar 0.5; dscore/md-eval --collar 0.25). The hypothesis takes the \
            reference's file id when the reference holds one file.

            Example:
              samtal eval diarize ../shared/data/audio/pyannote-sample/sample.wav \\
                  ../shared/data/audio/picovoice/falcon_test.wav --hypotheses out/hyp
            """)

    @Argument(help: "Audio files with reference RTTMs beside them.")
    var files: [String]

    @Option(help: "Speaker embedding: neural (default) or dsp.")
    var embedding: DiarizationSettings.Embedding = .neural

    @Flag(help: "Give the diarizer the reference's speaker count (oracle count).")
    var oracleSpeakers = false

    @Option(help: "Write each hypothesis RTTM into this folder.")
    var hypotheses: String?

    @Option(help: "Folder holding speaker-encoder/ (default: the Models folder samtal finds).")
    var models: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one audio file") }
    }

    struct Row: Codable {
        var file: String
        var referenceSpeakers: Int
        var hypothesisSpeakers: Int
        var der: Double
        var derCollar025: Double
        var jer: Double
        var miss: Double
        var falseAlarm: Double
        var confusion: Double
        var seconds: Double
    }

    func run() async throws {
        let sink = common.makeSink()
        var rows: [Row] = []
        var total0 = ScoreComponents()
        var total25 = ScoreComponents()
        for file in files {
            let referencePath = try Self.reference(for: file)
            let reference = try RTTM.read(path: referencePath)
            var settings = DiarizationSettings()
            settings.embedding = embedding
            if oracleSpeakers {
                settings.speakers = max(1, Set(reference.values.joined().map(\.speaker)).count)
            }
            let started = Date()
            let turns = try DiarizeCommand.diarize(path: file, settings: settings, models: models, diagnostics: sink)
            let elapsed = Date().timeIntervalSince(started)
            let id = reference.count == 1 ? reference.keys.first! : RTTM.fileID(forPath: file)
            let text = RTTM.format(turns.overlapping, sampleRate: turns.sampleRate, fileID: id)
            if let hypotheses {
                try FileManager.default.createDirectory(atPath: hypotheses, withIntermediateDirectories: true)
                try AtomicFile.write(text, to: (hypotheses as NSString).appendingPathComponent(id + ".rttm"))
            }
            let hypothesis = try RTTM.parse(text, path: id + ".rttm")
            let ref = reference.filter { $0.key == id }
            let hyp = hypothesis.filter { $0.key == id }
            let c0 = DiarizationScorer(collarSeconds: 0).score(reference: ref, hypothesis: hyp, diagnostics: sink).total
            let c25 = DiarizationScorer(collarSeconds: 0.5).score(reference: ref, hypothesis: hyp, diagnostics: sink).total
            total0.accumulate(c0)
            total25.accumulate(c25)
            rows.append(Row(
                file: file, referenceSpeakers: Set(ref.values.joined().map(\.speaker)).count,
                hypothesisSpeakers: turns.speakers.count, der: c0.diarizationErrorRate,
                derCollar025: c25.diarizationErrorRate, jer: c0.jaccardErrorRate,
                miss: c0.fraction(c0.missed) ?? 0, falseAlarm: c0.fraction(c0.falseAlarm) ?? 0,
                confusion: c0.fraction(c0.confusion) ?? 0, seconds: elapsed))
        }
        if json {
            struct Report: Codable {
                var files: [Row]
                var der: Double
                var derCollar025: Double
                var meanDER: Double
            }
            let report = Report(files: rows, der: total0.diarizationErrorRate,
                                derCollar025: total25.diarizationErrorRate,
                                meanDER: rows.map(\.der).reduce(0, +) / Double(max(1, rows.count)))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try emitOutput(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n", to: nil)
        } else {
            var text = "file\tref_spk\thyp_spk\tDER%\tDER%_c0.25\tJER%\tmiss%\tFA%\tconf%\tseconds\n"
            for r in rows {
                text += [r.file, "\(r.referenceSpeakers)", "\(r.hypothesisSpeakers)", pct(r.der), pct(r.derCollar025),
                         pct(r.jer), pct(r.miss), pct(r.falseAlarm), pct(r.confusion), String(format: "%.2f", r.seconds)]
                    .joined(separator: "\t") + "\n"
            }
            text += "TOTAL (time-weighted)\t\t\t\(pct(total0.diarizationErrorRate))\t\(pct(total25.diarizationErrorRate))\n"
            text += "MEAN (per file)\t\t\t\(pct(rows.map(\.der).reduce(0, +) / Double(max(1, rows.count))))\t"
                + "\(pct(rows.map(\.derCollar025).reduce(0, +) / Double(max(1, rows.count))))\n"
            try emitOutput(text, to: nil)
        }
        try common.finish(sink)
    }

    private func pct(_ v: Double) -> String { String(format: "%.2f", 100 * v) }

    /// AUDIO.rttm, or reference.rttm beside AUDIO.
    static func reference(for audio: String) throws -> String {
        let url = URL(fileURLWithPath: audio)
        let candidates = [url.deletingPathExtension().appendingPathExtension("rttm").path,
                          url.deletingLastPathComponent().appendingPathComponent("reference.rttm").path]
        for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
        throw SamtalError(.fileNotFound, "no reference RTTM for \(audio)",
                          hint: "put \(candidates[0]) or \(candidates[1]) beside it")
    }
}
