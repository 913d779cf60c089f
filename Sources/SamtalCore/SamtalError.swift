/// Where in a source something went wrong: `file:line:column`, line and column 1-based.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        return s
    }
}

/// The one error type users see: a code, a plain sentence saying what failed, how to fix it,
/// where, and the underlying cause.
public struct SamtalError: Error, Sendable, CustomStringConvertible {
    /// Stable, testable error codes. Tests assert the code, never the message text.
    public enum Code: String, Sendable, Codable {
        case fileNotFound
        case isDirectory
        case permissionDenied
        case unsupportedFormat
        case corruptInput
        case truncatedInput
        case emptyInput
        case invalidSamples
        case missingTool
        case parseError
        case invalidArgument
        case invalidModel
        case invalidArtifact
        case writeFailed
        case internalError
    }

    public var code: Code
    /// What failed, in one sentence.
    public var message: String
    /// How to fix it, when we know.
    public var hint: String?
    public var location: SourceLocation?
    /// Text of the underlying cause (a C library's message, a system error).
    public var underlying: String?

    public init(_ code: Code, _ message: String, hint: String? = nil,
                location: SourceLocation? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
        self.underlying = underlying
    }

    /// `location: message (underlying). hint`, compiler style.
    public var description: String {
        var s = ""
        if let location { s += "\(location): " }
        s += message
        if let underlying, !underlying.isEmpty { s += " (\(underlying))" }
        if let hint, !hint.isEmpty { s += "\n  hint: \(hint)" }
        return s
    }
}
