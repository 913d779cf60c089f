import Foundation

/// The transcript formats samtal reads and writes.
public enum TranscriptFormat: String, Sendable, CaseIterable, Codable {
    /// W3C WebVTT, including Microsoft Teams and Zoom exports.
    case webvtt
    /// SubRip (`.srt`).
    case srt
    /// The Whisper family: openai-whisper, faster-whisper, whisper-timestamped, OpenAI API
    /// verbose JSON, whisper.cpp `-oj`/`-ojf`, WhisperX.
    case whisperJSON = "whisper-json"
    /// samtal's own versioned JSON (`schemaVersion`), the lossless format.
    case json
    /// NIST RTTM speaker turns (no text).
    case rttm
    /// NIST STM segment transcripts (`file channel speaker start end text`).
    case stm
    /// Otter.ai text exports (`Name  0:06` then the text).
    case otter
    /// Plain transcripts: `Name: text`, `[00:01:02] Name: text`, or a speaker line then text.
    case plain
    /// ELAN annotation documents (`.eaf`).
    case eaf
    /// Praat TextGrid, long and short form.
    case textgrid
    /// Comma-separated written contributions or utterance tables (RFC 4180).
    case csv
    /// Tab-separated written contributions or utterance tables.
    case tsv

    /// Formats `TranscriptIO.write` supports.
    public static let writable: [TranscriptFormat] = [
        .webvtt, .srt, .json, .rttm, .csv, .tsv, .plain, .textgrid,
    ]

    /// Parses a user-facing name: the raw value or a common alias (`vtt`, `txt`, `elan`, …).
    public init?(name: String) {
        let n = name.lowercased()
        if let f = TranscriptFormat(rawValue: n) { self = f; return }
        switch n {
        case "vtt": self = .webvtt
        case "txt", "text": self = .plain
        case "elan": self = .eaf
        case "praat": self = .textgrid
        case "whisper", "whisperx", "whisper.cpp", "faster-whisper": self = .whisperJSON
        case "samtal", "samtal-json": self = .json
        default: return nil
        }
    }

    /// Usual file extension for this format.
    public var fileExtension: String {
        switch self {
        case .webvtt: "vtt"
        case .srt: "srt"
        case .whisperJSON, .json: "json"
        case .rttm: "rttm"
        case .stm: "stm"
        case .otter, .plain: "txt"
        case .eaf: "eaf"
        case .textgrid: "TextGrid"
        case .csv: "csv"
        case .tsv: "tsv"
        }
    }
}

/// How to read a transcript.
public struct ReadOptions: Sendable, Equatable {
    /// Skip unreadable parts with a warning each instead of failing on the first.
    public var lenient: Bool
    /// Text encoding; `.automatic` uses the byte-order mark, then UTF-8, then windows-1252.
    public var encoding: TextEncodingChoice
    /// CSV/TSV: header name or 1-based column number of the contribution text.
    public var textColumn: String?
    /// CSV/TSV: column of the author/speaker.
    public var speakerColumn: String?
    /// CSV/TSV: column of the question or activity the contribution answers.
    public var questionColumn: String?
    /// CSV/TSV: column of the time (seconds, `hh:mm:ss`, or a date-time kept as metadata).
    public var timeColumn: String?
    /// CSV/TSV: column of the end time, when the table has one.
    public var endColumn: String?
    /// CSV/TSV: field separator; nil chooses by format (`,` or tab) or by sniffing.
    public var delimiter: Character?
    /// ELAN/TextGrid: only these tiers (by name); nil reads every tier holding text.
    public var tiers: [String]?

    public init(lenient: Bool = false, encoding: TextEncodingChoice = .automatic,
                textColumn: String? = nil, speakerColumn: String? = nil,
                questionColumn: String? = nil, timeColumn: String? = nil,
                endColumn: String? = nil, delimiter: Character? = nil, tiers: [String]? = nil)
    {
        self.lenient = lenient
        self.encoding = encoding
        self.textColumn = textColumn
        self.speakerColumn = speakerColumn
        self.questionColumn = questionColumn
        self.timeColumn = timeColumn
        self.endColumn = endColumn
        self.delimiter = delimiter
        self.tiers = tiers
    }
}
