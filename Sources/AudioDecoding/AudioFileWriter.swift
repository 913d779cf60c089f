import CSndFile
import Foundation
import SamtalCore

/// Mono audio file formats `samtal decode -o` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// WAV, signed 16-bit PCM (the default).
    case wav16
    /// WAV, 32-bit IEEE float.
    case wavFloat
    /// FLAC, 16-bit.
    case flac16

    /// The format implied by a file name's extension (`.wav` → 16-bit WAV, `.flac` → FLAC),
    /// or nil for any other extension.
    public static func forPath(_ path: String, float: Bool) -> OutputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".wav") || lower.hasSuffix(".wave") { return float ? .wavFloat : .wav16 }
        if lower.hasSuffix(".flac") { return float ? nil : .flac16 }
        return nil
    }

    var sndfileFormat: Int32 {
        switch self {
        case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        }
    }
}

/// Owner of one libsndfile handle opened for writing mono audio.
///
/// Samples outside [-1, 1] are clipped when writing integer PCM (`SFC_SET_CLIPPING`), never
/// wrapped around. Not `Sendable`: one writer belongs to one run.
public final class AudioFileWriter {
    private var handle: OpaquePointer?
    private let path: String
    public private(set) var framesWritten = 0

    public init(path: String, sampleRate: Int, format: OutputFormat) throws {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 1
        info.format = format.sndfileFormat
        guard sf_format_check(&info) != 0 else {
            throw SamtalError(.internalError, "libsndfile cannot write \(format.rawValue) at \(sampleRate) Hz")
        }
        guard let h = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw SamtalError(.writeFailed, "cannot create \(path)",
                              hint: "check that the directory exists and is writable",
                              underlying: String(cString: sf_strerror(nil)))
        }
        handle = h
        self.path = path
        sf_command(h, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    deinit { if let handle { sf_close(handle) } }

    /// Appends mono samples.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        guard let handle else {
            throw SamtalError(.internalError, "write after close on \(path)")
        }
        guard let base = samples.baseAddress, !samples.isEmpty else { return }
        let n = Int(sf_writef_float(handle, base, sf_count_t(samples.count)))
        framesWritten += n
        if n != samples.count {
            throw SamtalError(.writeFailed, "cannot write to \(path)", hint: "is the disk full?",
                              underlying: String(cString: sf_strerror(handle)))
        }
    }

    /// Finishes the header and closes the file.
    public func close() throws {
        guard let h = handle else { return }
        handle = nil
        if sf_close(h) != 0 {
            throw SamtalError(.writeFailed, "cannot finish \(path)", hint: "is the disk full?")
        }
    }
}

extension AudioDecoder {
    /// Decodes `path` and writes the mono `targetSampleRate` audio to `output` atomically: into
    /// a temporary file beside it, renamed into place only when everything succeeded. With
    /// `failOnWarnings`, a warning (truncation, invalid samples) also aborts before the rename,
    /// throwing the warning's error code.
    public func decode(path: String, to output: String, format: OutputFormat,
                       diagnostics: DiagnosticSink, failOnWarnings: Bool = false) throws -> Recording {
        let watched = WarningWatcher(forwardingTo: diagnostics)
        var recording: Recording?
        try AtomicFile.write(to: output) { tmp in
            let writer = try AudioFileWriter(path: tmp, sampleRate: targetSampleRate, format: format)
            recording = try decode(path: path, diagnostics: watched) { try writer.write($0) }
            try writer.close()
            if failOnWarnings, let first = watched.firstWarning {
                let code: SamtalError.Code = switch first.code {
                case "decode.truncated": .truncatedInput
                case "decode.invalid-samples": .invalidSamples
                default: .corruptInput
                }
                throw SamtalError(code, "\(first.message); not writing \(output) because of --strict",
                                  location: first.location)
            }
        }
        return recording!
    }
}

/// Forwards diagnostics and remembers the first warning.
private final class WarningWatcher: DiagnosticSink, @unchecked Sendable {
    // SAFETY: `first` is only touched while holding `lock`.
    private let lock = NSLock()
    private var first: Diagnostic?
    private let next: DiagnosticSink

    init(forwardingTo next: DiagnosticSink) { self.next = next }

    func emit(_ diagnostic: Diagnostic) {
        lock.lock()
        if first == nil, diagnostic.severity >= .warning { first = diagnostic }
        lock.unlock()
        next.emit(diagnostic)
    }

    var firstWarning: Diagnostic? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }
}
