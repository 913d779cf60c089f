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
    private let memo: WordMemo<String, [String]>
    let words: WordTable
    private let negations: Set<String>
    private let fillers: Set<String>

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
        memo = WordMemo()
        words = WordTable()
        negations = lexicon.language.negations
        fillers = lexicon.language.fillers
    }

    /// Tokens and sentences of `text`.
    public func analyze(_ text: String) -> AnalyzedText {
        let scalars = Array(text.unicodeScalars)
        let (raw, sentenceOf) = Tokenizer(language: language).tokenize(scalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(raw.count)
        var ids: [Int32] = []
        ids.reserveCapacity(raw.count)
        let keys = raw.map { r in
            WordKey(surface: Self.string(scalars[r.range]), kind: r.kind,
                    hyphenated: r.hyphenated, splitCompounds: splitCompounds)
        }
        words.words(keys, analyzeWord) { k, id, word in
            let r = raw[k]
            ids.append(id)
            tokens.append(Token(surface: keys[k].surface, normalized: word.normalized,
                                stem: word.stem, compoundParts: word.parts, kind: r.kind,
                                flags: word.flags, range: r.range, sentence: sentenceOf[k]))
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
        var analysed = AnalyzedText(text: text, language: language, tokens: tokens,
                                    sentences: sentences)
        analysed.wordIDs = ids
        analysed.words = words
        return analysed
    }

    /// The string of `scalars`, encoded straight into the string's UTF-8 storage (appending to a
    /// `UnicodeScalarView` one scalar at a time was a large part of analysing).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for c in scalars { count += UTF8.width(c) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var k = 0
            for c in scalars {
                UTF8.encode(c) { byte in
                    buffer[k] = byte
                    k += 1
                }
            }
            return k
        }
    }

    /// Lemmas of the parts of a closed compound, memoised.
    public func compoundParts(_ word: String) -> [String] {
        guard language == .swedish else { return [] }
        return memo.value(word) { splitter.split(word) }
    }

    /// What a token's text alone determines, memoised per distinct token in `words`.
    ///
    /// Keys compare and hash the surface's UTF-8 bytes (cheaper than `String`'s canonical
    /// equivalence); canonically equivalent spellings are then separate words with equal
    /// analyses, as `analyzeWord` normalises to NFC.
    struct WordKey: Equatable {
        var surface: String
        var kind: Token.Kind
        var hyphenated: Bool
        var splitCompounds: Bool

        static func == (a: WordKey, b: WordKey) -> Bool {
            guard a.kind == b.kind, a.hyphenated == b.hyphenated,
                  a.splitCompounds == b.splitCompounds,
                  a.surface.utf8.count == b.surface.utf8.count
            else { return false }
            var x = a.surface, y = b.surface
            return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
        }

        /// FNV-1a of the surface's bytes, combined with the other fields.
        var stableHash: UInt64 {
            var s = surface
            var h = s.withUTF8 { bytes in
                var h = StableHash.offset
                for b in bytes {
                    h ^= UInt64(b)
                    h &*= 0x0000_0100_0000_01b3
                }
                return h
            }
            let tag = UInt64(kind.hashTag) << 2 | (hyphenated ? 2 : 0) | (splitCompounds ? 1 : 0)
            h = StableHash.combine(h, tag)
            return h
        }
    }

    struct WordAnalysis {
        var normalized: String
        var stem: String
        var parts: [String]
        var flags: Token.Flags
    }

    private func analyzeWord(_ key: WordKey) -> WordAnalysis {
        let normalized = Self.normalize(key.surface)
        var word = WordAnalysis(normalized: normalized, stem: normalized, parts: [], flags: [])
        guard key.kind == .word else { return word }
        if key.surface.unicodeScalars.first!.properties.isUppercase { word.flags.insert(.capitalized) }
        if negations.contains(normalized) { word.flags.insert(.negation) }
        else if lexicon.stopwords.contains(normalized) { word.flags.insert(.stopword) }
        if fillers.contains(normalized) { word.flags.insert(.filler) }
        word.stem = stemmer.stem(normalized)
        if key.hyphenated {
            word.flags.insert(.hyphenated)
            word.parts = normalized.split(separator: "-").flatMap { piece -> [String] in
                let p = String(piece)
                let sub = key.splitCompounds ? compoundParts(p) : []
                return sub.isEmpty ? [p] : sub
            }
        } else if key.splitCompounds {
            word.parts = compoundParts(normalized)
        }
        if !word.parts.isEmpty { word.flags.insert(.compound) }
        return word
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
