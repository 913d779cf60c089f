/// Feature names ↔ column indices of a `LinearModel`.
///
/// Built deterministically from training documents: features seen in at least `minimumCount`
/// documents, in sorted order, so identical data always gives identical indices and weights.
public struct FeatureVocabulary: Sendable, Equatable {
    /// Feature names; a feature's index is its position here.
    public let names: [String]
    private let index: [String: Int32]

    public init(names: [String]) {
        self.names = names
        var index: [String: Int32] = [:]
        index.reserveCapacity(names.count)
        // Backwards, so that the first of repeated names is the one kept (one hash per name).
        for i in names.indices.reversed() { index[names[i]] = Int32(i) }
        self.index = index
    }

    /// A vocabulary of every feature occurring in at least `minimumCount` documents, sorted by
    /// name. Names in `always` are kept regardless of their count (e.g. dense lexicon features).
    public static func build<C: Collection>(documents: C, minimumCount: Int = 1,
                                            always: [String] = []) -> FeatureVocabulary
    where C.Element == [(String, Float)] {
        var documentFrequency: [String: Int] = [:]
        for doc in documents {
            var seen = Set<String>()
            for (name, _) in doc where seen.insert(name).inserted {
                documentFrequency[name, default: 0] += 1
            }
        }
        var kept = Set(always)
        for (name, n) in documentFrequency where n >= minimumCount { kept.insert(name) }
        return FeatureVocabulary(names: kept.sorted())
    }

    public var count: Int { names.count }

    /// Index of `name`, or nil when it is not in the vocabulary.
    @inlinable
    public func callAsFunction(_ name: String) -> Int32? { lookup(name) }

    public func lookup(_ name: String) -> Int32? { index[name] }

    /// The sparse vector of named features; unknown names are dropped.
    public func vector(_ features: [(String, Float)]) -> SparseVector {
        SparseVector(pairs: features.compactMap { f in index[f.0].map { ($0, f.1) } })
    }
}
