import Foundation

/// Finds the `Models/` directory holding codebooks, lexicons and trained weights.
///
/// Search order: the `SAMTAL_MODELS` environment variable; `Models/` next to the executable's
/// build or install prefix (`…/.build/release/samtal` → repository root; `PREFIX/bin/samtal` →
/// `PREFIX/share/samtal/Models`); `Models/` in the current directory or one of its parents.
/// Nothing is ever downloaded.
public enum ModelStore {
    /// The models directory, or an error saying where we looked.
    public static func directory() throws -> URL {
        var tried: [String] = []
        for candidate in candidates() {
            tried.append(candidate.path)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir),
               isDir.boolValue {
                return candidate.standardizedFileURL
            }
        }
        throw SamtalError(
            .invalidModel, "cannot find the Models directory (looked in \(tried.joined(separator: ", ")))",
            hint: "set SAMTAL_MODELS to the Models folder of the samtal repository")
    }

    /// A file inside the models directory, e.g. `url(for: "codebooks/kompetensforsorjning.yaml")`.
    public static func url(for relativePath: String) throws -> URL {
        let url = try directory().appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SamtalError(.invalidModel, "model file \(url.path) is missing",
                              hint: "restore it from the repository (git checkout Models/)")
        }
        return url
    }

    static func candidates() -> [URL] {
        var out: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SAMTAL_MODELS"], !env.isEmpty {
            out.append(URL(fileURLWithPath: env))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<6 {
            out.append(dir.appendingPathComponent("Models"))
            out.append(dir.appendingPathComponent("share/samtal/Models"))
            dir = dir.deletingLastPathComponent()
        }
        var cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            out.append(cwd.appendingPathComponent("Models"))
            cwd = cwd.deletingLastPathComponent()
        }
        return out
    }
}
