import ArgumentParser
import Foundation
import Pipeline
import SamtalCore
import Summaries

/// `samtal run`: every stage on a recording, a transcript, contributions or an event folder.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole pipeline on a recording, transcript or event folder.",
        discussion: """
            Stages: decode → vad → diarize → align (import) → tag → summarize. Each writes \
            OUT/<table>/NN-<stage>.json; a rerun reuses artifacts that are still valid. Reports \
            per table go to OUT/<table>/ and for the whole event to OUT/: summary.md, \
            summary.json, report.html, transcript.vtt, utterances.csv.

            Examples:
              samtal run samples/event -o out/event
              samtal run table-1.flac --transcript table-1.vtt --language en
              samtal run contributions.csv -o out/dialog
              samtal run samples/event -o out/event --from tag
            """)

    @Argument(help: "A recording, a transcript, a contributions CSV, or an event folder.")
    var input: String

    @Option(name: [.short, .long], help: "Output folder.")
    var output = "samtal-out"

    @Option(help: "Transcript of a single recording (overrides one found beside it).")
    var transcript: String?

    @Option(help: "Codebook YAML to tag themes with (default: Models/codebooks/…).")
    var codebook: String?

    @Option(help: "Language of the reports: sv or en.")
    var language = "sv"

    @Option(help: "Recompute from this stage on: decode, vad, diarize, align, tag, summarize.")
    var from: String?

    @Option(help: "Stop after this stage.")
    var to: String?

    @Option(help: "The Models directory (default: found from the executable or $SAMTAL_MODELS).")
    var models: String?

    @Option(help: "Title of the event report (default: the input's name).")
    var title: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard SummaryLanguage(rawValue: language) != nil else {
            throw ValidationError("--language must be sv or en, not \(language)")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, PipelineStage(name: value) == nil {
                throw ValidationError(
                    "\(name) must be one of \(PipelineStage.allCases.map(\.rawValue).joined(separator: ", ")), not \(value)")
            }
        }
        if let a = from.flatMap(PipelineStage.init(name:)), let b = to.flatMap(PipelineStage.init(name:)),
           a > b {
            throw ValidationError("--from \(a.rawValue) comes after --to \(b.rawValue)")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        var settings = PipelineSettings(
            outputDirectory: output, transcript: transcript,
            language: SummaryLanguage(rawValue: language)!,
            from: from.flatMap(PipelineStage.init(name:)),
            to: to.flatMap(PipelineStage.init(name:)) ?? .summarize, eventTitle: title)
        settings.summarizer = Summarizer(language: settings.language)
        let pipeline = Pipeline(settings: settings,
                                stages: try StageFunctions.standard(
                                    codebook: codebook, models: models.map(URL.init(fileURLWithPath:)),
                                    diagnostics: sink))
        let progress = StderrProgress(quiet: common.quiet)
        let result = try pipeline.run(input: input, diagnostics: sink, progress: progress)
        progress.done(result)
        if let report = result.report { print(report) }
        try common.finish(sink)
    }
}

/// Prints one line per table and stage on stderr with its time, and a closing line.
final class StderrProgress: PipelineProgress, @unchecked Sendable {
    // SAFETY: immutable after init; `Date` and `Stderr.print` are thread-safe.
    let quiet: Bool
    let started = Date()

    init(quiet: Bool) { self.quiet = quiet }

    func started(table: String, stage: PipelineStage) {
        guard !quiet else { return }
        Stderr.print("samtal: \(table): \(stage.rawValue) …")
    }

    func finished(table: String, stage: PipelineStage, seconds: Double, reused: Bool) {
        guard !quiet else { return }
        let elapsed = String(format: "%.1f s", Date().timeIntervalSince(started))
        if reused {
            Stderr.print("samtal: \(table): \(stage.rawValue) up to date (reused \(stage.artifactName)) [\(elapsed)]")
        } else {
            Stderr.print("samtal: \(table): \(stage.rawValue) done in \(String(format: "%.2f", seconds)) s [\(elapsed)]")
        }
    }

    func done(_ result: PipelineResult) {
        guard !quiet else { return }
        let total = String(format: "%.1f", Date().timeIntervalSince(started))
        let tables = result.tables.count
        Stderr.print("samtal: finished \(tables) table\(tables == 1 ? "" : "s") in \(total) s"
            + (result.report.map { "; report: \($0)" } ?? ""))
    }
}
