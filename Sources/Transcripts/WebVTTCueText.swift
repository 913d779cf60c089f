/// Cue text of WebVTT (and the markup SRT players accept): tags stripped, character references
/// decoded, the voice of `<v Name>` spans kept, following the tokenizer of the W3C WebVTT
/// specification (§6.4 "WebVTT cue text parsing rules").
struct CueText: Equatable {
    /// Text with markup removed and character references decoded.
    var text: String
    /// Annotation of the first `<v>` span, whitespace collapsed (nil when there is none).
    var voice: String?
    /// Classes of that `<v>` span (`<v.loud Anna>` → `["loud"]`).
    var voiceClasses: [String]

    init(parsing raw: String) {
        var out = String.UnicodeScalarView()
        var voice: String? = nil
        var classes: [String] = []
        let s = Array(raw.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "&" {
                let (decoded, next) = CueText.characterReference(s, from: i)
                out.append(contentsOf: decoded.unicodeScalars)
                i = next
            } else if c == "<" {
                // A tag runs to '>' or the end of the text.
                var j = i + 1
                while j < s.count, s[j] != ">" { j += 1 }
                let tag = Array(s[(i + 1)..<j])
                i = min(j + 1, s.count)
                guard let first = tag.first, first != "/" else { continue }
                if first.isASCIIDigit { continue }  // timestamp tag
                // Tag name and classes run to whitespace; the annotation follows.
                var k = 0
                while k < tag.count, !CueText.isSpace(tag[k]) { k += 1 }
                let nameAndClasses = String(String.UnicodeScalarView(tag[0..<k]))
                let parts = nameAndClasses.split(separator: ".", omittingEmptySubsequences: false)
                if parts.first == "v", voice == nil {
                    let annotation = String(String.UnicodeScalarView(tag[k...]))
                    let decoded = CueText.decodeReferences(annotation)
                    voice = decoded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                    classes = parts.dropFirst().filter { !$0.isEmpty }.map(String.init)
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        self.text = String(out)
        self.voice = voice
        self.voiceClasses = classes
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\u{0C}" || c == "\r"
    }

    /// Decodes character references in text that holds no tags.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                let (decoded, next) = characterReference(s, from: i)
                out.append(contentsOf: decoded.unicodeScalars)
                i = next
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{AD}", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "aring": "å", "auml": "ä", "ouml": "ö",
        "Aring": "Å", "Auml": "Ä", "Ouml": "Ö", "eacute": "é", "Eacute": "É", "uuml": "ü",
        "Uuml": "Ü", "copy": "©", "reg": "®", "euro": "€",
    ]

    /// Decodes the reference starting at `s[start] == "&"`; returns the text and the next index.
    /// Unknown or unterminated references stay as written, like HTML does.
    static func characterReference(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) {
        var j = start + 1
        while j < s.count, j - start <= 32, s[j] != ";", s[j] != "&", s[j] != "<",
              !isSpace(s[j]) { j += 1 }
        guard j < s.count, s[j] == ";" else { return ("&", start + 1) }
        let name = String(String.UnicodeScalarView(s[(start + 1)..<j]))
        if let value = named[name] { return (value, j + 1) }
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value: UInt32?
            if body.hasPrefix("x") || body.hasPrefix("X") {
                value = UInt32(body.dropFirst(), radix: 16)
            } else {
                value = UInt32(body, radix: 10)
            }
            if let value {
                let scalar = (value == 0 || (0xD800...0xDFFF).contains(value))
                    ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
                return (String(scalar), j + 1)
            }
        }
        return ("&", start + 1)
    }
}
