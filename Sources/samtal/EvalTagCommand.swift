import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct EvalTagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Per-label precision, recall and F1 of tagging against labelled utterances.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal eval tag` is not built yet")
    }
}
