import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct DiarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarize", abstract: "Find who spoke when.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal diarize` is not built yet")
    }
}
