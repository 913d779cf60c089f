import SamtalCore

/// Reads NIST RTTM `SPEAKER` lines (turns only: no text); other line types and `;;` comments are
/// skipped. Also turns RTTM into `SpeakerTurns` for alignment.
struct RTTMReader {
    var context: ReadContext

    struct Turn {
        var file: String
        var start: Double
        var duration: Double
        var speaker: String
        var line: Int
    }

    /// A field safe to put between RTTM's whitespace separators.
    static func field(_ s: String) -> String {
        let joined = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
        return joined.isEmpty ? "<NA>" : joined
    }

    func turns(_ text: String) throws -> [Turn] {
        var turns: [Turn] = []
        for (i, raw) in TextLines(text).lines.enumerated() {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix(";;") || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.first == "SPEAKER" else {
                if let first = fields.first, first.allSatisfy({ $0.isUppercase || $0 == "-" }) {
                    continue  // SPKR-INFO, LEXEME, NOSCORE … carry no turns
                }
                try context.recover("expected an RTTM line starting with 'SPEAKER'", line: i + 1, column: 1)
                continue
            }
            guard fields.count >= 8 else {
                try context.recover("expected at least 8 fields in an RTTM SPEAKER line, found \(fields.count)",
                                    line: i + 1, column: raw.count + 1)
                continue
            }
            guard let start = Double(fields[3]), start.isFinite, start >= 0 else {
                try context.recover("expected an onset in seconds, found '\(fields[3])'",
                                    line: i + 1, column: column(of: 3, in: raw))
                continue
            }
            guard let duration = Double(fields[4]), duration.isFinite, duration >= 0 else {
                try context.recover("expected a duration in seconds, found '\(fields[4])'",
                                    line: i + 1, column: column(of: 4, in: raw))
                continue
            }
            turns.append(Turn(file: fields[1], start: start, duration: duration, speaker: fields[7],
                              line: i + 1))
        }
        return turns
    }

    /// 1-based column of the `n`-th whitespace-separated field.
    private func column(of n: Int, in line: Substring) -> Int {
        var field = -1, inField = false
        for (i, c) in line.enumerated() {
            if c == " " || c == "\t" { inField = false; continue }
            if !inField { field += 1; inField = true; if field == n { return i + 1 } }
        }
        return 1
    }

    func read(_ text: String) throws -> Transcript {
        let turns = try turns(text)
        var t = Transcript(format: TranscriptFormat.rttm.rawValue)
        if let file = turns.first?.file { t.metadata["recording"] = file }
        for (i, turn) in turns.enumerated() {
            t.utterances.append(Utterance(
                id: UtteranceIDs.positional(i), start: turn.start,
                end: ((turn.start + turn.duration) * 1e6).rounded() / 1e6,
                speaker: turn.speaker == "<NA>" ? nil : turn.speaker, text: ""))
        }
        return t
    }
}

/// Reads NIST STM: `file channel speaker start end [<labels>] text`, `;;` comments.
struct STMReader {
    var context: ReadContext

    static func parseLine<S: StringProtocol>(_ line: S) -> (file: String, speaker: String, start: Double, end: Double, text: String)? {
        let fields = line.split(maxSplits: 5, whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 5, let start = Double(fields[3]), let end = Double(fields[4]),
              start.isFinite, end.isFinite, fields[3].first?.isASCIIDigit == true else { return nil }
        var text = fields.count > 5 ? String(fields[5]) : ""
        if text.hasPrefix("<"), let close = text.firstIndex(of: ">") {
            text = String(text[text.index(after: close)...])
        }
        return (String(fields[0]), String(fields[2]), start, end, text.trimmed)
    }

    func read(_ text: String) throws -> Transcript {
        var t = Transcript(format: TranscriptFormat.stm.rawValue)
        for (i, raw) in TextLines(text).lines.enumerated() {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix(";;") { continue }
            guard let p = STMReader.parseLine(line) else {
                try context.recover("expected 'file channel speaker start end text'", line: i + 1, column: 1)
                continue
            }
            if p.speaker == "inter_segment_gap" || p.speaker == "excluded_region" { continue }
            if t.metadata["recording"] == nil { t.metadata["recording"] = p.file }
            t.utterances.append(Utterance(id: UtteranceIDs.positional(t.utterances.count),
                                          start: p.start, end: p.end, speaker: p.speaker, text: p.text))
        }
        return t
    }
}
