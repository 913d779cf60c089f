import ArgumentParser
import AudioDecoding
import Foundation
import SamtalCore

/// `samtal decode`: print an audio file's format, or write it as 16 kHz mono.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Decode audio to 16 kHz mono, or print its format.",
        discussion: """
            Reads WAV, FLAC, OGG/Vorbis, Opus, MP3 and AIFF with libsndfile, and M4A, AAC, MP4, \
            WebM (Teams, Zoom, phones) through ffmpeg. Channels are mixed to mono (their mean) \
            unless --channel picks one; soxr resamples to 16 kHz.

            Examples:
              samtal decode talk.m4a --info
              samtal decode talk.m4a --info --json
              samtal decode talk.m4a -o talk-16k.wav
              samtal decode stereo.flac --channel 2 -o right.flac
            """)

    @Argument(help: "The audio file.")
    var file: String

    @Option(name: [.short, .long],
            help: "Write 16 kHz mono audio to this .wav (16-bit PCM) or .flac file, atomically.")
    var output: String?

    @Flag(help: "Print the format, sample rate, channels, duration and frames from the header.")
    var info = false

    @Flag(help: "With --info: print JSON instead of a line of text.")
    var json = false

    @Option(help: "Keep only channel N (1 = first/left, 2 = second/right, …) instead of the mix.")
    var channel: Int?

    @Flag(name: .customLong("float"), help: "With -o FILE.wav: write 32-bit float instead of 16-bit PCM.")
    var floatSamples = false

    @Option(help: "Resampling quality: \(ResampleQuality.allCases.map(\.rawValue).joined(separator: ", ")).")
    var quality: ResampleQuality = .high

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if output == nil && !info {
            throw ValidationError("give -o FILE to write 16 kHz mono audio, or --info to describe the file")
        }
        if json && !info { throw ValidationError("--json goes with --info") }
        if let channel, channel < 1 { throw ValidationError("--channel counts from 1") }
        if let output, OutputFormat.forPath(output, float: floatSamples) == nil {
            throw ValidationError(floatSamples
                ? "--float writes WAV only; give an output ending in .wav"
                : "the output must end in .wav or .flac (got \(output))")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let decoder = AudioDecoder(channel: channel.map { .number($0) } ?? .mix, quality: quality)
        if info {
            let recording = try decoder.info(path: file)
            try emitOutput(json ? Self.json(recording) : Self.line(recording), to: nil)
        }
        if let output, let format = OutputFormat.forPath(output, float: floatSamples) {
            let recording = try decoder.decode(path: file, to: output, format: format,
                                               diagnostics: sink, failOnWarnings: common.strict)
            sink.emit(Diagnostic(
                .note, code: "decode.written",
                "wrote \(output): \(Self.seconds(recording.durationSeconds)) s of \(recording.format) "
                    + "at \(recording.sampleRate) Hz → \(decoder.targetSampleRate) Hz mono"))
        }
        try common.finish(sink)
    }

    /// `{"channels":…,"durationSeconds":…,"format":…,"frames":…,"sampleRate":…}` and a newline.
    static func json(_ r: Recording) throws -> String {
        struct Info: Encodable {
            var format: String
            var sampleRate: Int
            var channels: Int
            var durationSeconds: Double
            var frames: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Info(format: r.format, sampleRate: r.sampleRate,
                                           channels: r.channels, durationSeconds: r.durationSeconds,
                                           frames: r.frames))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `talk.flac: FLAC, 44100 Hz, 2 channels, 12.345 s (544414 frames)` and a newline.
    static func line(_ r: Recording) -> String {
        let channels = r.channels == 1 ? "1 channel" : "\(r.channels) channels"
        return "\(r.path): \(r.format), \(r.sampleRate) Hz, \(channels), "
            + "\(seconds(r.durationSeconds)) s (\(r.frames) frames)\n"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}

extension ResampleQuality: ExpressibleByArgument {}
