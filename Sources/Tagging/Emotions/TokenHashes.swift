/// Stable hashes of every token of an analysed text, computed once and shared by the lexicon
/// layer and the feature indexes so the hot path never hashes or compares Unicode strings.
public struct TokenHashes: Sendable {
    /// FNV-1a of each token's normalised form.
    public var normalized: [UInt64]
    /// FNV-1a of each token's stem.
    public var stem: [UInt64]
    /// FNV-1a of the first three scalars of the normalised form (0 when shorter).
    public var prefix3: [UInt64]

    /// The hashes of `text`'s tokens, each word's from `cache` when it was hashed before.
    init(_ text: AnalyzedText, cache: WordCache<(UInt64, UInt64, UInt64)>) {
        let words = cache.values(for: text) { k in
            let t = text.tokens[k]
            let n = StableHash.fnv1a(t.normalized)
            return (n, t.stem == t.normalized ? n : StableHash.fnv1a(t.stem),
                    StableHash.fnv1a(prefixOf: t.normalized, scalars: 3))
        }
        normalized = words.map(\.0)
        stem = words.map(\.1)
        prefix3 = words.map(\.2)
    }

    public init(_ text: AnalyzedText) {
        let n = text.tokens.count
        normalized = [UInt64](repeating: 0, count: n)
        stem = normalized
        prefix3 = normalized
        for (i, t) in text.tokens.enumerated() {
            normalized[i] = StableHash.fnv1a(t.normalized)
            stem[i] = t.stem == t.normalized ? normalized[i] : StableHash.fnv1a(t.stem)
            prefix3[i] = StableHash.fnv1a(prefixOf: t.normalized, scalars: 3)
        }
    }
}
