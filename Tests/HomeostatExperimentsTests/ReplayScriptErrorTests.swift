import HomeostatExperiments
import Testing

/// A script that must stop with a script error at `line` with `code`.
struct BadScript: Sendable, CustomTestStringConvertible {
    let name: String
    let script: String
    let line: Int
    let code: String
    /// A fragment the message must contain (the field or op it names).
    let mentions: String
    var testDescription: String { name }
}

/// Two good lines, a comment and a blank line, so the bad line is line 5 of the file and
/// operation 2: the error must name the file line, not the operation index.
private func afterPreamble(_ bad: String) -> String {
    """
    # preamble
    {"op": "create_lock", "t": 1700000000, "who": "a", "amount": "10", "unlock_time": 1710000000}

    {"op": "query", "t": 1700000000}
    \(bad)
    {"op": "query", "t": 1800000000}
    """
}

@Test(arguments: [
    BadScript(name: "malformed JSON", script: afterPreamble(#"{"op": "query", "t": 1700000001"#),
              line: 5, code: "RPL001", mentions: "malformed JSON"),
    BadScript(name: "not an object", script: afterPreamble(#"["query", 1700000001]"#),
              line: 5, code: "RPL001", mentions: "JSON object"),
    BadScript(name: "unknown op", script: afterPreamble(#"{"op": "deposit_for", "t": 1700000001, "who": "a"}"#),
              line: 5, code: "RPL002", mentions: "deposit_for"),
    BadScript(name: "missing op", script: afterPreamble(#"{"t": 1700000001}"#),
              line: 5, code: "RPL003", mentions: "\"op\""),
    BadScript(name: "missing t", script: afterPreamble(#"{"op": "checkpoint"}"#),
              line: 5, code: "RPL003", mentions: "\"t\""),
    BadScript(name: "missing who", script: afterPreamble(#"{"op": "withdraw", "t": 1700000001}"#),
              line: 5, code: "RPL003", mentions: "\"who\""),
    BadScript(name: "missing unlock_time",
              script: afterPreamble(#"{"op": "create_lock", "t": 1700000001, "who": "b", "amount": "1"}"#),
              line: 5, code: "RPL003", mentions: "\"unlock_time\""),
    BadScript(name: "missing amount", script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a"}"#),
              line: 5, code: "RPL003", mentions: "\"amount\""),
    BadScript(name: "amount as a JSON number",
              script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a", "amount": 12}"#),
              line: 5, code: "RPL005", mentions: "a JSON number"),
    BadScript(name: "amount with an exponent",
              script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a", "amount": "1e3"}"#),
              line: 5, code: "RPL005", mentions: "\"amount\""),
    BadScript(name: "negative amount",
              script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a", "amount": "-5"}"#),
              line: 5, code: "RPL005", mentions: "\"-5\""),
    BadScript(name: "amount with a comma",
              script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a", "amount": "1,5"}"#),
              line: 5, code: "RPL005", mentions: "\"1,5\""),
    BadScript(name: "amount without integer digits",
              script: afterPreamble(#"{"op": "increase_amount", "t": 1700000001, "who": "a", "amount": ".5"}"#),
              line: 5, code: "RPL005", mentions: "\".5\""),
    BadScript(name: "t backwards", script: afterPreamble(#"{"op": "query", "t": 1699999999}"#),
              line: 5, code: "RPL006", mentions: "line 4"),
    BadScript(name: "fractional t", script: afterPreamble(#"{"op": "query", "t": 1700000000.5}"#),
              line: 5, code: "RPL004", mentions: "\"t\""),
    BadScript(name: "t as a string", script: afterPreamble(#"{"op": "query", "t": "1700000001"}"#),
              line: 5, code: "RPL004", mentions: "\"t\""),
    BadScript(name: "t as a boolean", script: afterPreamble(#"{"op": "query", "t": true}"#),
              line: 5, code: "RPL004", mentions: "\"t\""),
    BadScript(name: "negative unlock_time",
              script: afterPreamble(#"{"op": "increase_unlock_time", "t": 1700000001, "who": "a", "unlock_time": -1}"#),
              line: 5, code: "RPL004", mentions: "\"unlock_time\""),
    BadScript(name: "who as a number", script: afterPreamble(#"{"op": "withdraw", "t": 1700000001, "who": 7}"#),
              line: 5, code: "RPL004", mentions: "\"who\""),
])
func scriptErrorNamesTheLine(_ bad: BadScript) {
    var printed: [String] = []
    let error = #expect(throws: ReplayScriptError.self) {
        try runReplay(.voteEscrow, script: bad.script, scriptName: "bad.jsonl") { printed.append($0) }
    }
    #expect(error?.line == bad.line)
    #expect(error?.code == bad.code)
    #expect(error?.scriptName == "bad.jsonl")
    #expect(error?.message.contains(bad.mentions) == true, "\(error?.message ?? "")")
    #expect(error?.description.hasPrefix("bad.jsonl:\(bad.line): error \(bad.code): ") == true)
    // The whole script is checked first: the query before the bad line printed nothing.
    #expect(printed.isEmpty)
}

@Test func unknownOpListsTheKnownOps() {
    let error = #expect(throws: ReplayScriptError.self) {
        _ = try runReplay(.voteEscrow, script: #"{"op": "lock", "t": 1}"#, scriptName: "s")
    }
    #expect(error?.line == 1)
    #expect(error?.message.contains("\"create_lock\"") == true)
    #expect(error?.message.contains("\"increase_unlock_time\"") == true)
}

@Test func acceptedVariants() throws {
    // Equal t is not backwards; CRLF line ends, blank lines with spaces, indented comments,
    // an integral float t and a long decimal are all accepted. (Extra fields are not: a
    // misspelt one was silently ignored, see ReplayInputTests.)
    let script = "{\"op\": \"query\", \"t\": 5}\r\n   \r\n  # c\n{\"op\": \"checkpoint\", \"t\": 5.0}\n"
        + #"{"op": "create_lock", "t": 6, "who": "z", "amount": "0.000000000056654243000000000001", "unlock_time": 1209600}"#
        + "\n{\"op\": \"query\", \"t\": 6}"
    let lines = try runReplay(.voteEscrow, script: script, scriptName: "ok")
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix(#"{"line": 0, "t": 5, "balances": {"z": "0"}"#) == true)
    #expect(lines.last?.contains(#""locked": {"z": {"amount": "0.000000000056654243", "end": 1209600}}"#) == true)
}

@Test func emptyScriptPrintsNothing() throws {
    #expect(try runReplay(.voteEscrow, script: "", scriptName: "empty").isEmpty)
    #expect(try runReplay(.voteEscrow, script: "# only a comment\n\n", scriptName: "empty").isEmpty)
}

@Test func kindNamesMatchTheCommandLine() {
    #expect(ReplayKind(rawValue: "vote-escrow") == .voteEscrow)
    #expect(ReplayKind(rawValue: "stableswap") == .stableswap)
    #expect(ReplayKind(rawValue: "constant-product") == .constantProduct)
    #expect(ReplayKind(rawValue: "lending") == .lending)
    #expect(ReplayKind.allCases.map(\.rawValue) == ["vote-escrow", "stableswap", "constant-product", "concentrated", "lending"])
}
