import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct EvalVADCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vad", abstract: "Frame-level precision, recall and F1 of voice activity against labelled files.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal eval vad` is not built yet")
    }
}
