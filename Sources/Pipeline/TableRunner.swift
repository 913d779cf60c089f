import Foundation
import SamtalCore
import Summaries

/// Forwards diagnostics to two sinks: the stage's collector (stored in its artifact) and the
/// user's sink.
struct TeeDiagnostics: DiagnosticSink {
    let first: DiagnosticSink
    let second: DiagnosticSink
    func emit(_ diagnostic: Diagnostic) {
        first.emit(diagnostic)
        second.emit(diagnostic)
    }
}

/// Runs the stages of one table, reusing valid artifacts. Scratch state of one run (the decoded
/// samples, the stages computed and reused), so a class used by one thread only.
final class TableRunner {
    let table: TableSource
    let pipeline: Pipeline
    let diagnostics: DiagnosticSink
    let progress: PipelineProgress

    private var computed: [PipelineStage] = []
    private var reused: [PipelineStage] = []
    /// Warnings of every stage of this table (computed or replayed), for the report.
    private var warnings: [Diagnostic] = []
    /// Decoded samples, kept while later audio stages need them.
    private var samples: [Float]?

    init(table: TableSource, pipeline: Pipeline, diagnostics: DiagnosticSink,
         progress: PipelineProgress) {
        self.table = table
        self.pipeline = pipeline
        self.diagnostics = diagnostics
        self.progress = progress
    }

    private var settings: PipelineSettings { pipeline.settings }
    private var stages: StageFunctions { pipeline.stages }
    private var directory: String {
        (settings.outputDirectory as NSString).appendingPathComponent(table.name)
    }

    /// The stage's fingerprint: its settings plus what it depends on.
    private func fingerprint(_ stage: PipelineStage, _ parts: [(String, String)],
                             files: [(String, String?)] = []) -> String {
        var f = Fingerprint()
        f.add("stage", stage.rawValue)
        f.add("settings", stages.settingsDescription[stage] ?? "")
        for (k, v) in parts { f.add(k, v) }
        for (k, path) in files { f.addFile(k, path) }
        return f.value
    }

    /// Loads the stage's artifact when it validates and matches `fingerprint` (and the stage is
    /// not forced by `--from`); otherwise computes it and writes the artifact. Nil after `--to`.
    private func obtain<P: Codable & Sendable>(
        _ stage: PipelineStage, fingerprint: String, _ compute: (DiagnosticSink) throws -> P
    ) throws -> P? {
        guard stage <= settings.to else { return nil }
        let path = (directory as NSString).appendingPathComponent(stage.artifactName)
        let forced = settings.from.map { stage >= $0 } ?? false
        if !forced, FileManager.default.fileExists(atPath: path) {
            let started = Date()
            do {
                let artifact = try Artifact<P>.load(from: path, stage: stage)
                if artifact.fingerprint == fingerprint {
                    for d in artifact.diagnostics {
                        diagnostics.emit(d)
                        if d.severity >= .warning { warnings.append(d) }
                    }
                    reused.append(stage)
                    progress.finished(table: table.name, stage: stage,
                                      seconds: Date().timeIntervalSince(started), reused: true)
                    return artifact.payload
                }
            } catch let error as SamtalError {
                diagnostics.note("run.invalid-artifact", "\(error.message); recomputing")
            }
        }
        progress.started(table: table.name, stage: stage)
        let started = Date()
        let collector = DiagnosticCollector()
        let payload = try compute(TeeDiagnostics(first: collector, second: diagnostics))
        try Artifact(stage: stage, fingerprint: fingerprint, diagnostics: collector.diagnostics,
                     payload: payload).write(to: path)
        warnings += collector.diagnostics.filter { $0.severity >= .warning }
        computed.append(stage)
        progress.finished(table: table.name, stage: stage,
                          seconds: Date().timeIntervalSince(started), reused: false)
        return payload
    }

    /// The decoded samples, decoding again when the decode artifact was reused.
    private func decodedSamples(_ path: String) throws -> [Float] {
        if let samples { return samples }
        let (_, s) = try stages.decode(path, IgnoringDiagnostics())
        samples = s
        return s
    }

    func run() throws -> TableResult {
        // Audio stages.
        var decoded: DecodeResult?
        var turns: SpeakerTurns?
        var turnsFingerprint = "none"
        if let recording = table.recording {
            let fpDecode = fingerprint(.decode, [], files: [("recording", recording)])
            decoded = try obtain(.decode, fingerprint: fpDecode) { sink in
                let (rec, s) = try stages.decode(recording, sink)
                samples = s
                return DecodeResult(recording: rec, durationSeconds: Double(s.count) / 16000)
            }
            let fpVAD = fingerprint(.vad, [("decode", fpDecode)])
            let speech: SpeechRegions? = try obtain(.vad, fingerprint: fpVAD) { sink in
                let regions = try stages.detectSpeech(try decodedSamples(recording), sink)
                if regions.spans.isEmpty {
                    sink.warning("run.no-speech",
                                 "\(table.name): no speech found in \(recording)")
                }
                return regions
            }
            let fpDiarize = fingerprint(.diarize, [("vad", fpVAD)])
            if let speech {
                turns = try obtain(.diarize, fingerprint: fpDiarize) { sink in
                    if speech.spans.isEmpty {
                        return SpeakerTurns(sampleRate: speech.sampleRate,
                                            totalSamples: speech.totalSamples,
                                            overlapping: [], exclusive: [])
                    }
                    return try stages.diarize(try decodedSamples(recording), speech, sink)
                }
                turnsFingerprint = fpDiarize
            }
        }
        samples = nil

        // Transcript import and alignment.
        let fpAlign = fingerprint(.align, [("turns", turnsFingerprint)],
                                  files: [("transcript", table.transcript)])
        let aligned: AlignResult? = try obtain(.align, fingerprint: fpAlign) { sink in
            AlignResult(transcript: try importTranscript(decoded: decoded, turns: turns, sink))
        }
        // Tagging: the summary input of this table.
        let fpTag = fingerprint(.tag, [("align", fpAlign)])
        var input: SummaryInput? = nil
        if let aligned {
            input = try obtain(.tag, fingerprint: fpTag) { sink in
                let utterances = aligned.transcript?.utterances ?? []
                let tags = utterances.isEmpty ? [] : try stages.tag(utterances, sink)
                // Speaking time: from the transcript's own times when it names every speaker,
                // else from the diarized turns named after the aligned transcript.
                let transcriptNamesSpeakers = !utterances.isEmpty
                    && utterances.allSatisfy { $0.speaker != nil && $0.start != nil && $0.end != nil }
                let named = transcriptNamesSpeakers ? nil
                    : turns.map { t in aligned.transcript.map { TurnNaming.relabel(t, by: $0) } ?? t }
                return SummaryInput(title: table.name, utterances: utterances, tags: tags,
                                    turns: named, labels: stages.labels)
            }
        }
        // Summary and reports.
        var summary: Summary?
        var outputs: [String] = []
        if var input {
            input.warnings = warnings.map(\.message)
            let fpSummary = fingerprint(
                .summarize, [("tag", fpTag), ("language", settings.language.rawValue),
                             ("warnings", input.warnings.joined(separator: "\n"))])
            let summarizer = settings.summarizer
            let frozen = input
            summary = try obtain(.summarize, fingerprint: fpSummary) { sink in
                try summarizer.summarize(frozen, diagnostics: sink)
            }
            if let summary {
                outputs = try Outputs.write(summary: summary, input: input, directory: directory,
                                            language: settings.language,
                                            writeWebVTT: stages.writeWebVTT,
                                            diagnostics: diagnostics)
            }
        }
        return TableResult(table: table, computed: computed, reused: reused, input: input,
                           summary: summary, outputs: outputs)
    }

    /// Reads the table's transcript (an empty one becomes a warning and no utterances), assigns
    /// speakers from the turns when both have times, and checks that their lengths agree.
    private func importTranscript(decoded: DecodeResult?, turns: SpeakerTurns?,
                                  _ sink: DiagnosticSink) throws -> Transcript? {
        guard let path = table.transcript else {
            if table.recording != nil {
                sink.warning("run.no-transcript",
                             "\(table.name): no transcript, so the report has participation but no themes or emotions")
            }
            return nil
        }
        var transcript: Transcript
        do {
            transcript = try stages.readTranscript(path, sink)
        } catch let error as SamtalError where error.code == .emptyInput {
            sink.warning("run.empty-transcript", "\(table.name): the transcript \(path) is empty")
            return Transcript(format: "empty")
        }
        if transcript.utterances.isEmpty {
            sink.warning("run.empty-transcript", "\(table.name): the transcript \(path) has no utterances")
        }
        let timed = !transcript.utterances.isEmpty
            && transcript.utterances.allSatisfy { $0.start != nil }
        // A transcript that names every speaker keeps its names (people labelled them); only
        // one without speakers takes them from diarization.
        let named = transcript.utterances.allSatisfy { $0.speaker != nil }
        if let turns, !turns.exclusive.isEmpty, timed, !named {
            transcript = try stages.align(transcript, turns, sink)
        }
        if let decoded, timed {
            let audio = decoded.durationSeconds
            let text = transcript.utterances.compactMap { $0.end ?? $0.start }.max() ?? 0
            let tolerance = max(5, 0.05 * audio)
            if text > audio + tolerance {
                sink.warning("run.duration-mismatch",
                             "\(table.name): the transcript runs to \(Self.clock(text)) but the recording lasts \(Self.clock(audio))")
            } else if audio > 60, text < 0.5 * audio {
                sink.warning("run.duration-mismatch",
                             "\(table.name): the transcript ends at \(Self.clock(text)), covering under half of the \(Self.clock(audio)) recording")
            }
        }
        return transcript
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60)"
    }
}
