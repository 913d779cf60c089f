import Foundation

/// The distinct words one `TextAnalyzer` has met, each analysed once and numbered densely from 0.
///
/// `TextAnalyzer.analyze` records each token's number in `AnalyzedText.wordIDs`, so that later
/// layers can keep what they derive from a word (codebook entries, feature columns, hashes) in a
/// `WordCache` indexed by that number instead of hashing the word's strings again for every
/// token. Copies of an analyser share one table. Numbers are never reused: when the table is full
/// (`limit` distinct words), further new words are analysed without being stored (id −1).
final class WordTable: @unchecked Sendable {
    // SAFETY: `ids` and `analyses` are only touched while holding `lock`.
    private let lock = NSLock()
    private var ids: [TextAnalyzer.WordKey: Int32] = [:]
    private var analyses: [TextAnalyzer.WordAnalysis] = []
    let limit: Int

    init(limit: Int = 500_000) { self.limit = limit }

    /// The id and analysis of `key`, analysed by `make` (outside the lock) when new.
    func word(_ key: TextAnalyzer.WordKey, _ make: () -> TextAnalyzer.WordAnalysis)
        -> (id: Int32, analysis: TextAnalyzer.WordAnalysis) {
        lock.lock()
        if let id = ids[key] {
            let analysis = analyses[Int(id)]
            lock.unlock()
            return (id, analysis)
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[key] { return (id, analyses[Int(id)]) }  // another thread was first
        guard analyses.count < limit else { return (-1, made) }
        let id = Int32(analyses.count)
        ids[key] = id
        analyses.append(made)
        return (id, made)
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
