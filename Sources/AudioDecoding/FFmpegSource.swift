import Foundation
import SamtalCore

/// The ffmpeg back end for what libsndfile cannot open (M4A/AAC/MP4/WebM/…): `ffprobe` describes
/// the file, an `ffmpeg` subprocess streams raw little-endian float32 frames through a pipe.
final class FFmpegSource: SampleSource {
    /// What ffprobe says about the first audio stream.
    struct Probe: Equatable {
        var container: String
        var codec: String
        var sampleRate: Int
        var channels: Int
        var durationSeconds: Double?
    }

    enum ProbeResult: Equatable {
        case audio(Probe)
        case noAudioStream
        case failed(String)
    }

    let formatName: String
    let sampleRate: Int
    let channels: Int
    let expectedFrames: Int
    var knowsLengthFromHeader: Bool { false }
    /// ffprobe's duration comes from container metadata and may round; allow 0.1 s.
    var lengthTolerance: Int { sampleRate / 10 }

    private let process: Process
    private let output: FileHandle
    private let errors: PipeDrain
    private var finished = false

    init(path: String, ffmpeg: String, probe: Probe) throws {
        sampleRate = probe.sampleRate
        channels = probe.channels
        expectedFrames = probe.durationSeconds.map { Int(($0 * Double(probe.sampleRate)).rounded()) } ?? 0
        formatName = "\(probe.container)/\(probe.codec) (ffmpeg)"

        process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        // `-ac`/`-ar` pin the layout to what ffprobe reported, so the frame size we assume holds.
        process.arguments = [
            "-nostdin", "-v", "error", "-i", "file:" + path, "-map", "0:a:0",
            "-f", "f32le", "-acodec", "pcm_f32le",
            "-ac", String(probe.channels), "-ar", String(probe.sampleRate), "-",
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SamtalError(.missingTool, "cannot start \(ffmpeg)", underlying: "\(error)")
        }
        output = out.fileHandleForReading
        errors = PipeDrain(err.fileHandleForReading)
    }

    deinit {
        if !finished { _ = try? close() }
    }

    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws -> Int {
        let frameBytes = channels * MemoryLayout<Float>.size
        let wanted = frames * frameBytes
        let raw = UnsafeMutableRawPointer(buffer)
        var filled = 0
        while filled < wanted {
            let n = Foundation.read(output.fileDescriptor, raw + filled, wanted - filled)
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw SamtalError(.internalError, "reading from ffmpeg failed",
                                  underlying: String(cString: strerror(errno)))
            }
        }
        // f32le is little-endian; convert in place on big-endian hosts.
        let count = filled / frameBytes
        #if _endian(big)
        for i in 0..<(count * channels) { buffer[i] = Float(bitPattern: UInt32(littleEndian: buffer[i].bitPattern)) }
        #endif
        return count
    }

    func close() throws -> String? {
        guard !finished else { return nil }
        finished = true
        let stoppedEarly = process.isRunning
        if stoppedEarly { process.terminate() }
        try? output.close()
        process.waitUntilExit()
        let text = errors.text().trimmingCharacters(in: .whitespacesAndNewlines)
        if stoppedEarly { return nil }
        if process.terminationStatus != 0 {
            let detail = text.isEmpty ? "" : ": " + Self.firstLines(text)
            return "ffmpeg exited with status \(process.terminationStatus)\(detail)"
        }
        return text.isEmpty ? nil : "ffmpeg: " + Self.firstLines(text)
    }

    private static func firstLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let head = lines.prefix(3).joined(separator: "; ")
        return lines.count > 3 ? head + "; … (\(lines.count - 3) more line(s))" : head
    }

    // MARK: - ffprobe

    /// Runs `ffprobe -print_format json` and reads the first audio stream.
    static func probe(path: String, ffprobe: String) -> ProbeResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ffprobe)
        p.arguments = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                       "file:" + path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return .failed("cannot start ffprobe: \(error)") }
        let errors = PipeDrain(err.fileHandleForReading)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let message = errors.text().trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0 else {
            return .failed(message.isEmpty ? "ffprobe exited with status \(p.terminationStatus)"
                                           : "ffprobe: " + firstLines(message))
        }
        return parseProbe(data, path: path)
    }

    /// Parses ffprobe's JSON (`-show_format -show_streams`).
    static func parseProbe(_ data: Data, path: String) -> ProbeResult {
        struct Output: Decodable {
            struct Stream: Decodable {
                var codec_type: String?
                var codec_name: String?
                var sample_rate: String?
                var channels: Int?
                var duration: String?
            }
            struct Format: Decodable {
                var format_name: String?
                var duration: String?
            }
            var streams: [Stream]?
            var format: Format?
        }
        guard let parsed = try? JSONDecoder().decode(Output.self, from: data) else {
            return .failed("ffprobe printed output samtal cannot read")
        }
        guard let stream = parsed.streams?.first(where: { $0.codec_type == "audio" }) else {
            return .noAudioStream
        }
        guard let rate = stream.sample_rate.flatMap({ Int($0) }), rate > 0,
              let channels = stream.channels, channels > 0
        else {
            return .failed("ffprobe reports no sample rate or channel count for the audio stream")
        }
        let duration = (stream.duration ?? parsed.format?.duration).flatMap { Double($0) }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let container = audioExtensions.contains(ext)
            ? ext.uppercased()
            : (parsed.format?.format_name?.split(separator: ",").first.map { $0.uppercased() } ?? "?")
        return .audio(Probe(container: container, codec: (stream.codec_name ?? "?").uppercased(),
                            sampleRate: rate, channels: channels, durationSeconds: duration))
    }
}

/// Reads a pipe to its end on a background queue, so a chatty child never blocks on a full pipe.
final class PipeDrain: @unchecked Sendable {
    // SAFETY: `data` is written once by the background read, before `group` is left; `text()`
    // waits on `group` before reading it.
    private var data = Data()
    private let group = DispatchGroup()

    init(_ handle: FileHandle) {
        group.enter()
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            group.leave()
        }
    }

    func text() -> String {
        group.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
