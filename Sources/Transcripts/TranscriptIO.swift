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
            throw SamtalError(.emptyInput, "\(sourceName) holds no transcript (it is empty)",
                              location: context.location(1, 1))
        }
        let chosen = format ?? detect(text: text, fileName: sourceName)
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
