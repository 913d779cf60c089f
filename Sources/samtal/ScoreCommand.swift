import ArgumentParser
import Diarization
import SamtalCore

/// `samtal score`: DER and JER of a hypothesis RTTM against a reference RTTM.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score speaker turns against a reference (DER, JER).",
        discussion: """
            Computes what pyannote.metrics computes: DER with missed speech, false alarm and \
            confusion, and JER, per file and over all files, with an optimal (Hungarian) \
            one-to-one speaker mapping. --collar is the TOTAL width (pyannote's convention): \
            --collar 0.5 forgives 0.25 s on each side of every reference boundary, which is \
            what dscore/md-eval call --collar 0.25. Without --uem the evaluated region is the \
            extent of reference and hypothesis together.
            """)

    @Option(help: "Reference RTTM file.")
    var reference: String

    @Option(help: "Hypothesis RTTM file.")
    var hypothesis: String

    @Option(help: "Total collar width in seconds around reference boundaries (pyannote convention).")
    var collar: Double = 0

    @Flag(help: "Do not score regions where reference speakers overlap.")
    var skipOverlap = false

    @Option(help: "UEM file (`file chnl start end`) listing the evaluated regions.")
    var uem: String?

    @Flag(help: "Print JSON (the shape `peers score` prints) instead of a table.")
    var json = false

    @Option(name: [.short, .long], help: "Write the result to this file instead of stdout.")
    var output: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard collar >= 0, collar.isFinite else {
            throw ValidationError("--collar must be a non-negative number of seconds")
        }
    }

    func run() async throws {
        let sink = common.makeSink()
        let ref = try RTTM.read(path: reference)
        let hyp = try RTTM.read(path: hypothesis)
        if ref.isEmpty && hyp.isEmpty {
            throw SamtalError(.emptyInput, "no SPEAKER lines in \(reference) nor \(hypothesis)")
        }
        let uemIntervals = try uem.map { try RTTM.readUEM(path: $0) }
        let scorer = DiarizationScorer(collarSeconds: collar, skipOverlap: skipOverlap)
        let report = scorer.score(reference: ref, hypothesis: hyp, uem: uemIntervals, diagnostics: sink)
        try emitOutput(json ? report.jsonText() : report.tableText(), to: output)
        try common.finish(sink)
    }
}
