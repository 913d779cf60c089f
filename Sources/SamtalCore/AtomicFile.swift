import Foundation

/// Writes files so that a reader never sees half a file and a failed run never destroys what the
/// user had: the data goes to a temporary file in the same directory, which is then renamed.
public enum AtomicFile {
    /// Writes `data` to `path` atomically. Creates missing parent directories.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: data) else {
                throw SamtalError(.writeFailed, "cannot create \(tmp)",
                                  hint: "check that the directory is writable")
            }
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Calls `body` with a temporary path next to `path`; if `body` returns, renames the temporary
    /// file onto `path`; if it throws, removes the temporary file and rethrows.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw SamtalError(.isDirectory, "output path \(path) is a directory",
                              hint: "give a file name, e.g. \(path)/out")
        }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw SamtalError(.writeFailed, "cannot create directory \(dir.path)",
                              underlying: "\(error)")
        }
        let tmp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        do {
            try body(tmp)
            if rename(tmp, path) != 0 {
                let reason = String(cString: strerror(errno))
                throw SamtalError(.writeFailed, "cannot move output into place at \(path)",
                                  underlying: reason)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
    }
}
