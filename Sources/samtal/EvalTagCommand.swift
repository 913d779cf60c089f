import ArgumentParser
import Foundation
import SamtalCore
import Tagging

/// `samtal eval tag`: per-label precision, recall and F1 (and correlations) of the tagging layers
/// against the labelled data in the shared folder.
struct EvalTagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Per-label precision, recall and F1 of tagging against labelled utterances.",
        discussion: """
            Tasks: themes (themes and actors), \(EmotionEvaluation.tasks.joined(separator: ", ")), \
            speed (default: all but speed). speed times the emotion layer on 10 000 utterances \
            (dev.jsonl repeated). \
            Example: samtal eval tag --shared ../shared/data --task emotions --json
            """)

    @Option(help: "The shared data folder (default: $SAMTAL_SHARED_DATA or ../shared/data).")
    var shared: String?

    @Option(help: "The Models directory (default: found like every command).")
    var models: String?

    @Option(name: .customLong("task"), help: "Evaluate only this task (repeatable).")
    var tasks: [String] = []

    @Flag(help: "Print JSON instead of Markdown.")
    var json = false

    @Option(name: [.short, .long], help: "Write the report here instead of stdout.")
    var output: String?

    @Option(help: "Also write the JSON report to this file.")
    var jsonOutput: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        for t in tasks where !EmotionEvaluation.tasks.contains(t) && t != "speed" && t != "themes" {
            throw ValidationError("unknown task `\(t)`; choose from themes, \(EmotionEvaluation.tasks.joined(separator: ", ")), speed")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let sharedDir = try resolveSharedData(shared)
        let modelsDir = try models.map { URL(fileURLWithPath: $0) } ?? ModelStore.directory()
        let analyzer = try TextAnalyzer(language: .swedish, models: modelsDir)
        let emotions = try EmotionAnalyzer(models: modelsDir)
        let selected = Set(tasks.isEmpty ? ["themes"] + EmotionEvaluation.tasks : tasks)
        let paths = EmotionDataPaths(shared: sharedDir)
        var sections: [EvaluationReport.Section] = []
        if selected.contains("themes") {
            sections += try ThemeEvaluation().standard(shared: sharedDir, models: modelsDir)
        }
        sections += try EmotionEvaluation().run(
            tasks: selected, paths: paths, analyzer: analyzer, emotions: emotions, diagnostics: sink)
        if selected.contains("speed") {
            sections.append(try speed(paths: paths, analyzer: analyzer, emotions: emotions))
        }
        let report = EvaluationReport(sections: sections)
        let text = json ? String(decoding: try report.jsonData(), as: UTF8.self)
            : report.markdown(title: "Tagging evaluation")
        try emitOutput(text, to: output)
        if let jsonOutput { try AtomicFile.write(report.jsonData(), to: jsonOutput) }
        try common.finish(sink)
    }

    /// Times tokenisation and the emotion layer on 10 000 utterances (dev.jsonl repeated), on one
    /// core.
    func speed(paths: EmotionDataPaths, analyzer: TextAnalyzer, emotions: EmotionAnalyzer) throws
        -> EvaluationReport.Section {
        let texts = try EmotionDatasets.utterances(paths.utterances).map(\.text)
        let n = 10_000
        let clock = ContinuousClock()
        var analyzed: [AnalyzedText] = []
        analyzed.reserveCapacity(n)
        let tokenizing = clock.measure {
            for i in 0..<n { analyzed.append(analyzer.analyze(texts[i % texts.count])) }
        }
        var checksum = 0.0
        let cpuStart = threadCPUSeconds()
        let scoring = clock.measure {
            for a in analyzed { checksum += emotions.analyze(a).polarity }
        }
        let cpu = threadCPUSeconds() - cpuStart
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        return EvaluationReport.Section(
            task: "speed", dataset: "utterances-sv/dev.jsonl × \(n / texts.count + 1) (\(n) utterances)",
            method: "release build, one thread, wall clock; checksum \(String(format: "%.3f", checksum))",
            items: n,
            figures: ["seconds, emotion layer (lexicon + 5 linear models + evidence)": seconds(scoring),
                      "CPU seconds, emotion layer": cpu,
                      "seconds, tokenizer (TextAnalyzer)": seconds(tokenizing)],
            reference: "target: 10 000 utterances tagged in under 1 s")
    }

    /// CPU time of the calling thread (not disturbed by other processes on a shared machine).
    func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
