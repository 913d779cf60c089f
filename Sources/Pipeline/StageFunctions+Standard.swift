import AudioDecoding
import Diarization
import Foundation
import SamtalCore
import Summaries
import Tagging
import Transcripts
import VoiceActivity

extension StageFunctions {
    /// The real stages: AudioDecoding, VoiceActivity, Diarization, Transcripts and Tagging.
    /// `codebook` (YAML or REFI-QDA `.qdc`) replaces the standard codebook from `Models/`.
    public static func standard(codebook: String? = nil, models: URL? = nil,
                                diagnostics: DiagnosticSink = IgnoringDiagnostics()) throws
        -> StageFunctions
    {
        let decoder = AudioDecoder()
        let modelsDirectory = try models ?? ModelStore.directory()
        let book = try codebook.map {
            $0.lowercased().hasSuffix(".qdc") ? try Codebook.loadQDC(path: $0) : try Codebook.load(path: $0)
        } ?? Codebook.standard(models: modelsDirectory)
        let emotions = try EmotionAnalyzer(models: modelsDirectory)
        let tagger = try Tagger.standard(models: modelsDirectory, codebook: book,
                                         emotions: EmotionStage(analyzer: emotions),
                                         diagnostics: diagnostics)
        let voiceActivity = LazyResource {
            VoiceActivityDetector(model: try .bundled(modelsDirectory: modelsDirectory))
        }
        let diarization = DiarizationSettings()
        // The speaker encoder is loaded only when a recording is diarized.
        let voiceEncoder = LazyResource<VoiceEncoder?> {
            diarization.embedding == .neural ? try VoiceEncoder(modelsDirectory: modelsDirectory) : nil
        }
        var labels = LabelDictionary()
        for theme in book.themes {
            labels.themes[theme.id] = Label(sv: theme.labelSv, en: theme.labelEn)
        }
        for emotion in emotions.models.discussionScheme.labels {
            labels.emotions[emotion.id] = Label(sv: emotion.sv, en: emotion.en)
        }
        for actor in tagger.actors?.codebook.themes ?? [] {
            labels.actors[actor.id] = Label(sv: actor.labelSv, en: actor.labelEn)
        }
        return StageFunctions(
            decode: { path, sink in try decoder.decodeAll(path: path, diagnostics: sink) },
            detectSpeech: { samples, sink in try voiceActivity.get().run(samples, diagnostics: sink) },
            diarize: { samples, _, sink in
                // Speaker turns use the diarizer's own loudness detector, as `samtal diarize`
                // does by default: with the VAD stage's regions DER was higher on the tuning
                // and evaluation sets (more missed speech; docs/diarization.md).
                try SpeakerDiarizer(settings: diarization).run(
                    samples: samples, sampleRate: decoder.targetSampleRate, speech: nil,
                    encoder: try voiceEncoder.get(), diagnostics: sink)
            },
            readTranscript: { path, sink in
                try TranscriptIO.read(path: path, options: ReadOptions(lenient: true), diagnostics: sink)
            },
            align: { transcript, turns, sink in
                try Alignment().run(transcript, turns: turns, diagnostics: sink)
            },
            tag: { utterances, _ in tagger.tag(utterances) },
            labels: labels,
            writeWebVTT: { transcript in try TranscriptIO.write(transcript, format: .webvtt) },
            settingsDescription: [
                .decode: "rate=\(decoder.targetSampleRate) channel=\(decoder.channel) quality=\(decoder.quality)",
                .diarize: "\(contentHash(diarization))",
                .tag: "codebook=\(contentHash(book)) actors=\(contentHash(tagger.actors?.codebook)) emotions=\(contentHash(emotions.models.discussionScheme))",
            ])
    }

    /// A hash of a value's sorted-key JSON, so an edited codebook reruns tagging.
    private static func contentHash<T: Encodable>(_ value: T?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let value, let data = try? encoder.encode(value) else { return "none" }
        return String(StableHash.fnv1a(bytes: data), radix: 16)
    }
}

/// A value made on first use and then shared, for expensive models a run may not need.
final class LazyResource<Value>: @unchecked Sendable {
    // SAFETY: `value` and `make` are only touched while holding `lock`; the made value is only
    // read afterwards (the resources it holds are immutable, e.g. `VoiceEncoder`).
    private let lock = NSLock()
    private var value: Value?
    private var make: (() throws -> Value)?

    init(_ make: @escaping () throws -> Value) { self.make = make }

    func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = try make!()
        value = made
        make = nil
        return made
    }
}

/// The emotion stage as the Tagger calls it: lexicon layer and trained models, written into the
/// utterance's tags.
struct EmotionStage: EmotionTagging {
    let analyzer: EmotionAnalyzer

    func tagEmotions(_ text: AnalyzedText, into tags: inout UtteranceTags) {
        analyzer.analyze(text).apply(to: &tags)
    }
}
