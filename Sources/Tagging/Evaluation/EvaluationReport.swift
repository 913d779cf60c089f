import Foundation

/// A set of evaluation results, rendered as Markdown (for people) or JSON (for scripts).
public struct EvaluationReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// One task on one dataset.
    public struct Section: Sendable, Equatable, Codable {
        /// Per-label row of a classification task.
        public struct LabelRow: Sendable, Equatable, Codable {
            public var label: String
            public var precision: Double
            public var recall: Double
            public var f1: Double
            public var support: Int
            public var predicted: Int
        }

        /// e.g. `"emotions"`, `"basic-emotions"`, `"polarity"`.
        public var task: String
        /// e.g. `"utterances-sv/dev.jsonl"`.
        public var dataset: String
        /// How it was measured (layer, folds, training data).
        public var method: String
        public var items: Int
        public var macroF1: Double?
        public var microF1: Double?
        public var exactMatch: Double?
        public var labels: [LabelRow]
        /// Named figures other than F1, e.g. `"pearson"`, `"spearman"`.
        public var figures: [String: Double]
        /// Published figure or target to compare with, as text.
        public var reference: String?

        public init(task: String, dataset: String, method: String, items: Int,
                    macroF1: Double? = nil, microF1: Double? = nil, exactMatch: Double? = nil,
                    labels: [LabelRow] = [], figures: [String: Double] = [:],
                    reference: String? = nil) {
            self.task = task
            self.dataset = dataset
            self.method = method
            self.items = items
            self.macroF1 = macroF1
            self.microF1 = microF1
            self.exactMatch = exactMatch
            self.labels = labels
            self.figures = figures
            self.reference = reference
        }

        /// A classification section from a `ClassificationReport`.
        public init(_ report: ClassificationReport, dataset: String, method: String,
                    reference: String? = nil) {
            self.init(
                task: report.task, dataset: dataset, method: method, items: report.items,
                macroF1: report.macroF1, microF1: report.microF1,
                exactMatch: report.exactMatchRatio,
                labels: report.labels.map {
                    LabelRow(label: $0.label, precision: $0.precision, recall: $0.recall, f1: $0.f1,
                             support: $0.support, predicted: $0.truePositives + $0.falsePositives)
                },
                reference: reference)
        }
    }

    public var schemaVersion = EvaluationReport.schemaVersion
    public var sections: [Section]

    public init(sections: [Section] = []) { self.sections = sections }

    /// Deterministic JSON (sorted keys, full-precision figures).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// A Markdown document: one heading per section, a per-label table, averages.
    public func markdown(title: String = "Tagging evaluation") -> String {
        var out = "# \(title)\n"
        for s in sections {
            out += "\n## \(s.task) — \(s.dataset)\n\n"
            out += "\(s.method) (n = \(s.items))\n\n"
            if !s.labels.isEmpty {
                out += "| label | precision | recall | F1 | support | predicted |\n"
                out += "| --- | ---: | ---: | ---: | ---: | ---: |\n"
                for r in s.labels {
                    out += "| \(r.label) | \(f(r.precision)) | \(f(r.recall)) | \(f(r.f1)) | \(r.support) | \(r.predicted) |\n"
                }
                out += "\n"
            }
            var figures: [String] = []
            if let m = s.macroF1 { figures.append("macro-F1 **\(f(m))**") }
            if let m = s.microF1 { figures.append("micro-F1 \(f(m))") }
            if let m = s.exactMatch { figures.append("exact match \(f(m))") }
            for key in s.figures.keys.sorted() { figures.append("\(key) \(f(s.figures[key]!))") }
            if !figures.isEmpty { out += figures.joined(separator: " · ") + "\n" }
            if let r = s.reference { out += "\nCompare: \(r)\n" }
        }
        return out
    }

    private func f(_ v: Double) -> String { String(format: "%.3f", v) }
}
