import ArgumentParser

/// `samtal eval <stage>`: accuracy of a stage against labelled data (run on demand, `make eval`).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a stage against labelled data.",
        subcommands: [EvalVADCommand.self, EvalDiarizeCommand.self, EvalTagCommand.self])
}
