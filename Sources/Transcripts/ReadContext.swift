import SamtalCore

/// What a reader needs besides the text: where it came from, the options, and where warnings go.
struct ReadContext {
    var source: String
    var options: ReadOptions
    var diagnostics: DiagnosticSink

    func location(_ line: Int?, _ column: Int? = nil) -> SourceLocation {
        SourceLocation(file: source, line: line, column: column)
    }

    /// A located parse error.
    func error(_ message: String, line: Int?, column: Int? = nil, hint: String? = nil)
        -> SamtalError
    {
        SamtalError(.parseError, message, hint: hint ?? "fix the file at this place",
                    location: location(line, column))
    }

    /// A malformed part of the input: in lenient mode a warning (the caller skips the part),
    /// otherwise a located parse error.
    func recover(_ message: String, line: Int?, column: Int? = nil, code: String = "transcript.skipped")
        throws
    {
        if options.lenient {
            diagnostics.warning(code, message + "; skipped", at: location(line, column))
        } else {
            throw error(message, line: line, column: column,
                        hint: "fix the file, or pass --lenient to skip unreadable parts")
        }
    }

    func warning(_ message: String, line: Int?, column: Int? = nil, code: String) {
        diagnostics.warning(code, message, at: location(line, column))
    }
}

/// Text split into lines at LF, CRLF or CR; line numbers are 1-based.
struct TextLines {
    let lines: [Substring]

    init(_ text: String) {
        var result: [Substring] = []
        var start = text.startIndex
        // Iterate over unicode scalars so that "\r\n" (one Character) is seen as two code points.
        let scalars = text.unicodeScalars
        var si = scalars.startIndex
        while si < scalars.endIndex {
            let c = scalars[si]
            if c == "\n" || c == "\r" {
                result.append(text[start..<si])
                var next = scalars.index(after: si)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                }
                start = next
                si = next
            } else {
                si = scalars.index(after: si)
            }
        }
        if start < text.endIndex { result.append(text[start...]) }
        lines = result
    }

    var count: Int { lines.count }
    subscript(_ i: Int) -> Substring { lines[i] }
}

extension StringProtocol {
    /// The text with leading and trailing whitespace and newlines removed.
    var trimmed: String {
        let s = unicodeScalars
        guard let first = s.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(s[first...last]))
    }
}
