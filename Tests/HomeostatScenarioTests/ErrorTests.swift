import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

@Suite struct ErrorTests {
    @Test func descriptionIsFileLineColumnMessage() throws {
        let e = try #require(scenarioError("name: x\nruns: 0\n", file: "s.yaml"))
        #expect(e.code == "SCN003" && e.line == 2 && e.column == 7 && e.path == "runs")
        #expect(e.message == "runs: 0 is out of range; expected an integer >= 1")
        #expect(e.description == "s.yaml:2:7: error: runs: 0 is out of range; expected an integer >= 1")
    }

    @Test func probabilityMessageNamesFieldAndRange() throws {
        let e = try #require(scenarioError("""
            name: x
            populations:
              - {name: a, count: 1, behaviour: holder, sell_propensity: 1.5}
            """))
        #expect(e.path == "populations[0].sell_propensity")
        #expect(e.message == "populations[0].sell_propensity: 1.5 is out of range; expected a probability in [0, 1]")
    }

    @Test func missingFileIsAtLineOneColumnOne() throws {
        let path = "/nonexistent/dir/scenario.yaml"
        let e = try #require(throws: ScenarioError.self) { try ScenarioFiles.load(path: path) }
        #expect(e.code == "SCN006" && e.line == 1 && e.column == 1 && e.path.isEmpty)
        #expect(e.description == "\(path):1:1: error: cannot read the scenario file: no such file")
    }

    @Test func directoryIsUnreadable() throws {
        let dir = try Fixtures.temporaryDirectory()
        let e = try #require(throws: ScenarioError.self) { try ScenarioFiles.load(path: dir) }
        #expect(e.code == "SCN006" && e.message.contains("directory"))
    }

    @Test func notUTF8IsUnreadable() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir + "/latin1.yaml"
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        let e = try #require(throws: ScenarioError.self) { try ScenarioFiles.load(path: path) }
        #expect(e.code == "SCN006" && e.message.contains("UTF-8"))
    }

    @Test func malformedJSONIsLocated() throws {
        let e = try #require(scenarioError("{\"name\": \"x\",\n \"runs\": [1, 2}\n", file: "s.json"))
        #expect(e.code == "SCN005" && e.line == 2 && e.column == 15)
        #expect(e.description.hasPrefix("s.json:2:15: error: syntax error:"))
        let unclosed = try #require(scenarioError("{\"name\": \"x\"", file: "s.json"))
        #expect(unclosed.code == "SCN005" && unclosed.line == 2 && unclosed.column == 1, "\(unclosed)")
    }

    @Test func malformedYAMLIsLocated() throws {
        let e = try #require(scenarioError("name: x\nmarket:\n  price: 1\n bad: 2\n"))
        #expect(e.code == "SCN005" && e.line == 4)
        let tab = try #require(scenarioError("name: x\nmarket:\n\tprice: 1\n"))
        #expect(tab.code == "SCN005" && tab.line == 3 && tab.column == 1)
        let twoDocs = try #require(scenarioError("name: x\n---\nname: y\n"))
        #expect(twoDocs.code == "SCN005" && twoDocs.line == 2)
    }

    @Test func unknownFieldSuggestsTheClosest() throws {
        let e = try #require(scenarioError("name: x\nmarket: {volatilty: 0.5}\n"))
        #expect(e.code == "SCN001" && e.path == "market.volatilty")
        #expect(e.message.contains("did you mean 'volatility'?"))
        #expect(e.message.contains("Accepted fields here: price, process, drift, volatility"))
        let far = try #require(scenarioError("name: x\nzzzzzz: 1\n"))
        #expect(far.message.hasPrefix("zzzzzz: unknown field; accepted fields here: name, description, seed,"))
        let prefix = try #require(scenarioError("name: x\nhorizon: 1\n"))
        #expect(prefix.message.contains("did you mean 'horizon_days'?"))
    }

    @Test func wrongTypesAreNamed() throws {
        let list = try #require(scenarioError("name: x\nmarket: [1]\n"))
        #expect(list.code == "SCN002" && list.message == "market: expected a mapping of fields, got a list")
        let quoted = try #require(scenarioError("name: x\nruns: \"4\"\n"))
        #expect(quoted.code == "SCN002" && quoted.message.contains("the string \"4\""))
        let boolean = try #require(scenarioError("name: x\nmechanisms: {vote_escrow: {week_rounding: 1}}\n"))
        #expect(boolean.code == "SCN002" && boolean.message.contains("expected true or false"))
        let null = try #require(scenarioError("name:\n"))
        #expect(null.code == "SCN002" && null.path == "name")
        let hex = try #require(scenarioError("name: x\nruns: 0x10\n"))
        #expect(hex.code == "SCN002" && hex.message.contains("decimal"))
        let mapping = try #require(scenarioError("name: x\npopulations: {a: 1}\n"))
        #expect(mapping.code == "SCN002" && mapping.message.contains("a list of populations"))
    }

    @Test func integersMustBeIntegral() throws {
        #expect(try scenario("name: x\nruns: 1e2\n").runs == 100)
        #expect(try scenario("name: x\nruns: 1_000\n").runs == 1000)
        let e = try #require(scenarioError("name: x\nhorizon_days: 30.5\n"))
        #expect(e.code == "SCN002" && e.message.contains("an integer in 1...36500"))
        let huge = try #require(scenarioError("name: x\nruns: 99999999999999999999\n"))
        #expect(huge.code == "SCN003")
    }

    @Test func nonFiniteNumbersAreRejected() throws {
        for text in [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e400"] {
            let e = try #require(scenarioError("name: x\nmarket: {drift: \(text)}\n"))
            #expect(e.code == "SCN008", "\(text): \(e)")
            #expect(e.message.contains("is not a finite number"))
        }
    }

    @Test func seedTakesTheFullUInt64Range() throws {
        #expect(try scenario("name: x\nseed: 0\n").seed == 0)
        #expect(try scenario("name: x\nseed: 18446744073709551615\n").seed == .max)
        let over = try #require(scenarioError("name: x\nseed: 18446744073709551616\n"))
        #expect(over.code == "SCN003")
        let fraction = try #require(scenarioError("name: x\nseed: 1.5\n"))
        #expect(fraction.code == "SCN002")
    }

    @Test func stringFieldsTakeTheTextAsWritten() throws {
        let s = try scenario("name: 2024\ndescription: yes\ntoken: {symbol: NO}\n")
        #expect(s.name == "2024" && s.description == "yes" && s.token.symbol == "NO")
        let empty = try #require(scenarioError("name: \"\"\n"))
        #expect(empty.code == "SCN003" && empty.path == "name")
    }

    @Test func distributionsAreChecked() throws {
        func balanceError(_ d: String) throws -> ScenarioError? {
            scenarioError("name: x\npopulations:\n  - {name: a, count: 1, behaviour: holder, initial_balance: \(d)}\n")
        }
        #expect(try balanceError("{uniform: [1]}")?.code == "SCN002")
        #expect(try balanceError("{uniform: [1, 2], normal: {mean: 1, stdev: 1}}")?.code == "SCN002")
        #expect(try balanceError("{normal: {mean: 1}}")?.code == "SCN004")
        #expect(try balanceError("{normal: {mean: 5, stdev: -1, min: 0}}")?.code == "SCN003")
        #expect(try balanceError("{normal: {mean: 5, stdev: 1, min: 3, max: 2}}")?.code == "SCN003")
        #expect(try balanceError("{lognormal: {mu: 1, sigma: -1}}")?.code == "SCN003")
        #expect(try balanceError("{beta: [0, 1]}")?.code == "SCN003")
        #expect(try balanceError("{exponential: {mean: 0}}")?.code == "SCN003")
        #expect(try balanceError("{exponential: {mean: 1, rate: 2}}")?.code == "SCN001")
        #expect(try balanceError("{normal: {mean: 5, stdev: 1}}")?.code == "SCN003")
        #expect(try balanceError("-1")?.code == "SCN003")
        let gamma = try #require(try balanceError("{gama: [1, 2]}"))
        #expect(gamma.code == "SCN009" && gamma.message.contains("uniform, normal, lognormal, beta, exponential"))
        let unbounded = try #require(scenarioError("""
            name: x
            populations:
              - name: a
                count: 1
                behaviour: holder
                patience: {lognormal: {mu: 0, sigma: 1}}
            """))
        #expect(unbounded.line == 6 && unbounded.column == 15 && unbounded.path == "populations[0].patience")
        #expect(unbounded.message == "populations[0].patience: lognormal distribution draws values in [0, inf]; expected values in [0, 1]")
    }

    @Test func marketVariantsRejectForeignFields() throws {
        let e = try #require(scenarioError("name: x\nmarket: {process: jump_diffusion}\n"))
        #expect(e.code == "SCN004" && e.path == "market.jumps")
        let s = try #require(scenarioError("name: x\nmarket: {process: series, volatility: 1, series: {file: p.csv}}\n"))
        #expect(s.code == "SCN001" && s.path == "market.volatility")
        let g = try #require(scenarioError("name: x\nmarket: {series: {file: p.csv}}\n"))
        #expect(g.code == "SCN001" && g.path == "market.series")
    }

    @Test func eventsAreChecked() throws {
        let none = try #require(scenarioError("name: x\nevents: [{day: 3}]\n"))
        #expect(none.code == "SCN004" && none.message.contains("price_shock, asset_shock, set, unlock, propose, kill_gauge or add_gauge"))
        let crash = try #require(scenarioError("name: x\nevents: [{day: 3, price_shock: -1}]\n"))
        #expect(crash.code == "SCN003")
        let zero = try #require(scenarioError("name: x\nevents: [{day: 0, price_shock: 0.1}]\n"))
        #expect(zero.code == "SCN003" && zero.message.contains("1...365"))
        let two = try #require(scenarioError("name: x\nevents: [{day: 3, set: {market.drift: 1, market.volatility: 1}}]\n"))
        #expect(two.code == "SCN002")
        let range = try #require(scenarioError("""
            name: x
            mechanisms: {vote_escrow: {}, fee_sharing: {}}
            events: [{day: 3, set: {mechanisms.fee_sharing.fee_rate: 2}}]
            """))
        #expect(range.code == "SCN003" && range.path == "events[0].set[\"mechanisms.fee_sharing.fee_rate\"]")
        let dir = try Fixtures.temporaryDirectory()
        try "price\n1\n2\n".write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let series = try #require(scenarioError(
            "name: x\nmarket: {process: series, series: {file: p.csv}}\nevents: [{day: 3, set: {market.volatility: 1}}]\n", base: dir))
        #expect(series.code == "SCN007" && series.path == "events[0].set[\"market.volatility\"]")
        let emission = try #require(scenarioError("name: x\nevents: [{day: 3, set: {mechanisms.emission.scale: 2}}]\n"))
        #expect(emission.code == "SCN007" && emission.message.contains("mechanisms.emission"))
        let path = try #require(scenarioError("name: x\nevents: [{day: 3, set: {market.volatilty: 1}}]\n"))
        #expect(path.code == "SCN009" && path.message.contains("did you mean 'market.volatility'?"))
    }

    @Test func unlockReferencesAreChecked() throws {
        let e = try #require(scenarioError("""
            name: x
            token: {allocations: {vesting: 10, treasury: 5}}
            populations: [{name: lockers, count: 1, behaviour: holder}]
            events: [{day: 3, unlock: {from: vestng, to: lockers, amount: 1}}]
            """))
        #expect(e.code == "SCN007")
        #expect(e.message == "events[0].unlock.from: no token allocation is named 'vestng'; did you mean 'vesting'? Declared: vesting, treasury")
        let none = try #require(scenarioError("name: x\nevents: [{day: 3, unlock: {from: a, to: b, amount: 1}}]\n"))
        #expect(none.message == "events[0].unlock.from: no token allocation is named 'a'; the scenario declares none")
    }

    @Test func crossFieldRules() throws {
        let emission = try #require(scenarioError("name: x\nmechanisms: {emission: {}}\n"))
        #expect(emission.code == "SCN011" && emission.path == "mechanisms.emission")
        let clash = try #require(scenarioError("""
            name: x
            token: {allocations: {a: 1}}
            populations: [{name: a, count: 1, behaviour: holder}]
            """))
        #expect(clash.code == "SCN010")
        // Random balances do not count towards the supply check, constant ones do.
        let random = try scenario("""
            name: x
            token: {supply: 100}
            populations: [{name: a, count: 1000, behaviour: holder, initial_balance: {exponential: {mean: 5}}}]
            """)
        #expect(random.token.supply == 100)
        let exact = try scenario("name: x\ntoken: {supply: 1000, allocations: {t: 500}}\npopulations: [{name: a, count: 5, behaviour: holder, initial_balance: 100}]\n")
        #expect(exact.token.supply == 1000)
    }

    @Test func duplicateKeysAreReported() throws {
        let e = try #require(scenarioError("name: a\nmarket: {price: 1, price: 2}\n"))
        #expect(e.code == "SCN010" && e.message.contains("'price'"))
    }

    @Test func metricsAreChecked() throws {
        let dup = try #require(scenarioError("name: x\nmetrics: {names: [price, price]}\n"))
        #expect(dup.code == "SCN010" && dup.path == "metrics.names[1]")
        let empty = try #require(scenarioError("name: x\nmetrics: {names: []}\n"))
        #expect(empty.code == "SCN003")
        let every = try #require(scenarioError("name: x\nmetrics: {every: 0}\n"))
        #expect(every.code == "SCN003")
        #expect(try scenario("name: x\nmetrics: {names: [vp_nakamoto]}\n").metrics.names == ["vp_nakamoto"])
    }

    @Test func catalogCodesAreDistinctAndOrdered() {
        // Two contiguous blocks: the loader's SCN001... and the limits' SCN100....
        let codes = ScenarioError.catalog.map(\.code)
        let low = codes.filter { $0 < "SCN100" }, high = codes.filter { $0 >= "SCN100" }
        #expect(low == (1...low.count).map { String(format: "SCN%03d", $0) })
        #expect(high == (100..<(100 + high.count)).map { String(format: "SCN%03d", $0) })
        #expect(codes == low + high)
    }
}

@Suite struct EmissionTableTests {
    func table(_ entries: String) -> String {
        "name: x\nmechanisms: {vote_escrow: {}, emission: {schedule: table, table: [\(entries)]}}\n"
    }

    @Test func daysAreBoundedAndIncreasing() throws {
        let s = try scenario(table("{from_day: 0, per_day: 1}, {from_day: 36500, per_day: 0}"))
        #expect(s.mechanisms.emission?.schedule == .table([EmissionStep(fromDay: 0, perDay: 1), EmissionStep(fromDay: 36_500, perDay: 0)]))
        let after = try #require(scenarioError(table("{from_day: 36500, per_day: 1}, {from_day: 36501, per_day: 0}")))
        #expect(after.code == "SCN003" && after.path == "mechanisms.emission.table[1]")
        let huge = try #require(scenarioError(table("{from_day: 9223372036854775807, per_day: 1}")))
        #expect(huge.code == "SCN003" && huge.path == "mechanisms.emission.table[0].from_day")
        let down = try #require(scenarioError(table("{from_day: 5, per_day: 1}, {from_day: 4, per_day: 1}")))
        #expect(down.message.contains("the one before starts on day 5"))
        let empty = try #require(scenarioError(table("")))
        #expect(empty.code == "SCN003" && empty.message.contains("empty"))
    }
}
