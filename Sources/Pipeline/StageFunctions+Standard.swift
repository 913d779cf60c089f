import AudioDecoding
import Foundation
import SamtalCore
import Summaries
import Transcripts

extension StageFunctions {
    /// The real stages: AudioDecoding, VoiceActivity, Diarization, Transcripts and Tagging.
    /// `codebook` replaces the standard codebook from `Models/`.
    public static func standard(codebook: String? = nil) throws -> StageFunctions {
        let decoder = AudioDecoder()
        return StageFunctions(
            decode: { path, sink in try decoder.decodeAll(path: path, diagnostics: sink) },
            detectSpeech: { _, _ in throw notYet("voice activity detection") },
            diarize: { _, _, _ in throw notYet("diarization") },
            readTranscript: { path, sink in
                try TranscriptIO.read(path: path, options: ReadOptions(lenient: true), diagnostics: sink)
            },
            align: { _, _, _ in throw notYet("transcript alignment") },
            tag: { _, _ in throw notYet("tagging") },
            labels: LabelDictionary(),
            writeWebVTT: { transcript in try TranscriptIO.write(transcript, format: .webvtt) },
            settingsDescription: [
                .decode: "rate=\(decoder.targetSampleRate) channel=\(decoder.channel) quality=\(decoder.quality)",
            ])
    }

    private static func notYet(_ what: String) -> SamtalError {
        SamtalError(.internalError, "\(what) is not part of this build yet",
                    hint: "update samtal; the stage is being integrated")
    }
}
