import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the emotion and polarity models from labelled data.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal train` is not built yet")
    }
}
