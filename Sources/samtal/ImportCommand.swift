import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read a transcript in any supported format.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal import` is not built yet")
    }
}
