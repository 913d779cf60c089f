import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct TagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tag utterances with themes, emotions, polarity and actors.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal tag` is not built yet")
    }
}
