/// Cue text of WebVTT (and the markup SRT players accept): tags stripped, character references
/// decoded, the voice of `<v Name>` spans kept, following the tokenizer of the W3C WebVTT
/// specification (§6.4 "WebVTT cue text parsing rules").
import SamtalCore

struct CueText: Equatable {
    /// Text with markup removed and character references decoded.
    var text: String
    /// Annotation of the first `<v>` span, whitespace collapsed (nil when there is none).
    var voice: String?
    /// Classes of that `<v>` span (`<v.loud Anna>` → `["loud"]`).
    var voiceClasses: [String]
    /// Timestamp tags (`<00:00:01.500>`, karaoke and YouTube captions): position in `text`
    /// (in Unicode scalars) where each time begins.
    var timestamps: [(offset: Int, seconds: Double)] = []

    static func == (a: CueText, b: CueText) -> Bool {
        a.text == b.text && a.voice == b.voice && a.voiceClasses == b.voiceClasses
            && a.timestamps.map(\.offset) == b.timestamps.map(\.offset)
            && a.timestamps.map(\.seconds) == b.timestamps.map(\.seconds)
    }

    init(parsing raw: String) {
        var out = String.UnicodeScalarView()
        var voice: String? = nil
        var classes: [String] = []
        var marks: [(Int, Double)] = []
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
                if first.isASCIIDigit {  // timestamp tag
                    var p = 0
                    if let t = WebVTTParser.timestamp(tag, &p), p == tag.count { marks.append((out.count, t)) }
                    continue
                }
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
        self.timestamps = marks
    }

    /// Words timed by the timestamp tags: the text before the first tag runs from `start`, each
    /// later piece from its tag to the next one (the last to `end`); every word of a piece gets
    /// the piece's times.
    func timedWords(start: Double, end: Double) -> [Word]? {
        guard !timestamps.isEmpty else { return nil }
        let scalars = Array(text.unicodeScalars)
        var bounds = [(0, start)] + timestamps.map { ($0.offset, $0.seconds) }
        bounds.append((scalars.count, end))
        var words: [Word] = []
        for k in 0..<(bounds.count - 1) {
            let (a, t0) = bounds[k]
            let b = max(a, bounds[k + 1].0)
            let piece = String(String.UnicodeScalarView(scalars[min(a, scalars.count)..<min(b, scalars.count)]))
            let t1 = bounds[k + 1].1
            for w in piece.split(whereSeparator: { $0.isWhitespace }) {
                words.append(Word(text: String(w), start: t0, end: max(t0, t1)))
            }
        }
        return words.isEmpty ? nil : words
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

    /// Decodes the reference starting at `s[start] == "&"`; returns the text and the next index.
    /// Unknown or unterminated references stay as written, like HTML does.
    static func characterReference(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) {
        let i = start + 1
        guard i < s.count else { return ("&", i) }
        if s[i] == "#" {
            // Numeric: &#123; or &#x7B; (the semicolon may be missing).
            var j = i + 1
            var hex = false
            if j < s.count, s[j] == "x" || s[j] == "X" { hex = true; j += 1 }
            let digitsStart = j
            while j < s.count, j - digitsStart < 16,
                  hex ? s[j].properties.isASCIIHexDigit : s[j].isASCIIDigit { j += 1 }
            guard j > digitsStart else { return ("&", i) }
            let digits = String(String.UnicodeScalarView(s[digitsStart..<j]))
            let value = UInt32(digits, radix: hex ? 16 : 10) ?? 0x110000
            if j < s.count, s[j] == ";" { j += 1 }
            let replaced: [UInt32: UInt32] = [0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E,
                0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160,
                0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
                0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122,
                0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178]
            let code = replaced[value] ?? value
            let scalar = (code == 0 || (0xD800...0xDFFF).contains(code))
                ? "\u{FFFD}" : Unicode.Scalar(code) ?? "\u{FFFD}"
            return (String(scalar), j)
        }
        // Named: the longest name in the HTML table that the text starts with.
        var j = i
        while j < s.count, j - i < HTMLEntities.longestName, s[j].properties.isAlphabetic || s[j].isASCIIDigit {
            j += 1
        }
        if j < s.count, s[j] == ";" { j += 1 }
        while j > i {
            let name = String(String.UnicodeScalarView(s[i..<j]))
            if let value = HTMLEntities.table[name] { return (value, j) }
            j -= 1
        }
        return ("&", i)
    }
}
