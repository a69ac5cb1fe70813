import ArgumentParser
import Foundation
import HomeostatExperiments

/// `homeostat replay KIND SCRIPT.jsonl`: drives one mechanism through a script
/// (`shared/spec/replay.md`) and prints what it shows, one JSON object per line.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a JSON Lines script through a mechanism (to check it against a contract).",
        discussion: "Kinds: \(ReplayKind.allCases.map(\.rawValue).joined(separator: ", ")). `-` reads the script from standard input. A script error stops the replay with `SCRIPT:LINE: error …` on stderr and exit status 64; an operation the contract would reject prints a line with \"error\" and the replay goes on.")

    @Argument(help: "The mechanism: \(ReplayKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Argument(help: "The script (JSON Lines), or - for standard input.")
    var script: String

    func run() throws {
        guard let replayKind = ReplayKind(rawValue: kind) else {
            throw Terminal.badInput("homeostat replay: unknown kind '\(kind)'; expected one of \(ReplayKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let text: String
        if script == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: script) else {
                throw Terminal.badInput("\(script): error: cannot read the script file")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        do {
            try runReplay(replayKind, script: text, scriptName: script == "-" ? "<stdin>" : script) { line in
                print(line)
            }
        } catch {
            throw Terminal.badInput(error.description)
        }
    }
}
