import ArgumentParser
import AudioDecoding
import Foundation
import SamtalCore
import VoiceActivity

/// `samtal vad`: speech regions of an audio file.
struct VADCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vad", abstract: "Find speech regions.",
        discussion: """
            Decodes any file `samtal decode` reads, scores every 10 ms frame with a small trained \
            model (Models/vad/model.json) and turns the scores into regions with hysteresis. \
            --aggressiveness picks a preset (0 keeps the most, 3 the least; default 2); the \
            individual settings override it. Durations are in seconds.

            Presets (onset/offset, min speech, min silence, padding):
              0: 0.50/0.35, 0.10, 0.30, 0.10
              1: 0.80/0.65, 0.20, 0.25, 0.05
              2: 0.95/0.80, 0.25, 0.20, 0.02
              3: 0.98/0.90, 0.30, 0.10, 0

            Examples:
              samtal vad meeting.m4a
              samtal vad meeting.flac --format rttm -o meeting.vad.rttm
              samtal vad meeting.wav --aggressiveness 3 --min-silence 0.5 --format json
            """)

    @Argument(help: "The audio file.")
    var file: String

    @Option(help: "Output format: lab (start end speech), rttm, json or audacity.")
    var format: SpeechRegionsFormat = .lab

    @Option(name: [.short, .long], help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Option(help: "Preset 0…3: higher drops more non-speech (and risks more speech).")
    var aggressiveness: Int = Hysteresis.standardAggressiveness

    @Option(help: "Speech starts where the frame probability reaches this (0…1).")
    var onset: Float?

    @Option(help: "Speech ends where the frame probability falls below this (0…onset).")
    var offset: Float?

    @Option(name: .customLong("min-speech"), help: "Drop regions shorter than this (s).")
    var minimumSpeech: Double?

    @Option(name: .customLong("min-silence"), help: "Bridge gaps shorter than this (s).")
    var minimumSilence: Double?

    @Option(name: .customLong("pad"), help: "Widen every region by this on both sides (s).")
    var padding: Double?

    @Option(help: "Analyse only channel N (1 = first/left) instead of the mix of all channels.")
    var channel: Int?

    @Option(help: "The Models directory (default: found next to the executable or via SAMTAL_MODELS).")
    var models: String?

    @Option(name: .customLong("dump-features"), help: .hidden)
    var dumpFeatures: String?

    @Option(name: .customLong("dump-probabilities"), help: .hidden)
    var dumpProbabilities: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard Hysteresis.preset(aggressiveness: aggressiveness) != nil else {
            throw ValidationError("--aggressiveness is 0, 1, 2 or 3")
        }
        for (name, v) in [("--min-speech", minimumSpeech), ("--min-silence", minimumSilence),
                          ("--pad", padding)] {
            if let v, !(v >= 0 && v < 3600) {
                throw ValidationError("\(name) is a duration in seconds, 0 up to 3600")
            }
        }
        do { try hysteresis().validate() } catch let e as SamtalError {
            throw ValidationError(e.message)
        }
        if let channel, channel < 1 { throw ValidationError("--channel counts from 1") }
    }

    /// The preset with the individual settings applied.
    func hysteresis() -> Hysteresis {
        var h = Hysteresis.preset(aggressiveness: aggressiveness) ?? .standard
        let rate = Double(VoiceActivityDetector.sampleRate)
        if let onset { h.onset = onset }
        if let offset { h.offset = offset }
        // Raising only the onset below the preset's offset would be invalid; keep them ordered.
        if onset != nil, offset == nil { h.offset = min(h.offset, h.onset) }
        if let minimumSpeech { h.minimumSpeech = Int((minimumSpeech * rate).rounded()) }
        if let minimumSilence { h.minimumSilence = Int((minimumSilence * rate).rounded()) }
        if let padding { h.padding = Int((padding * rate).rounded()) }
        return h
    }

    func run() async throws {
        let sink = common.makeSink()
        if let dumpFeatures {
            try Self.dumpFeatures(file: file, channel: channel, to: dumpFeatures, diagnostics: sink)
            return try common.finish(sink)
        }
        let model = try VoiceActivityModel.bundled(
            modelsDirectory: models.map { URL(fileURLWithPath: $0) })
        let detector = VoiceActivityDetector(model: model, hysteresis: hysteresis())
        let regions = try Self.detect(file: file, detector: detector, channel: channel,
                                      diagnostics: sink, dumpProbabilities: dumpProbabilities)
        let provenance = SpeechRegionsProvenance(source: file, aggressiveness: aggressiveness,
                                                 hysteresis: detector.hysteresis)
        let fileID = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        try emitOutput(try regions.formatted(format, fileID: fileID, provenance: provenance),
                       to: output)
        try common.finish(sink)
    }

    /// Decodes `file` in blocks and runs the detector on them (flat memory). An empty file is a
    /// warning and no regions, not an error.
    static func detect(file: String, detector: VoiceActivityDetector, channel: Int?,
                       diagnostics: DiagnosticSink, dumpProbabilities: String? = nil) throws -> SpeechRegions {
        let session = try detector.makeSession(diagnostics: diagnostics)
        var probabilities = Data()
        if dumpProbabilities != nil {
            session.probabilityObserver = { _, p in
                withUnsafeBytes(of: p.bitPattern.littleEndian) { probabilities.append(contentsOf: $0) }
            }
        }
        try decodeBlocks(file: file, channel: channel, diagnostics: diagnostics) { session.process($0) }
        let regions = session.finish()
        if let dumpProbabilities { try AtomicFile.write(probabilities, to: dumpProbabilities) }
        return regions
    }

    /// Writes the model inputs of every frame as little-endian float32, frames × 125 (for
    /// scripts/train-vad.sh). Needs no model.
    static func dumpFeatures(file: String, channel: Int?, to path: String,
                             diagnostics: DiagnosticSink) throws {
        let frontEnd = VoiceActivityFrontEnd()
        var data = Data()
        let append: (Int, UnsafeBufferPointer<Float>) -> Void = { _, inputs in
            for v in inputs { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        try decodeBlocks(file: file, channel: channel, diagnostics: diagnostics) {
            frontEnd.process($0, append)
        }
        frontEnd.finish(append)
        try AtomicFile.write(data, to: path)
    }

    /// Streams `file` as 16 kHz mono blocks; zero-length audio gives no blocks (and a warning
    /// later from the session) instead of an error.
    static func decodeBlocks(file: String, channel: Int?, diagnostics: DiagnosticSink,
                             _ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        let decoder = AudioDecoder(targetSampleRate: VoiceActivityDetector.sampleRate,
                                   channel: channel.map { .number($0) } ?? .mix)
        do {
            _ = try decoder.decode(path: file, diagnostics: diagnostics) { body($0) }
        } catch let error as SamtalError where error.code == .emptyInput {
            _ = error
        }
    }
}

extension SpeechRegionsFormat: ExpressibleByArgument {}
