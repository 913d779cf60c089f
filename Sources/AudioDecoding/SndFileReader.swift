import CSndFile
import SamtalCore

/// Owner of one libsndfile handle opened for reading. All libsndfile pointer work for reading
/// happens here.
///
/// Not `Sendable`: one reader belongs to one decoding run.
final class SndFileReader {
    /// Why `sf_open` refused a file: libsndfile's error number (`SF_ERR_*`) and its message.
    struct OpenFailure: Error {
        var errorNumber: Int32
        var message: String

        var isUnrecognisedFormat: Bool { Int(errorNumber) == SF_ERR_UNRECOGNISED_FORMAT }
    }

    private let handle: OpaquePointer
    let frames: Int
    let sampleRate: Int
    let channels: Int
    /// `SF_INFO.format`: major type in `SF_FORMAT_TYPEMASK`, encoding in `SF_FORMAT_SUBMASK`.
    let format: Int32

    init(path: String) throws(OpenFailure) {
        var info = SF_INFO()
        guard let h = sf_open(path, Int32(SFM_READ), &info) else {
            let number = sf_error(nil)
            throw OpenFailure(errorNumber: number, message: String(cString: sf_strerror(nil)))
        }
        handle = h
        frames = Int(info.frames)
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        format = info.format
    }

    deinit { sf_close(handle) }

    /// The frame count the header declared, when libsndfile found the data chunk shorter than
    /// declared (a truncated file) and shortened `frames` to what is there; else `frames`.
    ///
    /// libsndfile only says so in its log (`SFC_GET_LOG_INFO`): `data : 64000 (should be 24000)`
    /// for WAV, `Frames : 32000` in the `COMM` chunk for AIFF.
    var declaredFrames: Int {
        let log = self.log
        if let (declared, present) = Self.chunkSizes(in: log, chunk: "data"), present > 0,
           declared > present, declared != 0xFFFF_FFFF {
            // Streaming writers put 0xFFFFFFFF in the size: an unknown length, not a truncation.
            return Int((Double(frames) * Double(declared) / Double(present)).rounded())
        }
        if log.contains("not equal to frame count"), let comm = Self.number(after: "Frames", in: log),
           comm > frames {
            return comm
        }
        return frames
    }

    private var log: String {
        var buffer = [CChar](repeating: 0, count: 16_384)
        let n = sf_command(handle, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count))
        guard n > 0 else { return "" }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `(declared, present)` from a log line `name : declared (should be present)`.
    private static func chunkSizes(in log: String, chunk: String) -> (Int, Int)? {
        for line in log.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(chunk + " "), let open = trimmed.range(of: "(should be ") else {
                continue
            }
            let declaredText = trimmed[trimmed.index(trimmed.startIndex, offsetBy: chunk.count)...]
                .drop { $0 == " " || $0 == ":" }.prefix { $0.isNumber }
            let presentText = trimmed[open.upperBound...].prefix { $0.isNumber }
            if let d = Int(declaredText), let p = Int(presentText) { return (d, p) }
        }
        return nil
    }

    /// The number after `name :` on the first log line that starts with `name`.
    private static func number(after name: String, in log: String) -> Int? {
        for line in log.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(name) else { continue }
            let rest = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == ":" }
            return Int(rest.prefix { $0.isNumber })
        }
        return nil
    }

    /// Reads up to `frames` interleaved frames into `buffer` (room for `frames × channels`
    /// floats). Returns the frames read; 0 at the end of the data or on a decoding error.
    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) -> Int {
        Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
    }

    /// libsndfile's message for the last error on this handle, or nil when there was none.
    var lastError: String? {
        sf_error(handle) == 0 ? nil : String(cString: sf_strerror(handle))
    }

    /// libsndfile's name for the major format, e.g. `"WAV (Microsoft)"`, and its extension.
    var majorFormat: (name: String, fileExtension: String) {
        Self.formatInfo(format & Int32(SF_FORMAT_TYPEMASK))
    }

    /// libsndfile's name for the encoding, e.g. `"Signed 16 bit PCM"`.
    var encodingName: String {
        Self.formatInfo(format & Int32(SF_FORMAT_SUBMASK)).name
    }

    /// A short, stable name for `Recording.format`: `WAV`, `FLAC`, `OGG/Vorbis`, `OGG/Opus`,
    /// `MP3`, `AIFF`, …; libsndfile's own name for anything else.
    var shortFormatName: String {
        let major = Int(format) & SF_FORMAT_TYPEMASK
        let sub = Int(format) & SF_FORMAT_SUBMASK
        switch major {
        case SF_FORMAT_WAV, SF_FORMAT_WAVEX: return "WAV"
        case SF_FORMAT_RF64: return "RF64"
        case SF_FORMAT_W64: return "W64"
        case SF_FORMAT_FLAC: return "FLAC"
        case SF_FORMAT_AIFF: return "AIFF"
        case SF_FORMAT_CAF: return "CAF"
        case SF_FORMAT_AU: return "AU"
        case SF_FORMAT_MPEG:
            switch sub {
            case SF_FORMAT_MPEG_LAYER_I: return "MP1"
            case SF_FORMAT_MPEG_LAYER_II: return "MP2"
            default: return "MP3"
            }
        case SF_FORMAT_OGG:
            switch sub {
            case SF_FORMAT_VORBIS: return "OGG/Vorbis"
            case SF_FORMAT_OPUS: return "OGG/Opus"
            default: return "OGG"
            }
        default: return majorFormat.name
        }
    }

    /// Asks libsndfile (`SFC_GET_FORMAT_INFO`) for the name of one major or encoding value.
    private static func formatInfo(_ value: Int32) -> (name: String, fileExtension: String) {
        var info = SF_FORMAT_INFO()
        info.format = value
        let ok = sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &info,
                            Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0
        guard ok else { return ("unknown (0x\(String(value, radix: 16)))", "") }
        let name = info.name.map { String(cString: $0) } ?? "unknown"
        let ext = info.extension.map { String(cString: $0) } ?? ""
        return (name, ext)
    }
}
