import Foundation

/// Paths tests need: the repository root, `Models/`, `../shared/data`, and scratch directories.
public enum Fixtures {
    /// The repository root (the directory holding `Package.swift`), found from this source file.
    public static let repositoryRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir
            }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `Models/` in the repository.
    public static var models: URL { repositoryRoot.appendingPathComponent("Models") }

    /// `samples/` in the repository.
    public static var samples: URL { repositoryRoot.appendingPathComponent("samples") }

    /// The shared data folder (`SAMTAL_SHARED_DATA` or `../shared/data` beside the repository),
    /// or nil when it is not there; tests that need it are skipped then.
    public static var sharedData: URL? {
        let env = ProcessInfo.processInfo.environment["SAMTAL_SHARED_DATA"]
        let url = env.map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The built `samtal` executable for end-to-end tests (`SAMTAL_BIN` or the build folder).
    public static var samtalExecutable: URL? {
        if let env = ProcessInfo.processInfo.environment["SAMTAL_BIN"] {
            return URL(fileURLWithPath: env)
        }
        // The test bundle lives in the same build folder as the executable.
        let bundle = Bundle.main.bundleURL
        for dir in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("samtal")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// A fresh temporary directory, unique per call.
    public static func temporaryDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("samtal-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program and captures its output, for end-to-end tests of the CLI.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum Run {
    /// Runs `executable` with `arguments`; waits for it.
    public static func process(_ executable: URL, _ arguments: [String],
                               environment: [String: String]? = nil,
                               currentDirectory: URL? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let currentDirectory { p.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return ProcessResult(status: p.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
