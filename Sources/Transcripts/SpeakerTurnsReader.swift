import Foundation
import SamtalCore

/// Reads speaker turns for alignment: RTTM, or pyannote's serialized output (JSON with
/// `diarization` and `exclusive_diarization` lists of `{start, end, speaker}`).
public enum SpeakerTurnsReader {
    /// Turns at `sampleRate`. When the source has no exclusive view, it is derived: where turns
    /// overlap, the speaker whose turn started last holds the floor (an interjection is
    /// transcribed as the interjecting speaker's words).
    public static func read(path: String, sampleRate: Int = 16_000, options: ReadOptions = ReadOptions(),
                            diagnostics: DiagnosticSink) throws -> SpeakerTurns
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(FileManager.default.fileExists(atPath: path) ? .permissionDenied : .fileNotFound,
                              "cannot read speaker turns from \(path)")
        }
        let context = ReadContext(source: path, options: options, diagnostics: diagnostics)
        let (text, _) = TextDecoding.decode(data, encoding: options.encoding, source: path,
                                            diagnostics: diagnostics)
        var overlapping: [(Double, Double, String)] = []
        var exclusive: [(Double, Double, String)]? = nil
        let head = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if head.hasPrefix("{") {
            var parser = JSONParser(text, context: context)
            let root = try parser.parse()
            func list(_ key: String) -> [(Double, Double, String)]? {
                root[key]?.array?.compactMap { item in
                    guard let s = item["start"]?.number, let e = item["end"]?.number,
                          let sp = item["speaker"]?.string else { return nil }
                    return (s, e, sp)
                }
            }
            guard let d = list("diarization") ?? list("exclusive_diarization") else {
                throw SamtalError(.parseError, "no 'diarization' list in this JSON",
                                  location: SourceLocation(file: path, line: 1, column: 1))
            }
            overlapping = d
            exclusive = list("exclusive_diarization")
        } else {
            overlapping = try RTTMReader(context: context).turns(text).map {
                ($0.start, $0.start + $0.duration, $0.speaker)
            }
        }
        for t in overlapping + (exclusive ?? []) {
            guard t.0.isFinite, t.1.isFinite, t.0 >= 0, t.1 <= Timecode.maximumSeconds else {
                throw SamtalError(.parseError, "speaker turn \(t.2) has a time out of range (\(t.0)–\(t.1) s)",
                                  location: SourceLocation(file: path))
            }
        }
        func turn(_ t: (Double, Double, String)) -> SpeakerTurn {
            SpeakerTurn(span: .seconds(t.0, t.1, sampleRate: sampleRate), speaker: t.2)
        }
        let over = overlapping.map(turn).filter { !$0.span.isEmpty }.sorted { $0.span < $1.span }
        let excl = exclusive.map { $0.map(turn).filter { !$0.span.isEmpty }.sorted { $0.span < $1.span } }
            ?? exclusiveTurns(over)
        let total = max(over.map(\.span.end).max() ?? 0, excl.map(\.span.end).max() ?? 0)
        return SpeakerTurns(sampleRate: sampleRate, totalSamples: total, overlapping: over,
                            exclusive: excl)
    }

    /// Exclusive turns from overlapping ones: at every sample the active speaker whose turn
    /// started last; adjacent pieces of one speaker are joined.
    public static func exclusiveTurns(_ turns: [SpeakerTurn]) -> [SpeakerTurn] {
        let bounds = Set(turns.flatMap { [$0.span.start, $0.span.end] }).sorted()
        var out: [SpeakerTurn] = []
        let sorted = turns.sorted { $0.span < $1.span }
        for (a, b) in zip(bounds, bounds.dropFirst()) where b > a {
            let active = sorted.filter { $0.span.start <= a && $0.span.end >= b }
            guard let holder = active.max(by: { x, y in
                x.span.start != y.span.start ? x.span.start < y.span.start : x.speaker > y.speaker
            }) else { continue }
            if let last = out.last, last.speaker == holder.speaker, last.span.end == a {
                out[out.count - 1].span = SampleSpan(start: last.span.start, end: b)
            } else {
                out.append(SpeakerTurn(span: SampleSpan(start: a, end: b), speaker: holder.speaker))
            }
        }
        return out
    }

    /// `SPEAKER_00: Anna` lines (YAML mapping of plain scalars) → renames.
    public static func readNames(path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.fileNotFound, "cannot read speaker names from \(path)")
        }
        return try SpeakerNames.parse(String(decoding: data, as: UTF8.self), source: path)
    }
}
