import Foundation
import Testing

/// Bad command-line arguments: status 64 (EX_USAGE) and a message naming the problem on
/// stderr, nothing on stdout, never a trap.
@Suite struct ArgumentTests {
    struct BadArguments: Sendable, CustomTestStringConvertible {
        let name: String
        /// Arguments; `SCENARIO` is replaced by the path of a small valid scenario.
        let arguments: [String]
        /// Text the message on stderr must contain.
        let says: String
        var testDescription: String { name }
    }

    static let cases: [BadArguments] = [
        BadArguments(name: "run --runs 0", arguments: ["run", "SCENARIO", "--runs", "0"], says: "--runs must be at least 1"),
        BadArguments(name: "run --threads 0", arguments: ["run", "SCENARIO", "--threads", "0"], says: "--threads must be at least 1"),
        BadArguments(name: "run --runs not a number", arguments: ["run", "SCENARIO", "--runs", "many"], says: "--runs"),
        BadArguments(name: "run without a file", arguments: ["run"], says: "Missing expected argument"),
        BadArguments(name: "replay of an unknown kind", arguments: ["replay", "vote-escro", "-"], says: "unknown kind 'vote-escro'"),
        BadArguments(name: "bench of an unknown benchmark", arguments: ["bench", "bm2", "--size", "S"], says: "unknown benchmark 'bm2'"),
        BadArguments(name: "bench of an unknown size", arguments: ["bench", "bm1", "--size", "XL"], says: "--size"),
        BadArguments(name: "bench --threads 0", arguments: ["bench", "bm1", "--size", "S", "--threads", "0"], says: "--threads"),
        BadArguments(name: "bench pools --seconds 0", arguments: ["bench", "pools", "--seconds", "0"], says: "--seconds must be in (0, 3600]"),
        BadArguments(name: "bench pools --seconds nan", arguments: ["bench", "pools", "--seconds", "nan"], says: "--seconds must be in (0, 3600]"),
        BadArguments(name: "unknown command", arguments: ["simulate", "SCENARIO"], says: "simulate"),
    ]

    @Test(arguments: cases)
    func badArgumentsAreRejected(_ bad: BadArguments) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let scenario = try dir.write("small.yaml", "name: small\nruns: 1\nhorizon_days: 3\npopulations: [{name: a, count: 2, behaviour: holder}]\n")
        let arguments = bad.arguments.map { $0 == "SCENARIO" ? scenario : $0 } + (bad.arguments.first == "run" ? ["--out", dir.path("out"), "--quiet"] : [])
        let result = try CLI.run(arguments)
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(bad.says), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")), "nothing is written for bad arguments")
    }

    /// The small scenario above is itself fine, so the failures are the arguments'.
    @Test func theSmallScenarioRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let scenario = try dir.write("small.yaml", "name: small\nruns: 1\nhorizon_days: 3\npopulations: [{name: a, count: 2, behaviour: holder}]\n")
        let result = try CLI.run(["run", scenario, "--out", dir.path("out"), "--quiet", "--threads", "1"])
        expectExit(result, 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("out/summary.json")))
    }

    @Test func versionIsPrinted() throws {
        let result = try CLI.run(["--version"])
        expectExit(result, 0)
        #expect(result.stdoutLines.count == 1, "\(result)")
        #expect(result.stdout.first?.isNumber == true, "\(result)")
    }
}
