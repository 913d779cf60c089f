/// The stages of `samtal run`, in order. Each writes `NN-<name>.json` in its table's folder.
public enum PipelineStage: String, Sendable, Codable, CaseIterable, Comparable {
    case decode, vad, diarize, align, tag, summarize

    /// 1-based position, used in artifact names (`03-diarize.json`).
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// `"03-diarize.json"`.
    public var artifactName: String {
        (number < 10 ? "0" : "") + "\(number)-\(rawValue).json"
    }

    /// Parses a stage name; `import` is accepted for `align` (import and alignment are one stage).
    public init?(name: String) {
        if name == "import" { self = .align; return }
        self.init(rawValue: name)
    }

    public static func < (a: PipelineStage, b: PipelineStage) -> Bool { a.number < b.number }
}
