import SamtalCore

/// Reads SubRip: tolerant of missing, zero or out-of-order indexes, `,` or `.` before the
/// milliseconds, empty cues, missing blank lines between cues, HTML-like markup and
/// `{\an8}` override codes. Also reads the unattributed Teams transcript (timing lines only).
struct SRTReader {
    var context: ReadContext

    /// `start --> end [position]` where the times are `[h:]mm:ss[,.]mmm`.
    static func parseTimingLine<S: StringProtocol>(_ line: S) -> (Double, Double)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let left = line[..<arrow.lowerBound].trimmed
        let rightAll = line[arrow.upperBound...].trimmed
        let right = rightAll.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        guard left.contains(":"), right.contains(":"),
              let start = Timecode.parse(left), let end = Timecode.parse(right) else { return nil }
        return (start, end)
    }

    private struct Cue {
        var index: String?
        var start: Double
        var end: Double
        var lines: [String] = []
        var line: Int
        var blankAfterTiming = false
    }

    func read(_ text: String) throws -> Transcript {
        let lines = TextLines(text)
        var cues: [Cue] = []
        var current: Cue? = nil
        var pendingIndex: (String, Int)? = nil
        var i = 0
        func finish() {
            if var c = current {
                while let last = c.lines.last, last.trimmed.isEmpty { c.lines.removeLast() }
                cues.append(c)
            }
            current = nil
        }
        while i < lines.count {
            let raw = String(lines[i])
            let line = raw.trimmed
            let lineNumber = i + 1
            if let (start, end) = SRTReader.parseTimingLine(line) {
                // A timing line always opens a cue, even without a blank line before it.
                var index: String? = nil
                if let (pending, _) = pendingIndex {
                    index = pending
                } else if var c = current, let last = c.lines.last, Int(last.trimmed) != nil {
                    c.lines.removeLast()
                    current = c
                    index = last.trimmed
                }
                finish()
                pendingIndex = nil
                current = Cue(index: index, start: start, end: end, line: lineNumber)
            } else if line.isEmpty {
                if let c = current, c.lines.isEmpty, !c.blankAfterTiming {
                    // Teams' unattributed transcript puts a blank line between timing and text.
                    current!.blankAfterTiming = true
                    i += 1
                    continue
                }
                if let (pending, at) = pendingIndex {
                    try context.recover("expected a timing line 'hh:mm:ss,mmm --> hh:mm:ss,mmm' after index \(pending)",
                                        line: at + 1, column: 1)
                    pendingIndex = nil
                }
                finish()
            } else if current != nil {
                current!.lines.append(raw)
            } else if Int(line) != nil, pendingIndex == nil {
                pendingIndex = (line, lineNumber)
            } else {
                let column = (raw.firstIndex(where: { !$0.isWhitespace }).map {
                    raw.distance(from: raw.startIndex, to: $0) } ?? 0) + 1
                try context.recover("expected a cue number or a timing line 'hh:mm:ss,mmm --> hh:mm:ss,mmm'",
                                    line: lineNumber, column: column)
                pendingIndex = nil
                // Skip the rest of this block.
                while i + 1 < lines.count, !lines[i + 1].trimmed.isEmpty,
                      SRTReader.parseTimingLine(lines[i + 1]) == nil { i += 1 }
            }
            i += 1
        }
        if let (pending, at) = pendingIndex {
            try context.recover("expected a timing line after index \(pending)", line: at + 1, column: 1)
        }
        finish()

        var transcript = Transcript(format: TranscriptFormat.srt.rawValue)
        var ids = UtteranceIDs()
        var previousIndex = Int.min
        var outOfOrder = false
        for (n, cue) in cues.enumerated() {
            if let idx = cue.index.flatMap({ Int($0) }) {
                if idx <= previousIndex { outOfOrder = true }
                previousIndex = idx
            }
            let rawText = cue.lines.joined(separator: "\n")
            let parsed = CueText(parsing: SRTReader.removeOverrideCodes(rawText))
            var u = Utterance(id: ids.make(cue.index.flatMap { $0 == "0" ? nil : $0 }, index: n),
                              start: cue.start, end: cue.end, text: parsed.text.trimmed)
            if let voice = parsed.voice, !voice.isEmpty { u.speaker = TeamsNames.strip(voice).0 }
            transcript.utterances.append(u)
        }
        if outOfOrder {
            context.diagnostics.note("srt.index-order", "cue numbers are out of order; kept the file's order",
                                     at: context.location(nil))
        }
        SpeakerPrefix.applyIfConsistent(&transcript.utterances)
        return transcript
    }

    /// Removes ASS-style override blocks such as `{\an8}` or `{\i1}`.
    static func removeOverrideCodes(_ text: String) -> String {
        guard text.contains("{\\") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "{", text.index(after: i) < text.endIndex, text[text.index(after: i)] == "\\",
               let close = text[i...].firstIndex(of: "}") {
                i = text.index(after: close)
            } else {
                out.append(text[i])
                i = text.index(after: i)
            }
        }
        return out
    }
}
