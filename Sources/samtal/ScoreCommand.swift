import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score speaker turns against a reference (DER, JER).")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal score` is not built yet")
    }
}
