import Foundation
import SamtalCore
import Summaries

/// Writes the reports of a table or an event: summary.md, summary.json, report.html,
/// transcript.vtt (with speakers; when the utterances have times) and utterances.csv.
public enum Outputs {
    /// Writes the reports into `directory` and returns their paths. `writeWebVTT` is nil when no
    /// WebVTT writer is at hand (then transcript.vtt is left out).
    public static func write(summary: Summary, input: SummaryInput, directory: String,
                             language: SummaryLanguage,
                             writeWebVTT: (@Sendable (Transcript) throws -> String)?,
                             diagnostics: DiagnosticSink) throws -> [String] {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var written: [String] = []
        func put(_ name: String, _ data: Data) throws {
            try AtomicFile.write(data, to: path(name))
            written.append(path(name))
        }
        try put("summary.md", Data(summary.markdown().utf8))
        try put("summary.json", try summary.jsonData())
        try put("report.html", Data(summary.html().utf8))
        try put("utterances.csv", Data(input.utterancesCSV(language: language).utf8))
        let timed = input.utterances.filter { $0.start != nil && $0.end != nil }
        if let writeWebVTT, !timed.isEmpty {
            let transcript = Transcript(format: "webvtt", language: language.rawValue,
                                        utterances: timed.sorted { ($0.start!, $0.id) < ($1.start!, $1.id) })
            try put("transcript.vtt", Data(try writeWebVTT(transcript).utf8))
        } else if !input.utterances.isEmpty {
            diagnostics.note("run.no-vtt",
                             "\(input.title): utterances have no times, so no transcript.vtt was written")
        }
        return written
    }
}

/// Reads what `samtal summarize` takes: a `SummaryInput` JSON file, or the tag artifact
/// (`NN-tag.json`) of a pipeline run, whose payload is one.
public enum SummaryInputFile {
    public static func load(_ path: String) throws -> SummaryInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.fileNotFound, "no such file: \(path)")
        }
        var input: SummaryInput
        if let artifact = try? Artifact<SummaryInput>.load(from: path, stage: .tag) {
            input = artifact.payload
        } else {
            do {
                input = try JSONDecoder().decode(SummaryInput.self, from: data)
            } catch {
                throw SamtalError(.invalidArtifact,
                                  "\(path) is neither tagged utterances (summary input) nor a tag artifact",
                                  hint: "give OUT/<table>/05-tag.json from `samtal run`",
                                  underlying: "\(error)")
            }
        }
        try input.validate(source: path)
        return input
    }
}
