import Foundation
import Testing

/// `homeostat validate` (and `run`) on good and bad scenario files: exit status 0 or 64, and
/// for a bad file one `FILE:LINE:COLUMN: error: FIELD: …` line on stderr, never a trap.
@Suite struct ValidateTests {
    /// Every bundled example, by name.
    static let examples: [String] = {
        let folder = CLI.repository.appendingPathComponent("examples").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
    }()

    @Test func thereAreExamples() {
        #expect(Self.examples.contains("bm1.yaml"), "examples/ holds \(Self.examples)")
    }

    @Test(arguments: examples)
    func exampleIsValid(_ name: String) throws {
        let path = CLI.repository.appendingPathComponent("examples").appendingPathComponent(name).path
        let result = try CLI.run(["validate", path])
        expectExit(result, 0)
        #expect(result.stdoutLines.count == 1, "\(result)")
        #expect(result.stdout.hasPrefix("\(path): ok"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    /// A bad scenario and where its error must point: the 1-based `line`, and the column of
    /// the first occurrence of `at` in that line.
    struct BadScenario: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        let line: Int
        let at: String
        /// The key path the message must start with (nil for a syntax error, which has none).
        let field: String?
        /// Text the message must contain.
        let says: String

        var testDescription: String { name }

        /// The 1-based column of `at` in line `line` (in Unicode scalars, as errors.md says).
        var column: Int? {
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            guard line >= 1, line <= lines.count, let range = lines[line - 1].range(of: at) else { return nil }
            return lines[line - 1].unicodeScalars[..<range.lowerBound].count + 1
        }
    }

    static let badScenarios: [BadScenario] = [
        BadScenario(
            name: "malformed YAML (unclosed flow sequence)",
            yaml: "name: broken\npopulations: [{name: a, count: 1, behaviour: holder}\nruns: 2\n",
            line: 3, at: "runs", field: nil, says: "syntax error"),
        BadScenario(
            name: "unknown field",
            yaml: "name: typo\nmarket:\n  volatilty: 0.5\n",
            line: 3, at: "volatilty", field: "market.volatilty", says: "unknown field; did you mean 'volatility'?"),
        BadScenario(
            name: "negative amount",
            yaml: "name: negative\npopulations:\n  - {name: a, count: 10, behaviour: holder, initial_balance: -5}\n",
            line: 3, at: "-5", field: "populations[0].initial_balance", says: "out of range"),
        BadScenario(
            name: "lock past the maximum",
            yaml: "name: long\nmechanisms:\n  vote_escrow: {max_lock_days: 5000}\n",
            line: 3, at: "5000", field: "mechanisms.vote_escrow.max_lock_days", says: "5000 is out of range"),
        BadScenario(
            name: "NaN",
            yaml: "name: nan\nmarket:\n  price: .nan\n",
            line: 3, at: ".nan", field: "market.price", says: "not a finite number"),
        BadScenario(
            name: "probability above 1",
            yaml: "name: probability\npopulations:\n  - name: a\n    count: 1\n    behaviour: holder\n    sell_propensity: 1.5\n",
            line: 6, at: "1.5", field: "populations[0].sell_propensity", says: "expected a probability in [0, 1]"),
        BadScenario(
            name: "unknown metric",
            yaml: "name: metrics\nmetrics:\n  names: [price, lockd_share]\n",
            line: 3, at: "lockd_share", field: "metrics.names[1]", says: "unknown metric 'lockd_share'; did you mean 'locked_share'?"),
    ]

    /// `validate` and `run` both reject the file with status 64 and a located message.
    @Test(arguments: badScenarios, ["validate", "run"])
    func badScenarioIsRejected(_ bad: BadScenario, command: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.yaml", bad.yaml)
        let column = try #require(bad.column, "'\(bad.at)' is not in line \(bad.line) of the case")
        let arguments = command == "run" ? ["run", path, "--out", dir.path("out"), "--quiet", "--threads", "1"] : ["validate", path]
        let result = try CLI.run(arguments)
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "stdout is for data only: \(result)")
        #expect(result.stderrLines.count == 1, "one error line: \(result)")
        let prefix = "\(path):\(bad.line):\(column): error: " + (bad.field.map { "\($0): " } ?? "")
        #expect(result.stderr.hasPrefix(prefix), "expected the message to start with '\(prefix)': \(result)")
        #expect(result.stderr.contains(bad.says), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")), "nothing is written for a bad scenario")
    }

    @Test(arguments: ["validate", "run"])
    func missingFileIsRejectedAtLineOneColumnOne(_ command: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("no-such-scenario.yaml")
        let result = try CLI.run([command, path])
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("\(path):1:1: error: "), "\(result)")
        #expect(result.stderr.contains("no such file"), "\(result)")
    }

    /// One bad file among good ones: the good ones are still reported ok, the status is 64.
    @Test func mixedFilesReportEachAndFail() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("good.yaml", "name: good\n")
        let bad = try dir.write("bad.yaml", "name: bad\nruns: 0\n")
        let result = try CLI.run(["validate", good, bad, good])
        expectExit(result, 64)
        #expect(result.stdoutLines.count == 2, "\(result)")
        #expect(result.stdoutLines.allSatisfy { $0.hasPrefix("\(good): ok") }, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("\(bad):2:7: error: runs: "), "\(result)")
    }
}
