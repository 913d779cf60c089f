import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Decode audio to 16 kHz mono, or print its format.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal decode` is not built yet")
    }
}
