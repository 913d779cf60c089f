import Foundation
import SamtalCore

/// Paths of the external programs the decoder may run (`ffmpeg`, `ffprobe`), or nil when absent.
public struct ExternalTools: Sendable, Equatable {
    public var ffmpeg: String?
    public var ffprobe: String?

    public init(ffmpeg: String?, ffprobe: String?) {
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
    }

    /// Finds the tools on `searchPath` (a `PATH`-style list; the process's `PATH` by default).
    public static func onPath(_ searchPath: String? = nil) -> ExternalTools {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        func find(_ name: String) -> String? {
            for dir in path.split(separator: ":") where !dir.isEmpty {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            return nil
        }
        return ExternalTools(ffmpeg: find("ffmpeg"), ffprobe: find("ffprobe"))
    }

    /// The error for a missing ffmpeg/ffprobe, saying how to install it.
    static func missing(_ tool: String, for path: String) -> SamtalError {
        SamtalError(
            .missingTool,
            "\(path) needs `\(tool)` to decode (libsndfile cannot read it), and `\(tool)` is not installed",
            hint: "install ffmpeg: `sudo apt-get install ffmpeg` (Debian/Ubuntu) or "
                + "`brew install ffmpeg` (macOS), or convert the file to WAV/FLAC first")
    }
}
