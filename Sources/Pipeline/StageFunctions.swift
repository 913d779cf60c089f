import SamtalCore
import Summaries

/// The stage implementations `Pipeline` calls, as values, so the order and resume logic can be
/// tested with small stand-ins and the real stages are wired in one place (`standard`).
public struct StageFunctions: Sendable {
    /// Decodes a recording to 16 kHz mono.
    public var decode: @Sendable (_ path: String, _ diagnostics: DiagnosticSink) throws
        -> (Recording, [Float])
    /// Finds speech in 16 kHz samples.
    public var detectSpeech: @Sendable (_ samples: [Float], _ diagnostics: DiagnosticSink) throws
        -> SpeechRegions
    /// Finds who spoke when within the speech regions.
    public var diarize: @Sendable (_ samples: [Float], _ speech: SpeechRegions,
                                   _ diagnostics: DiagnosticSink) throws -> SpeakerTurns
    /// Reads a transcript or contributions file.
    public var readTranscript: @Sendable (_ path: String, _ diagnostics: DiagnosticSink) throws
        -> Transcript
    /// Assigns speakers from turns to a timed transcript.
    public var align: @Sendable (_ transcript: Transcript, _ turns: SpeakerTurns,
                                 _ diagnostics: DiagnosticSink) throws -> Transcript
    /// Tags utterances with themes, emotions and actors.
    public var tag: @Sendable (_ utterances: [Utterance], _ diagnostics: DiagnosticSink) throws
        -> [UtteranceTags]
    /// Names of the ids `tag` emits, in Swedish and English.
    public var labels: LabelDictionary
    /// Writes a transcript as WebVTT with speakers.
    public var writeWebVTT: @Sendable (_ transcript: Transcript) throws -> String
    /// Describes the stages' settings; part of every fingerprint, so changed settings rerun.
    public var settingsDescription: [PipelineStage: String]

    public init(
        decode: @escaping @Sendable (String, DiagnosticSink) throws -> (Recording, [Float]),
        detectSpeech: @escaping @Sendable ([Float], DiagnosticSink) throws -> SpeechRegions,
        diarize: @escaping @Sendable ([Float], SpeechRegions, DiagnosticSink) throws -> SpeakerTurns,
        readTranscript: @escaping @Sendable (String, DiagnosticSink) throws -> Transcript,
        align: @escaping @Sendable (Transcript, SpeakerTurns, DiagnosticSink) throws -> Transcript,
        tag: @escaping @Sendable ([Utterance], DiagnosticSink) throws -> [UtteranceTags],
        labels: LabelDictionary,
        writeWebVTT: @escaping @Sendable (Transcript) throws -> String,
        settingsDescription: [PipelineStage: String] = [:]
    ) {
        self.decode = decode
        self.detectSpeech = detectSpeech
        self.diarize = diarize
        self.readTranscript = readTranscript
        self.align = align
        self.tag = tag
        self.labels = labels
        self.writeWebVTT = writeWebVTT
        self.settingsDescription = settingsDescription
    }
}
