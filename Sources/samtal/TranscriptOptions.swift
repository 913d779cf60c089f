import ArgumentParser
import SamtalCore
import Transcripts

/// Options for commands that read a transcript (`import`, `export`, `align`).
struct TranscriptReadOptions: ParsableArguments {
    @Option(name: .customLong("from"),
            help: "Input format (default: detected from the content): \(TranscriptFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var inputFormat: String?

    @Flag(help: "Skip unreadable parts with a warning each instead of failing.")
    var lenient = false

    @Option(help: "Text encoding: \(TextEncodingChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var encoding: String = "auto"

    @Option(help: "CSV/TSV: column (header name or 1-based number) holding the text.")
    var textColumn: String?
    @Option(help: "CSV/TSV: column holding the author or speaker.")
    var speakerColumn: String?
    @Option(help: "CSV/TSV: column holding the question or activity.")
    var questionColumn: String?
    @Option(help: "CSV/TSV: column holding the (start) time.")
    var timeColumn: String?
    @Option(help: "CSV/TSV: column holding the end time.")
    var endColumn: String?
    @Option(help: "CSV/TSV: field separator (one character, `tab` for a tab).")
    var delimiter: String?
    @Option(help: "ELAN/TextGrid: read only these tiers (comma-separated names).")
    var tiers: String?

    func format() throws -> TranscriptFormat? {
        guard let inputFormat else { return nil }
        guard let f = TranscriptFormat(name: inputFormat) else {
            throw ValidationError("unknown input format '\(inputFormat)'; use one of: \(TranscriptFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return f
    }

    func readOptions() throws -> ReadOptions {
        guard let enc = TextEncodingChoice(rawValue: encoding.lowercased()) else {
            throw ValidationError("unknown encoding '\(encoding)'; use one of: \(TextEncodingChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var delimiterChar: Character? = nil
        if let delimiter {
            if delimiter == "tab" || delimiter == "\\t" { delimiterChar = "\t" }
            else if delimiter.count == 1 { delimiterChar = delimiter.first }
            else { throw ValidationError("--delimiter takes one character or 'tab'") }
        }
        return ReadOptions(lenient: lenient, encoding: enc, textColumn: textColumn,
                           speakerColumn: speakerColumn, questionColumn: questionColumn,
                           timeColumn: timeColumn, endColumn: endColumn, delimiter: delimiterChar,
                           tiers: tiers.map { $0.split(separator: ",").map { String($0).trimmingSpaces } })
    }

    func validate() throws {
        _ = try format()
        _ = try readOptions()
    }

    func read(_ path: String, diagnostics: DiagnosticSink) throws -> Transcript {
        try TranscriptIO.read(path: path, format: format(), options: readOptions(),
                              diagnostics: diagnostics)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
