import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a transcript in another format.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal export` is not built yet")
    }
}
