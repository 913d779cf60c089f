import Foundation

/// How a codebook term matched.
public enum TermKind: String, Sendable, Codable {
    case word, stem, compoundPart = "part", phrase
}

/// One codebook term found in a text.
public struct TermHit: Sendable, Equatable {
    /// Index of the theme in `Codebook.themes`.
    public var theme: Int
    /// The term as written in the codebook.
    public var term: String
    public var kind: TermKind
    /// Token indices the term covers.
    public var tokens: Range<Int>
}

/// Finds codebook terms in analysed text: the rule layer of theme tagging.
///
/// Rules (also in `Models/codebooks/README.md`):
/// - `words` match any token with the same Snowball stem, or a compound part with that stem;
/// - `stems` match when the token's normalised form or one of its compound parts begins with them;
/// - `compound_parts` match a compound part with the same stem;
/// - `names` match exactly as written (case included), one or more words;
/// - `phrases` match consecutive words (spoken fillers skipped, never across punctuation), each by
///   stem; `*` is any one word and `word*` a word beginning;
/// - `exclusions` are phrases matched on exact word forms (`word*` a beginning); the tokens they
///   cover give no evidence for that theme (`i praktiken` is not praktik).
///
/// Built once per codebook; immutable and shareable.
public final class CodebookMatcher: @unchecked Sendable {
    // SAFETY: every stored property is immutable after `init`; `analyzer`'s stemmer locks itself.

    public let codebook: Codebook
    let analyzer: TextAnalyzer

    typealias Entry = (theme: Int, term: String)

    enum PhraseWord: Equatable {
        case stem(String), exact(String), prefix(String), surface(String), any

        func matches(_ t: Token) -> Bool {
            switch self {
            case .stem(let s): return t.stem == s
            // String equality is canonical equivalence, so NFD input matches NFC names.
            case .surface(let s): return t.surface == s
            case .exact(let s): return t.normalized == s
            case .prefix(let p): return t.normalized.hasPrefix(p)
            case .any: return true
            }
        }
    }

    struct Phrase {
        var theme: Int
        var term: String
        var words: [PhraseWord]
    }

    private var wordIndex: [String: [Entry]] = [:]
    private var prefixIndex: [String: [Entry]] = [:]
    private var prefixLengths: [Int] = []
    private var partIndex: [String: [Entry]] = [:]
    /// Phrases by the stem of their first word, names by its normalised form, the rest (first
    /// word a beginning `word*`) checked everywhere.
    private var phrasesByFirst: [String: [Phrase]] = [:]
    private var namesByFirst: [String: [Phrase]] = [:]
    private var otherPhrases: [Phrase] = []
    private var exclusionsByFirst: [String: [Phrase]] = [:]
    private var otherExclusions: [Phrase] = []
    /// What each word matches, computed once per word (`WordFacts`).
    private let wordFacts = WordCache<WordFacts>()

    public init(codebook: Codebook, analyzer: TextAnalyzer) {
        self.codebook = codebook
        self.analyzer = analyzer
        var lengths = Set<Int>()
        for (i, theme) in codebook.themes.enumerated() {
            let t = theme.terms
            for w in t.words { wordIndex[analyzer.stemmer.stem(w), default: []].append((i, w)) }
            for s in t.stems {
                prefixIndex[s, default: []].append((i, s))
                lengths.insert(s.count)
            }
            for p in t.compoundParts {
                partIndex[analyzer.stemmer.stem(p), default: []].append((i, p))
            }
            for p in t.phrases {
                let phrase = Phrase(theme: i, term: p, words: Self.compile(p, exact: false, analyzer))
                if case .stem(let s) = phrase.words[0] {
                    phrasesByFirst[s, default: []].append(phrase)
                } else {
                    otherPhrases.append(phrase)
                }
            }
            for name in t.names {
                let words = name.split(separator: " ").map { PhraseWord.surface(String($0)) }
                let first = analyzer.analyze(String(name.split(separator: " ")[0])).tokens.first
                namesByFirst[first?.normalized ?? name.lowercased(), default: []]
                    .append(Phrase(theme: i, term: name, words: words))
            }
            for p in theme.exclusions {
                let phrase = Phrase(theme: i, term: p, words: Self.compile(p, exact: true, analyzer))
                if case .exact(let s) = phrase.words[0] {
                    exclusionsByFirst[s, default: []].append(phrase)
                } else {
                    otherExclusions.append(phrase)
                }
            }
        }
        prefixLengths = lengths.sorted()
    }

    static func compile(_ phrase: String, exact: Bool, _ analyzer: TextAnalyzer) -> [PhraseWord] {
        phrase.split(separator: " ").map { w in
            if w == "*" { return .any }
            if w.hasSuffix("*") { return .prefix(String(w.dropLast())) }
            // A phrase word is one token: analyse it so that "t.ex." or "AI:n" compare alike.
            let form = analyzer.analyze(String(w)).tokens.first
            if exact { return .exact(form?.normalized ?? String(w)) }
            return .stem(form?.stem ?? String(w))
        }
    }

    /// Every term hit in `text`, exclusions applied, in token order.
    public func hits(in text: AnalyzedText) -> [TermHit] {
        let tokens = text.tokens
        // Phrase positions: word-like tokens that are not fillers; `barrier[k]` marks a
        // punctuation mark between position k-1 and k.
        var positions: [Int] = []
        var barrier: [Bool] = []
        var sawPunctuation = false
        positions.reserveCapacity(tokens.count)
        barrier.reserveCapacity(tokens.count)
        for i in tokens.indices {
            let kind = tokens[i].kind
            if kind == .punctuation || kind == .symbol { sawPunctuation = true; continue }
            if tokens[i].isFiller { continue }
            positions.append(i)
            barrier.append(sawPunctuation)
            sawPunctuation = false
        }
        let tokenFacts = wordFacts.values(for: text) { computeWordFacts(tokens[$0]) }
        var excluded = Set<Int>()  // theme * tokens.count + token
        func scan(exclusions: Bool, _ found: (Phrase, Range<Int>) -> Void) {
            func attempt(_ p: Phrase, at k: Int) {
                guard k + p.words.count <= positions.count else { return }
                for (j, w) in p.words.enumerated() {
                    if j > 0 && barrier[k + j] { return }
                    if !w.matches(tokens[positions[k + j]]) { return }
                }
                found(p, positions[k]..<(positions[k + p.words.count - 1] + 1))
            }
            for k in positions.indices {
                let facts = tokenFacts[positions[k]]
                for p in exclusions ? facts.exclusionStarts : facts.phraseStarts {
                    attempt(p, at: k)
                }
            }
        }
        scan(exclusions: true) { p, r in
            for i in r { excluded.insert(p.theme * tokens.count + i) }
        }
        var out: [TermHit] = []
        for i in positions where tokens[i].kind == .word {
            for (e, kind) in tokenFacts[i].entries where !excluded.contains(e.theme * tokens.count + i) {
                out.append(TermHit(theme: e.theme, term: e.term, kind: kind, tokens: i..<(i + 1)))
            }
        }
        scan(exclusions: false) { p, r in
            if r.allSatisfy({ !excluded.contains(p.theme * tokens.count + $0) }) {
                out.append(TermHit(theme: p.theme, term: p.term, kind: .phrase, tokens: r))
            }
        }
        out.sort { ($0.tokens.lowerBound, $0.theme, $0.term) < ($1.tokens.lowerBound, $1.theme, $1.term) }
        return out
    }

    /// What the matcher needs of one token: the single-word entries it matches (words, compound
    /// parts, stems, in the order they are reported) and the phrases and exclusions whose first
    /// word it matches. It depends only on the token's word (surface, normalised form, stem,
    /// parts), so it is cached per word (`WordCache`); names, which compare the surface, are
    /// found by the normalised form and checked against the surface when matched. A class, so
    /// that handing out a cached value is one reference count.
    private final class WordFacts: Sendable {
        let entries: [(Entry, TermKind)]
        let exclusionStarts: [Phrase]
        let phraseStarts: [Phrase]

        init(entries: [(Entry, TermKind)], exclusionStarts: [Phrase], phraseStarts: [Phrase]) {
            self.entries = entries
            self.exclusionStarts = exclusionStarts
            self.phraseStarts = phraseStarts
        }
    }

    private func computeWordFacts(_ t: Token) -> WordFacts {
        WordFacts(entries: computeWordEntries(t),
                  exclusionStarts: (exclusionsByFirst[t.normalized] ?? [])
                      + otherExclusions.filter { $0.words[0].matches(t) },
                  phraseStarts: (phrasesByFirst[t.stem] ?? []) + (namesByFirst[t.normalized] ?? [])
                      + otherPhrases.filter { $0.words[0].matches(t) })
    }

    private func computeWordEntries(_ t: Token) -> [(Entry, TermKind)] {
        var out: [(Entry, TermKind)] = []
        func add(_ entries: [Entry]?, _ kind: TermKind) {
            for e in entries ?? [] { out.append((e, kind)) }
        }
        add(wordIndex[t.stem], .word)
        let partStems = t.compoundParts.map { analyzer.stemmer.stem($0) }
        // Parts match by stem only when the stem is distinctive (`led` of ledare would also be
        // the stem of lediga).
        for ps in partStems where ps != t.stem && ps.count >= 4 {
            add(wordIndex[ps], .word)
            add(partIndex[ps], .compoundPart)
        }
        for form in [t.normalized] + t.compoundParts {
            let count = form.count
            for n in prefixLengths {
                if n > count { break }
                add(prefixIndex[String(form.prefix(n))], .stem)
            }
        }
        return out
    }

    /// The evidence per theme (indexed like `codebook.themes`): the matched text, normalised, one
    /// entry per place in the text (a phrase covers the words inside it), in text order.
    public func evidence(in text: AnalyzedText) -> [[String]] {
        var out = [[String]](repeating: [], count: codebook.themes.count)
        var covered = [Set<Int>](repeating: [], count: codebook.themes.count)
        let hits = self.hits(in: text)
        // Longer spans first, so that a phrase claims its words before they count alone.
        let order = hits.indices.sorted {
            let a = hits[$0].tokens, b = hits[$1].tokens
            return a.count != b.count ? a.count > b.count : $0 < $1
        }
        var kept: [(theme: Int, start: Int, text: String)] = []
        for k in order {
            let h = hits[k]
            if h.tokens.contains(where: { covered[h.theme].contains($0) }) { continue }
            covered[h.theme].formUnion(h.tokens)
            // A single word is never a filler (they are skipped); phrases drop the fillers
            // inside them.
            let words = h.tokens.count == 1 ? text.tokens[h.tokens.lowerBound].normalized
                : text.tokens[h.tokens].filter { !$0.isFiller }.map(\.normalized)
                    .joined(separator: " ")
            kept.append((h.theme, h.tokens.lowerBound, words))
        }
        kept.sort { ($0.start, $0.theme) < ($1.start, $1.theme) }
        for e in kept where !out[e.theme].contains(e.text) { out[e.theme].append(e.text) }
        return out
    }
}
