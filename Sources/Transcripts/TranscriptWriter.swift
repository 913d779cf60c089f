import SamtalCore

/// Writes a `Transcript` in one of `TranscriptFormat.writable`. Reading the output back with
/// `TranscriptIO.read` gives the same utterances, within what the format can hold (see
/// docs/transcripts.md: SRT has no ids, RTTM no text, TXT/CSV no word timings …).
struct TranscriptWriter {
    var format: TranscriptFormat

    func write(_ t: Transcript) throws -> String {
        switch format {
        case .webvtt: return try webVTT(t)
        case .srt: return try srt(t)
        case .json: return try SamtalJSON.encode(t)
        case .rttm: return try rttm(t)
        case .csv: return table(t, separator: ",")
        case .tsv: return table(t, separator: "\t")
        case .plain: return plain(t)
        case .textgrid: return try TextGridWriter().write(t)
        case .whisperJSON, .stm, .otter, .eaf:
            throw SamtalError(.unsupportedFormat, "samtal reads \(format.rawValue) but does not write it",
                              hint: "write one of: " + TranscriptFormat.writable.map(\.rawValue).joined(separator: ", "))
        }
    }

    static func requireTimes(_ u: Utterance, _ format: String) throws -> (Double, Double) {
        guard let s = u.start, let e = u.end else {
            throw SamtalError(.invalidArgument, "utterance \(u.id) has no time; \(format) needs start and end times",
                              hint: "write csv, txt or json, or align the transcript first")
        }
        return (s, e)
    }

    /// `&`, `<` and `>` as character references, so that text never turns into markup.
    static func escapeMarkup(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Text lines for a cue: no blank lines (a blank line ends a cue), no trailing spaces.
    static func cueLines(_ text: String) -> [String] {
        TextLines(text).lines.map { $0.trimmed }.filter { !$0.isEmpty }
    }

    private func webVTT(_ t: Transcript) throws -> String {
        var out = "WEBVTT\n"
        if let language = t.language, !language.contains("\n") { out += "Language: \(language)\n" }
        for u in t.utterances {
            let (s, e) = try Self.requireTimes(u, "WebVTT")
            out += "\n"
            if !u.id.isEmpty, !u.id.contains("-->"), !u.id.contains(where: \.isNewline) {
                out += u.id + "\n"
            }
            out += "\(Timecode.format(s)) --> \(Timecode.format(e))"
            if let settings = u.metadata["settings"], !settings.contains(where: \.isNewline) {
                out += " " + settings
            }
            out += "\n"
            let lines = Self.cueLines(u.text).map(Self.escapeMarkup)
            var body = lines.joined(separator: "\n")
            if let speaker = u.speaker {
                let name = u.metadata["guest"] == "true" ? speaker + " (Guest)" : speaker
                let classes = u.metadata["voiceClasses"].map { "." + $0 } ?? ""
                let annotation = Self.escapeMarkup(name.split(whereSeparator: \.isWhitespace)
                    .joined(separator: " "))
                body = "<v\(classes) \(annotation)>" + body + "</v>"
            }
            if !body.isEmpty { out += body + "\n" }
        }
        return out
    }

    private func srt(_ t: Transcript) throws -> String {
        var out = ""
        for (i, u) in t.utterances.enumerated() {
            let (s, e) = try Self.requireTimes(u, "SRT")
            if i > 0 { out += "\n" }
            out += "\(i + 1)\n"
            out += "\(Timecode.format(s, separator: ",")) --> \(Timecode.format(e, separator: ","))\n"
            var lines = Self.cueLines(u.text).map(Self.escapeMarkup)
            if let speaker = u.speaker {
                let prefix = Self.escapeMarkup(speaker.split(whereSeparator: \.isWhitespace)
                    .joined(separator: " ")) + ":"
                if lines.isEmpty { lines = [prefix] } else { lines[0] = prefix + " " + lines[0] }
            }
            for line in lines { out += line + "\n" }
        }
        return out
    }

    private func rttm(_ t: Transcript) throws -> String {
        let file = RTTMReader.field(t.metadata["recording"] ?? "transcript")
        var out = ""
        for u in t.utterances {
            let (s, e) = try Self.requireTimes(u, "RTTM")
            let speaker = u.speaker.map(RTTMReader.field) ?? "<NA>"
            out += "SPEAKER \(file) 1 \(Timecode.decimal(s)) \(Timecode.decimal(e - s)) <NA> <NA> \(speaker) <NA> <NA>\n"
        }
        return out
    }

    private func table(_ t: Transcript, separator: String) -> String {
        var rows = [["start", "end", "speaker", "text"]]
        for u in t.utterances {
            rows.append([u.start.map { Timecode.decimal($0, trimZeros: false) } ?? "",
                         u.end.map { Timecode.decimal($0, trimZeros: false) } ?? "",
                         CSVFormat.neutralise(u.speaker ?? ""), CSVFormat.neutralise(u.text)])
        }
        return rows.map { row in
            row.map { CSVFormat.quote($0, separator: separator) }.joined(separator: separator)
        }.joined(separator: "\r\n") + "\r\n"
    }

    private func plain(_ t: Transcript) -> String {
        var out = ""
        for u in t.utterances {
            var head = ""
            if let s = u.start {
                head += "[" + Timecode.format(s)
                if let e = u.end { head += " - " + Timecode.format(e) }
                head += "] "
            }
            if let speaker = u.speaker { head += speaker.replacingOccurrences(of: "\n", with: " ") + ": " }
            let lines = TextLines(u.text).lines.map { $0.trimmed }
            // A line with neither time nor speaker would continue the utterance above it.
            if head.isEmpty && !out.isEmpty { out += "\n" }
            out += head + (lines.first ?? "") + "\n"
            for line in lines.dropFirst() { out += "  " + line + "\n" }
        }
        return out
    }
}

/// RFC 4180 quoting and spreadsheet-formula neutralisation for untrusted cells.
enum CSVFormat {
    /// Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Prefixes an apostrophe to a cell that a spreadsheet would evaluate as a formula.
    static func neutralise(_ cell: String) -> String {
        guard let first = cell.first, formulaStarts.contains(first) else { return cell }
        return "'" + cell
    }

    /// Undoes `neutralise` when reading.
    static func unneutralise(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first,
              formulaStarts.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    static func quote(_ cell: String, separator: String) -> String {
        let needs = cell.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || cell.contains(separator) || cell.hasPrefix(" ") || cell.hasSuffix(" ")
        guard needs else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
