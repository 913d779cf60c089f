import ArgumentParser
import Foundation
import SamtalCore
import VoiceActivity

/// `samtal eval vad`: frame-level accuracy of `samtal vad` against every labelled VAD file in the
/// shared data.
struct EvalVADCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vad",
        abstract: "Frame-level precision, recall and F1 of voice activity against labelled files.",
        discussion: """
            Scores 10 ms frames as `peers vad-score` does (a frame is speech when its centre lies \
            in a region) over each file's labelled span. scripts/eval/vad.sh puts the result next \
            to webrtcvad and silero-vad.

            Example:
              samtal eval vad --shared ../shared/data --lab-dir out/eval/vad
            """)

    /// One labelled file: audio, reference, and the span the labels cover.
    struct Item {
        var name: String
        var audio: String
        var labels: String
        /// End of the labelled span in seconds; nil = the whole file.
        var end: Double?
    }

    /// The labelled VAD files of shared/data/audio. diarizationExample.rttm is left out: it
    /// marks no silence (see shared/data/README.md).
    static let items: [Item] = [
        Item(name: "picovoice/cobra_sample", audio: "audio/picovoice/cobra_sample.wav",
             labels: "audio/picovoice/cobra_sample.lab", end: nil),
        Item(name: "pyaudioanalysis/count", audio: "audio/pyaudioanalysis/count.wav",
             labels: "audio/pyaudioanalysis/count.lab", end: nil),
        Item(name: "pyaudioanalysis/count2", audio: "audio/pyaudioanalysis/count2.wav",
             labels: "audio/pyaudioanalysis/count2.lab", end: nil),
        Item(name: "speechbrain/vad/train", audio: "audio/speechbrain/vad/train.wav",
             labels: "audio/speechbrain/vad/train.lab", end: 4),
        Item(name: "speechbrain/vad/valid", audio: "audio/speechbrain/vad/valid.wav",
             labels: "audio/speechbrain/vad/valid.lab", end: 8),
        Item(name: "pyannote-sample/sample", audio: "audio/pyannote-sample/sample.wav",
             labels: "audio/pyannote-sample/sample.rttm", end: nil),
        Item(name: "picovoice/falcon_test", audio: "audio/picovoice/falcon_test.wav",
             labels: "audio/picovoice/falcon_test.rttm", end: nil),
    ]

    @Option(help: "The shared data folder (holding audio/).")
    var shared: String = "../shared/data"

    @Flag(help: "Print JSON instead of a markdown table.")
    var json = false

    @Option(help: "Preset 0…3 as in `samtal vad`.")
    var aggressiveness: Int = Hysteresis.standardAggressiveness

    @Option(name: .customLong("lab-dir"),
            help: "Also write each file's regions as DIR/<name with / as _>.lab.")
    var labDirectory: String?

    @Option(help: "The Models directory.")
    var models: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard Hysteresis.preset(aggressiveness: aggressiveness) != nil else {
            throw ValidationError("--aggressiveness is 0, 1, 2 or 3")
        }
    }

    struct Row: Encodable {
        var name: String
        /// Audio and reference paths relative to the shared data folder.
        var audio: String
        var labels: String
        var start: Double
        var end: Double
        var frames: Int
        var precision: Double?
        var recall: Double?
        var f1: Double?
        var missRate: Double?
        var falseAlarmRate: Double?
    }

    func run() async throws {
        let sink = common.makeSink()
        var root = URL(fileURLWithPath: shared)
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("audio").path),
           FileManager.default.fileExists(atPath: root.appendingPathComponent("data/audio").path) {
            root = root.appendingPathComponent("data")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("audio").path) else {
            throw SamtalError(.fileNotFound, "no audio/ folder in \(shared)",
                              hint: "pass --shared /path/to/shared/data")
        }
        let hysteresis = Hysteresis.preset(aggressiveness: aggressiveness)!
        let model = try VoiceActivityModel.bundled(
            modelsDirectory: models.map { URL(fileURLWithPath: $0) })
        let detector = VoiceActivityDetector(model: model, hysteresis: hysteresis)
        var rows: [Row] = []
        for item in Self.items {
            let audio = root.appendingPathComponent(item.audio).path
            let regions = try VADCommand.detect(file: audio, detector: detector, channel: nil,
                                                diagnostics: sink)
            let reference = try SpeechLabels.read(path: root.appendingPathComponent(item.labels).path)
            let duration = Double(regions.totalSamples) / Double(regions.sampleRate)
            let end = item.end ?? duration
            let score = FrameAgreement(reference: reference, hypothesis: regions.segments,
                                       start: 0, end: end)
            rows.append(Row(name: item.name, audio: item.audio, labels: item.labels, start: 0, end: end, frames: score.frames,
                            precision: score.precision, recall: score.recall, f1: score.f1,
                            missRate: score.missRate, falseAlarmRate: score.falseAlarmRate))
            if let labDirectory {
                let path = URL(fileURLWithPath: labDirectory)
                    .appendingPathComponent(item.name.replacingOccurrences(of: "/", with: "_") + ".lab")
                let provenance = SpeechRegionsProvenance(source: audio, aggressiveness: aggressiveness,
                                                         hysteresis: hysteresis)
                try AtomicFile.write(try regions.formatted(.lab, fileID: item.name, provenance: provenance),
                                     to: path.path)
            }
        }
        let f1s = rows.compactMap(\.f1)
        let mean = f1s.isEmpty ? nil : f1s.reduce(0, +) / Double(f1s.count)
        if json {
            struct Report: Encodable {
                var schemaVersion = 1
                var aggressiveness: Int
                var files: [Row]
                var meanF1: Double?
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = try encoder.encode(Report(aggressiveness: aggressiveness, files: rows,
                                                 meanF1: mean))
            try emitOutput(String(decoding: data, as: UTF8.self) + "\n", to: nil)
        } else {
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
            var text = "| file | span s | precision | recall | F1 | miss | false alarm |\n"
            text += "|---|---:|---:|---:|---:|---:|---:|\n"
            for r in rows {
                text += "| \(r.name) | \(String(format: "%.2f", r.end)) | \(f(r.precision)) | "
                    + "\(f(r.recall)) | \(f(r.f1)) | \(f(r.missRate)) | \(f(r.falseAlarmRate)) |\n"
            }
            text += "| **mean F1** | | | | **\(f(mean))** | | |\n"
            try emitOutput(text, to: nil)
        }
        try common.finish(sink)
    }
}
