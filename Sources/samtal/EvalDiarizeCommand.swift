import ArgumentParser
import SamtalCore

// PLACEHOLDER: replaced by the stage's owner; must not ship.
struct EvalDiarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diarize", abstract: "DER and JER of diarization against reference RTTMs.")

    func run() async throws {
        throw SamtalError(.internalError, "`samtal eval diarize` is not built yet")
    }
}
