import CSndFile
import Foundation
import SamtalCore

/// A decoder back end that yields interleaved float frames at the file's own rate.
protocol SampleSource: AnyObject {
    var formatName: String { get }
    var sampleRate: Int { get }
    var channels: Int { get }
    /// Frames the header (or the probe) promises; 0 when unknown.
    var expectedFrames: Int { get }
    /// True when `expectedFrames` comes from an exact header count (so 0 means empty).
    var knowsLengthFromHeader: Bool { get }
    /// Frames the decoded length may fall short of `expectedFrames` without a truncation warning.
    var lengthTolerance: Int { get }
    /// Reads up to `frames` interleaved frames; returns the count, 0 at the end.
    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws -> Int
    /// Ends decoding; returns the back end's error text if the stream ended in an error.
    @discardableResult func close() throws -> String?
}

/// Formats in the `.unsupportedFormat` message.
let supportedFormatsDescription =
    "WAV, FLAC, OGG/Vorbis, Opus, MP3, AIFF (libsndfile) and M4A, AAC, MP4, WebM, MKV, MOV, "
    + "WMA (ffmpeg)"

/// Extensions that name an audio or video container; a file with one of these that nobody can
/// open is corrupt rather than unsupported.
let audioExtensions: Set<String> = [
    "wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "aif", "aiff", "aifc", "caf", "au", "w64",
    "rf64", "m4a", "aac", "mp4", "m4v", "webm", "mkv", "mka", "mov", "wma", "3gp", "amr",
]

/// Extensions libsndfile does not read, so they go straight to ffmpeg.
let ffmpegOnlyExtensions: Set<String> = [
    "m4a", "aac", "mp4", "m4v", "webm", "mkv", "mka", "mov", "wma", "3gp", "amr",
]

extension AudioDecoder {
    /// Checks the path, then opens it with libsndfile, falling back to ffmpeg.
    func openSource(path: String) throws -> SampleSource {
        try checkReadableFile(path)
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()

        let sndfileFailure: SndFileReader.OpenFailure
        switch Result(catching: { () throws(SndFileReader.OpenFailure) in try SndFileReader(path: path) }) {
        case .success(let reader):
            guard reader.sampleRate > 0, reader.channels > 0 else {
                throw SamtalError(.corruptInput,
                                  "\(path) has an impossible header (\(reader.sampleRate) Hz, "
                                      + "\(reader.channels) channels)")
            }
            return SndFileSource(reader)
        case .failure(let failure):
            sndfileFailure = failure
        }

        if Int(sndfileFailure.errorNumber) == SF_ERR_MALFORMED_FILE {
            throw SamtalError(.corruptInput, "damaged audio: it cannot be decoded",
                              hint: "re-export or re-copy the recording",
                              location: SourceLocation(file: path),
                              underlying: sndfileFailure.message)
        }
        guard let ffprobe = tools.ffprobe, let ffmpeg = tools.ffmpeg else {
            if ffmpegOnlyExtensions.contains(ext) {
                throw ExternalTools.missing(tools.ffprobe == nil ? "ffprobe" : "ffmpeg", for: path)
            }
            throw unopenable(path: path, ext: ext, reasons: [sndfileFailure.message])
        }
        switch FFmpegSource.probe(path: path, ffprobe: ffprobe) {
        case .audio(let probe):
            return try FFmpegSource(path: path, ffmpeg: ffmpeg, probe: probe)
        case .noAudioStream:
            throw SamtalError(.unsupportedFormat, "no audio stream in this file",
                              hint: "samtal reads \(supportedFormatsDescription)",
                              location: SourceLocation(file: path))
        case .failed(let message):
            throw unopenable(path: path, ext: ext, reasons: [sndfileFailure.message, message])
        }
    }

    private func unopenable(path: String, ext: String, reasons: [String]) -> SamtalError {
        let underlying = reasons.filter { !$0.isEmpty }.joined(separator: "; ")
        if audioExtensions.contains(ext) {
            return SamtalError(.corruptInput,
                               "looks like .\(ext) audio but cannot be decoded; the file is damaged",
                               hint: "re-export or re-copy the recording",
                               location: SourceLocation(file: path), underlying: underlying)
        }
        return SamtalError(.unsupportedFormat, "not an audio format samtal can read",
                           hint: "samtal reads \(supportedFormatsDescription)",
                           location: SourceLocation(file: path), underlying: underlying)
    }

    /// Missing file, directory, unreadable file, empty file: each its own error.
    private func checkReadableFile(_ path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SamtalError(.fileNotFound, "no such file: \(path)",
                              hint: "check the path and the current directory")
        }
        if isDir.boolValue {
            throw SamtalError(.isDirectory, "\(path) is a directory, not an audio file",
                              hint: "give the path of one audio file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SamtalError(.permissionDenied, "cannot read \(path): permission denied",
                              hint: "check the file's permissions")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 {
            throw SamtalError(.emptyInput, "\(path) is empty (0 bytes)",
                              hint: "check that the recording was copied completely")
        }
    }
}
