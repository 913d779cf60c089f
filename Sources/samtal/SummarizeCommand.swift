import ArgumentParser
import Foundation
import Pipeline
import SamtalCore
import Summaries

/// `samtal summarize`: the summary step alone, from tagged utterances.
struct SummarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Write a summary from tagged utterances.",
        discussion: """
            Reads tagged utterances: the tag artifact of a run (OUT/<table>/05-tag.json) or a \
            summary-input JSON file (schemaVersion, title, utterances, tags, labels). Several \
            files are summarised together as one event. Without -o the summary is printed in \
            --format; with -o DIR, summary.md, summary.json, report.html and utterances.csv \
            are written there.

            Examples:
              samtal summarize out/event/table-1/05-tag.json --language en
              samtal summarize out/event/*/05-tag.json -o out/event-en --language en
            """)

    @Argument(help: "Tagged utterances: tag artifacts or summary-input JSON files.")
    var files: [String]

    @Option(name: [.short, .long], help: "Write all reports into this folder.")
    var output: String?

    @Option(help: "Printed format when no -o is given: md, json or html.")
    var format = "md"

    @Option(help: "Language of the summary: sv or en.")
    var language = "sv"

    @Option(help: "Title (default: the input's title, or the folder name for several files).")
    var title: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file") }
        guard SummaryLanguage(rawValue: language) != nil else {
            throw ValidationError("--language must be sv or en, not \(language)")
        }
        guard ["md", "json", "html"].contains(format) else {
            throw ValidationError("--format must be md, json or html, not \(format)")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let lang = SummaryLanguage(rawValue: language)!
        var input: SummaryInput
        if files.count == 1 {
            input = try SummaryInputFile.load(files[0])
        } else {
            // Tables are named by their folder (OUT/<table>/05-tag.json) or else the file name.
            let parts = try files.map { path -> (table: String, input: SummaryInput) in
                let url = URL(fileURLWithPath: path)
                let loaded = try SummaryInputFile.load(path)
                let name = url.lastPathComponent.hasSuffix("-tag.json")
                    ? url.deletingLastPathComponent().lastPathComponent
                    : url.deletingPathExtension().lastPathComponent
                return (name, loaded)
            }
            if Set(parts.map(\.table)).count != parts.count {
                throw SamtalError(.invalidArgument, "two inputs have the same table name",
                                  hint: "give each table's file its own folder or name")
            }
            input = SummaryInput.merging(title: "", parts)
            input.title = URL(fileURLWithPath: files[0]).deletingLastPathComponent()
                .deletingLastPathComponent().lastPathComponent
        }
        if let title { input.title = title }
        let summary = try Summarizer(language: lang).summarize(input, diagnostics: sink)
        if let output {
            let written = try Outputs.write(summary: summary, input: input, directory: output,
                                            language: lang, writeWebVTT: nil, diagnostics: sink)
            for path in written { print(path) }
        } else {
            switch format {
            case "json": try emitOutput(String(decoding: try summary.jsonData(), as: UTF8.self), to: nil)
            case "html": try emitOutput(summary.html(), to: nil)
            default: try emitOutput(summary.markdown(), to: nil)
            }
        }
        try common.finish(sink)
    }
}
