import AudioDecoding
import Foundation
import SamtalCore
import Summaries
import Tagging
import Transcripts

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
        let tagger = try Tagger.standard(models: modelsDirectory, codebook: book,
                                         diagnostics: diagnostics)
        var labels = LabelDictionary()
        for theme in book.themes {
            labels.themes[theme.id] = Label(sv: theme.labelSv, en: theme.labelEn)
        }
        for actor in tagger.actors?.codebook.themes ?? [] {
            labels.actors[actor.id] = Label(sv: actor.labelSv, en: actor.labelEn)
        }
        return StageFunctions(
            decode: { path, sink in try decoder.decodeAll(path: path, diagnostics: sink) },
            detectSpeech: { _, _ in throw notYet("voice activity detection") },
            diarize: { _, _, _ in throw notYet("diarization") },
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
                .tag: "codebook=\(contentHash(book)) actors=\(contentHash(tagger.actors?.codebook))",
            ])
    }

    /// A hash of a value's sorted-key JSON, so an edited codebook reruns tagging.
    private static func contentHash<T: Encodable>(_ value: T?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let value, let data = try? encoder.encode(value) else { return "none" }
        return String(StableHash.fnv1a(bytes: data), radix: 16)
    }

    private static func notYet(_ what: String) -> SamtalError {
        SamtalError(.internalError, "\(what) is not part of this build yet",
                    hint: "update samtal; the stage is being integrated")
    }
}
