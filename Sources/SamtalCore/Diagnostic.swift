import Foundation

/// A warning or note that does not stop the work (clipping, empty speech, an unaligned cue).
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// Stable machine-readable code, e.g. `"decode.truncated"`, `"vtt.skipped-cue"`.
    public var code: String
    public var message: String
    public var location: SourceLocation?

    public init(_ severity: Severity, code: String, _ message: String, location: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}

/// Where stages send diagnostics. The CLI prints them to stderr; tests collect them.
public protocol DiagnosticSink: Sendable {
    func emit(_ diagnostic: Diagnostic)
}

extension DiagnosticSink {
    public func warning(_ code: String, _ message: String, at location: SourceLocation? = nil) {
        emit(Diagnostic(.warning, code: code, message, location: location))
    }

    public func note(_ code: String, _ message: String, at location: SourceLocation? = nil) {
        emit(Diagnostic(.note, code: code, message, location: location))
    }
}

/// A sink that keeps every diagnostic, for tests and for embedding diagnostics in artifacts.
public final class DiagnosticCollector: DiagnosticSink, @unchecked Sendable {
    // SAFETY: `storage` is only touched while holding `lock`.
    private let lock = NSLock()
    private var storage: [Diagnostic] = []

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        lock.lock()
        storage.append(diagnostic)
        lock.unlock()
    }

    /// Everything emitted so far, in order.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A sink that drops everything.
public struct IgnoringDiagnostics: DiagnosticSink {
    public init() {}
    public func emit(_ diagnostic: Diagnostic) {}
}
