import Foundation
import HomeostatExperiments
import Testing

// Expected outputs `Replay/lending-*.out.jsonl` come from the deployed contracts, not from
// our model: `Replay/lending-evm.py` runs each script against the creation code of Morpho
// Blue and of the AdaptiveCurveIrm as deployed on Ethereum mainnet (the Foundry broadcast log
// of morpho-org/morpho-blue-deployment) in an EVM (pyrevm), and reads every number from the
// contracts' getters, return values and events. The FixedRateIrm is a stand-in that returns
// a stored rate (that is all FixedRateIrm does). The Swift replay computes on the contract's
// integers, so the comparison is exact: whole lines, character for character.

/// One golden lending replay: `Replay/NAME.jsonl` must print `Replay/NAME.out.jsonl`.
struct GoldenLendingReplay: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }
}

@Suite struct LendingReplay {
    @Test(arguments: ["lending-walkthrough", "lending-fee-fixed", "lending-bad-debt-dust", "lending-random-14", "lending-random-38"].map(GoldenLendingReplay.init))
    func matchesTheDeployedContracts(_ golden: GoldenLendingReplay) throws {
        let script = try ReplayFixtures.text(golden.name + ".jsonl")
        let expected = try ReplayFixtures.text(golden.name + ".out.jsonl").split(separator: "\n").map(String.init)
        let actual = try runReplay(.lending, script: script, scriptName: golden.name + ".jsonl")
        #expect(actual.count == expected.count, "number of output lines")
        for (index, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got == want, "\(golden.name) output line \(index + 1)")
        }
    }

    /// The spec's example: a fresh adaptive-curve market and a first supply of 100 tokens.
    @Test func specExample() throws {
        let script = """
            {"op": "init", "t": 1700000000, "lltv": "0.86", "irm": "adaptive_curve", "price": "2"}
            {"op": "supply", "t": 1700000060, "who": "alice", "assets": "100", "unknown_extra": 5}
            """
        let lines = try runReplay(.lending, script: script, scriptName: "example")
        #expect(lines[0] == #"{"line": 0, "t": 1700000000, "op": "init", "lltv": "0.86", "irm": "adaptive_curve", "price": "2", "fee": "0", "market": {"total_supply_assets": "0", "total_supply_shares": "0", "total_borrow_assets": "0", "total_borrow_shares": "0", "last_update": 1700000000}, "rate_at_target": "0.000000001268391679"}"#)
        #expect(lines[1].hasPrefix(#"{"line": 1, "t": 1700000060, "op": "supply", "who": "alice", "assets": "100", "shares": "100000000", "market": {"#))
    }

    /// The fixed IRM's per-second rate and the Taylor undershoot: 800%/year over 60 days
    /// adds x + x²/2 + x³/6 = 2.5588× the debt (x = 8·60/365), where e^x − 1 = 2.73.
    @Test func fixedRateAndTaylor() throws {
        let script = """
            {"op": "init", "t": 1, "lltv": "0.5", "irm": "fixed", "rate": "8", "price": "1"}
            {"op": "supply", "t": 1, "who": "a", "assets": "1000"}
            {"op": "supply_collateral", "t": 1, "who": "b", "assets": "1000"}
            {"op": "borrow", "t": 1, "who": "b", "assets": "100"}
            {"op": "accrue", "t": 5184001}
            """
        let lines = try runReplay(.lending, script: script, scriptName: "fixed")
        #expect(lines[0].contains(#""rate": "8", "borrow_rate": "0.00000025367833587""#))
        let accrue = try JSONSerialization.jsonObject(with: Data(lines[4].utf8)) as! [String: Any]
        let interest = Double(accrue["interest"] as! String)!
        #expect(abs(interest / 100 - 2.5588) < 1e-3, "\(interest)")
        #expect(accrue["rate_at_target"] is NSNull)
    }
}

/// A lending script that must stop with a script error at a given line.
struct BadLendingScript: Sendable, CustomTestStringConvertible {
    let name: String
    let script: String
    let line: Int
    let code: String
    let mentions: String
    var testDescription: String { name }
}

private let good = #"{"op": "init", "t": 1700000000, "lltv": "0.86", "irm": "adaptive_curve", "price": "2"}"#

/// `init`, a comment, a good query, then the bad line (line 4 of the file).
private func after(_ bad: String) -> String {
    "\(good)\n# comment\n{\"op\": \"query\", \"t\": 1700000000}\n\(bad)\n{\"op\": \"query\", \"t\": 1800000000}\n"
}

@Test(arguments: [
    BadLendingScript(name: "malformed JSON", script: after(#"{"op": "query", "t": 1700000001"#), line: 4, code: "RPL001", mentions: "JSON"),
    BadLendingScript(name: "unknown op", script: after(#"{"op": "flash_loan", "t": 1700000001}"#), line: 4, code: "RPL002", mentions: "\"flash_loan\""),
    BadLendingScript(name: "missing who", script: after(#"{"op": "supply", "t": 1700000001, "assets": "1"}"#), line: 4, code: "RPL003", mentions: "\"who\""),
    BadLendingScript(name: "neither assets nor shares", script: after(#"{"op": "borrow", "t": 1700000001, "who": "a"}"#), line: 4, code: "RPL003", mentions: "\"shares\""),
    BadLendingScript(name: "liquidate without an amount", script: after(#"{"op": "liquidate", "t": 1700000001, "who": "l", "borrower": "b"}"#), line: 4, code: "RPL003", mentions: "\"repaid_shares\""),
    BadLendingScript(name: "t missing", script: after(#"{"op": "accrue"}"#), line: 4, code: "RPL003", mentions: "\"t\""),
    BadLendingScript(name: "t zero", script: #"{"op": "init", "t": 0, "lltv": "0.86", "irm": "fixed", "rate": "0.1", "price": "2"}"#, line: 1, code: "RPL004", mentions: "positive"),
    BadLendingScript(name: "t as a string", script: after(#"{"op": "accrue", "t": "1700000001"}"#), line: 4, code: "RPL004", mentions: "\"t\""),
    BadLendingScript(name: "t backwards", script: after(#"{"op": "accrue", "t": 1699999999}"#), line: 4, code: "RPL006", mentions: "backwards"),
    BadLendingScript(name: "init not first", script: #"{"op": "query", "t": 1}"#, line: 1, code: "RPL007", mentions: "\"init\""),
    BadLendingScript(name: "init twice", script: after(good), line: 4, code: "RPL007", mentions: "once"),
    BadLendingScript(name: "amount as a number", script: after(#"{"op": "supply", "t": 1700000001, "who": "a", "assets": 5}"#), line: 4, code: "RPL005", mentions: "a JSON number"),
    BadLendingScript(name: "negative amount", script: after(#"{"op": "supply", "t": 1700000001, "who": "a", "assets": "-5"}"#), line: 4, code: "RPL005", mentions: "\"assets\""),
    BadLendingScript(name: "exponent", script: after(#"{"op": "repay", "t": 1700000001, "who": "a", "shares": "1e6"}"#), line: 4, code: "RPL005", mentions: "\"shares\""),
    BadLendingScript(name: "19 decimals", script: after(#"{"op": "supply_collateral", "t": 1700000001, "who": "a", "assets": "0.0000000000000000001"}"#), line: 4, code: "RPL103", mentions: "18 decimals"),
    BadLendingScript(name: "price with 37 decimals", script: after(#"{"op": "set_price", "t": 1700000001, "price": "0.0000000000000000000000000000000000001"}"#), line: 4, code: "RPL103", mentions: "36 decimals"),
    BadLendingScript(name: "amount too large", script: after(#"{"op": "supply", "t": 1700000001, "who": "a", "assets": "100000000000000000000000000000000000000000"}"#), line: 4, code: "RPL102", mentions: "1e40"),
    BadLendingScript(name: "zero price", script: after(#"{"op": "set_price", "t": 1700000001, "price": "0"}"#), line: 4, code: "RPL008", mentions: "\"price\""),
    BadLendingScript(name: "zero price at init", script: #"{"op": "init", "t": 1, "lltv": "0.86", "irm": "adaptive_curve", "price": "0.0"}"#, line: 1, code: "RPL008", mentions: "\"price\""),
    BadLendingScript(name: "lltv 1", script: #"{"op": "init", "t": 1, "lltv": "1", "irm": "adaptive_curve", "price": "2"}"#, line: 1, code: "RPL008", mentions: "\"lltv\""),
    BadLendingScript(name: "lltv 0", script: #"{"op": "init", "t": 1, "lltv": "0", "irm": "adaptive_curve", "price": "2"}"#, line: 1, code: "RPL008", mentions: "\"lltv\""),
    BadLendingScript(name: "fee above 25%", script: #"{"op": "init", "t": 1, "lltv": "0.5", "irm": "adaptive_curve", "price": "2", "fee": "0.250000000000000001"}"#, line: 1, code: "RPL008", mentions: "\"fee\""),
    BadLendingScript(name: "unknown irm", script: #"{"op": "init", "t": 1, "lltv": "0.5", "irm": "linear", "price": "2"}"#, line: 1, code: "RPL008", mentions: "\"linear\""),
    BadLendingScript(name: "fixed rate missing", script: #"{"op": "init", "t": 1, "lltv": "0.5", "irm": "fixed", "price": "2"}"#, line: 1, code: "RPL003", mentions: "\"rate\""),
    BadLendingScript(name: "fixed rate zero after conversion", script: #"{"op": "init", "t": 1, "lltv": "0.5", "irm": "fixed", "rate": "0.00000000003", "price": "2"}"#, line: 1, code: "RPL008", mentions: "rate zero"),
    BadLendingScript(name: "fixed rate above 800%", script: #"{"op": "init", "t": 1, "lltv": "0.5", "irm": "fixed", "rate": "8.0000001", "price": "2"}"#, line: 1, code: "RPL008", mentions: "rate too high"),
    BadLendingScript(name: "empty account name", script: after(#"{"op": "withdraw", "t": 1700000001, "who": "", "assets": "1"}"#), line: 4, code: "RPL004", mentions: "\"who\""),
])
func lendingScriptErrorsAreLocated(_ bad: BadLendingScript) throws {
    do {
        let lines = try runReplay(.lending, script: bad.script, scriptName: "bad.jsonl")
        Issue.record("expected \(bad.code) at line \(bad.line), got \(lines.count) lines")
    } catch {
        #expect(error.line == bad.line, "\(error)")
        #expect(error.code == bad.code, "\(error)")
        #expect(error.description.hasPrefix("bad.jsonl:\(bad.line): error \(bad.code): "), "\(error)")
        #expect(error.message.contains(bad.mentions), "\(error)")
    }
}

/// `{"assets": "0"}` is not a script error: the contract refuses it ("inconsistent input"),
/// and so is giving both; rejected calls leave the market as it was.
@Test func zeroAmountsAreRejectionsNotScriptErrors() throws {
    let script = after(#"{"op": "supply", "t": 1700000001, "who": "a", "assets": "0"}"#)
        + #"{"op": "supply", "t": 1800000000, "who": "a", "assets": "1", "shares": "1"}"#
    let lines = try runReplay(.lending, script: script, scriptName: "zero")
    #expect(lines[2] == #"{"line": 2, "t": 1700000001, "op": "supply", "who": "a", "error": "inconsistent input"}"#)
    #expect(lines[4] == #"{"line": 4, "t": 1800000000, "op": "supply", "who": "a", "error": "inconsistent input"}"#)
    // The rejected supply at 1700000001 did not accrue: the last query still shows last_update 1700000000.
    #expect(lines[3].contains(#""last_update": 1700000000"#))
}

/// docs/replay-lending.md: the worked script prints exactly the output shown under it.
@Test func lendingDocExampleIsTheReplaysOutput() throws {
    let doc = try String(
        contentsOf: ReplayFixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/replay-lending.md"),
        encoding: .utf8)
    func block(_ info: String) throws -> String {
        let start = try #require(doc.range(of: "```" + info + "\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        return String(doc[start.upperBound..<end.lowerBound])
    }
    let lines = try runReplay(.lending, script: try block("jsonl script"), scriptName: "example.jsonl")
    #expect(lines.joined(separator: "\n") == (try block("jsonl output")))
}
