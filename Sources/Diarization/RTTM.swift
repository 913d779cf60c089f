import Foundation
import SamtalCore

/// One `SPEAKER` line of an RTTM file, in seconds (RTTM is a file format, so seconds live here).
public struct RTTMSegment: Sendable, Hashable, Codable {
    /// File id (field 2), Unicode NFC-normalised so that NFD and NFC spellings are one file.
    public var file: String
    public var start: Double
    public var end: Double
    public var speaker: String

    public init(file: String, start: Double, end: Double, speaker: String) {
        self.file = file
        self.start = start
        self.end = end
        self.speaker = speaker
    }
}

/// Reading and writing NIST RTTM (`SPEAKER file chnl tbeg tdur <NA> <NA> name <NA> <NA>`).
///
/// Reading follows the rules pyannote.metrics users rely on (and `peers score` documents): only
/// `SPEAKER` lines count, lines starting with `;` or `#` are comments, fields are split on ASCII
/// spaces and tabs only (ids may hold any other character), text is UTF-8 with or without BOM
/// and falls back to Latin-1, zero-length turns are dropped, file ids are compared after NFC.
public enum RTTM {
    /// Segments grouped by file id, in file order within each id.
    public static func read(path: String) throws -> [String: [RTTMSegment]] {
        try parse(readText(path: path), path: path)
    }

    /// Parses RTTM text; `path` is used only to locate errors.
    public static func parse(_ text: String, path: String) throws -> [String: [RTTMSegment]] {
        var out: [String: [RTTMSegment]] = [:]
        var speakerLines = 0
        var otherLines = 0
        for (lineNumber, fields) in fieldLines(text) {
            guard fields[0] == "SPEAKER" else {
                otherLines += 1
                continue
            }
            speakerLines += 1
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            guard fields.count >= 8 else {
                throw SamtalError(
                    .parseError,
                    "RTTM SPEAKER line has \(fields.count) fields, needs at least 8",
                    hint: "expected `SPEAKER file chnl tbeg tdur <NA> <NA> name <NA> <NA>`",
                    location: location)
            }
            let start = try number(fields[3], "onset", location)
            let duration = try number(fields[4], "duration", location)
            guard duration >= 0 else {
                throw SamtalError(.parseError, "negative duration \(fields[4])", location: location)
            }
            if duration == 0 { continue }
            let file = fields[1].precomposedStringWithCanonicalMapping
            out[file, default: []].append(
                RTTMSegment(file: file, start: start, end: start + duration, speaker: fields[7]))
        }
        if otherLines > 0 && speakerLines == 0 {
            throw SamtalError(
                .parseError, "not an RTTM file (no SPEAKER lines)", location: SourceLocation(file: path))
        }
        return out
    }

    /// Reads a UEM file (`file chnl start end` or `file start end` per line) as evaluated
    /// intervals per file id, merged where they overlap.
    public static func readUEM(path: String) throws -> [String: [Interval]] {
        var out: [String: [Interval]] = [:]
        for (lineNumber, fields) in fieldLines(try readText(path: path)) {
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            let (file, s, e): (String, String, String)
            if fields.count >= 4 {
                (file, s, e) = (fields[0], fields[2], fields[3])
            } else if fields.count == 3 {
                (file, s, e) = (fields[0], fields[1], fields[2])
            } else {
                throw SamtalError(
                    .parseError, "UEM line needs `file channel start end`", location: location)
            }
            let start = try number(s, "start", location)
            let end = try number(e, "end", location)
            guard end >= start else {
                throw SamtalError(.parseError, "UEM end \(e) before start \(s)", location: location)
            }
            out[file.precomposedStringWithCanonicalMapping, default: []].append(
                Interval(start, end))
        }
        if out.isEmpty {
            throw SamtalError(.parseError, "no UEM lines", location: SourceLocation(file: path))
        }
        return out.mapValues { Interval.union($0) }
    }

    /// RTTM text for speaker turns, one line per turn, times in seconds with 3 decimals.
    ///
    /// Whitespace in `fileID` becomes `_` so the line keeps its 10 fields.
    public static func format(_ turns: [SpeakerTurn], sampleRate: Int, fileID: String) -> String {
        let id = sanitizedID(fileID)
        var text = ""
        for turn in turns {
            let (start, end) = turn.span.seconds(at: sampleRate)
            let startText = String(format: "%.3f", start)
            let durationText = String(format: "%.3f", end - start)
            text += "SPEAKER \(id) 1 \(startText) \(durationText) <NA> <NA> \(turn.speaker) <NA> <NA>\n"
        }
        return text
    }

    /// A file id for RTTM built from a path: the file name without its extension, whitespace as `_`.
    public static func fileID(forPath path: String) -> String {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return sanitizedID(name)
    }

    static func sanitizedID(_ id: String) -> String {
        let replaced = String(id.map { $0 == " " || $0 == "\t" || $0.isNewline ? "_" : $0 })
        return replaced.isEmpty ? "recording" : replaced.precomposedStringWithCanonicalMapping
    }

    static func readText(path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SamtalError(.fileNotFound, "no such file: \(path)", location: SourceLocation(file: path))
        }
        if isDirectory.boolValue {
            throw SamtalError(.isDirectory, "\(path) is a directory, expected a file",
                              location: SourceLocation(file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.permissionDenied, "cannot read \(path)", location: SourceLocation(file: path))
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .isoLatin1) ?? ""
    }

    /// Non-empty, non-comment lines split on ASCII spaces and tabs, with 1-based line numbers.
    static func fieldLines(_ text: String) -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        var lineNumber = 0
        // Split on \n only, then trim \r, so CRLF files keep their line numbers.
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{FEFF}"))
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            result.append((lineNumber, fields))
        }
        return result
    }

    static func number(_ text: String, _ what: String, _ location: SourceLocation) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw SamtalError(.parseError, "\(what) is not a finite number: \(text)", location: location)
        }
        return value
    }
}

/// A half-open time interval `[start, end)` in seconds, used by scoring at the file-format edge.
public struct Interval: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double

    public init(_ start: Double, _ end: Double) {
        self.start = start
        self.end = end
    }

    public var duration: Double { max(0, end - start) }

    /// Sorted, merged union of `intervals` (touching intervals merge; empty ones vanish).
    public static func union(_ intervals: [Interval]) -> [Interval] {
        let sorted = intervals.filter { $0.end > $0.start }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [Interval] = []
        for interval in sorted {
            if let last = merged.last, interval.start <= last.end {
                merged[merged.count - 1].end = max(last.end, interval.end)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    /// `support` minus the union of `holes`, as sorted disjoint intervals.
    public static func subtract(_ holes: [Interval], from support: [Interval]) -> [Interval] {
        let holes = union(holes)
        var result: [Interval] = []
        for piece in union(support) {
            var cursor = piece.start
            for hole in holes where hole.end > cursor && hole.start < piece.end {
                if hole.start > cursor { result.append(Interval(cursor, hole.start)) }
                cursor = max(cursor, hole.end)
                if cursor >= piece.end { break }
            }
            if cursor < piece.end { result.append(Interval(cursor, piece.end)) }
        }
        return result
    }

    /// Total duration of the union of `intervals`.
    public static func coveredDuration(_ intervals: [Interval]) -> Double {
        union(intervals).reduce(0) { $0 + $1.duration }
    }

    /// Duration of the intersection of two interval sets (each merged first).
    public static func intersectionDuration(_ a: [Interval], _ b: [Interval]) -> Double {
        let a = union(a)
        let b = union(b)
        var i = 0
        var j = 0
        var total = 0.0
        while i < a.count && j < b.count {
            total += max(0, min(a[i].end, b[j].end) - max(a[i].start, b[j].start))
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return total
    }
}
