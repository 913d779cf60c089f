import ArgumentParser
import Foundation
import SamtalCore
import Tagging

/// `samtal tag`: themes, emotions, polarity and actors of every utterance, with evidence.
struct TagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tag utterances with themes, emotions, polarity and actors.",
        discussion: """
            FILE is JSONL with {"id", "text"} per line. Output: JSONL, one object per utterance \
            (id, themes, emotions, actors, polarity, scores, evidence), or with --json one document \
            with summary counts (themes, emotions, actor counts and shares) and the utterances.
            Examples:
              samtal tag contributions.jsonl
              samtal tag contributions.jsonl --codebook my-codebook.yaml --json -o tags.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, json
    }

    @Argument(help: "Utterances: JSONL with {\"id\", \"text\"} per line.")
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

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if json && format == .jsonl && CommandLine.arguments.contains("--format") {
            throw ValidationError("--json and --format jsonl contradict each other")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let modelsDir = try models.map { URL(fileURLWithPath: $0) } ?? ModelStore.directory()
        let book = try codebook.map(loadCodebook)
        let tagger = try Tagger.standard(models: modelsDir, codebook: book, diagnostics: sink)
        let utterances = try readUtterances(file)
        if utterances.isEmpty { sink.warning("tag.empty", "\(file) has no utterances") }
        let tags = tagger.tag(utterances)
        let text: String
        if json || format == .json {
            text = try TagDocument.render(tags: tags, tagger: tagger)
        } else {
            text = try tags.map(TagDocument.line).joined()
        }
        try emitOutput(text, to: output)
        try common.finish(sink)
    }

    private func loadCodebook(_ path: String) throws -> Codebook {
        path.lowercased().hasSuffix(".qdc") ? try Codebook.loadQDC(path: path) : try Codebook.load(path: path)
    }

    private func readUtterances(_ path: String) throws -> [Utterance] {
        try ThemeExample.readJSONL(path: path).map { Utterance(id: $0.id, text: $0.text) }
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

    /// One JSONL line (with its newline).
    static func line(_ tags: UtteranceTags) throws -> String {
        String(decoding: try encoder(pretty: false).encode(tags), as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        var schemaVersion = UtteranceTags.schemaVersion
        var codebook: String
        var summary: TagSummary
        var utterances: [UtteranceTags]
    }

    static func render(tags: [UtteranceTags], tagger: Tagger) throws -> String {
        let doc = Document(
            codebook: tagger.themes.codebook.id,
            summary: TagSummary(tags: tags, themeIDs: tagger.themes.codebook.themeIDs,
                                actorIDs: tagger.actors?.actorIDs ?? []),
            utterances: tags)
        return String(decoding: try encoder(pretty: true).encode(doc), as: UTF8.self) + "\n"
    }
}
