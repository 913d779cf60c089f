import ArgumentParser
import Foundation
import Pipeline
import SamtalCore
import Transcripts

/// `samtal export FILE --format F`: reads a transcript and writes it in another format.
///
/// Targets are listed in `ExportTarget`. A target that needs more than the Transcripts module
/// (e.g. a REFI-QDA `qdpx` project built by Pipeline) is added as a new case there, with its
/// rendering in `ExportTarget.render`; the command itself does not change.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a transcript in another format.",
        discussion: "Formats: \(ExportTarget.names.joined(separator: ", ")).")

    @Argument(help: "The transcript file (any format `samtal import` reads).")
    var file: String

    @Option(name: [.short, .customLong("format")], help: "Output format: \(ExportTarget.names.joined(separator: ", ")).")
    var format: String

    @Option(name: [.short, .long], help: "Output file (default: stdout).")
    var output: String?

    @OptionGroup var input: TranscriptReadOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard ExportTarget(name: format) != nil else {
            throw ValidationError("unknown export format '\(format)'; use one of: \(ExportTarget.names.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        if case .qdpx = ExportTarget(name: format)! {
            // FILE is a run's output folder or a tag artifact: the tagged event, not a transcript.
            try emitOutput(try QDPXProject.archive(from: file), to: output)
            return
        }
        let transcript = try input.read(file, diagnostics: sink)
        let data = try ExportTarget(name: format)!.render(transcript)
        try common.finish(sink)
        try emitOutput(data, to: output)
    }
}

/// What `samtal export` can write.
enum ExportTarget {
    case transcript(TranscriptFormat)
    /// REFI-QDA project of a tagged event (`samtal export OUT --format qdpx -o event.qdpx`).
    case qdpx

    static var names: [String] {
        ["vtt", "srt", "json", "rttm", "csv", "tsv", "txt", "textgrid", "qdpx"]
    }

    init?(name: String) {
        if name.lowercased() == "qdpx" { self = .qdpx; return }
        guard let f = TranscriptFormat(name: name), TranscriptFormat.writable.contains(f) else {
            return nil
        }
        self = .transcript(f)
    }

    func render(_ transcript: Transcript) throws -> Data {
        switch self {
        case .transcript(let f): Data(try TranscriptIO.write(transcript, format: f).utf8)
        case .qdpx: throw SamtalError(.invalidArgument, "qdpx exports a tagged event, not a transcript")
        }
    }
}

/// Writes bytes to a file atomically, or to stdout when `path` is nil or `-`.
func emitOutput(_ data: Data, to path: String?) throws {
    if let path, path != "-" {
        try AtomicFile.write(data, to: path)
    } else {
        FileHandle.standardOutput.write(data)
    }
}
