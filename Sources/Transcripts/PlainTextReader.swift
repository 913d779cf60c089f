import Foundation
import SamtalCore

/// Reads Otter.ai text exports: a header line `Name  0:06` (name, spaces, clock time), the text
/// on the following lines, blocks separated by blank lines.
struct OtterReader {
    var context: ReadContext

    /// `Name  m:ss` or `Name  h:mm:ss`: the name and the time in seconds.
    static func header<S: StringProtocol>(_ line: S) -> (String, Double)? {
        let t = line.trimmed
        guard let space = t.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let timeText = t[t.index(after: space)...]
        let name = t[..<space].trimmed
        guard timeText.contains(":"), let time = Timecode.parse(timeText), !name.isEmpty,
              name.count <= 60, name.first?.isLetter == true else { return nil }
        return (name, time)
    }

    static func isHeaderLine<S: StringProtocol>(_ line: S) -> Bool { header(line) != nil }

    func read(_ text: String) throws -> Transcript {
        var t = Transcript(format: TranscriptFormat.otter.rawValue)
        var current: Utterance? = nil
        func finish() {
            if var u = current {
                u.text = u.text.trimmed
                t.utterances.append(u)
            }
            current = nil
        }
        for (i, raw) in TextLines(text).lines.enumerated() {
            let line = raw.trimmed
            if line.isEmpty { finish(); continue }
            if current == nil, let (name, time) = OtterReader.header(line) {
                current = Utterance(id: UtteranceIDs.positional(t.utterances.count), start: time,
                                    speaker: name, text: "")
            } else if current != nil {
                current!.text += (current!.text.isEmpty ? "" : "\n") + line
            } else if line.hasPrefix("Transcribed by") {
                continue  // Otter's footer
            } else {
                try context.recover("expected an Otter header line 'Name  0:06'", line: i + 1, column: 1)
            }
        }
        finish()
        // Otter gives start times only; each utterance ends where the next begins.
        for i in t.utterances.indices.dropLast() {
            if let next = t.utterances[i + 1].start, let s = t.utterances[i].start, next >= s {
                t.utterances[i].metadata["endEstimated"] = "true"
                t.utterances[i].end = next
            }
        }
        return t
    }
}

/// Reads plain transcripts: `Name: text`, `[00:01:02] Name: text`, `[start - end] Name: text`,
/// `Name (00:12): text`, a speaker line (`DIANE (00:06)` or `Name:`) then text lines. Indented
/// lines and lines without a speaker continue the utterance above them.
struct PlainTextReader {
    var context: ReadContext

    private struct Head {
        var speaker: String?
        var start: Double?
        var end: Double?
        var text: String
    }

    /// `[t]` or `[t - t]` at the start: the times and the rest.
    private static func bracketTimes(_ line: String) -> (Double, Double?, String)? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let inside = line[line.index(after: line.startIndex)..<close]
        let parts = inside.components(separatedBy: " - ")
        guard let s = Timecode.parse(parts[0]), parts[0].contains(":") else { return nil }
        var e: Double? = nil
        if parts.count == 2 {
            guard let v = Timecode.parse(parts[1]) else { return nil }
            e = v
        } else if parts.count > 2 { return nil }
        return (s, e, String(line[line.index(after: close)...]).trimmed)
    }

    /// `Name (00:12)` → name and time.
    private static func nameWithTime(_ s: String) -> (String, Double)? {
        guard s.hasSuffix(")"), let open = s.lastIndex(of: "(") else { return nil }
        let inside = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard inside.contains(":"), let time = Timecode.parse(inside) else { return nil }
        let name = s[..<open].trimmed
        guard !name.isEmpty, name.count <= 40, name.first?.isLetter == true else { return nil }
        return (name, time)
    }

    /// Zoom chat: `15:01:02 From Anna Berg to Everyone:` (a wall-clock time, kept as metadata).
    static func zoomChatHead(_ line: String) -> (speaker: String, clock: String)? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        let clock = String(line[..<space])
        guard clock.contains(":"), Timecode.parse(clock) != nil, line.hasSuffix(":") else { return nil }
        let rest = line[line.index(after: space)...].dropLast()
        guard rest.hasPrefix("From "), let to = rest.range(of: " to ", options: .backwards) else { return nil }
        let name = rest[rest.index(rest.startIndex, offsetBy: 5)..<to.lowerBound].trimmed
        return name.isEmpty ? nil : (name, clock)
    }

    private static func head(_ line: String) -> Head? {
        var rest = line
        var start: Double? = nil, end: Double? = nil
        if let (s, e, r) = bracketTimes(line) {
            start = s; end = e; rest = r
        }
        if let (name, time) = nameWithTime(rest) {  // speaker line "DIANE (00:06)"
            return Head(speaker: name, start: start ?? time, end: end, text: "")
        }
        if let close = rest.range(of: "):"), let (name, time) = nameWithTime(String(rest[..<close.upperBound].dropLast())) {
            return Head(speaker: name, start: start ?? time, end: end,
                        text: rest[close.upperBound...].trimmed)
        }
        if let (name, text) = SpeakerPrefix.split(rest) {
            if let (n, time) = nameWithTime(name) {
                return Head(speaker: n, start: start ?? time, end: end, text: text)
            }
            return Head(speaker: name, start: start, end: end, text: text)
        }
        if start != nil { return Head(speaker: nil, start: start, end: end, text: rest) }
        return nil
    }

    /// A line that is only a name: short, no sentence punctuation.
    private static func isNameLine(_ line: String) -> Bool {
        line.count <= 40 && line.first?.isLetter == true && line.split(separator: " ").count <= 4
            && !line.contains(where: { ".?!,;:\"".contains($0) })
    }

    func read(_ text: String) throws -> Transcript {
        var t = Transcript(format: TranscriptFormat.plain.rawValue)
        var current: Utterance? = nil
        var blockStart = true
        let lines = TextLines(text).lines
        func finish() {
            if var u = current {
                u.text = u.text.trimmed
                t.utterances.append(u)
            }
            current = nil
        }
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmed
            if line.isEmpty {
                finish()
                blockStart = true
                continue
            }
            let indented = raw.first == " " || raw.first == "\t"
            if let (speaker, clock) = PlainTextReader.zoomChatHead(line) {
                finish()
                current = Utterance(id: UtteranceIDs.positional(t.utterances.count), speaker: speaker,
                                    text: "", metadata: ["time": clock])
            } else if indented, current != nil {
                current!.text += (current!.text.isEmpty ? "" : "\n") + line
            } else if let h = PlainTextReader.head(line) {
                finish()
                current = Utterance(id: UtteranceIDs.positional(t.utterances.count), start: h.start,
                                    end: h.end, speaker: h.speaker, text: h.text)
            } else if blockStart, PlainTextReader.isNameLine(line), i + 1 < lines.count,
                      !lines[i + 1].trimmed.isEmpty,
                      PlainTextReader.head(lines[i + 1].trimmed) == nil {
                finish()
                current = Utterance(id: UtteranceIDs.positional(t.utterances.count), speaker: line,
                                    text: "")
            } else if current != nil, current!.speaker != nil || !blockStart {
                current!.text += (current!.text.isEmpty ? "" : "\n") + line
            } else {
                finish()
                current = Utterance(id: UtteranceIDs.positional(t.utterances.count), text: line)
            }
            blockStart = false
        }
        finish()
        return t
    }
}
