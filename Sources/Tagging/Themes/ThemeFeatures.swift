/// Named sparse features of one text for the trained theme layer.
///
/// - `w:<stem>`: Snowball stems of content words (stop words, negations and fillers left out);
/// - `c:<lemma>`: compound-part lemmas (`c:invandring` from arbetskraftsinvandringen);
/// - `b:<stem>+<stem>`: adjacent word pairs (stop words included, fillers and punctuation not),
///   so that context such as `i praktik` differs from `praktik`;
/// - `cb:<theme>`: the number of distinct codebook terms of the theme found (rule evidence),
///   capped at 3.
/// All values are binary except `cb:`; the vector is L2-normalised over the lexical features so
/// that long utterances do not dominate.
public struct ThemeFeatures: Sendable, Equatable {
    public var bigrams = true
    public var compoundParts = true
    /// Scale of the codebook features relative to the (normalised) lexical ones.
    public var codebookWeight: Float = 1

    public init() {}

    public func extract(_ text: AnalyzedText, evidence: [[String]], themeIDs: [String])
        -> [(String, Float)] {
        let names = lexicalNames(text)
        let norm = Self.norm(names)
        return names.sorted().map { ($0, norm) } + codebookFeatures(evidence, themeIDs: themeIDs)
    }

    /// The features of `text` as a vector over `vocabulary`: equal to
    /// `vocabulary.vector(extract(…))` without sorting the names (the vector orders by index).
    public func vector(_ text: AnalyzedText, evidence: [[String]], themeIDs: [String],
                       vocabulary: FeatureVocabulary) -> SparseVector {
        let names = lexicalNames(text)
        let norm = Self.norm(names)
        let lexical = names.compactMap { vocabulary.lookup($0).map { ($0, norm) } }
        return SparseVector(pairs: lexical + codebookFeatures(evidence, themeIDs: themeIDs)
            .compactMap { f in vocabulary.lookup(f.0).map { ($0, f.1) } })
    }

    private func lexicalNames(_ text: AnalyzedText) -> Set<String> {
        var names = Set<String>()
        var previous: String?
        for t in text.tokens {
            if t.kind == .punctuation || t.kind == .symbol { previous = nil; continue }
            if t.isFiller { continue }
            if t.isContentWord {
                names.insert("w:" + t.stem)
                if compoundParts { for p in t.compoundParts { names.insert("c:" + p) } }
            }
            if bigrams, let p = previous { names.insert("b:" + p + "+" + t.stem) }
            previous = t.stem
        }
        return names
    }

    private static func norm(_ names: Set<String>) -> Float {
        names.isEmpty ? 1 : 1 / Float(names.count).squareRoot()
    }

    private func codebookFeatures(_ evidence: [[String]], themeIDs: [String]) -> [(String, Float)] {
        evidence.enumerated().compactMap { i, terms in
            terms.isEmpty ? nil : ("cb:" + themeIDs[i], codebookWeight * Float(min(terms.count, 3)))
        }
    }

    /// The always-present feature names (kept in the vocabulary even if rare in training).
    public func alwaysFeatures(themeIDs: [String]) -> [String] { themeIDs.map { "cb:" + $0 } }
}
