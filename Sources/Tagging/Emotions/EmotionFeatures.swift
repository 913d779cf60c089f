/// The features of the trained layer, by name:
///
/// | name | value |
/// | --- | --- |
/// | `w:<word>` | count of the normalised word (fillers and punctuation dropped) |
/// | `s:<stem>` | count of the Snowball stem of a content word |
/// | `p:<part>` | count of a compound part (`arbetskraft`, `invandring`) |
/// | `b:<word> <word>` | count of a word bigram within a sentence |
///
/// The counts of `w: s: p: b:` are divided by √n for a text of n words, so long reviews and
/// one-line remarks give logits of comparable size.
/// | `lex:pos`, `lex:neg`, `lex:val` | lexicon valence sums and net valence |
/// | `lex:negation`, `lex:question`, `lex:irony`, `lex:contrast`, `lex:exclaim` | markers (negations capped at 3, exclamation marks at 2) |
/// | `cue:<label>`, `negcue:<label>` | discussion-emotion cue strength, plain and negated |
/// | `x:<name>` | stacked scores of other models (`x:basic:anger`, `x:absa`) |
///
/// Training uses the names (`named`); tagging uses `FeatureIndex`, which maps the same features
/// straight to columns without building strings.
public enum EmotionFeatures {
    public static let lexiconNames = ["lex:pos", "lex:neg", "lex:val", "lex:negation",
                                      "lex:question", "lex:irony", "lex:contrast", "lex:exclaim"]

    static func lexiconValues(_ a: LexiconAnalysis) -> [Float] {
        [Float(a.positive), Float(a.negative), Float(a.valence), Float(min(a.negations, 3)),
         a.questions > 0 ? 1 : 0, a.irony ? 1 : 0, a.contrast ? 1 : 0, Float(min(a.exclamations, 2))]
    }

    /// The value of one lexical occurrence: 1/√n for n counted words (at least 1).
    static func lexicalUnit(_ text: AnalyzedText) -> Float {
        var n = 0
        for k in text.tokens.indices {
            let kind = text.tokens[k].kind
            if (kind == .word || kind == .number) && !text.tokens[k].isFiller { n += 1 }
        }
        return 1 / Float(max(n, 1)).squareRoot()
    }

    /// Names of the dense (non-lexical) features for cue labels and stacked scores.
    public static func denseNames(cueLabels: [String], stacked: [String]) -> [String] {
        lexiconNames + cueLabels.map { "cue:\($0)" } + cueLabels.map { "negcue:\($0)" }
            + stacked.map { "x:\($0)" }
    }

    /// Every feature of `text` by name.
    public static func named(_ text: AnalyzedText, lexicon a: LexiconAnalysis,
                             cueLabels: [String], stacked: [(String, Float)] = [])
        -> [(String, Float)] {
        var out: [(String, Float)] = []
        var previous: (String, Int)?
        let unit = EmotionFeatures.lexicalUnit(text)
        for t in text.tokens {
            guard t.kind == .word || t.kind == .number else {
                if t.kind == .punctuation { previous = nil }
                continue
            }
            if t.isFiller { continue }
            out.append(("w:" + t.normalized, unit))
            if t.isContentWord { out.append(("s:" + t.stem, unit)) }
            for part in t.compoundParts { out.append(("p:" + part, unit)) }
            if let (w, sentence) = previous, sentence == t.sentence {
                out.append(("b:" + w + " " + t.normalized, unit))
            }
            previous = (t.normalized, t.sentence)
        }
        for (n, v) in zip(lexiconNames, lexiconValues(a)) where v != 0 { out.append((n, v)) }
        for (l, label) in cueLabels.enumerated() {
            if a.cues[l] != 0 { out.append(("cue:" + label, Float(a.cues[l]))) }
            if a.negatedCues[l] != 0 { out.append(("negcue:" + label, Float(a.negatedCues[l]))) }
        }
        for (n, v) in stacked where v != 0 { out.append(("x:" + n, v)) }
        return out
    }
}

/// Column lookup for one `FeatureVocabulary` of emotion features without building or hashing
/// strings: word, stem, part and bigram features live in one table keyed by
/// `StableHash.combine(kind, token hash)`, with token hashes from `TokenHashes`.
public struct FeatureIndex: Sendable {
    private var table: [UInt64: Int32] = [:]
    private var lexicon: [Int32]
    private var cues: [Int32]
    private var negatedCues: [Int32]
    private var stacked: [Int32]
    /// Lexical feature names whose key collided with an earlier one (expected 0; such a feature
    /// is then scored as the earlier one).
    public private(set) var collisions = 0
    /// The word, stem and part columns of each word (−1: none), cached per word.
    private let wordColumns = WordCache<WordColumns>()

    private struct WordColumns {
        var word: Int32
        var stem: Int32
        var parts: [Int32]
    }

    static let word: UInt64 = 1, stem: UInt64 = 2, part: UInt64 = 3, bigram: UInt64 = 4

    /// An index for `vocabulary` with the given cue labels and stacked score names (in the order
    /// their values will be passed).
    public init(vocabulary: FeatureVocabulary, cueLabels: [String], stacked: [String]) {
        func id(_ n: String) -> Int32 { vocabulary.lookup(n) ?? -1 }
        lexicon = EmotionFeatures.lexiconNames.map(id)
        cues = cueLabels.map { id("cue:" + $0) }
        negatedCues = cueLabels.map { id("negcue:" + $0) }
        self.stacked = stacked.map { id("x:" + $0) }
        for (i, name) in vocabulary.names.enumerated() {
            var key = Self.asciiKey(name)
            if key == nil {
                let body = String(name.dropFirst(2))
                switch name.prefix(2) {
                case "w:": key = StableHash.combine(Self.word, StableHash.fnv1a(body))
                case "s:": key = StableHash.combine(Self.stem, StableHash.fnv1a(body))
                case "p:": key = StableHash.combine(Self.part, StableHash.fnv1a(body))
                case "b:":
                    if let space = body.firstIndex(of: " ") {
                        let a = StableHash.fnv1a(String(body[..<space]))
                        let b = StableHash.fnv1a(String(body[body.index(after: space)...]))
                        key = StableHash.combine(Self.bigram, StableHash.combine(a, b))
                    }
                default: break
                }
            }
            if let key {
                if table[key] == nil { table[key] = Int32(i) } else { collisions += 1 }
            }
        }
    }

    /// The table key of a lexical feature name, computed on its bytes (the vocabularies hold
    /// ~10⁵ names), or nil when the name is not lexical or a byte next to a cut point is not
    /// ASCII — there `Character` boundaries could differ from byte positions, so `init` cuts the
    /// name as a `String`.
    private static func asciiKey(_ name: String) -> UInt64? {
        var name = name
        return name.withUTF8 { b -> UInt64? in
            guard b.count >= 3, b[1] == UInt8(ascii: ":"), b[2] < 0x80 else { return nil }
            func fnv(_ range: Range<Int>) -> UInt64 {
                var h = StableHash.offset
                for k in range {
                    h ^= UInt64(b[k])
                    h &*= 0x0000_0100_0000_01b3
                }
                return h
            }
            switch b[0] {
            case UInt8(ascii: "w"): return StableHash.combine(word, fnv(2..<b.count))
            case UInt8(ascii: "s"): return StableHash.combine(stem, fnv(2..<b.count))
            case UInt8(ascii: "p"): return StableHash.combine(part, fnv(2..<b.count))
            case UInt8(ascii: "b"):
                guard let space = (2..<b.count).first(where: { b[$0] == 0x20 }),
                      b[space - 1] < 0x80, space + 1 == b.count || b[space + 1] < 0x80
                else { return nil }
                return StableHash.combine(bigram, StableHash.combine(fnv(2..<space),
                                                                     fnv(space + 1..<b.count)))
            default: return nil
            }
        }
    }

    /// The feature vector of `text`, identical to `vocabulary.vector(EmotionFeatures.named(…))`.
    public func vector(_ text: AnalyzedText, hashes: TokenHashes, lexicon a: LexiconAnalysis,
                       stacked values: [Float]) -> SparseVector {
        var pairs: [(Int32, Float)] = []
        pairs.reserveCapacity(table.isEmpty ? 24 : text.tokens.count * 3 + 24)
        if !table.isEmpty {
            let unit = EmotionFeatures.lexicalUnit(text)
            let columns = wordColumns.values(for: text) { k in
                let t = text.tokens[k]
                return WordColumns(
                    word: table[StableHash.combine(Self.word, hashes.normalized[k])] ?? -1,
                    stem: t.isContentWord
                        ? table[StableHash.combine(Self.stem, hashes.stem[k])] ?? -1 : -1,
                    parts: t.compoundParts.compactMap {
                        table[StableHash.combine(Self.part, StableHash.fnv1a($0))]
                    })
            }
            var previous: UInt64 = 0
            var previousSentence = -1
            for k in text.tokens.indices {
                let kind = text.tokens[k].kind
                guard kind == .word || kind == .number else {
                    if kind == .punctuation { previousSentence = -1 }
                    continue
                }
                if text.tokens[k].isFiller { continue }
                let h = hashes.normalized[k]
                let c = columns[k]
                if c.word >= 0 { pairs.append((c.word, unit)) }
                if c.stem >= 0 { pairs.append((c.stem, unit)) }
                for i in c.parts { pairs.append((i, unit)) }
                let sentence = text.tokens[k].sentence
                if previousSentence == sentence,
                   let i = table[StableHash.combine(Self.bigram, StableHash.combine(previous, h))] {
                    pairs.append((i, unit))
                }
                previous = h
                previousSentence = sentence
            }
        }
        for (i, v) in zip(lexicon, EmotionFeatures.lexiconValues(a)) where i >= 0 && v != 0 {
            pairs.append((i, v))
        }
        for l in cues.indices {
            if cues[l] >= 0 && a.cues[l] != 0 { pairs.append((cues[l], Float(a.cues[l]))) }
            if negatedCues[l] >= 0 && a.negatedCues[l] != 0 {
                pairs.append((negatedCues[l], Float(a.negatedCues[l])))
            }
        }
        for (i, v) in zip(stacked, values) where i >= 0 && v != 0 { pairs.append((i, v)) }
        return SparseVector(pairs: pairs)
    }

    public func vector(_ text: AnalyzedText, lexicon a: LexiconAnalysis, stacked values: [Float])
        -> SparseVector {
        vector(text, hashes: TokenHashes(text), lexicon: a, stacked: values)
    }
}
