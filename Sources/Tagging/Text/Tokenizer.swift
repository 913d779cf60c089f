/// Splits text into raw tokens and sentences: the rule-based first half of `TextAnalyzer`.
///
/// Rules, in order, at each position of the text's Unicode scalars:
/// - white space separates tokens; a line break also ends the sentence;
/// - a known abbreviation (`t.ex.`, `bl.a.`, `osv.`) is one token and does not end the sentence
///   (sentence-final ones such as `osv.` do when a capital letter follows);
/// - a number is digits with inner `.`, `,` or `:` between digits, or groups of three digits
///   after a single space (`10 000`, `3,5`, `08:30`);
/// - a word is letters, digits and combining marks, joined across an inner hyphen
///   (`CNC-operatör`), apostrophe (`don't`) or a colon before a short ending (`AI:n`, `SFI:s`);
/// - anything else is a one-character punctuation mark or symbol (`...` and `…` are one token);
/// - `.`, `!`, `?`, `…` end a sentence unless a lower-case word follows.
struct Tokenizer: Sendable {
    var language: TextLanguage

    struct RawToken {
        var range: Range<Int>
        var kind: Token.Kind
        var hyphenated: Bool
    }

    /// Raw tokens and the sentence index of each.
    func tokenize(_ s: [Unicode.Scalar]) -> (tokens: [RawToken], sentence: [Int]) {
        var tokens: [RawToken] = []
        var sentenceOf: [Int] = []
        tokens.reserveCapacity(s.count / 4)
        var sentence = 0
        var pendingBreak = false  // a terminal mark was seen; break before the next word unless lower-case
        var i = 0
        let n = s.count
        let abbreviations = Self.abbreviationScalars[language]!
        let finalAbbreviations = Self.sentenceFinalAbbreviations[language]!

        // ASCII fast paths: Unicode property lookups dominate tokenising otherwise.
        func isWordScalar(_ c: Unicode.Scalar) -> Bool {
            if c.value < 0x80 {
                return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
            }
            return c.properties.isAlphabetic || c.properties.numericType != nil
                || c.properties.generalCategory == .nonspacingMark
        }
        func isLetter(_ c: Unicode.Scalar) -> Bool {
            if c.value < 0x80 { return ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
            return c.properties.isAlphabetic
        }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
            if c.value < 0x80 {
                return ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 0x20)! : c
            }
            return c.properties.lowercaseMapping.unicodeScalars.first ?? c
        }
        func emit(_ r: Range<Int>, _ k: Token.Kind, hyphen: Bool = false) {
            if pendingBreak {
                // A new sentence starts unless this is a lower-case word (or a closing mark).
                let first = s[r.lowerBound]
                let lowerWord = (k == .word || k == .abbreviation) && first.properties.isLowercase
                let closing = k == .punctuation && "\"'”’»)]".unicodeScalars.contains(first)
                if !lowerWord && !closing && !tokens.isEmpty { sentence += 1 }
                if !closing { pendingBreak = false }
            }
            tokens.append(RawToken(range: r, kind: k, hyphenated: hyphen))
            sentenceOf.append(sentence)
        }

        while i < n {
            let c = s[i]
            if c == " " || (c.value >= 0x80 || c.value < 0x21) && c.properties.isWhitespace {
                if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" {
                    if !tokens.isEmpty, sentenceOf.last == sentence { pendingBreak = false; sentence += 1 }
                }
                i += 1
                continue
            }
            if isDigit(c) {
                var j = i + 1
                while j < n, isDigit(s[j]) { j += 1 }
                // `10 000`, `1 500 000`: groups of three digits after a single (thin) space,
                // only when the first group has one to three digits.
                if j - i <= 3 {
                    while j + 3 < n, s[j] == " " || s[j] == "\u{00A0}" || s[j] == "\u{202F}",
                          isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
                          j + 4 == n || !isDigit(s[j + 4]) {
                        j += 4
                    }
                }
                while j + 1 < n, ".,:".unicodeScalars.contains(s[j]), isDigit(s[j + 1]) {
                    j += 2
                    while j < n, isDigit(s[j]) { j += 1 }
                }
                // Digits running into letters (`3d`, `16-delsfinal`) make a word.
                if j < n, isLetter(s[j]) || (s[j] == "-" && j + 1 < n && isLetter(s[j + 1])) {
                    let (end, hyphen) = scanWord(s, from: j)
                    emit(i..<end, .word, hyphen: hyphen)
                    i = end
                } else {
                    emit(i..<j, .number)
                    i = j
                }
                continue
            }
            if isWordScalar(c) {
                let (end, hyphen) = scanWord(s, from: i)
                if end < n, s[end] == ".", let a = matchAbbreviation(s, at: i, abbreviations, lower) {
                    emit(i..<(i + a), .abbreviation)
                    let text = String(String.UnicodeScalarView(s[i..<(i + a)].map(lower)))
                    if finalAbbreviations.contains(text) { pendingBreak = true }
                    i += a
                    continue
                }
                emit(i..<end, .word, hyphen: hyphen)
                i = end
                continue
            }
            // Punctuation and symbols.
            if c == ".", i + 2 < n, s[i + 1] == ".", s[i + 2] == "." {
                var j = i + 3
                while j < n, s[j] == "." { j += 1 }
                emit(i..<j, .punctuation)
                pendingBreak = true
                i = j
                continue
            }
            let kind: Token.Kind =
                c.properties.generalCategory.isPunctuation && !"%‰§&@#*/\\".unicodeScalars.contains(c)
                ? .punctuation : .symbol
            emit(i..<(i + 1), kind)
            if ".!?…".unicodeScalars.contains(c) { pendingBreak = true }
            i += 1
        }
        return (tokens, sentenceOf)

        func scanWord(_ s: [Unicode.Scalar], from start: Int) -> (Int, Bool) {
            var j = start
            var hyphen = false
            while j < n {
                if isWordScalar(s[j]) { j += 1; continue }
                if j + 1 < n, isWordScalar(s[j + 1]) {
                    let d = s[j]
                    if d == "-" || d == "\u{2010}" || d == "\u{2011}" { hyphen = true; j += 1; continue }
                    if d == "'" || d == "\u{2019}", isLetter(s[j + 1]) { j += 1; continue }
                    if d == ":" {
                        // `AI:n`, `SFI:s`, `Af:s`: a colon before a 1–3 letter ending.
                        var k = j + 1
                        while k < n, isLetter(s[k]) { k += 1 }
                        if k - j - 1 <= 3, k - j - 1 >= 1 { j = k; continue }
                    }
                }
                break
            }
            return (j, hyphen)
        }
    }

    /// `TextLanguage.abbreviations` as scalars, made once.
    private static let abbreviationScalars: [TextLanguage: [[Unicode.Scalar]]] =
        Dictionary(uniqueKeysWithValues: TextLanguage.allCases.map { language in
            (language, language.abbreviations.map { Array($0.unicodeScalars) })
        })
    private static let sentenceFinalAbbreviations: [TextLanguage: Set<String>] =
        Dictionary(uniqueKeysWithValues: TextLanguage.allCases.map {
            ($0, $0.sentenceFinalAbbreviations)
        })

    /// Length of the abbreviation starting at `i`, or nil.
    private func matchAbbreviation(
        _ s: [Unicode.Scalar], at i: Int, _ list: [[Unicode.Scalar]],
        _ lower: (Unicode.Scalar) -> Unicode.Scalar
    ) -> Int? {
        outer: for a in list where i + a.count <= s.count {
            for (k, c) in a.enumerated() where lower(s[i + k]) != c { continue outer }
            let end = i + a.count
            if end < s.count, s[end].properties.isAlphabetic { continue }
            return a.count
        }
        return nil
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
