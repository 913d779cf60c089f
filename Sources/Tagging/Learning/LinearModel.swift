import Foundation
import SamtalCore

/// A multi-label linear classifier: one logistic regression per label over shared sparse features,
/// with a calibrated decision threshold per label.
///
/// Scoring is separate from deciding: `probabilities(_:into:)` gives every label's probability,
/// `decide(_:)` applies the thresholds. Weights are stored feature-major (`features × labels`,
/// row-major `Float`) so a sparse example touches one contiguous row per active feature.
/// Serialised as JSON with a `schemaVersion` (see `docs/emotions.md`).
public struct LinearModel: Sendable, Equatable {
    public static let schemaVersion = 1

    /// A short name, e.g. `"emotions-discussion"`.
    public var name: String
    /// Label ids, in column order.
    public let labels: [String]
    public let features: FeatureVocabulary
    /// `features.count × labels.count`, row-major.
    public let weights: [Float]
    public let biases: [Double]
    /// Decision threshold on the probability, per label.
    public var thresholds: [Double]
    /// How the model was made: data sources, penalty, scores (free text, sorted on output).
    public var metadata: [String: String]

    /// `weightRows[l][f]` is label l's weight for feature f.
    public init(name: String, labels: [String], features: FeatureVocabulary,
                weightRows: [[Double]], biases: [Double], thresholds: [Double],
                metadata: [String: String] = [:]) {
        precondition(weightRows.count == labels.count && biases.count == labels.count
                     && thresholds.count == labels.count, "one row, bias, threshold per label")
        self.name = name
        self.labels = labels
        self.features = features
        let l = labels.count
        var w = [Float](repeating: 0, count: features.count * l)
        for (li, row) in weightRows.enumerated() {
            precondition(row.count == features.count, "one weight per feature")
            for (f, v) in row.enumerated() { w[f * l + li] = Float(v) }
        }
        self.weights = w
        self.biases = biases
        self.thresholds = thresholds
        self.metadata = metadata
    }

    /// A model from weights already in storage order (`features.count × labels.count`,
    /// feature-major).
    init(name: String, labels: [String], features: FeatureVocabulary, weights: [Float],
         biases: [Double], thresholds: [Double], metadata: [String: String] = [:]) {
        precondition(weights.count == features.count * labels.count
                     && biases.count == labels.count && thresholds.count == labels.count,
                     "one weight per feature and label, one bias and threshold per label")
        self.name = name
        self.labels = labels
        self.features = features
        self.weights = weights
        self.biases = biases
        self.thresholds = thresholds
        self.metadata = metadata
    }

    /// Label l's weight for feature f.
    public func weight(label l: Int, feature f: Int) -> Float { weights[f * labels.count + l] }

    /// Writes every label's linear score `w·x + b` into `out` (resized to `labels.count`).
    /// Allocation-free when `out` already has the right size.
    @inlinable
    public func logits(_ x: SparseVector, into out: inout [Double]) {
        let l = labels.count
        if out.count != l { out = [Double](repeating: 0, count: l) }
        for j in 0..<l { out[j] = biases[j] }
        weights.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { o in
                for k in 0..<x.indices.count {
                    let row = Int(x.indices[k]) * l
                    guard row + l <= w.count else { continue }
                    let v = Double(x.values[k])
                    for j in 0..<l { o[j] += v * Double(w[row + j]) }
                }
            }
        }
    }

    /// Every label's probability.
    @inlinable
    public func probabilities(_ x: SparseVector, into out: inout [Double]) {
        logits(x, into: &out)
        for j in 0..<out.count { out[j] = logistic(out[j]) }
    }

    public func probabilities(_ x: SparseVector) -> [Double] {
        var out: [Double] = []
        probabilities(x, into: &out)
        return out
    }

    /// Labels whose probability reaches their threshold, strongest first (ties by label order).
    public func decide(_ probabilities: [Double]) -> [String] {
        labels.indices
            .filter { probabilities[$0] >= thresholds[$0] }
            .sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
            .map { labels[$0] }
    }

    /// The `count` features contributing most to label `l` for `x` (positive contributions only),
    /// as `(feature name, weight·value)`, largest first.
    public func topContributions(_ x: SparseVector, label l: Int, count: Int) -> [(String, Double)] {
        // The best `count` kept in order while scanning; names are compared only on equal
        // contributions (the order of sorting every positive contribution).
        var best: [(feature: Int, contribution: Double)] = []
        func precedes(_ a: (feature: Int, contribution: Double),
                      _ b: (feature: Int, contribution: Double)) -> Bool {
            a.contribution != b.contribution ? a.contribution > b.contribution
                : features.names[a.feature] < features.names[b.feature]
        }
        guard count > 0 else { return [] }
        for k in 0..<x.indices.count {
            let f = Int(x.indices[k])
            guard f < features.count else { continue }
            let c = Double(x.values[k]) * Double(weights[f * labels.count + l])
            guard c > 0 else { continue }
            let candidate = (feature: f, contribution: c)
            if best.count == count {
                guard precedes(candidate, best[count - 1]) else { continue }
                best.removeLast()
            }
            let at = best.firstIndex { precedes(candidate, $0) } ?? best.count
            best.insert(candidate, at: at)
        }
        return best.map { (features.names[$0.feature], $0.contribution) }
    }
}

// MARK: - JSON

extension LinearModel: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion, name, labels, features, weights, biases, thresholds, metadata
    }

    /// Weights are written label-major, rounded to 6 decimals so files are compact and diffable.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(name, forKey: .name)
        try c.encode(labels, forKey: .labels)
        try c.encode(features.names, forKey: .features)
        let l = labels.count
        let rows = (0..<l).map { li in
            (0..<features.count).map { f in Self.rounded(Double(weights[f * l + li])) }
        }
        try c.encode(rows, forKey: .weights)
        try c.encode(biases.map(Self.rounded), forKey: .biases)
        try c.encode(thresholds.map(Self.rounded), forKey: .thresholds)
        try c.encode(metadata, forKey: .metadata)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(Int.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw SamtalError(.invalidModel,
                              "linear model has schemaVersion \(version), expected \(Self.schemaVersion)",
                              hint: "retrain with `samtal train` or `make train`")
        }
        let labels = try c.decode([String].self, forKey: .labels)
        let names = try c.decode([String].self, forKey: .features)
        let rows = try c.decode([[Double]].self, forKey: .weights)
        let biases = try c.decode([Double].self, forKey: .biases)
        let thresholds = try c.decode([Double].self, forKey: .thresholds)
        guard rows.count == labels.count, biases.count == labels.count,
              thresholds.count == labels.count, rows.allSatisfy({ $0.count == names.count })
        else {
            throw SamtalError(.invalidModel,
                              "linear model shapes disagree: \(labels.count) labels, \(names.count) features",
                              hint: "retrain with `samtal train` or `make train`")
        }
        self.init(name: try c.decode(String.self, forKey: .name), labels: labels,
                  features: FeatureVocabulary(names: names), weightRows: rows, biases: biases,
                  thresholds: thresholds,
                  metadata: try c.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:])
    }

    static func rounded(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }

    /// Deterministic JSON: sorted keys, one trailing newline.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Loads a model written by `jsonData()`, locating errors at `path`.
    public static func load(path: String) throws -> LinearModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SamtalError(.fileNotFound, "cannot read model \(path)",
                              hint: "restore Models/ from the repository or run `make train`",
                              underlying: "\(error)")
        }
        if let model = scan(data) { return model }
        do {
            return try JSONDecoder().decode(LinearModel.self, from: data)
        } catch let error as SamtalError {
            var e = error
            e.location = SourceLocation(file: path)
            throw e
        } catch {
            throw SamtalError(.invalidModel, "model \(path) is not a valid linear model",
                              hint: "retrain with `samtal train` or `make train`",
                              location: SourceLocation(file: path), underlying: "\(error)")
        }
    }
}

extension LinearModel {
    /// A model file read by `JSONScanner` (the files hold ~10⁵ weights, which `JSONDecoder` was
    /// slow to read at every start). Nil when the file is anything but a well-formed model of
    /// this schema version — `load` then decodes it with `JSONDecoder`, which reports the error.
    static func scan(_ data: Data) -> LinearModel? {
        guard var text = String(data: data, encoding: .utf8) else { return nil }
        return text.withUTF8 { utf8 -> LinearModel? in
            var s = JSONScanner(utf8)
            var version: Double?, name: String?, labels: [String]?, names: [String]?
            var rows: [[Double]]?, biases: [Double]?, thresholds: [Double]?
            var metadata: [String: String]?
            var seen = Set<String>()
            func strings(_ s: inout JSONScanner) throws(JSONScanner.Failure) -> [String] {
                var out: [String] = []
                try s.readArray { e throws(JSONScanner.Failure) in out.append(try e.readString()) }
                return out
            }
            func numbers(_ s: inout JSONScanner) throws(JSONScanner.Failure) -> [Double] {
                var out: [Double] = []
                try s.readArray { e throws(JSONScanner.Failure) in out.append(try e.readDouble()) }
                return out
            }
            do {
                try s.readObject { key, s throws(JSONScanner.Failure) in
                    guard seen.insert(key).inserted else { throw s.fail("repeated key") }
                    switch key {
                    case "schemaVersion": version = try s.readDouble()
                    case "name": name = try s.readString()
                    case "labels": labels = try strings(&s)
                    case "features": names = try strings(&s)
                    case "weights":
                        var out: [[Double]] = []
                        try s.readArray { e throws(JSONScanner.Failure) in out.append(try numbers(&e)) }
                        rows = out
                    case "biases": biases = try numbers(&s)
                    case "thresholds": thresholds = try numbers(&s)
                    case "metadata":
                        if s.readNull() { break }
                        var out: [String: String] = [:]
                        try s.readObject { k, v throws(JSONScanner.Failure) in
                            guard out[k] == nil else { throw v.fail("repeated key") }
                            out[k] = try v.readString()
                        }
                        metadata = out
                    default: try s.skipValue()
                    }
                }
            } catch {
                return nil
            }
            s.skipWhitespace()
            guard s.isAtEnd, version == Double(schemaVersion), let name, let labels, let names,
                  let rows, let biases, let thresholds, rows.count == labels.count,
                  biases.count == labels.count, thresholds.count == labels.count,
                  rows.allSatisfy({ $0.count == names.count })
            else { return nil }
            return LinearModel(name: name, labels: labels, features: FeatureVocabulary(names: names),
                               weightRows: rows, biases: biases, thresholds: thresholds,
                               metadata: metadata ?? [:])
        }
    }
}
