import ArgumentParser
import SamtalCore
import Transcripts

/// `samtal import FILE`: reads a transcript in any supported format.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a transcript in any supported format.",
        discussion: """
            The format is detected from the content (WebVTT, SRT, Whisper JSON, RTTM, STM, Otter, \
            plain text, ELAN, TextGrid, CSV/TSV); --from forces one. Prints the transcript as \
            readable text, or as samtal JSON with --json.
            """)

    @Argument(help: "The transcript file.")
    var file: String

    @Flag(help: "Print samtal's transcript JSON (schemaVersion \(Transcript.schemaVersion)).")
    var json = false

    @Option(name: [.short, .long], help: "Write to this file instead of stdout.")
    var output: String?

    @OptionGroup var input: TranscriptReadOptions
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let sink = common.makeSink()
        let transcript = try input.read(file, diagnostics: sink)
        let text = try TranscriptIO.write(transcript, format: json ? .json : .plain)
        try common.finish(sink)
        try emitOutput(text, to: output)
    }
}
