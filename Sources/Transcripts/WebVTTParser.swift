import SamtalCore

/// One cue as the W3C WebVTT parser produces it: raw cue text, before cue-text parsing.
public struct WebVTTCue: Sendable, Equatable {
    public var id: String
    public var start: Double
    public var end: Double
    /// The cue settings text after the end time (`align:start line:0`), unparsed.
    public var settings: String
    /// Raw cue text, tags and character references still in place.
    public var text: String
    /// 1-based line of the timing line.
    public var line: Int
}

/// The WebVTT file parsing algorithm of the W3C specification (§6.1 "WebVTT parser algorithm"):
/// signature, header, blocks (cues, STYLE, REGION, NOTE), cue timings. Cues whose timing line does
/// not parse are skipped by the algorithm; `strict` turns each such skip into a located error.
struct WebVTTParser {
    var source: String
    /// Fail on the first malformed timing line or missing signature instead of skipping.
    var strict: Bool
    var diagnostics: DiagnosticSink
    /// Read the cues of a file without the `WEBVTT` signature (with a warning) instead of
    /// rejecting it as the W3C algorithm does. Ignored when `strict`.
    var acceptMissingSignature = true

    struct Result {
        var cues: [WebVTTCue] = []
        /// Text after `WEBVTT` on the first line, and the header block's lines.
        var headerText = ""
        var headerLines: [String] = []
        var stylesheets: [String] = []
        var regions: [String] = []
        /// Comment blocks (`NOTE …`), text after the keyword.
        var notes: [String] = []
        /// Parse errors the algorithm met (malformed timing lines, misplaced blocks).
        var errorCount = 0
    }

    typealias Scalars = [Unicode.Scalar]

    func parse(_ text: String) throws -> Result {
        // Preprocessing: NUL → U+FFFD, CRLF and CR → LF.
        var s: Scalars = []
        s.reserveCapacity(text.unicodeScalars.count)
        var previousCR = false
        for c in text.unicodeScalars {
            if c == "\r" { s.append("\n"); previousCR = true; continue }
            if c == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            s.append(c == "\0" ? "\u{FFFD}" : c)
        }
        var state = State(s: s)
        var result = Result()
        if state.pos < s.count, s[state.pos] == "\u{FEFF}" { state.pos += 1 }

        // Signature: "WEBVTT" then space, tab, LF or the end.
        let sig: Scalars = Array("WEBVTT".unicodeScalars)
        let hasSignature = s.count >= state.pos + 6 && Array(s[state.pos..<state.pos + 6]) == sig
            && (state.pos + 6 == s.count || [" ", "\t", "\n"].contains(s[state.pos + 6]))
        if hasSignature {
            state.pos += 6
            result.headerText = String(String.UnicodeScalarView(state.collectLine())).trimmed
            if state.pos >= s.count { return result }
            state.pos += 1  // the LF ending the signature line
            if state.pos >= s.count { return result }
            if s[state.pos] != "\n" {
                if case .other(let lines) = try collectBlock(&state, inHeader: true, &result) {
                    result.headerLines = lines
                }
            } else {
                state.pos += 1
            }
        } else {
            let message = "expected 'WEBVTT' at the start of a WebVTT file"
            result.errorCount += 1
            if strict {
                throw SamtalError(.parseError, message,
                                  hint: "add a first line 'WEBVTT', or pass --lenient",
                                  location: SourceLocation(file: source, line: 1, column: 1))
            }
            if !acceptMissingSignature { return result }
            diagnostics.warning("vtt.signature", message + "; reading the cues anyway",
                                at: SourceLocation(file: source, line: 1, column: 1))
        }
        state.skipLineFeeds()
        while state.pos < s.count {
            let blockStart = state.pos
            switch try collectBlock(&state, inHeader: false, &result) {
            case .cue(let cue):
                result.cues.append(cue)
            case .stylesheet(let css): result.stylesheets.append(css)
            case .region(let r): result.regions.append(r)
            case .other(let lines):
                // Not a cue, and not a comment or a style or region definition: in the W3C
                // algorithm silently ignored; here a located error, or a warning when lenient.
                let first = lines.first ?? ""
                let known = ["NOTE", "STYLE", "REGION"].contains { k in
                    first == k || first.hasPrefix(k + " ") || first.hasPrefix(k + "\t")
                }
                if first == "NOTE" || first.hasPrefix("NOTE ") || first.hasPrefix("NOTE\t") {
                    result.notes.append(lines.joined(separator: "\n").dropFirst(4).trimmed)
                }
                if !known {
                    result.errorCount += 1
                    let loc = SourceLocation(file: source, line: state.line(at: blockStart), column: 1)
                    let message = "expected a cue (an optional id, then 'start --> end'), found text"
                    if strict {
                        throw SamtalError(.parseError, message,
                                          hint: "add the timing line, or pass --lenient to skip the block",
                                          location: loc)
                    }
                    diagnostics.warning("vtt.skipped-block", message + "; block skipped", at: loc)
                }
            case .nothing: break
            }
            state.skipLineFeeds()
        }
        return result
    }

    private enum Block {
        case cue(WebVTTCue), stylesheet(String), region(String), other([String]), nothing
    }

    private struct State {
        let s: Scalars
        var pos = 0
        var seenCue = false
        /// Start offsets of lines, to turn positions into 1-based line numbers.
        let lineStarts: [Int]

        init(s: Scalars) {
            self.s = s
            var starts = [0]
            for (i, c) in s.enumerated() where c == "\n" { starts.append(i + 1) }
            lineStarts = starts
        }

        mutating func collectLine() -> ArraySlice<Unicode.Scalar> {
            let start = pos
            while pos < s.count, s[pos] != "\n" { pos += 1 }
            return s[start..<pos]
        }

        mutating func skipLineFeeds() {
            while pos < s.count, s[pos] == "\n" { pos += 1 }
        }

        func line(at position: Int) -> Int {
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= position { lo = mid } else { hi = mid - 1 }
            }
            return lo + 1
        }
    }

    private func collectBlock(_ st: inout State, inHeader: Bool, _ result: inout Result) throws
        -> Block
    {
        var lineCount = 0
        var previousPosition = st.pos
        var buffer: Scalars = []
        var lines: [String] = []
        var seenArrow = false
        var cue: WebVTTCue? = nil
        var stylesheet = false
        var region = false
        var brokeOnArrow = false
        let arrow: Scalars = ["-", "-", ">"]
        while true {
            let lineStart = st.pos
            let line = Array(st.collectLine())
            lineCount += 1
            var seenEOF = false
            if st.pos >= st.s.count { seenEOF = true } else { st.pos += 1 }
            if contains(line, arrow) {
                if !inHeader && (lineCount == 1 || (lineCount == 2 && !seenArrow)) {
                    seenArrow = true
                    previousPosition = st.pos
                    let lineNumber = st.line(at: lineStart)
                    switch parseTimings(line) {
                    case .success(let (start, end, settings)):
                        cue = WebVTTCue(id: String(String.UnicodeScalarView(buffer)), start: start,
                                        end: end, settings: settings, text: "", line: lineNumber)
                        buffer = []
                        st.seenCue = true
                    case .failure(let failure):
                        cue = nil
                        result.errorCount += 1
                        let message = "malformed cue timings: \(failure.message)"
                        let loc = SourceLocation(file: source, line: lineNumber, column: failure.column)
                        if strict {
                            throw SamtalError(.parseError, message,
                                              hint: "write 'hh:mm:ss.mmm --> hh:mm:ss.mmm', or pass --lenient",
                                              location: loc)
                        }
                        diagnostics.warning("vtt.skipped-cue", message + "; cue skipped", at: loc)
                    }
                } else {
                    st.pos = previousPosition
                    brokeOnArrow = true
                    break
                }
            } else if line.isEmpty {
                break
            } else {
                if !inHeader && lineCount == 2 && !st.seenCue && cue == nil {
                    if startsWithKeyword(buffer, "STYLE") {
                        stylesheet = true
                        buffer = []
                    } else if startsWithKeyword(buffer, "REGION") {
                        region = true
                        buffer = []
                    }
                }
                if !buffer.isEmpty { buffer.append("\n") }
                buffer.append(contentsOf: line)
                lines.append(String(String.UnicodeScalarView(line)))
                previousPosition = st.pos
            }
            if seenEOF { break }
        }
        let text = String(String.UnicodeScalarView(buffer))
        if var cue {
            cue.text = text
            return .cue(cue)
        }
        if stylesheet { return .stylesheet(text) }
        if region { return .region(text) }
        // A block whose timing line failed was reported already; blank-looking blocks are layout.
        // Lines run into a following timing line are the W3C algorithm's dropped would-be id.
        if seenArrow || brokeOnArrow || lines.allSatisfy({ $0.trimmed.isEmpty }) { return .nothing }
        return .other(lines)
    }

    /// Whether `buffer` is `keyword` followed by nothing but spaces and tabs.
    private func startsWithKeyword(_ buffer: Scalars, _ keyword: String) -> Bool {
        let k = Array(keyword.unicodeScalars)
        guard buffer.count >= k.count, Array(buffer[0..<k.count]) == k else { return false }
        return buffer[k.count...].allSatisfy { $0 == " " || $0 == "\t" }
    }

    private func contains(_ line: Scalars, _ needle: Scalars) -> Bool {
        guard line.count >= needle.count else { return false }
        for i in 0...(line.count - needle.count) where line[i] == needle[0] {
            if line[i + 1] == needle[1] && line[i + 2] == needle[2] { return true }
        }
        return false
    }

    struct TimingFailure: Error {
        var message: String
        var column: Int
    }

    /// "Collect WebVTT cue timings and settings": start, `-->`, end, then the settings text.
    func parseTimings(_ line: Scalars) -> Swift.Result<(Double, Double, String), TimingFailure> {
        var pos = 0
        func skipWhitespace() {
            while pos < line.count, [" ", "\t", "\n", "\u{0C}", "\r"].contains(line[pos]) { pos += 1 }
        }
        skipWhitespace()
        var at = pos
        guard let start = parseTimestamp(line, &pos) else {
            return .failure(TimingFailure(message: "expected a start time like 00:00:01.000",
                                          column: at + 1))
        }
        skipWhitespace()
        guard pos + 3 <= line.count, line[pos] == "-", line[pos + 1] == "-", line[pos + 2] == ">"
        else {
            return .failure(TimingFailure(message: "expected '-->' after the start time",
                                          column: pos + 1))
        }
        pos += 3
        skipWhitespace()
        at = pos
        guard let end = parseTimestamp(line, &pos) else {
            return .failure(TimingFailure(message: "expected an end time like 00:00:02.000",
                                          column: at + 1))
        }
        let settings = String(String.UnicodeScalarView(line[pos...])).trimmed
        return .success((start, end, settings))
    }

    /// "Collect a WebVTT timestamp" outside a parser value (for timestamp tags in cue text).
    static func timestamp(_ s: Scalars, _ pos: inout Int) -> Double? {
        WebVTTParser(source: "", strict: false, diagnostics: IgnoringDiagnostics()).parseTimestamp(s, &pos)
    }

    /// "Collect a WebVTT timestamp": `[hh:]mm:ss.ttt`, hours with two or more digits.
    func parseTimestamp(_ s: Scalars, _ pos: inout Int) -> Double? {
        func digits() -> (String, Int)? {
            let start = pos
            while pos < s.count, s[pos].isASCIIDigit { pos += 1 }
            guard pos > start else { return nil }
            let str = String(String.UnicodeScalarView(s[start..<pos]))
            // Absurdly long digit runs cannot be a time; treat as failure rather than overflow.
            guard str.count <= 12, let v = Int(str) else { return nil }
            return (str, v)
        }
        var hoursFirst = false
        guard pos < s.count, s[pos].isASCIIDigit, let (str1, v1) = digits() else { return nil }
        if str1.count != 2 || v1 > 59 { hoursFirst = true }
        guard pos < s.count, s[pos] == ":" else { return nil }
        pos += 1
        guard let (str2, v2) = digits(), str2.count == 2 else { return nil }
        var h = 0, m = 0, sec = 0
        if hoursFirst || (pos < s.count && s[pos] == ":") {
            guard pos < s.count, s[pos] == ":" else { return nil }
            pos += 1
            guard let (str3, v3) = digits(), str3.count == 2 else { return nil }
            h = v1; m = v2; sec = v3
        } else {
            m = v1; sec = v2
        }
        guard pos < s.count, s[pos] == "." else { return nil }
        pos += 1
        guard let (str4, v4) = digits(), str4.count == 3 else { return nil }
        guard m <= 59, sec <= 59 else { return nil }
        return Double(h) * 3600 + Double(m) * 60 + Double(sec) + Double(v4) / 1000
    }
}
