import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the whole pipeline on a recording, transcript or event folder.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal run` is not built yet")
    }
}
