import Foundation
import HomeostatExperiments
import Testing

// Expected outputs (`Replay/*.out.jsonl`) were produced once, independently of
// VoteEscrow.swift, by a throwaway Python model of curvefi VotingEscrow.vy in exact integer
// arithmetic: amounts converted to wei (10^18 per token), `slope = amount // MAXTIME`,
// `bias = slope * (end - t)`, the contract's `_checkpoint` week walk with `slope_changes`
// for `totalSupply(t)` (asserted equal to the sum of `balanceOf`), the contract's `assert`s
// in order for rejections, and wei written back as exact decimals. The model is not
// committed. Numbers therefore carry the contract's slope truncation; VoteEscrow's Doubles
// do not truncate, which is why numbers are compared with a tolerance and nothing else is.

/// One golden replay: `Replay/NAME.jsonl` must print `Replay/NAME.out.jsonl`.
struct GoldenReplay: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }
}

enum ReplayFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replay")

    static func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }
}

@Test(arguments: [GoldenReplay(name: "walkthrough"), GoldenReplay(name: "rejections"), GoldenReplay(name: "weeks")])
func voteEscrowReplayMatchesContractModel(_ golden: GoldenReplay) throws {
    let script = try ReplayFixtures.text(golden.name + ".jsonl")
    let expected = try ReplayFixtures.text(golden.name + ".out.jsonl").split(separator: "\n").map(String.init)
    let actual = try runReplay(.voteEscrow, script: script, scriptName: golden.name + ".jsonl")
    #expect(actual.count == expected.count, "number of output lines")
    for (index, (got, want)) in zip(actual, expected).enumerated() {
        expectSameJSONLine(got, want, context: "\(golden.name) output line \(index + 1)")
    }
}

@Test func mechanismsSectionOneVector() throws {
    // MECHANISMS.md §1: 1000 tokens at 1_700_000_000 for now + MAXTIME end at 1_825_891_200 with
    // ve = 997_995_941_146_607_619_200 wei; a year later 7_927_447_995_941 * 94_355_200 wei.
    let script = """
        {"op": "create_lock", "t": 1700000000, "who": "w", "amount": "1000", "unlock_time": 1826144000}
        {"op": "query", "t": 1700000000}
        {"op": "query", "t": 1731536000}
        """
    let lines = try runReplay(.voteEscrow, script: script, scriptName: "vector")
    try #require(lines.count == 2)
    expectSameJSONLine(lines[0], """
        {"line": 1, "t": 1700000000, "balances": {"w": "997.9959411466076192"}, "total": "997.9959411466076192", \
        "supply": "1000", "locked": {"w": {"amount": "1000", "end": 1825891200}}}
        """, context: "at the lock")
    expectSameJSONLine(lines[1], """
        {"line": 2, "t": 1731536000, "balances": {"w": "747.9959411466122432"}, "total": "747.9959411466122432", \
        "supply": "1000", "locked": {"w": {"amount": "1000", "end": 1825891200}}}
        """, context: "one year later")
}

@Test func outputLayoutIsExact() throws {
    // Whole-line text for values that are exact in binary: key order, separators, escaping.
    let script = """
        # a comment, then a blank line

        {"op": "create_lock", "t": 0, "who": "b\\"q", "amount": "126144000", "unlock_time": 604800}
        {"op": "withdraw", "t": 302400, "who": "b\\"q"}
        {"op": "query", "t": 302400}
        """
    let lines = try runReplay(.voteEscrow, script: script, scriptName: "layout")
    #expect(lines == [
        #"{"line": 1, "t": 302400, "op": "withdraw", "who": "b\"q", "error": "The lock didn't expire"}"#,
        #"{"line": 2, "t": 302400, "balances": {"b\"q": "302400"}, "total": "302400", "supply": "126144000", "locked": {"b\"q": {"amount": "126144000", "end": 604800}}}"#,
    ])
}

/// Records an issue unless ``jsonLineDifference(_:_:)`` finds the lines equal.
func expectSameJSONLine(
    _ actual: String, _ expected: String, context: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    if let difference = jsonLineDifference(actual, expected) {
        Issue.record("\(context): \(difference)\n  got:  \(actual)\n  want: \(expected)", sourceLocation: sourceLocation)
    }
}

/// Compares two output lines token by token: keys, order, strings, integers and `end`
/// values exactly; decimal-string values (in objects and arrays) within 1e-9 relative (replay.md's accuracy rule),
/// with an absolute floor of 1e-16 tokens (100 wei). The floor matters only for values
/// that have decayed to almost nothing: the escrow's total power is a running Double sum
/// that keeps a few ulps of its largest bias (about 1e-17 tokens in these scripts).
/// Returns nil when they agree, else what differs.
func jsonLineDifference(_ actual: String, _ expected: String) -> String? {
    let got = jsonTokens(actual)
    let want = jsonTokens(expected)
    guard got.count == want.count else { return "token counts differ (\(got.count) vs \(want.count))" }
    for i in got.indices where got[i] != want[i] {
        // A value is any token but a key (a string followed by a colon): object values and
        // array elements (the pools' balances) alike.
        let isValue = !(i + 1 < got.count && got[i + 1] == ":")
        if isValue, let a = decimalValue(got[i]), let b = decimalValue(want[i]) {
            let scale = max(abs(a), abs(b))
            if abs(a - b) <= 1e-9 * scale || abs(a - b) <= 1e-16 { continue }
        }
        return "\(got[i]) != \(want[i]) at token \(i)"
    }
    return nil
}

/// The value of a quoted decimal-string token (`"12.5"`), nil for anything else.
private func decimalValue(_ token: String) -> Double? {
    guard token.count >= 3, token.first == "\"", token.last == "\"" else { return nil }
    var body = token.dropFirst().dropLast()
    if body.first == "-" { body = body.dropFirst() }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
    if token.dropFirst().first == "-" { return Double(body).map { -$0 } }
    return Double(body)
}

/// Splits a JSON text into tokens: punctuation, whole string literals with their quotes,
/// and bare literals (numbers, true, false, null); whitespace is dropped.
func jsonTokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var chars = Array(text)[...]
    while let c = chars.first {
        if c == " " || c == "\t" || c == "\n" || c == "\r" {
            chars.removeFirst()
        } else if "{}[]:,".contains(c) {
            tokens.append(String(c))
            chars.removeFirst()
        } else if c == "\"" {
            var literal = "\""
            chars.removeFirst()
            while let d = chars.popFirst() {
                literal.append(d)
                if d == "\\", let escaped = chars.popFirst() {
                    literal.append(escaped)
                } else if d == "\"" {
                    break
                }
            }
            tokens.append(literal)
        } else {
            var literal = ""
            while let d = chars.first, !" \t\n\r{}[]:,\"".contains(d) {
                literal.append(d)
                chars.removeFirst()
            }
            tokens.append(literal)
        }
    }
    return tokens
}

@Test func comparisonCanFail() {
    // The comparison used above must notice a wrong number, a wrong key and a wrong end.
    let base = #"{"line": 1, "total": "100.5", "locked": {"a": {"amount": "1", "end": 604800}}}"#
    #expect(jsonTokens(base).count == 25)
    for changed in [
        #"{"line": 1, "total": "100.5000002", "locked": {"a": {"amount": "1", "end": 604800}}}"#,
        #"{"line": 1, "totals": "100.5", "locked": {"a": {"amount": "1", "end": 604800}}}"#,
        #"{"line": 1, "total": "100.5", "locked": {"a": {"amount": "1", "end": 604801}}}"#,
        #"{"line": 1, "total": "100.5", "locked": {"a": {"amount": "1", "end": 604800}}, "b": ["1", "2.0000001"]}"#,
        #"{"line": 1, "total": "100.5", "locked": {"b": {"amount": "1", "end": 604800}}}"#,
        #"{"total": "100.5", "line": 1, "locked": {"a": {"amount": "1", "end": 604800}}}"#,
    ] {
        #expect(jsonLineDifference(changed, base) != nil, "\(changed)")
    }
    #expect(jsonLineDifference(#"{"line": 1, "total": "100.50000000001", "locked": {"a": {"amount": "1", "end": 604800}}}"#,
                               base) == nil)
    #expect(jsonLineDifference(#"{"line":1,"total":"100.5","locked":{"a":{"amount":"1","end":604800}}}"#, base) == nil)
    // Array elements get the tolerance too, and only that.
    let array = #"{"b": ["1", "2"]}"#
    #expect(jsonLineDifference(#"{"b": ["1", "2.000000000001"]}"#, array) == nil)
    #expect(jsonLineDifference(#"{"b": ["1", "2.00001"]}"#, array) != nil)
    // Negative decimals (a tick's liquidity_net) too, sign included.
    #expect(jsonLineDifference(#"{"b": ["1", "-2.000000000001"]}"#, #"{"b": ["1", "-2"]}"#) == nil)
    #expect(jsonLineDifference(#"{"b": ["1", "2"]}"#, #"{"b": ["1", "-2"]}"#) != nil)
}
