import Foundation

/// Content-based format detection. Rules, first match wins (documented in docs/transcripts.md):
/// `WEBVTT` signature → WebVTT; `ooTextFile` → TextGrid; `<ANNOTATION_DOCUMENT` → ELAN; JSON with
/// `schemaVersion` and `utterances` → samtal JSON, other JSON → Whisper family; `SPEAKER`/`SPKR-INFO`
/// lines → RTTM; a first block of index + timing line, or a timing line → SRT; `name  0:06` header
/// lines → Otter; STM lines; tab/comma tables whose extension or header says so → TSV/CSV; else plain.
enum FormatDetection {
    static func detect(text: String, fileName: String) -> TranscriptFormat {
        let ext = (fileName as NSString).pathExtension.lowercased()
        let head = String(text.prefix(8192))
        let stripped = head.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace })
        if stripped.hasPrefix("WEBVTT") { return .webvtt }
        if head.contains("ooTextFile") { return .textgrid }
        if head.contains("<ANNOTATION_DOCUMENT") { return .eaf }
        if stripped.hasPrefix("{") || stripped.hasPrefix("[") {
            if let first = stripped.dropFirst().first(where: { !$0.isWhitespace }),
               first == "\"" || first == "{" || first == "]" || first == "}" {
                return head.contains("\"schemaVersion\"") && head.contains("\"utterances\"")
                    ? .json : .whisperJSON
            }
        }
        let lines = TextLines(head).lines.map { $0.trimmed }.filter { !$0.isEmpty }
        let content = lines.filter { !$0.hasPrefix(";;") }
        guard let first = content.first else { return extFormat(ext) ?? .plain }
        if first.hasPrefix("SPEAKER ") || first.hasPrefix("SPEAKER\t") || first.hasPrefix("SPKR-INFO") {
            return .rttm
        }
        if SRTReader.parseTimingLine(first) != nil { return .srt }
        if content.count > 1, Int(first) != nil, SRTReader.parseTimingLine(content[1]) != nil {
            return .srt
        }
        // Content alone did not decide: a subtitle, table or turn file named as such is read
        // with that reader, so that a malformed one gets a located error rather than being
        // taken for plain text.
        if let f = extFormat(ext), f != .textgrid, f != .eaf { return f }
        if OtterReader.isHeaderLine(first), content.count > 1 { return .otter }
        if STMReader.parseLine(first) != nil { return .stm }
        if first.contains("\t"), content.prefix(5).allSatisfy({ $0.contains("\t") }) { return .tsv }
        return .plain
    }

    private static func extFormat(_ ext: String) -> TranscriptFormat? {
        switch ext {
        case "csv": .csv
        case "tsv", "tab": .tsv
        case "stm": .stm
        case "rttm": .rttm
        case "srt": .srt
        case "vtt": .webvtt
        case "eaf": .eaf
        case "textgrid": .textgrid
        default: nil
        }
    }
}
