import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct SummarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize", abstract: "Write a summary from tagged utterances.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal summarize` is not built yet")
    }
}
