import Foundation
import SamtalCore
import Summaries

/// Settings of one `samtal run`.
public struct PipelineSettings: Sendable {
    /// Where artifacts and reports go (`OUT/<table>/…` and the event's reports in `OUT/`).
    public var outputDirectory: String
    /// A transcript for a single recording (`--transcript`).
    public var transcript: String?
    public var language: SummaryLanguage
    /// Recompute this stage and every later one even when their artifacts validate.
    public var from: PipelineStage?
    /// Stop after this stage (reports are written only when it is `summarize`).
    public var to: PipelineStage
    /// Title of the event report; the input's name when nil.
    public var eventTitle: String?
    public var summarizer: Summarizer

    public init(outputDirectory: String, transcript: String? = nil, language: SummaryLanguage = .sv,
                from: PipelineStage? = nil, to: PipelineStage = .summarize,
                eventTitle: String? = nil) {
        self.outputDirectory = outputDirectory
        self.transcript = transcript
        self.language = language
        self.from = from
        self.to = to
        self.eventTitle = eventTitle
        self.summarizer = Summarizer(language: language)
    }
}

/// Receives progress: which table and stage is running, and how long it took.
public protocol PipelineProgress: Sendable {
    func started(table: String, stage: PipelineStage)
    /// `reused` when a valid artifact was loaded instead of computing.
    func finished(table: String, stage: PipelineStage, seconds: Double, reused: Bool)
}

/// Progress that goes nowhere.
public struct SilentProgress: PipelineProgress {
    public init() {}
    public func started(table: String, stage: PipelineStage) {}
    public func finished(table: String, stage: PipelineStage, seconds: Double, reused: Bool) {}
}

/// What one table produced.
public struct TableResult: Sendable {
    public var table: TableSource
    /// Stages computed in this run, and stages whose artifacts were reused.
    public var computed: [PipelineStage]
    public var reused: [PipelineStage]
    /// The summary input (tagged utterances) when the run reached `tag`.
    public var input: SummaryInput?
    public var summary: Summary?
    /// Paths of the reports written for this table.
    public var outputs: [String]
}

/// What a whole run produced.
public struct PipelineResult: Sendable {
    public var tables: [TableResult]
    public var eventSummary: Summary?
    /// Paths of the event-level reports (`OUT/summary.md` …).
    public var outputs: [String]
    /// `OUT/report.html` when written.
    public var report: String?
}

/// The only place that knows the order of the stages: decode → vad → diarize → align (import
/// and alignment) → tag → summarize, per table, then the event summary over all tables.
///
/// Every stage's result is an artifact `OUT/<table>/NN-<stage>.json`; a rerun reuses artifacts
/// whose fingerprint still matches, so only what changed is recomputed.
public struct Pipeline: Sendable {
    public var settings: PipelineSettings
    public var stages: StageFunctions

    public init(settings: PipelineSettings, stages: StageFunctions) {
        self.settings = settings
        self.stages = stages
    }

    /// Runs every table of `input` (a recording, a transcript or an event folder).
    public func run(input: String, diagnostics: DiagnosticSink,
                    progress: PipelineProgress = SilentProgress()) throws -> PipelineResult {
        let tables = try EventLayout.tables(
            input: input, transcript: settings.transcript,
            excluding: settings.outputDirectory, diagnostics: diagnostics)
        var results: [TableResult] = []
        for table in tables {
            let runner = TableRunner(table: table, pipeline: self, diagnostics: diagnostics,
                                     progress: progress)
            results.append(try runner.run())
        }
        var result = PipelineResult(tables: results, eventSummary: nil, outputs: [], report: nil)
        guard settings.to == .summarize else { return result }

        let title = settings.eventTitle
            ?? EventLayout.tableName(URL(fileURLWithPath: input).standardizedFileURL.lastPathComponent)
        let parts = results.compactMap { r in r.input.map { (table: r.table.name, input: $0) } }
        var event = SummaryInput.merging(title: title, parts)
        if parts.count == 1 {
            // One table: keep its speaker turns and plain ids; the event is that table.
            event = parts[0].input
            event.title = title
        }
        let started = Date()
        progress.started(table: title, stage: .summarize)
        let summary = try settings.summarizer.summarize(event, diagnostics: IgnoringDiagnostics())
        result.outputs = try Outputs.write(summary: summary, input: event,
                                           directory: settings.outputDirectory,
                                           language: settings.language,
                                            writeWebVTT: stages.writeWebVTT,
                                           diagnostics: diagnostics)
        progress.finished(table: title, stage: .summarize,
                          seconds: Date().timeIntervalSince(started), reused: false)
        result.eventSummary = summary
        result.report = result.outputs.first { $0.hasSuffix("report.html") }
        return result
    }
}
