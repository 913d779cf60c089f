import Foundation
import SamtalCore
import Summaries

/// The REFI-QDA export of a run: every table's tagged utterances as one `.qdpx` project.
public enum QDPXProject {
    /// Builds the archive from a run's output folder (its `*/05-tag.json`), or from one or more
    /// tag artifacts / summary-input files. Throws `.emptyInput` when a folder holds no tables.
    public static func archive(from path: String, language: SummaryLanguage = .sv) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SamtalError(.fileNotFound, "no such file or folder: \(path)")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var tables: [(name: String, input: SummaryInput)] = []
        if isDir.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() {
                let artifact = url.appendingPathComponent(name)
                    .appendingPathComponent(PipelineStage.tag.artifactName).path
                if FileManager.default.fileExists(atPath: artifact) {
                    tables.append((name, try SummaryInputFile.load(artifact)))
                }
            }
            guard !tables.isEmpty else {
                throw SamtalError(.emptyInput, "\(path) holds no tagged tables (*/\(PipelineStage.tag.artifactName))",
                                  hint: "give the output folder of `samtal run`")
            }
        } else {
            let input = try SummaryInputFile.load(path)
            let name = url.lastPathComponent.hasSuffix("-tag.json")
                ? url.deletingLastPathComponent().lastPathComponent
                : url.deletingPathExtension().lastPathComponent
            tables.append((name, input))
        }
        let title = isDir.boolValue ? url.lastPathComponent : tables[0].input.title
        return QDPXExport.archive(title: title, tables: tables, language: language)
    }
}
