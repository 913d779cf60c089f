/// Escaping of untrusted transcript text for every format it is rendered into.
///
/// Transcript text, speaker names and evidence words come from files the user did not write
/// themselves. A cue holding `<script>`, `](javascript:…)`, `=HYPERLINK(…)` or control characters
/// must show as plain text and never run in a browser or spreadsheet.
public enum Escaping {
    /// Replaces C0/C1 control characters (except tab and newline) and bidi overrides with a
    /// space, so they can neither corrupt a terminal nor reorder text invisibly.
    public static func stripControls(_ s: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            let isControl = v < 0x20 || (0x7F...0x9F).contains(v)
            let isBidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            if (isControl || isBidi) && !(v == 0x09 || (keepNewlines && v == 0x0A)) {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// Text for HTML element content or a quoted attribute value.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in stripControls(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// XML 1.0 text or attribute value (also drops characters XML 1.0 cannot hold).
    public static func xml(_ s: String) -> String { html(s) }

    /// Inline Markdown text: the characters that open emphasis, links, images, code, raw HTML,
    /// tables or strikethrough in CommonMark/GFM are backslash-escaped (`<`, `>`, `&` become
    /// entities), and a block marker at the start (`#`, `-`, `+`, `=`, `>`, `1.`) is escaped too.
    /// Newlines become spaces, so the text stays inside its paragraph.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for c in stripControls(s) {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out.append("\\")
                out.append(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(c)
            }
        }
        if let first = out.first, "#-+=".contains(first) {
            out = "\\" + out
        } else if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex,
                  out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when needed, and prefixed with `'` when it starts like a
    /// spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR), the OWASP advice against CSV injection.
    public static func csv(_ s: String) -> String {
        var field = stripControls(s, keepNewlines: true)
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            field = "'" + field
        }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}
