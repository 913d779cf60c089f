import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct VADCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vad", abstract: "Find speech regions.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal vad` is not built yet")
    }
}
