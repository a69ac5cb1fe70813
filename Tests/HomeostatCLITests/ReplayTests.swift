import Foundation
import Testing

/// `homeostat replay vote-escrow`: a script from a file and from stdin, and a script error.
@Suite struct ReplayTests {
    /// One 4-year lock of 1000 tokens, queried at once; a rejected withdraw; a query at the end.
    /// Comment and blank lines are skipped and not counted in `"line"`.
    static let script = """
        # alice locks 1000 tokens for MAXTIME = 4 × 365 × 86400 = 126144000 s
        {"op": "create_lock", "t": 1700000000, "who": "alice", "amount": "1000", "unlock_time": 1826144000}
        {"op": "query", "t": 1700000000}

        {"op": "withdraw", "t": 1700000001, "who": "alice"}
        {"op": "query", "t": 1825891200}

        """

    /// Hand computation (Curve VotingEscrow): the unlock time rounds down to whole weeks,
    /// ⌊1826144000 / 604800⌋ · 604800 = 3019 · 604800 = 1825891200; the slope is
    /// 1000 / 126144000 per second, so the balance at t = 1700000000 is
    /// 1000 · (1825891200 − 1700000000) / 126144000 = 1000 · 125891200 / 126144000.
    static let end = 1_825_891_200
    static let balance = 997.9959411466076

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
    }

    static func decimal(_ value: Any?) throws -> Double {
        let text = try #require(value as? String, "amounts are decimal strings, got \(String(describing: value))")
        return try #require(Double(text), "'\(text)' is not a decimal")
    }

    static func checkOutput(_ result: CLI.Result) throws {
        expectExit(result, 0)
        #expect(result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 3, "a query, a rejection, a query: \(result)")

        let first = try object(lines[0])
        #expect((first["line"] as? NSNumber)?.intValue == 1, "the query is operation 1 (0-based, comments not counted)")
        #expect((first["t"] as? NSNumber)?.intValue == 1_700_000_000)
        let balances = try #require(first["balances"] as? [String: Any])
        #expect(Array(balances.keys) == ["alice"])
        let alice = try decimal(balances["alice"])
        #expect(abs(alice - balance) <= 1e-9 * balance, "alice's voting power \(alice), expected \(balance)")
        let total = try decimal(first["total"])
        #expect(abs(total - balance) <= 1e-9 * balance, "total \(total)")
        #expect(try decimal(first["supply"]) == 1000)
        let locked = try #require((first["locked"] as? [String: Any])?["alice"] as? [String: Any])
        #expect(try decimal(locked["amount"]) == 1000)
        #expect((locked["end"] as? NSNumber)?.intValue == end, "the unlock time rounded down to a week")

        let rejected = try object(lines[1])
        #expect((rejected["line"] as? NSNumber)?.intValue == 2)
        #expect(rejected["op"] as? String == "withdraw")
        #expect(rejected["who"] as? String == "alice")
        #expect(rejected["error"] as? String == "The lock didn't expire")

        let last = try object(lines[2])
        #expect((last["line"] as? NSNumber)?.intValue == 3)
        #expect(try decimal((last["balances"] as? [String: Any])?["alice"]) == 0, "no voting power at the end of the lock")
        #expect(try decimal(last["supply"]) == 1000, "the rejected withdraw changed nothing")
    }

    @Test func scriptFromAFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("lock.jsonl", Self.script)
        try Self.checkOutput(try CLI.run(["replay", "vote-escrow", path]))
    }

    @Test func scriptFromStandardInputGivesTheSameLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("lock.jsonl", Self.script)
        let fromStdin = try CLI.run(["replay", "vote-escrow", "-"], stdin: Self.script)
        try Self.checkOutput(fromStdin)
        #expect(fromStdin.stdout == (try CLI.run(["replay", "vote-escrow", path])).stdout)
    }

    static let backwards = """
        {"op": "create_lock", "t": 1700000000, "who": "alice", "amount": "1000", "unlock_time": 1826144000}
        {"op": "query", "t": 1700000000}
        # t goes back one second on the next line (file line 4)
        {"op": "query", "t": 1699999999}

        """

    @Test func timeGoingBackwardsIsAScriptErrorWithItsLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("back.jsonl", Self.backwards)
        let result = try CLI.run(["replay", "vote-escrow", path])
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "a script error stops the replay before it prints: \(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("\(path):4: error"), "\(result)")
        #expect(result.stderr.contains("RPL006"), "\(result)")
        #expect(result.stderr.contains("1699999999"), "\(result)")
    }

    @Test func scriptErrorOnStandardInputNamesTheLine() throws {
        let result = try CLI.run(["replay", "vote-escrow", "-"], stdin: Self.backwards)
        expectExit(result, 64)
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(":4: error"), "\(result)")
        #expect(result.stderr.contains("RPL006"), "\(result)")
    }

    @Test func missingScriptIsBadInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try CLI.run(["replay", "vote-escrow", dir.path("none.jsonl")])
        expectExit(result, 64)
        #expect(result.stderr.contains(dir.path("none.jsonl")), "\(result)")
    }
}
