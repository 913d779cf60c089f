/// What the lexicon layer found in one text: valence, cue strength per discussion emotion, and
/// the words behind them.
public struct LexiconAnalysis: Sendable, Equatable {
    /// Sum of positive word valence after modifiers.
    public var positive: Double = 0
    /// Sum of negative word valence after modifiers (as a positive number).
    public var negative: Double = 0
    /// Net valence squashed to −1…1: x / √(x² + 1) with x = positive − negative.
    public var valence: Double = 0
    /// Cue strength per label of `EmotionLexicon.cueLabels` (negated cues excluded).
    public var cues: [Double]
    /// Strength of negated cues per label ("jag är inte orolig").
    public var negatedCues: [Double]
    public var negations = 0
    /// Sentences ending in a question mark.
    public var questions = 0
    /// Exclamation marks.
    public var exclamations = 0
    public var irony = false
    public var contrast = false
    /// Matched cue text per label.
    public var cueEvidence: [[String]]
    public var positiveEvidence: [String] = []
    public var negativeEvidence: [String] = []

    init(labels: Int) {
        cues = [Double](repeating: 0, count: labels)
        negatedCues = cues
        cueEvidence = [[String]](repeating: [], count: labels)
    }
}

/// The rule-based layer: word valence and emotion cues with negation scope, degree modifiers,
/// contrast and question/irony handling (after VADER, Hutto & Gilbert 2014, adapted to Swedish).
///
/// - Negation: a negator reverses and damps (×−0.74) the valence of the next `negationScope`
///   words and cancels emotion cues there; the scope ends at punctuation or a contrast word.
///   "utan" after an earlier negation in the same sentence ("inte X utan Y") is a contrast, and
///   "inte bara" is not a negation.
/// - Degree: an intensifier or diminisher up to two words before scales the next valenced word or
///   cue; intensifying prefixes ("jättebra") scale the word itself.
/// - Contrast: with a contrast word ("men") in the text, everything before the last one counts
///   ×0.5 and everything after ×1.5.
/// - Questions: valence in a sentence ending in "?" counts ×0.8.
/// - Irony markers ("ja visst", "tack för det") with negative valence present turn most of the
///   positive valence negative.
public struct LexiconScorer: Sendable {
    public let lexicon: EmotionLexicon
    public var negationScope = 3
    public var contrastBefore = 0.5
    public var contrastAfter = 1.5
    public var questionFactor = 0.8
    /// What the lexicon says about each word, cached per word.
    private let words = WordCache<LexiconWord>()

    public init(lexicon: EmotionLexicon) { self.lexicon = lexicon }

    /// The lexicon entries of one word: everything `score` looks up that depends on the word
    /// alone, not on its neighbours.
    private struct LexiconWord {
        var negator: Float?
        var degree: Float?
        var isContrast: Bool
        /// Cue patterns whose first token matches by exact form, then by prefix.
        var patterns: [EmotionLexicon.Pattern]
        /// The factor of an intensifying prefix (`jätte-`), when the word has one.
        var prefixFactor: Float?
        /// The word's valence (for a prefixed word without its own, that of the rest).
        var valence: Float?
    }

    private func lexiconWord(_ t: Token, normalized h: UInt64, stem: UInt64, prefix3: UInt64)
        -> LexiconWord {
        var patterns = lexicon.patternsByFirst[h] ?? []
        if prefix3 != 0, let byPrefix = lexicon.prefixPatterns[prefix3] {
            patterns += byPrefix
        }
        var factor: Float?
        var v = lexicon.valence(normalized: h, stem: stem)
        let bytes = t.normalized.utf8
        for (prefix, f) in lexicon.prefixes where bytes.count > prefix.count + 2
            && bytes.starts(with: prefix) {
            factor = f
            if v == nil {
                var rest = StableHash.offset
                for b in bytes.dropFirst(prefix.count) {
                    rest ^= UInt64(b)
                    rest &*= 0x0000_0100_0000_01b3
                }
                v = lexicon.valenceByWord[rest]
            }
            break
        }
        return LexiconWord(negator: lexicon.negators[h], degree: lexicon.degree[h],
                           isContrast: lexicon.contrast[h] != nil, patterns: patterns,
                           prefixFactor: factor, valence: v)
    }

    /// Scores `text`. With `evidence` false no evidence strings are built (faster).
    public func score(_ text: AnalyzedText, evidence: Bool = true) -> LexiconAnalysis {
        score(text, hashes: TokenHashes(text), evidence: evidence)
    }

    /// Scores `text` whose token hashes are already computed.
    public func score(_ text: AnalyzedText, hashes: TokenHashes, evidence: Bool = true)
        -> LexiconAnalysis {
        var out = LexiconAnalysis(labels: lexicon.cueLabels.count)
        let tokens = text.tokens
        let h = hashes.normalized
        let lw = words.values(for: text) { k in
            lexiconWord(tokens[k], normalized: h[k], stem: hashes.stem[k], prefix3: hashes.prefix3[k])
        }
        // The word sequence (fillers dropped) with clause numbers; punctuation starts a clause.
        var seq: [Int] = []
        var clause: [Int] = []
        seq.reserveCapacity(tokens.count)
        clause.reserveCapacity(tokens.count)
        var clauseID = 0
        var questionSentence = [Bool](repeating: false, count: text.sentences.count + 1)
        for i in tokens.indices {
            switch tokens[i].kind {
            case .word, .number:
                if tokens[i].isFiller { continue }
                seq.append(i)
                clause.append(clauseID)
            case .punctuation:
                clauseID += 1
                let mark = tokens[i].normalized
                if mark == "?" {
                    let sentence = tokens[i].sentence
                    if sentence < questionSentence.count { questionSentence[sentence] = true }
                } else if mark == "!" {
                    out.exclamations += 1
                }
            default:
                break
            }
        }
        out.questions = questionSentence.reduce(0) { $0 + ($1 ? 1 : 0) }
        if seq.isEmpty { return out }

        // Role of each word: negator, contrast, or neither. "inte bara" is not a negation;
        // "utan" after a negation in the same sentence is a contrast.
        var isNegator = [Bool](repeating: false, count: seq.count)
        var isContrast = [Bool](repeating: false, count: seq.count)
        var lastNegationSentence = -1
        for j in seq.indices {
            let sentence = tokens[seq[j]].sentence
            let w = h[seq[j]]
            if w == Self.utan && lastNegationSentence == sentence {
                isContrast[j] = true
            } else if lw[seq[j]].negator != nil {
                let next = j + 1 < seq.count ? h[seq[j + 1]] : 0
                if next != Self.bara && next != Self.enbart {
                    isNegator[j] = true
                    lastNegationSentence = sentence
                    out.negations += 1
                }
            } else if lw[seq[j]].isContrast && j > 0 && j < seq.count - 1 {
                isContrast[j] = true
            }
        }
        // Contrast: weights relative to the last contrast word.
        var lastContrast = -1
        for j in seq.indices where isContrast[j] { lastContrast = j }
        out.contrast = lastContrast >= 0

        // Negation scope: index of the negator covering each word, or −1.
        var negatedBy = [Int](repeating: -1, count: seq.count)
        var active = -1
        var left = 0
        for j in seq.indices {
            if j > 0 && clause[j] != clause[j - 1] { left = 0 }
            if isContrast[j] { left = 0 }
            if isNegator[j] {
                active = j
                left = negationScope
                continue
            }
            if left > 0 {
                negatedBy[j] = active
                left -= 1
            }
        }

        for j in seq.indices {
            let kind = tokens[seq[j]].kind
            let sentence = tokens[seq[j]].sentence
            let contrastWeight = lastContrast < 0 || j == lastContrast ? 1.0
                : (j < lastContrast ? contrastBefore : contrastAfter)
            // Degree modifiers up to two words before, in the same clause.
            var degree: Float = 1
            for back in 1...2 where j - back >= 0 && clause[j - back] == clause[j] {
                if let d = lw[seq[j - back]].degree { degree *= d }
            }
            // Emotion cues and irony markers starting here.
            do {
                matchPatterns(lw[seq[j]].patterns, at: j, seq: seq, clause: clause, tokens: tokens,
                              hashes: hashes) { pattern, end in
                    let negated = !pattern.containsNegator && negatedBy[j] >= 0
                    if pattern.label < 0 {
                        if !negated { out.irony = true }
                        return
                    }
                    let strength = Double(pattern.weight * degree) * contrastWeight
                    if negated {
                        out.negatedCues[pattern.label] += strength
                    } else {
                        out.cues[pattern.label] += strength
                    }
                    if evidence {
                        let words = (j...end).map { tokens[seq[$0]].normalized }.joined(separator: " ")
                        out.cueEvidence[pattern.label].append(
                            negated ? "\(tokens[seq[negatedBy[j]]].normalized) … \(words)" : words)
                    }
                }
            }
            // Word valence.
            guard kind == .word, !isNegator[j], !isContrast[j] else { continue }
            let word = lw[seq[j]]
            var factor = degree
            if let f = word.prefixFactor { factor *= f }
            let v = word.valence
            guard let valence = v, valence != 0 else { continue }
            var x = Double(valence * factor) * contrastWeight
            let negator = negatedBy[j]
            if negator >= 0 { x *= Double(lw[seq[negator]].negator ?? -0.74) }
            if sentence < questionSentence.count && questionSentence[sentence] { x *= questionFactor }
            if x > 0 {
                out.positive += x
            } else {
                out.negative -= x
            }
            if evidence {
                let normalized = tokens[seq[j]].normalized
                let word = negator >= 0
                    ? (negator == j - 1 ? "\(tokens[seq[negator]].normalized) \(normalized)"
                       : "\(tokens[seq[negator]].normalized) … \(normalized)")
                    : normalized
                if x > 0 { out.positiveEvidence.append(word) } else { out.negativeEvidence.append(word) }
            }
        }
        if out.irony && out.negative > 0 {
            // Irony: praise next to complaint means the complaint.
            out.negative += 0.74 * out.positive
            out.positive *= 0.26
        }
        let x = out.positive - out.negative
        out.valence = x / (x * x + 1).squareRoot()
        return out
    }

    static let utan = StableHash.fnv1a("utan")
    static let bara = StableHash.fnv1a("bara")
    static let enbart = StableHash.fnv1a("enbart")

    /// Calls `body` for every one of `candidates` (the patterns whose first token matches word
    /// `j`) matching the words from `j` on (within one clause), with the index of its last word.
    @inline(__always)
    private func matchPatterns(_ candidates: [EmotionLexicon.Pattern], at j: Int, seq: [Int],
                               clause: [Int], tokens: [Token], hashes: TokenHashes,
                               _ body: (EmotionLexicon.Pattern, Int) -> Void) {
        for p in candidates {
            if let end = match(p, at: j, seq: seq, clause: clause, tokens: tokens, hashes: hashes) { body(p, end) }
        }
    }

    @inline(__always)
    private func match(_ p: EmotionLexicon.Pattern, at j: Int, seq: [Int], clause: [Int],
                       tokens: [Token], hashes: TokenHashes) -> Int? {
        guard j + p.tokens.count <= seq.count else { return nil }
        for k in 0..<p.tokens.count {
            if k > 0 && clause[j + k] != clause[j] { return nil }
            if let expected = p.hashes[k] {
                if hashes.normalized[seq[j + k]] != expected { return nil }
            } else if !tokens[seq[j + k]].normalized.utf8.starts(with: p.prefixBytes[k]) {
                return nil
            }
        }
        return j + p.tokens.count - 1
    }
}
