import Foundation

/// The distinct words one `TextAnalyzer` has met, each analysed once and numbered densely from 0.
///
/// `TextAnalyzer.analyze` records each token's number in `AnalyzedText.wordIDs`, so that later
/// layers can keep what they derive from a word (codebook entries, feature columns, hashes) in a
/// `WordCache` indexed by that number instead of hashing the word's strings again for every
/// token. Copies of an analyser share one table. Numbers are never reused: when the table is full
/// (`limit` distinct words), further new words are analysed without being stored (id −1).
final class WordTable: @unchecked Sendable {
    // SAFETY: the arrays and `first` are only touched while holding `lock`.
    private let lock = NSLock()
    /// Per word id: its key, its analysis, and the next id whose key has the same hash (−1).
    private var keys: [TextAnalyzer.WordKey] = []
    private var analyses: [TextAnalyzer.WordAnalysis] = []
    private var next: [Int32] = []
    /// The first id of each key hash (`WordKey.stableHash`).
    private var first: [UInt64: Int32] = [:]
    let limit: Int

    init(limit: Int = 200_000) { self.limit = limit }

    /// Calls `body(index, id, analysis)` for each of `keys` in order, analysing new words with
    /// `make`. One pass under the lock; `make` must not use this table (`analyzeWord` takes only
    /// the stemmer's and the compound memo's own locks).
    func words(_ keys: [TextAnalyzer.WordKey],
               _ make: (TextAnalyzer.WordKey) -> TextAnalyzer.WordAnalysis,
               _ body: (Int, Int32, TextAnalyzer.WordAnalysis) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        for (k, key) in keys.enumerated() {
            let hash = key.stableHash
            let head = first[hash] ?? -1
            var id = head
            while id >= 0, self.keys[Int(id)] != key { id = next[Int(id)] }
            if id >= 0 {
                body(k, id, analyses[Int(id)])
                continue
            }
            let made = make(key)
            guard analyses.count < limit else {
                body(k, -1, made)
                continue
            }
            let new = Int32(analyses.count)
            self.keys.append(key)
            analyses.append(made)
            next.append(head)
            first[hash] = new
            body(k, new, made)
        }
    }
}

/// Values derived from words, kept per `WordTable` id: what a layer computes from a token that
/// depends only on the word (and the layer's own fixed settings) is computed once per word.
///
/// A cache serves texts of one table at a time: a text from another table (another analyser)
/// empties it and takes its place; a text without ids (built by hand, or whose tokens were
/// changed after analysis) is computed without caching. Shared and locked.
final class WordCache<Value>: @unchecked Sendable {
    // SAFETY: `table` and `values` are only touched while holding `lock`. New values are made
    // while holding it too (one pass per text); `make` must not use this cache (the layers' makers
    // only read their own immutable indexes or take other, independent locks).
    private let lock = NSLock()
    private var table: WordTable?
    private var values: [Value?] = []

    init() {}

    /// The value of every token of `text` (by index), from the cache or from `make(token index)`.
    func values(for text: AnalyzedText, _ make: (Int) -> Value) -> [Value] {
        let ids = text.wordIDs
        guard let words = text.words, ids.count == text.tokens.count else {
            return text.tokens.indices.map(make)
        }
        var out: [Value] = []
        out.reserveCapacity(ids.count)
        lock.lock()
        defer { lock.unlock() }
        if table !== words {
            table = words
            values.removeAll()
        }
        for (k, id) in ids.enumerated() {
            let slot = Int(id)
            if slot >= 0, slot < values.count, let v = values[slot] {
                out.append(v)
                continue
            }
            let v = make(k)
            if slot >= 0 {
                if slot >= values.count {
                    values.append(contentsOf: repeatElement(nil, count: slot + 1 - values.count))
                }
                values[slot] = v
            }
            out.append(v)
        }
        return out
    }
}
