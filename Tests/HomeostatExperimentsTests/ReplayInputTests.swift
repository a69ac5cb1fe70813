@testable import HomeostatExperiments
import HomeostatMechanisms
import Testing

/// Replay scripts that used to run with a silently wrong meaning (issue #10): a misspelt
/// field ignored, a key written twice (last wins), amounts so large the pools printed
/// "inf", and an operation whose result is not a finite, non-negative holding.
@Suite struct ReplayInputTests {
    static func scriptError(_ kind: ReplayKind, _ script: String) -> ReplayScriptError? {
        do {
            _ = try runReplay(kind, script: script, scriptName: "s.jsonl")
            return nil
        } catch {
            return error
        }
    }

    @Test func misspeltSwapLimitIsAnUnknownField() throws {
        let e = try #require(Self.scriptError(.concentrated, """
            {"op": "init", "price": "1", "tick_spacing": 60, "fee": 3000}
            {"op": "swap", "who": "a", "zero_for_one": true, "amount_in": "1", "sqrt_price_limt": "0.9"}
            """))
        #expect(e.code == "RPL100" && e.line == 2, "\(e)")
        #expect(e.message.contains("\"sqrt_price_limt\""), "\(e)")
    }

    @Test(arguments: [ReplayKind.voteEscrow, .constantProduct, .stableswap])
    func unknownFieldIsRefusedInEveryKind(_ kind: ReplayKind) throws {
        let script = switch kind {
        case .voteEscrow: #"{"op": "checkpoint", "t": 1700000000, "note": "x"}"#
        case .constantProduct: #"{"op": "init", "reserves": ["1", "2"], "fees": "0.01"}"#
        default: #"{"op": "init", "A": 100, "fee": "0.0004", "balances": ["1", "1"], "colour": "red"}"#
        }
        #expect(Self.scriptError(kind, script)?.code == "RPL100")
    }

    @Test func duplicateKeyIsRefused() throws {
        let e = try #require(Self.scriptError(.constantProduct, """
            {"op": "init", "reserves": ["1000", "2000"]}
            {"op": "swap", "who": "a", "i": 0, "dx": "1", "dx": "2"}
            """))
        #expect(e.code == "RPL101" && e.line == 2 && e.message.contains("\"dx\""), "\(e)")
    }

    @Test func amountAboveTheBoundIsRefused() throws {
        let huge = "1" + String(repeating: "0", count: 300)
        let e = try #require(Self.scriptError(.voteEscrow, """
            {"op": "create_lock", "t": 1700000000, "who": "a", "amount": "\(huge)", "unlock_time": 1800000000}
            """))
        #expect(e.code == "RPL102", "\(e)")
        #expect(try runReplay(.constantProduct, script: #"{"op": "init", "reserves": ["1000000000000000000000000000000", "1"]}"#, scriptName: "s").count == 1)
    }

    @Test func writerFlagsNonFiniteAmountsAndNegativeHoldings() {
        var a = ReplayJSONWriter()
        a.add("dy", decimal: .infinity)
        #expect(a.problem?.contains("inf") == true)
        var b = ReplayJSONWriter()
        b.add("reserves", decimals: [1, -2])
        #expect(b.problem?.contains("negative") == true)
        var listing = ReplayJSONWriter()
        listing.add("alice", decimal: -1)
        var c = ReplayJSONWriter()
        c.add("lp_balances", object: listing)
        #expect(c.problem?.contains("negative") == true)
        var d = ReplayJSONWriter()
        d.add("amount0", decimal: -5)  // a signed pool delta, not a holding
        d.add("reserves", decimals: [0, 3])
        #expect(d.problem == nil)
    }

    /// A step whose line would print "inf" or a negative balance is rejected and undone.
    @Test func poolStepWithAnUnprintableResultIsRejectedAndUndone() throws {
        let script = try ReplayScript(text: """
            {"op": "init"}
            {"op": "swap"}
            {"op": "swap"}
            """, name: "s", knownOps: ["init", "swap"], timeRequired: false, initOp: "init")
        let steps = script.operations.map { PoolReplayStep($0, who: nil, action: $0.index) }
        var pool = 10.0
        var lines: [String] = []
        runPoolReplaySteps(steps, pool: &pool, output: { lines.append($0) }) { step, pool, line throws(PoolError) in
            // Step 1 overflows, step 2 drains below zero; only the init is a sound step.
            pool = step.action == 0 ? 10 : step.action == 1 ? pool * .infinity : pool - 25
            line.add("reserves", decimals: [pool])
            return line.json
        }
        #expect(pool == 10)
        #expect(lines[0].contains(#""reserves": ["10"]"#), "\(lines)")
        #expect(lines[1].contains(#""error": "reserves would be inf"#), "\(lines)")
        #expect(lines[2].contains(#""error": "reserves would be negative"#), "\(lines)")
    }
}
