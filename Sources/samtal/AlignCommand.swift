import ArgumentParser
import Foundation
import SamtalCore
import Transcripts

/// `samtal align --transcript T --turns TURNS.rttm`: attaches speakers from diarization.
struct AlignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Attach speakers from diarization to a transcript.",
        discussion: """
            Speakers come from the exclusive speaker turns (RTTM, or pyannote JSON): each cue, or \
            each word when the transcript has word timings, gets the speaker overlapping it most. \
            Cues are split at speaker changes only when word timings exist; consecutive cues of \
            one speaker are merged into turns; anonymous clusters take the names the transcript \
            already carries when the overlap supports it.
            """)

    @Option(help: "The transcript (any format `samtal import` reads).")
    var transcript: String

    @Option(help: "Speaker turns: RTTM or pyannote JSON.")
    var turns: String

    @Option(help: "YAML mapping of speaker renames, e.g. `SPEAKER_00: Anna`.")
    var speakerNames: String?

    @Option(name: [.short, .customLong("format")],
            help: "Output format: \(ExportTarget.names.joined(separator: ", ")) (default json).")
    var format: String = "json"

    @Option(name: [.short, .long], help: "Output file (default: stdout).")
    var output: String?

    @Flag(help: "Keep cues whole even when word timings show a speaker change inside.")
    var noSplit = false

    @Flag(help: "Keep consecutive cues of one speaker apart instead of merging them into turns.")
    var noMerge = false

    @Flag(help: "Do not map anonymous clusters to the names the transcript carries.")
    var keepClusterNames = false

    @OptionGroup var input: TranscriptReadOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard ExportTarget(name: format) != nil else {
            throw ValidationError("unknown output format '\(format)'; use one of: \(ExportTarget.names.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let t = try input.read(transcript, diagnostics: sink)
        let speakerTurns = try SpeakerTurnsReader.read(path: turns, diagnostics: sink)
        var alignment = Alignment(splitAtTurnChanges: !noSplit, mergeSameSpeaker: !noMerge,
                                  mapToTranscriptNames: !keepClusterNames)
        if let speakerNames {
            alignment.speakerNames = try SpeakerTurnsReader.readNames(path: speakerNames)
        }
        let aligned = try alignment.run(t, turns: speakerTurns, diagnostics: sink)
        let data = try ExportTarget(name: format)!.render(aligned)
        try common.finish(sink)
        try emitOutput(data, to: output)
    }
}
