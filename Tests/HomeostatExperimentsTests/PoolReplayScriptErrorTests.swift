import HomeostatExperiments
import Testing

/// A pool script that must stop with a script error.
struct BadPoolScript: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: ReplayKind
    let script: String
    let line: Int
    let code: String
    let mentions: String
    var testDescription: String { name }
}

private let ssInit = #"{"op": "init", "A": 100, "fee": "0.0004", "balances": ["1000", "1000"]}"#
private let cpInit = #"{"op": "init", "reserves": ["1000", "1000"]}"#

/// `init`, a comment, a good query, then the bad line (line 4 of the file) and a query.
private func after(_ initLine: String, _ bad: String) -> String {
    "\(initLine)\n# comment\n{\"op\": \"query\"}\n\(bad)\n{\"op\": \"query\"}\n"
}

@Test(arguments: [
    BadPoolScript(name: "stableswap: exchange before init", kind: .stableswap,
                  script: #"{"op": "exchange", "who": "a", "i": 0, "j": 1, "dx": "1"}"#,
                  line: 1, code: "RPL007", mentions: "\"init\""),
    BadPoolScript(name: "stableswap: second init", kind: .stableswap, script: after(ssInit, ssInit),
                  line: 4, code: "RPL007", mentions: "line 1"),
    BadPoolScript(name: "stableswap: fee above MAX_FEE", kind: .stableswap,
                  script: #"{"op": "init", "A": 100, "fee": "0.7", "balances": ["1", "1"]}"#,
                  line: 1, code: "RPL008", mentions: "\"fee\""),
    BadPoolScript(name: "stableswap: A as a string", kind: .stableswap,
                  script: #"{"op": "init", "A": "100", "fee": "0.0004", "balances": ["1", "1"]}"#,
                  line: 1, code: "RPL004", mentions: "\"A\""),
    BadPoolScript(name: "stableswap: one coin", kind: .stableswap,
                  script: #"{"op": "init", "A": 100, "fee": "0.0004", "balances": ["1"]}"#,
                  line: 1, code: "RPL004", mentions: "\"balances\""),
    BadPoolScript(name: "stableswap: decimals of the wrong length", kind: .stableswap,
                  script: #"{"op": "init", "A": 100, "fee": "0.0004", "balances": ["1", "1"], "decimals": [18]}"#,
                  line: 1, code: "RPL004", mentions: "\"decimals\""),
    BadPoolScript(name: "stableswap: missing dx", kind: .stableswap,
                  script: after(ssInit, #"{"op": "exchange", "who": "a", "i": 0, "j": 1}"#),
                  line: 4, code: "RPL003", mentions: "\"dx\""),
    BadPoolScript(name: "stableswap: dx as a number", kind: .stableswap,
                  script: after(ssInit, #"{"op": "exchange", "who": "a", "i": 0, "j": 1, "dx": 5}"#),
                  line: 4, code: "RPL005", mentions: "a JSON number"),
    BadPoolScript(name: "stableswap: fractional coin index", kind: .stableswap,
                  script: after(ssInit, #"{"op": "exchange", "who": "a", "i": 0.5, "j": 1, "dx": "5"}"#),
                  line: 4, code: "RPL004", mentions: "\"i\""),
    BadPoolScript(name: "stableswap: three amounts for two coins", kind: .stableswap,
                  script: after(ssInit, #"{"op": "add_liquidity", "who": "a", "amounts": ["1", "1", "1"]}"#),
                  line: 4, code: "RPL004", mentions: "an array of 2 decimal strings"),
    BadPoolScript(name: "stableswap: a bad amount inside the list", kind: .stableswap,
                  script: after(ssInit, #"{"op": "add_liquidity", "who": "a", "amounts": ["1", "-1"]}"#),
                  line: 4, code: "RPL005", mentions: "\"amounts[1]\""),
    BadPoolScript(name: "stableswap: get_dy item too short", kind: .stableswap,
                  script: after(ssInit, #"{"op": "query", "get_dy": [[0, 1, "1"], [0, 1]]}"#),
                  line: 4, code: "RPL004", mentions: "\"get_dy[1]\""),
    BadPoolScript(name: "stableswap: calc_withdraw_one_coin amount as a number", kind: .stableswap,
                  script: after(ssInit, #"{"op": "query", "calc_withdraw_one_coin": [[5, 0]]}"#),
                  line: 4, code: "RPL005", mentions: "\"calc_withdraw_one_coin[0][0]\""),
    BadPoolScript(name: "stableswap: unknown op", kind: .stableswap,
                  script: after(ssInit, #"{"op": "swap", "who": "a", "i": 0, "dx": "1"}"#),
                  line: 4, code: "RPL002", mentions: "\"remove_liquidity_one_coin\""),
    BadPoolScript(name: "stableswap: t backwards", kind: .stableswap,
                  script: "{\"op\": \"init\", \"t\": 10, \"A\": 100, \"fee\": \"0\", \"balances\": [\"1\", \"1\"]}\n{\"op\": \"query\", \"t\": 9}",
                  line: 2, code: "RPL006", mentions: "line 1"),
    BadPoolScript(name: "constant-product: query before init", kind: .constantProduct,
                  script: #"{"op": "query"}"#, line: 1, code: "RPL007", mentions: "\"query\""),
    BadPoolScript(name: "constant-product: fee of 1", kind: .constantProduct,
                  script: #"{"op": "init", "reserves": ["1", "1"], "fee": "1"}"#,
                  line: 1, code: "RPL008", mentions: "\"fee\""),
    BadPoolScript(name: "constant-product: one reserve", kind: .constantProduct,
                  script: #"{"op": "init", "reserves": ["1"]}"#, line: 1, code: "RPL004", mentions: "\"reserves\""),
    BadPoolScript(name: "constant-product: missing lp_amount", kind: .constantProduct,
                  script: after(cpInit, #"{"op": "remove_liquidity", "who": "lp0"}"#),
                  line: 4, code: "RPL003", mentions: "\"lp_amount\""),
    BadPoolScript(name: "constant-product: get_amount_out not a list", kind: .constantProduct,
                  script: after(cpInit, #"{"op": "query", "get_amount_out": {"i": 0}}"#),
                  line: 4, code: "RPL004", mentions: "\"get_amount_out\""),
    BadPoolScript(name: "constant-product: stableswap op", kind: .constantProduct,
                  script: after(cpInit, #"{"op": "exchange", "who": "a", "i": 0, "j": 1, "dx": "1"}"#),
                  line: 4, code: "RPL002", mentions: "\"swap\""),
    BadPoolScript(name: "constant-product: who as a number", kind: .constantProduct,
                  script: after(cpInit, #"{"op": "swap", "who": 3, "i": 0, "dx": "1"}"#),
                  line: 4, code: "RPL004", mentions: "\"who\""),
])
func poolScriptErrorNamesTheLine(_ bad: BadPoolScript) {
    var printed: [String] = []
    let error = #expect(throws: ReplayScriptError.self) {
        try runReplay(bad.kind, script: bad.script, scriptName: "bad.jsonl") { printed.append($0) }
    }
    #expect(error?.line == bad.line)
    #expect(error?.code == bad.code)
    #expect(error?.message.contains(bad.mentions) == true, "\(error?.message ?? "")")
    #expect(error?.description.hasPrefix("bad.jsonl:\(bad.line): error \(bad.code): ") == true)
    #expect(printed.isEmpty, "a script error prints nothing")
}

@Test func poolScriptsAcceptOptionalFields() throws {
    // who defaults to lp0, t may be absent or present, fee defaults to 0.003 for the pair,
    // an empty script prints nothing.
    let lines = try runReplay(.constantProduct, script: "{\"op\": \"init\", \"reserves\": [\"100\", \"400\"]}\n{\"op\": \"swap\", \"t\": 3, \"who\": \"x\", \"i\": 0, \"dx\": \"100\"}", scriptName: "ok")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix(#"{"line": 0, "op": "init", "who": "lp0", "lp_minted": "200", "reserves": ["100", "400"]"#))
    // sqrt(100·400) − 1e-15 rounds to 200; dy = 99.7·400 / (100 + 99.7)
    #expect(lines[1].hasPrefix(#"{"line": 1, "t": 3, "op": "swap", "who": "x", "dy": "199.69954932398"#))
    #expect(try runReplay(.stableswap, script: "# nothing\n", scriptName: "empty").isEmpty)
}
