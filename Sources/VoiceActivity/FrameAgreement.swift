import Foundation
import SamtalCore

/// Frame-level agreement of hypothesised speech with reference speech, the scorer of
/// `samtal eval vad`. Same definition as `peers vad-score`: frame `i` covers
/// `[start + i·frame, start + (i+1)·frame)` and counts as speech when its centre lies in a segment.
public struct FrameAgreement: Sendable, Equatable, Codable {
    public var frames: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int

    /// Scores `hypothesis` against `reference` (segments in seconds) over `[start, end)` with
    /// frames of `frameSeconds`.
    public init(reference: [ClosedSegment], hypothesis: [ClosedSegment], start: Double = 0,
                end: Double, frameSeconds: Double = 0.01) {
        let n = max(0, Int((((end - start) / frameSeconds) - 1e-9).rounded(.up)))
        let r = Self.mask(reference, start: start, frame: frameSeconds, count: n)
        let h = Self.mask(hypothesis, start: start, frame: frameSeconds, count: n)
        var tp = 0, fp = 0, fn = 0, tn = 0
        for i in 0..<n {
            switch (r[i], h[i]) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (true, false): fn += 1
            case (false, false): tn += 1
            }
        }
        frames = n
        truePositives = tp
        falsePositives = fp
        falseNegatives = fn
        trueNegatives = tn
    }

    static func mask(_ segments: [ClosedSegment], start: Double, frame: Double, count n: Int) -> [Bool] {
        var d = [Int](repeating: 0, count: n + 1)
        for s in segments {
            let lo = max(0, Int(((s.start - start) / frame - 0.5 - 1e-9).rounded(.up)))
            let hi = min(n, Int(((s.end - start) / frame - 0.5 - 1e-9).rounded(.up)))
            if hi > lo {
                d[lo] += 1
                d[hi] -= 1
            }
        }
        var out = [Bool](repeating: false, count: n)
        var run = 0
        for i in 0..<n {
            run += d[i]
            out[i] = run > 0
        }
        return out
    }

    private static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }

    public var precision: Double? { Self.ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { Self.ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double? {
        guard let p = precision, let r = recall else { return nil }
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
    public var missRate: Double? { Self.ratio(falseNegatives, truePositives + falseNegatives) }
    public var falseAlarmRate: Double? { Self.ratio(falsePositives, falsePositives + trueNegatives) }
}

/// A stretch of time in seconds, `start ..< end`, as read from label files.
public struct ClosedSegment: Sendable, Equatable, Codable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// Reads reference speech from `.lab` files (`start end [label]`; labels such as `silence`,
/// `sil`, `nonspeech`, `noise`, `music`, `pause` and `0` are not speech) and RTTM files (the
/// union of all speakers' turns), as `peers vad-score` does.
public enum SpeechLabels {
    static let nonSpeech: Set<String> = ["silence", "sil", "nonspeech", "non-speech", "noise",
                                         "music", "pause", "0", "ns"]

    /// Speech segments of `path`; throws `parseError` at `file:line:column` for malformed lines.
    public static func read(path: String) throws -> [ClosedSegment] {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
        } catch {
            throw SamtalError(.fileNotFound, "cannot read the label file \(path)",
                              underlying: error.localizedDescription)
        }
        return try parse(text, file: path)
    }

    /// Speech segments of label text (lab or RTTM, told apart by `SPEAKER` lines).
    public static func parse(_ text: String, file: String) throws -> [ClosedSegment] {
        var rows: [(line: Int, fields: [Substring])] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{FEFF}"))
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            rows.append((i + 1, Substring(line).split(whereSeparator: { $0 == " " || $0 == "\t" })))
        }
        let isRTTM = rows.contains { $0.fields.first == "SPEAKER" }
        var out: [ClosedSegment] = []
        for (line, f) in rows {
            func number(_ index: Int, _ what: String) throws -> Double {
                guard index < f.count, let v = Double(f[index]), v.isFinite else {
                    throw SamtalError(.parseError, "expected a number for \(what)",
                                      location: SourceLocation(file: file, line: line))
                }
                return v
            }
            if isRTTM {
                guard f[0] == "SPEAKER" else { continue }
                guard f.count >= 8 else {
                    throw SamtalError(.parseError,
                                      "RTTM SPEAKER line has \(f.count) fields, needs at least 8",
                                      location: SourceLocation(file: file, line: line))
                }
                let start = try number(3, "the onset"), duration = try number(4, "the duration")
                guard duration >= 0 else {
                    throw SamtalError(.parseError, "negative duration",
                                      location: SourceLocation(file: file, line: line))
                }
                if duration > 0 { out.append(ClosedSegment(start: start, end: start + duration)) }
            } else {
                let start = try number(0, "the start"), end = try number(1, "the end")
                guard end >= start else {
                    throw SamtalError(.parseError, "end \(end) before start \(start)",
                                      location: SourceLocation(file: file, line: line))
                }
                let label = f.dropFirst(2).joined(separator: " ").lowercased()
                if !nonSpeech.contains(label) { out.append(ClosedSegment(start: start, end: end)) }
            }
        }
        return out
    }
}

extension SpeechRegions {
    /// The spans in seconds.
    public var segments: [ClosedSegment] {
        spans.map {
            let (a, b) = $0.seconds(at: sampleRate)
            return ClosedSegment(start: a, end: b)
        }
    }
}
