import Foundation

/// The trained theme layer's feature vector (`ThemeFeatures.vector`) without building a string
/// per feature: stems and compound parts are numbered once (`keys`), each word's numbers and
/// columns are cached per word (`WordCache`), and word pairs are looked up by their two numbers.
///
/// The result equals `ThemeFeatures.vector(_:evidence:themeIDs:vocabulary:)` exactly: the same
/// distinct feature names (a `w:` name per distinct stem, `c:` per distinct part, `b:` per
/// distinct pair of stems), so the same normalisation, and the same columns and values.
final class ThemeFeatureIndex: @unchecked Sendable {
    // SAFETY: `keys` is only touched while holding `lock`; every other stored property is
    // immutable after `init` (`words` locks itself).
    let features: ThemeFeatures
    let themeIDs: [String]
    private let lock = NSLock()
    private var keys: [String: Int32] = [:]
    private var stemColumns: [Int32: Int32] = [:]
    private var partColumns: [Int32: Int32] = [:]
    private var pairColumns: [UInt64: Int32] = [:]
    /// Column of `cb:<theme>` per theme index (−1 when not in the vocabulary).
    private var codebookColumns: [Int32] = []
    private let words = WordCache<Word>()

    /// What one token contributes, from its word alone.
    private struct Word {
        var breaksPairs: Bool
        var isFiller: Bool
        var isContent: Bool
        var stem: Int32
        var stemColumn: Int32
        var parts: [(key: Int32, column: Int32)]
    }

    init(features: ThemeFeatures, vocabulary: FeatureVocabulary, themeIDs: [String]) {
        self.features = features
        self.themeIDs = themeIDs
        // The first column of a repeated name wins, as in `FeatureVocabulary.lookup`.
        for (i, name) in vocabulary.names.enumerated() {
            let column = Int32(i)
            let body = String(name.dropFirst(2))
            switch name.prefix(2) {
            case "w:":
                let k = key(body)
                if stemColumns[k] == nil { stemColumns[k] = column }
            case "c:":
                let k = key(body)
                if partColumns[k] == nil { partColumns[k] = column }
            case "b:":
                // `b:<stem>+<stem>`; stems never contain `+` (it is a symbol token), so a name
                // with another `+` matches no text and is left out.
                let halves = body.split(separator: "+", omittingEmptySubsequences: false)
                guard halves.count == 2 else { continue }
                let pair = Self.pair(key(String(halves[0])), key(String(halves[1])))
                if pairColumns[pair] == nil { pairColumns[pair] = column }
            default:
                break
            }
        }
        codebookColumns = themeIDs.map { vocabulary.lookup("cb:" + $0) ?? -1 }
    }

    /// The number of a stem or part (the same for equal strings).
    private func key(_ s: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let k = keys[s] { return k }
        let k = Int32(keys.count)
        keys[s] = k
        return k
    }

    private static func pair(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    private func word(_ t: Token) -> Word {
        let stem = key(t.stem)
        var parts: [(key: Int32, column: Int32)] = []
        if features.compoundParts && t.isContentWord {
            for p in t.compoundParts {
                let k = key(p)
                parts.append((k, partColumns[k] ?? -1))
            }
        }
        return Word(breaksPairs: t.kind == .punctuation || t.kind == .symbol, isFiller: t.isFiller,
                    isContent: t.isContentWord, stem: stem, stemColumn: stemColumns[stem] ?? -1,
                    parts: parts)
    }

    /// The feature vector of `text` with codebook `evidence` (indexed like `themeIDs`).
    func vector(_ text: AnalyzedText, evidence: [[String]]) -> SparseVector {
        let tokenWords = words.values(for: text) { word(text.tokens[$0]) }
        // Every feature name of the text as a number (kind in the top bits: 0 w:, 1 c:, 2 b:),
        // and its column. Equal names have equal columns and different names different ones.
        var names: [UInt64] = []
        var columns: [Int32] = []
        names.reserveCapacity(tokenWords.count * 3)
        columns.reserveCapacity(tokenWords.count * 3)
        var previous: Int32?
        for w in tokenWords {
            if w.breaksPairs { previous = nil; continue }
            if w.isFiller { continue }
            if w.isContent {
                names.append(UInt64(w.stem))
                columns.append(w.stemColumn)
                for p in w.parts {
                    names.append(1 << 62 | UInt64(p.key))
                    columns.append(p.column)
                }
            }
            if features.bigrams, let p = previous {
                let pair = Self.pair(p, w.stem)
                names.append(2 << 62 | pair)
                columns.append(pairColumns[pair] ?? -1)
            }
            previous = w.stem
        }
        names.sort()
        columns.sort()
        var distinct = 0
        for k in names.indices where k == 0 || names[k - 1] != names[k] { distinct += 1 }
        var pairs: [(Int32, Float)] = []
        pairs.reserveCapacity(columns.count + evidence.count)
        for k in columns.indices where columns[k] >= 0 && (k == 0 || columns[k - 1] != columns[k]) {
            pairs.append((columns[k], 0))
        }
        let norm: Float = distinct == 0 ? 1 : 1 / Float(distinct).squareRoot()
        for k in pairs.indices { pairs[k].1 = norm }
        for (i, terms) in evidence.enumerated() where !terms.isEmpty && codebookColumns[i] >= 0 {
            pairs.append((codebookColumns[i], features.codebookWeight * Float(min(terms.count, 3))))
        }
        return SparseVector(pairs: pairs)
    }
}
