import ArgumentParser
import AudioDecoding
import Diarization
import Foundation
import SamtalCore
import VoiceActivity

/// `samtal diarize`: who spoke when, as RTTM, JSON or lab.
struct DiarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarize", abstract: "Find who spoke when.",
        discussion: """
            Decodes the file to 16 kHz mono, finds speech, describes 1.5 s windows of speech by \
            a speaker embedding, clusters them and refines the boundaries frame by frame. The \
            speaker count is estimated unless --speakers fixes it (or --min-speakers / \
            --max-speakers bound it).

            Examples:
              samtal diarize meeting.flac > meeting.rttm
              samtal diarize meeting.flac --format json --stats -o meeting.json
              samtal diarize meeting.flac --speakers 4 --embedding neural
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case rttm, json, lab }

    @Argument(help: "The audio file (anything `samtal decode` reads).")
    var file: String

    @Option(help: "Output format: rttm (default), json (both turn views and statistics) or lab.")
    var format: Format = .rttm

    @Option(help: "Exact number of speakers.")
    var speakers: Int?

    @Option(help: "Fewest speakers to report when estimating the count.")
    var minSpeakers: Int?

    @Option(help: "Most speakers to report when estimating the count.")
    var maxSpeakers: Int?

    @Flag(help: "Add participation statistics (as `;` comment lines in RTTM, `#` lines in lab; always in JSON).")
    var stats = false

    @Option(help: "Speaker embedding: neural (Resemblyzer's encoder, default) or dsp (cepstral statistics, faster).")
    var embedding: DiarizationSettings.Embedding = .neural

    /// Where the speech regions come from.
    enum SpeechDetection: String, ExpressibleByArgument, CaseIterable { case model, energy }

    @Option(help: "Speech detection: energy (an adaptive loudness threshold; default, measured best for turns) or model (the VoiceActivity stage, as `samtal vad`).")
    var vad: SpeechDetection = .energy

    @Option(help: "Take speech regions from this file (.lab or RTTM, e.g. `samtal vad` output) instead of detecting them (overrides --vad).")
    var speech: String?

    @Option(help: "Folder holding speaker-encoder/ (default: the Models folder samtal finds).")
    var models: String?

    @Option(name: [.short, .long], help: "Write the result to this file instead of stdout.")
    var output: String?

    @Option(help: ArgumentHelp(
        "Developer option for evaluation sweeps: KEY=VALUE,… over threshold, penalty, whiten, "
            + "iterations, min-share, gmm, centre, window, hop, min-silence, silhouette, one-voice-gap, one-voice-draws (see DiarizationSettings).",
        visibility: .hidden))
    var tuning: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let tuning {
            let keys: Set<String> = ["threshold", "penalty", "whiten", "iterations", "min-share", "gmm", "centre", "window", "hop", "min-silence", "silhouette", "one-voice-gap", "one-voice-draws"]
            for pair in tuning.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, keys.contains(parts[0]), Double(parts[1]) != nil else {
                    throw ValidationError("--tuning expects KEY=NUMBER pairs with KEY in \(keys.sorted().joined(separator: ", "))")
                }
            }
        }
        if let speakers, speakers < 1 { throw ValidationError("--speakers must be at least 1") }
        if let minSpeakers, minSpeakers < 1 { throw ValidationError("--min-speakers must be at least 1") }
        if let maxSpeakers, maxSpeakers < 1 { throw ValidationError("--max-speakers must be at least 1") }
        if let minSpeakers, let maxSpeakers, minSpeakers > maxSpeakers {
            throw ValidationError("--min-speakers is larger than --max-speakers")
        }
        if speakers != nil && (minSpeakers != nil || maxSpeakers != nil) {
            throw ValidationError("--speakers fixes the count; leave out --min-speakers/--max-speakers")
        }
    }

    var settings: DiarizationSettings {
        var s = DiarizationSettings()
        s.embedding = embedding
        s.speakers = speakers
        if let minSpeakers { s.minimumSpeakers = minSpeakers }
        if let maxSpeakers { s.maximumSpeakers = maxSpeakers }
        for pair in tuning?.split(separator: ",") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            switch parts[0] {
            case "threshold": s.clusteringThreshold = value
            case "penalty": s.speakerChangePenalty = value
            case "whiten": s.whiteningDimensions = Int(value)
            case "iterations": s.resegmentationIterations = Int(value)
            case "min-share": s.minimumClusterShare = value
            case "gmm": s.gmmComponents = Int(value)
            case "centre": s.centreNeuralEmbeddings = value != 0
            case "window": s.windowSeconds = value
            case "hop": s.hopSeconds = value
            case "min-silence": s.minimumSilenceSeconds = value
            case "silhouette": s.countRule = value != 0 ? .silhouette : .threshold
            case "one-voice-gap": s.oneVoiceGap = value
            case "one-voice-draws": s.oneVoiceReferenceDraws = Int(value)
            default: continue
            }
        }
        return s
    }

    func run() async throws {
        let sink = common.makeSink()
        let source: Speech = try speech.map { .given(try SpeechLabels.read(path: $0)) }
            ?? (vad == .model ? .model : .energy)
        let turns = try Self.diarize(path: file, settings: settings, speech: source, models: models, diagnostics: sink)
        try emitOutput(try Self.render(turns, file: file, format: format, stats: stats, settings: settings),
                       to: output)
        try common.finish(sink)
    }

    /// Where `diarize(path:…)` gets speech from.
    enum Speech {
        /// The VoiceActivity model, run on the same decoded blocks.
        case model
        /// The diarizer's built-in loudness detector.
        case energy
        /// Regions read from a file, in seconds.
        case given([ClosedSegment])
    }

    /// Decodes `path` as a stream into the diarization front end (and the voice activity model,
    /// when it detects speech), then diarizes.
    static func diarize(path: String, settings: DiarizationSettings, speech: Speech = .energy, models: String?,
                        diagnostics: DiagnosticSink) throws -> SpeakerTurns {
        let modelsURL = models.map { URL(fileURLWithPath: $0) }
        let encoder: VoiceEncoder? = settings.embedding == .neural
            ? try VoiceEncoder(modelsDirectory: modelsURL) : nil
        let decoder = AudioDecoder()
        let frontEnd = try DiarizationFrontEnd(sampleRate: decoder.targetSampleRate, encoder: encoder)
        var session: VoiceActivitySession?
        if case .model = speech {
            precondition(decoder.targetSampleRate == VoiceActivityDetector.sampleRate)
            session = try VoiceActivityDetector(model: try .bundled(modelsDirectory: modelsURL))
                .makeSession(diagnostics: diagnostics)
        }
        _ = try decoder.decode(path: path, diagnostics: diagnostics) { block in
            frontEnd.process(block)
            session?.process(block)
        }
        let (features, mel) = try frontEnd.finish(encoder: encoder, diagnostics: diagnostics)
        let regions: SpeechRegions?
        switch speech {
        case .model: regions = session?.finish()
        case .energy: regions = nil
        case .given(let segments):
            let rate = features.sampleRate
            regions = SpeechRegions(sampleRate: rate, totalSamples: features.totalSamples, spans: segments.compactMap {
                let start = max(0, Int(($0.start * Double(rate)).rounded()))
                let end = min(features.totalSamples, Int(($0.end * Double(rate)).rounded()))
                return end > start ? SampleSpan(start: start, end: end) : nil
            })
        }
        return try SpeakerDiarizer(settings: settings).run(
            features: features, mel: mel, speech: regions, encoder: encoder, diagnostics: diagnostics)
    }

    static func render(_ turns: SpeakerTurns, file: String, format: Format, stats: Bool,
                       settings: DiarizationSettings) throws -> String {
        switch format {
        case .rttm:
            let text = RTTM.format(turns.overlapping, sampleRate: turns.sampleRate, fileID: RTTM.fileID(forPath: file))
            return stats ? text + Participation(turns: turns).tableText(prefix: "; ") : text
        case .lab:
            let text = LabFormat.format(turns.exclusive, sampleRate: turns.sampleRate)
            return stats ? text + Participation(turns: turns).tableText(prefix: "# ") : text
        case .json:
            return try DiarizationOutput(file: file, turns: turns, settings: settings).jsonText()
        }
    }
}

extension DiarizationSettings.Embedding: ExpressibleByArgument {}
