import ArgumentParser
import Foundation
import SamtalCore
import Tagging
import Transcripts

/// `samtal tag`: themes, emotions, polarity and actors of every utterance, with evidence.
struct TagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tag utterances with themes, emotions, polarity and actors.",
        discussion: """
            FILE is a transcript in any format `samtal import` reads (WebVTT, SRT, Whisper JSON, \
            CSV …), or, when named *.jsonl or *.ndjson, JSONL with {"id", "text"} per line. Output: JSONL, one object per utterance \
            (id, themes, emotions, actors, polarity, scores, evidence), or with --json one document \
            with summary counts (themes, emotions, actor counts and shares), the utterances, and \
            themes discovered among utterances left without a theme (when 20 or more are left).
            Examples:
              samtal tag contributions.jsonl
              samtal tag contributions.jsonl --codebook my-codebook.yaml --json -o tags.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, json
    }

    @Argument(help: "A transcript (any format `samtal import` reads) or JSONL ({\"id\", \"text\"} per line; *.jsonl).")
    var file: String

    @Option(help: "A codebook (YAML, see Models/codebooks/README.md, or REFI-QDA .qdc) instead of the default.")
    var codebook: String?

    @Flag(help: "Shorthand for --format json.")
    var json = false

    @Option(help: "Output format: jsonl (one line per utterance) or json (summary + utterances).")
    var format: Format = .jsonl

    @Option(name: [.short, .customLong("output")], help: "Write here instead of stdout.")
    var output: String?

    @Option(help: "The Models directory (default: found from the executable or $SAMTAL_MODELS).")
    var models: String?

    @Flag(help: "FILE is labelled JSONL (themes, actors): print per-label P/R/F1 instead of tags (themes cross-validated, 5 folds).")
    var evaluate = false

    @Flag(help: "FILE is labelled JSONL: train the codebook's theme layer on it and write Models/themes/<codebook>.json.")
    var trainThemes = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if json && format == .jsonl && CommandLine.arguments.contains("--format") {
            throw ValidationError("--json and --format jsonl contradict each other")
        }
        if evaluate && trainThemes { throw ValidationError("choose one of --evaluate and --train-themes") }
    }

    func run() async throws {
        let sink = common.makeSink()
        let modelsDir = try models.map { URL(fileURLWithPath: $0) } ?? ModelStore.directory()
        let book = try codebook.map(loadCodebook)
        if evaluate || trainThemes {
            try runLabelled(book: book ?? Codebook.standard(models: modelsDir), modelsDir: modelsDir,
                            sink: sink)
            return try common.finish(sink)
        }
        let tagger = try Tagger.standard(models: modelsDir, codebook: book, diagnostics: sink)
        let utterances = try readUtterances(file, diagnostics: sink)
        if utterances.isEmpty { sink.warning("tag.empty", "\(file) has no utterances") }
        if json || format == .json {
            let tags = tagger.tag(utterances)
            let discovered = tagger.discoverThemes(utterances, tags: tags)
            try emitOutput(try TagDocument.render(tags: tags, tagger: tagger, discovered: discovered),
                           to: output)
        } else {
            // Each line is written as soon as it is tagged; no tags are kept.
            var writer = TagLineWriter()
            for u in utterances { writer.append(tagger.tag(u)) }
            try emitOutput(Data(writer.bytes), to: output)
        }
        try common.finish(sink)
    }

    /// `--evaluate` and `--train-themes` on labelled JSONL.
    private func runLabelled(book: Codebook, modelsDir: URL, sink: StderrDiagnostics) throws {
        let examples = try ThemeExample.readJSONL(path: file)
        let analyzer = try TextAnalyzer(language: book.language, models: modelsDir)
        if trainThemes {
            let model = try ThemeTrainer().train(
                examples, codebook: book, analyzer: analyzer,
                metadata: ["data": URL(fileURLWithPath: file).lastPathComponent])
            let path = output ?? modelsDir.appendingPathComponent("themes/\(book.id).json").path
            try AtomicFile.write(model.jsonData(), to: path)
            sink.note("tag.trained", "theme model: \(examples.count) utterances, \(model.features.count) features → \(path)")
            return
        }
        let actors = try ActorGazetteer.standard(models: modelsDir, analyzer: analyzer)
        let sections = try ThemeEvaluation().evaluate(
            examples, codebook: book, actors: actors, analyzer: analyzer,
            dataset: URL(fileURLWithPath: file).lastPathComponent)
        let report = EvaluationReport(sections: sections)
        let text = json || format == .json ? String(decoding: try report.jsonData(), as: UTF8.self)
            : report.markdown(title: "Theme and actor evaluation")
        try emitOutput(text, to: output)
    }

    private func loadCodebook(_ path: String) throws -> Codebook {
        path.lowercased().hasSuffix(".qdc") ? try Codebook.loadQDC(path: path) : try Codebook.load(path: path)
    }

    /// JSONL by extension, every other file through the transcript readers.
    private func readUtterances(_ path: String, diagnostics: DiagnosticSink) throws -> [Utterance] {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" {
            return try ThemeExample.readJSONL(path: path).map { Utterance(id: $0.id, text: $0.text) }
        }
        return try TranscriptIO.read(path: path, diagnostics: diagnostics).utterances
    }
}

/// Output documents of `samtal tag`.
enum TagDocument {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    struct Document: Encodable {
        var schemaVersion = UtteranceTags.schemaVersion
        var codebook: String
        var summary: TagSummary
        var discovered: [DiscoveredTheme]
        var utterances: [UtteranceTags]
    }

    static func render(tags: [UtteranceTags], tagger: Tagger, discovered: [DiscoveredTheme])
        throws -> String {
        let doc = Document(
            codebook: tagger.themes.codebook.id,
            summary: TagSummary(tags: tags, themeIDs: tagger.themes.codebook.themeIDs,
                                actorIDs: tagger.actors?.actorIDs ?? []),
            discovered: discovered, utterances: tags)
        return String(decoding: try encoder(pretty: true).encode(doc), as: UTF8.self) + "\n"
    }
}
