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
