import Foundation
import Testing

/// `homeostat replay lending`: the built binary prints the deployed contracts' numbers, and
/// a script error stops it with `FILE:LINE: error RPLxxx` and exit status 64.
@Suite struct LendingReplayCLITests {
    static let fixtures = CLI.repository.appendingPathComponent("Tests/HomeostatExperimentsTests/Replay")

    @Test func replaysAFixtureExactly() throws {
        let script = Self.fixtures.appendingPathComponent("lending-bad-debt-dust.jsonl").path
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("lending-bad-debt-dust.out.jsonl"), encoding: .utf8)
        let result = try CLI.run(["replay", "lending", script])
        expectExit(result, 0)
        #expect(result.stdout == expected, "\(result)")
    }

    @Test func scriptErrorIsLocatedAndExits64() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.jsonl", """
            {"op": "init", "t": 1700000000, "lltv": "0.86", "irm": "adaptive_curve", "price": "2"}
            {"op": "supply", "t": 1700000001, "who": "a", "assets": "1"}
            {"op": "supply_collateral", "t": 1700000002, "who": "b", "assets": "1.0000000000000000001"}

            """)
        let result = try CLI.run(["replay", "lending", path])
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "a script error stops the replay before it prints: \(result)")
        #expect(result.stderr.hasPrefix("\(path):3: error RPL103: field \"assets\""), "\(result)")
    }

    @Test func unknownIrmOnStandardInput() throws {
        let result = try CLI.run(["replay", "lending", "-"], stdin: #"{"op": "init", "t": 1, "lltv": "0.86", "irm": "jump", "price": "2"}"# + "\n")
        expectExit(result, 64)
        #expect(result.stderr.contains(":1: error RPL008"), "\(result)")
    }
}
