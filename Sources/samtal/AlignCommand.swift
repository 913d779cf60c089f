import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct AlignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align", abstract: "Attach speakers from diarization to a transcript.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal align` is not built yet")
    }
}
