/// The features of the trained layer, by name:
///
/// | name | value |
/// | --- | --- |
/// | `w:<word>` | count of the normalised word (fillers and punctuation dropped) |
/// | `s:<stem>` | count of the Snowball stem of a content word |
/// | `p:<part>` | count of a compound part (`arbetskraft`, `invandring`) |
/// | `b:<word> <word>` | count of a word bigram within a sentence |
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
        for t in text.tokens {
            guard t.kind == .word || t.kind == .number else {
                if t.kind == .punctuation { previous = nil }
                continue
            }
            if t.isFiller { continue }
            out.append(("w:" + t.normalized, 1))
            if t.isContentWord { out.append(("s:" + t.stem, 1)) }
            for part in t.compoundParts { out.append(("p:" + part, 1)) }
            if let (w, sentence) = previous, sentence == t.sentence {
                out.append(("b:" + w + " " + t.normalized, 1))
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

/// Column lookup for one `FeatureVocabulary` of emotion features, without building strings:
/// words, stems, parts and bigrams each get their own dictionary keyed by the bare text.
public struct FeatureIndex: Sendable {
    private var words: [String: Int32] = [:]
    private var stems: [String: Int32] = [:]
    private var parts: [String: Int32] = [:]
    private var bigrams: [String: [String: Int32]] = [:]
    private var lexicon: [Int32]
    private var cues: [Int32]
    private var negatedCues: [Int32]
    private var stacked: [Int32]

    /// An index for `vocabulary` with the given cue labels and stacked score names (in the order
    /// their values will be passed).
    public init(vocabulary: FeatureVocabulary, cueLabels: [String], stacked: [String]) {
        func id(_ n: String) -> Int32 { vocabulary.lookup(n) ?? -1 }
        lexicon = EmotionFeatures.lexiconNames.map(id)
        cues = cueLabels.map { id("cue:" + $0) }
        negatedCues = cueLabels.map { id("negcue:" + $0) }
        self.stacked = stacked.map { id("x:" + $0) }
        for (i, name) in vocabulary.names.enumerated() {
            let body = String(name.dropFirst(2))
            switch name.prefix(2) {
            case "w:": words[body] = Int32(i)
            case "s:": stems[body] = Int32(i)
            case "p:": parts[body] = Int32(i)
            case "b:":
                if let space = body.firstIndex(of: " ") {
                    bigrams[String(body[..<space]), default: [:]][String(body[body.index(after: space)...])] = Int32(i)
                }
            default: break
            }
        }
    }

    /// The feature vector of `text`, identical to `vocabulary.vector(EmotionFeatures.named(…))`.
    public func vector(_ text: AnalyzedText, lexicon a: LexiconAnalysis, stacked values: [Float])
        -> SparseVector {
        var pairs: [(Int32, Float)] = []
        pairs.reserveCapacity(text.tokens.count * 3 + 16)
        var previous: (String, Int)?
        for t in text.tokens {
            guard t.kind == .word || t.kind == .number else {
                if t.kind == .punctuation { previous = nil }
                continue
            }
            if t.isFiller { continue }
            if let i = words[t.normalized] { pairs.append((i, 1)) }
            if t.isContentWord, let i = stems[t.stem] { pairs.append((i, 1)) }
            for part in t.compoundParts { if let i = parts[part] { pairs.append((i, 1)) } }
            if let (w, sentence) = previous, sentence == t.sentence,
               let i = bigrams[w]?[t.normalized] {
                pairs.append((i, 1))
            }
            previous = (t.normalized, t.sentence)
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
}
