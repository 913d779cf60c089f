import ArgumentParser

/// The `samtal` command: one subcommand per pipeline stage, plus `run` that composes them.
@main
struct Samtal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samtal",
        abstract: "Recordings and transcripts of table discussions → theme and emotion summaries.",
        discussion: """
            Everything runs locally and offline. Stages: decode → vad → diarize → import/align → \
            tag → summarize; `samtal run` composes them.
            """,
        version: "0.1.0",
        subcommands: [
            DecodeCommand.self,
            VADCommand.self,
            DiarizeCommand.self,
            ScoreCommand.self,
            ImportCommand.self,
            AlignCommand.self,
            ExportCommand.self,
            TagCommand.self,
            TrainCommand.self,
            SummarizeCommand.self,
            RunCommand.self,
            EvalCommand.self,
        ])
}
