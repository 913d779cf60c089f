import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a stage against labelled data.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal eval` is not built yet")
    }
}
