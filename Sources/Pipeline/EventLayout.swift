import Foundation
import SamtalCore

/// One table of an event: its recording and/or transcript (or written contributions).
public struct TableSource: Sendable, Equatable, Codable {
    /// Folder-safe name, e.g. `"table-1"`; outputs go to `OUT/<name>/`.
    public var name: String
    public var recording: String?
    public var transcript: String?

    public init(name: String, recording: String? = nil, transcript: String? = nil) {
        self.name = name
        self.recording = recording
        self.transcript = transcript
    }
}

/// Finds the tables of an input: a recording, a transcript, a contributions CSV, or an event
/// folder holding one recording and/or transcript per table, as files (`table-1.flac`,
/// `table-1.vtt`) or subfolders (`table-1/recording.flac`, `table-1/transcript.vtt`).
public enum EventLayout {
    static let audioExtensions: Set<String> = [
        "wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "mp4", "webm", "aiff", "aif",
        "caf", "wma",
    ]
    /// Transcript extensions, most preferred first when a table holds several.
    static let transcriptExtensions = [
        "vtt", "srt", "json", "eaf", "textgrid", "stm", "csv", "tsv", "txt",
    ]

    /// File names that say what a file is rather than which table it belongs to.
    static let genericNames: Set<String> = [
        "recording", "audio", "inspelning", "transcript", "transkript", "transkription",
    ]

    static func isAudio(_ path: String) -> Bool {
        audioExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    static func isTranscript(_ path: String) -> Bool {
        transcriptExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The tables of `input`, sorted by name. `transcript` overrides the transcript of a single
    /// recording. Throws `.fileNotFound` or `.emptyInput` when there is nothing to run on.
    /// `excluding` (the output folder) is never read as a table.
    public static func tables(input: String, transcript: String? = nil, excluding: String? = nil,
                              diagnostics: DiagnosticSink) throws -> [TableSource] {
        let excluded = excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw SamtalError(.fileNotFound, "no such file or folder: \(input)")
        }
        if let transcript, !FileManager.default.fileExists(atPath: transcript) {
            throw SamtalError(.fileNotFound, "no such transcript: \(transcript)")
        }
        if !isDir.boolValue {
            // `table-1/recording.flac` is table-1, not "recording".
            var name = tableName((input as NSString).lastPathComponent)
            if genericNames.contains(name.lowercased()) {
                let parent = ((input as NSString).deletingLastPathComponent as NSString).lastPathComponent
                if !parent.isEmpty && parent != "." && parent != "/" { name = tableName(parent) }
            }
            if isAudio(input) {
                return [TableSource(name: name, recording: input, transcript: transcript)]
            }
            if transcript != nil {
                throw SamtalError(.invalidArgument,
                                  "--transcript goes with a recording, but \(input) is not one")
            }
            return [TableSource(name: name, transcript: input)]
        }
        var tables: [TableSource] = []
        let entries = try contents(input).filter {
            URL(fileURLWithPath: $0).standardizedFileURL.path != excluded
        }
        // Subfolders: one table each.
        for entry in entries where isDirectory(entry) {
            let files = try contents(entry).filter { !isDirectory($0) }
            if let table = table(named: tableName((entry as NSString).lastPathComponent),
                                 files: files, diagnostics: diagnostics) {
                tables.append(table)
            }
        }
        // Files directly in the folder: grouped by name without extension.
        let files = entries.filter { !isDirectory($0) }
        let groups = Dictionary(grouping: files) {
            (($0 as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        for (stem, members) in groups {
            if let table = table(named: tableName(stem), files: members, diagnostics: diagnostics) {
                tables.append(table)
            }
        }
        if transcript != nil {
            guard tables.count == 1, tables[0].recording != nil else {
                throw SamtalError(.invalidArgument,
                                  "--transcript needs a single recording, but \(input) holds \(tables.count) tables",
                                  hint: "put each table's transcript beside its recording instead")
            }
            tables[0].transcript = transcript
        }
        guard !tables.isEmpty else {
            throw SamtalError(.emptyInput, "\(input) holds no recordings or transcripts",
                              hint: "give a folder with e.g. table-1/recording.flac and table-1/transcript.vtt")
        }
        let names = tables.map(\.name)
        if Set(names).count != names.count {
            throw SamtalError(.invalidArgument, "two tables in \(input) share a name",
                              hint: "rename the files or folders so each table has its own name")
        }
        return tables.sorted { $0.name < $1.name }
    }

    /// A table from the files of one folder or one name group; nil when it holds neither.
    static func table(named name: String, files: [String], diagnostics: DiagnosticSink)
        -> TableSource?
    {
        let audio = files.filter(isAudio).sorted()
        let transcripts = files.filter(isTranscript).sorted { a, b in
            let ra = transcriptExtensions.firstIndex(of: (a as NSString).pathExtension.lowercased())!
            let rb = transcriptExtensions.firstIndex(of: (b as NSString).pathExtension.lowercased())!
            return ra != rb ? ra < rb : a < b
        }
        guard !audio.isEmpty || !transcripts.isEmpty else { return nil }
        if audio.count > 1 {
            diagnostics.warning("run.several-recordings",
                                "table \(name) has \(audio.count) recordings; using \(audio[0])")
        }
        if transcripts.count > 1 {
            diagnostics.note("run.several-transcripts",
                             "table \(name) has \(transcripts.count) transcripts; using \(transcripts[0])")
        }
        return TableSource(name: name, recording: audio.first, transcript: transcripts.first)
    }

    /// A name safe as a folder: letters, digits, `-`, `_` and `.` kept, others become `-`.
    static func tableName(_ raw: String) -> String {
        let stem = raw.contains(".") && !raw.hasPrefix(".") ? (raw as NSString).deletingPathExtension : raw
        let mapped = String(stem.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
        return mapped.isEmpty ? "table" : mapped
    }

    private static func contents(_ dir: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: dir)
                .filter { !$0.hasPrefix(".") }.sorted()
                .map { (dir as NSString).appendingPathComponent($0) }
        } catch {
            throw SamtalError(.permissionDenied, "cannot list \(dir)", underlying: "\(error)")
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
