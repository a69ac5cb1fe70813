import ArgumentParser

/// The `homeostat` command line: thin wrappers that parse arguments and call the layers.
@main
struct Homeostat: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "homeostat",
        abstract: "A laboratory for token-economy designs: simulate, measure alignment, compare.",
        version: version,
        subcommands: [RunCommand.self, ValidateCommand.self, CompareCommand.self, SweepCommand.self, SensitivityCommand.self, ReportCommand.self, MergeCommand.self, ExportCommand.self, ReplayCommand.self, BenchCommand.self, ListCommand.self, OptimizeCommand.self]
    )
}
