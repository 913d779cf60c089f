import ArgumentParser
import Foundation
import SamtalCore

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors (exit 1 if any warning was printed).")
    var strict = false

    @Flag(name: [.short, .long], help: "Print no progress or notes on stderr (warnings still show).")
    var quiet = false

    /// A sink printing to stderr, honouring `--quiet`.
    func makeSink() -> StderrDiagnostics { StderrDiagnostics(quiet: quiet) }

    /// Ends the command with exit code 1 when `--strict` is set and warnings were printed.
    func finish(_ sink: StderrDiagnostics) throws {
        if strict, sink.warningCount > 0 {
            throw SamtalError(.invalidArgument,
                              "\(sink.warningCount) warning(s) with --strict; treating as failure")
        }
    }
}

/// Prints diagnostics to standard error as `samtal: warning: …`; stdout carries results only.
final class StderrDiagnostics: DiagnosticSink, @unchecked Sendable {
    // SAFETY: `count` is only touched while holding `lock`.
    private let lock = NSLock()
    private var count = 0
    let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func emit(_ diagnostic: Diagnostic) {
        lock.lock()
        if diagnostic.severity >= .warning { count += 1 }
        lock.unlock()
        if quiet && diagnostic.severity == .note { return }
        Stderr.print("samtal: \(diagnostic)")
    }

    var warningCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

enum Stderr {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Writes command output to a file atomically, or to stdout when `path` is nil or `-`.
func emitOutput(_ text: String, to path: String?) throws {
    if let path, path != "-" {
        try AtomicFile.write(text, to: path)
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
