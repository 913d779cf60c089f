import Foundation
import SamtalCore

/// Text processing for tagging: tokens with surface, normalised form, stem, compound parts,
/// flags (stop word, negation, filler, hyphenated) and Unicode-scalar offsets, in sentences.
///
/// A value of settings plus shared read-only resources; `analyze` may run on many texts at once
/// (the stemmer serialises itself, the compound memo is locked).
///
/// ```swift
/// let analyzer = try TextAnalyzer(language: .swedish)
/// let text = analyzer.analyze("Arbetskraftsinvandringen är inte lösningen, t.ex. i vården.")
/// text.tokens[0].compoundParts  // ["arbetskraft", "invandring"]
/// ```
public struct TextAnalyzer: Sendable {
    public let language: TextLanguage
    public let lexicon: TextLexicon
    public let stemmer: Stemmer
    /// Split closed compounds (Swedish only).
    public var splitCompounds = true
    private let splitter: CompoundSplitter
    private let memo: CompoundMemo

    /// An analyser reading its word lists from `models` (default: `ModelStore.directory()`).
    public init(language: TextLanguage = .swedish, models: URL? = nil) throws {
        let dir = try models ?? ModelStore.directory()
        try self.init(lexicon: TextLexicon.load(language: language, models: dir))
    }

    /// An analyser over an already loaded lexicon.
    public init(lexicon: TextLexicon) throws {
        language = lexicon.language
        self.lexicon = lexicon
        stemmer = try Stemmer(language: lexicon.language)
        splitter = CompoundSplitter(lexicon: lexicon)
        memo = CompoundMemo()
    }

    /// Tokens and sentences of `text`.
    public func analyze(_ text: String) -> AnalyzedText {
        let scalars = Array(text.unicodeScalars)
        let (raw, sentenceOf) = Tokenizer(language: language).tokenize(scalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(raw.count)
        let negations = language.negations
        let fillers = language.fillers
        for (k, r) in raw.enumerated() {
            let surface = String(String.UnicodeScalarView(scalars[r.range]))
            let normalized = Self.normalize(surface)
            var flags: Token.Flags = []
            var stem = normalized
            var parts: [String] = []
            if r.kind == .word {
                if scalars[r.range.lowerBound].properties.isUppercase { flags.insert(.capitalized) }
                if negations.contains(normalized) { flags.insert(.negation) }
                else if lexicon.stopwords.contains(normalized) { flags.insert(.stopword) }
                if fillers.contains(normalized) { flags.insert(.filler) }
                stem = stemmer.stem(normalized)
                if r.hyphenated {
                    flags.insert(.hyphenated)
                    parts = normalized.split(separator: "-").flatMap { piece -> [String] in
                        let p = String(piece)
                        let sub = splitCompounds ? compoundParts(p) : []
                        return sub.isEmpty ? [p] : sub
                    }
                } else if splitCompounds {
                    parts = compoundParts(normalized)
                }
                if !parts.isEmpty { flags.insert(.compound) }
            }
            tokens.append(Token(surface: surface, normalized: normalized, stem: stem,
                                compoundParts: parts, kind: r.kind, flags: flags, range: r.range,
                                sentence: sentenceOf[k]))
        }
        var sentences: [Range<Int>] = []
        var start = 0
        for k in 1...max(tokens.count, 1) where k == tokens.count || (k < tokens.count && tokens[k].sentence != tokens[k - 1].sentence) {
            if k > start { sentences.append(start..<k) }
            start = k
        }
        // Renumber so that sentence indices are consecutive from 0.
        for (idx, range) in sentences.enumerated() {
            for t in range { tokens[t].sentence = idx }
        }
        return AnalyzedText(text: text, language: language, tokens: tokens, sentences: sentences)
    }

    /// Lemmas of the parts of a closed compound, memoised.
    public func compoundParts(_ word: String) -> [String] {
        guard language == .swedish else { return [] }
        if let hit = memo.get(word) { return hit }
        let parts = splitter.split(word)
        memo.put(word, parts)
        return parts
    }

    /// Lower-case, NFC, typographic apostrophes and hyphens folded.
    public static func normalize(_ s: String) -> String {
        var out = s.lowercased()
        if out.unicodeScalars.contains(where: { $0.value > 0x7F }) {
            out = out.precomposedStringWithCanonicalMapping
            if out.unicodeScalars.contains(where: { "\u{2019}\u{2018}\u{2010}\u{2011}".unicodeScalars.contains($0) }) {
                out = String(String.UnicodeScalarView(out.unicodeScalars.map { c -> Unicode.Scalar in
                    switch c {
                    case "\u{2019}", "\u{2018}": return "'"
                    case "\u{2010}", "\u{2011}": return "-"
                    default: return c
                    }
                }))
            }
        }
        return out
    }
}

/// Memo of compound splits shared by copies of one analyser.
final class CompoundMemo: @unchecked Sendable {
    // SAFETY: `table` is only touched while holding `lock`.
    private let lock = NSLock()
    private var table: [String: [String]] = [:]

    func get(_ w: String) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return table[w]
    }

    func put(_ w: String, _ parts: [String]) {
        lock.lock()
        if table.count > 100_000 { table.removeAll(keepingCapacity: true) }
        table[w] = parts
        lock.unlock()
    }
}
