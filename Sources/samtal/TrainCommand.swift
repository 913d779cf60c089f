import ArgumentParser
import Foundation
import SamtalCore
import Tagging

/// `samtal train`: retrains the emotion and polarity models in `Models/emotions/` from the
/// labelled data in the shared folder. Deterministic: the same data gives byte-identical files.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the emotion and polarity models from labelled data.",
        discussion: """
            Reads BRIGHTER-sv, XED-sv, SuperLim absabank-imm, the sentiment lexicons and \
            utterances-sv/dev.jsonl from --shared and writes Models/emotions/model-*.json, the \
            derived lexicons, and the theme model Models/themes/<codebook>.json. \
            Example: samtal train --shared ../shared/data --models Models --only themes
            """)

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case emotions, themes
    }

    @Option(help: "The shared data folder (default: $SAMTAL_SHARED_DATA or ../shared/data).")
    var shared: String?

    @Option(help: "The Models directory to write into (default: found like every command).")
    var models: String?

    @Option(help: "Train only this part: emotions or themes (default: both).")
    var only: Part?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let sink = common.makeSink()
        let sharedDir = try resolveSharedData(shared)
        let modelsDir = try models.map { URL(fileURLWithPath: $0) } ?? ModelStore.directory()
        if only != .themes {
            let analyzer = try TextAnalyzer(language: .swedish, models: modelsDir)
            try EmotionTraining().train(paths: EmotionDataPaths(shared: sharedDir), models: modelsDir,
                                        analyzer: analyzer, diagnostics: sink)
        }
        if only != .emotions {
            try ThemeTrainer().trainStandard(shared: sharedDir, models: modelsDir, diagnostics: sink)
        }
        try common.finish(sink)
    }
}

/// The shared data folder from an option, `SAMTAL_SHARED_DATA`, or `../shared/data`.
func resolveSharedData(_ option: String?) throws -> URL {
    let path = option ?? ProcessInfo.processInfo.environment["SAMTAL_SHARED_DATA"] ?? "../shared/data"
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
        throw SamtalError(.fileNotFound, "shared data folder \(path) does not exist",
                          hint: "pass --shared DIR (the data folder beside the repository, e.g. ../shared/data)")
    }
    return URL(fileURLWithPath: path)
}
