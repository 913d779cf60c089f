import Foundation
import SamtalCore

/// Reads and writes transcripts in every supported format.
///
/// Readers return one `Transcript` whatever the source; malformed input throws a `SamtalError`
/// with code `.parseError` located at `file:line:column`, or, with `ReadOptions.lenient`, yields
/// the readable rest and one warning per skipped part.
public enum TranscriptIO {
    /// Reads the transcript at `path`; the format is detected from the content when nil.
    public static func read(path: String, format: TranscriptFormat? = nil,
                            options: ReadOptions = ReadOptions(),
                            diagnostics: DiagnosticSink) throws -> Transcript
    {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SamtalError(.fileNotFound, "no such file: \(path)")
        }
        if isDir.boolValue {
            throw SamtalError(.isDirectory, "\(path) is a directory, not a transcript")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.permissionDenied, "cannot read \(path)",
                              hint: "check the file's permissions")
        }
        return try read(data: data, sourceName: path, format: format, options: options,
                        diagnostics: diagnostics)
    }

    /// Reads a transcript from bytes; `sourceName` is used in error locations.
    public static func read(data: Data, sourceName: String = "<input>",
                            format: TranscriptFormat? = nil,
                            options: ReadOptions = ReadOptions(),
                            diagnostics: DiagnosticSink) throws -> Transcript
    {
        let context = ReadContext(source: sourceName, options: options, diagnostics: diagnostics)
        let (text, _) = TextDecoding.decode(data, encoding: options.encoding, source: sourceName,
                                            diagnostics: diagnostics)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw SamtalError(.emptyInput, "the file holds no transcript (it is empty)",
                              location: context.location(1, 1))
        }
        let chosen = format ?? detect(text: text, fileName: sourceName)
        var transcript = try read(text, format: chosen, context: context)
        try checkTimes(&transcript, context: context)
        return transcript
    }

    private static func read(_ text: String, format chosen: TranscriptFormat, context: ReadContext) throws
        -> Transcript
    {
        switch chosen {
        case .webvtt: return try WebVTTReader(context: context).read(text)
        case .srt: return try SRTReader(context: context).read(text)
        case .whisperJSON, .json: return try JSONTranscriptReader(context: context).read(text, format: chosen)
        case .rttm: return try RTTMReader(context: context).read(text)
        case .stm: return try STMReader(context: context).read(text)
        case .otter: return try OtterReader(context: context).read(text)
        case .plain: return try PlainTextReader(context: context).read(text)
        case .eaf: return try ELANReader(context: context).read(text)
        case .textgrid: return try TextGridReader(context: context).read(text)
        case .csv, .tsv: return try TableReader(context: context).read(text, format: chosen)
        }
    }

    /// Times must be finite and within 0…`Timecode.maximumSeconds`; others are an error, or in
    /// lenient mode dropped with a warning.
    private static func checkTimes(_ t: inout Transcript, context: ReadContext) throws {
        func valid(_ v: Double?) -> Bool {
            guard let v else { return true }
            return v.isFinite && v >= 0 && v <= Timecode.maximumSeconds
        }
        for i in t.utterances.indices {
            let u = t.utterances[i]
            if !valid(u.start) || !valid(u.end) {
                try context.recover("utterance \(u.id) has a time out of range (\(u.start ?? 0), \(u.end ?? 0))",
                                    line: nil, code: "transcript.time-range")
                t.utterances[i].start = nil
                t.utterances[i].end = nil
            }
            if let words = u.words {
                for j in words.indices where !valid(words[j].start) || !valid(words[j].end) {
                    try context.recover("a word of utterance \(u.id) has a time out of range",
                                        line: nil, code: "transcript.time-range")
                    t.utterances[i].words![j].start = nil
                    t.utterances[i].words![j].end = nil
                }
            }
        }
    }

    /// Writes `transcript` in `format`. Throws `.invalidArgument` when the transcript lacks what
    /// the format needs (times for subtitles, RTTM and TextGrid).
    public static func write(_ transcript: Transcript, format: TranscriptFormat) throws -> String {
        try TranscriptWriter(format: format).write(transcript)
    }

    /// Detects the format from the text; the file name's extension only breaks ties.
    public static func detect(text: String, fileName: String = "") -> TranscriptFormat {
        FormatDetection.detect(text: text, fileName: fileName)
    }

    /// Detects the format of raw bytes (decoding them as `read` would).
    public static func detect(data: Data, fileName: String = "") -> TranscriptFormat {
        let (text, _) = TextDecoding.decode(data, encoding: .automatic, source: fileName,
                                            diagnostics: IgnoringDiagnostics())
        return detect(text: text, fileName: fileName)
    }
}
