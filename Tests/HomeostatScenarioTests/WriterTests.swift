import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

@Suite struct WriterTests {
    /// A scenario with awkward strings and numbers, built in code (numbers at the edges of
    /// what a scenario accepts: magnitudes within 1e-30 ... 1e15, ScenarioLimits).
    static func awkward() -> Scenario {
        var s = Scenario(name: "quote \" backslash \\ newline \n tab \t bell \u{7} nel \u{85} ls \u{2028} é 😀")
        s.description = "yes"
        s.seed = .max
        s.runs = 1
        s.horizonDays = 36_500
        s.token.symbol = "null"
        s.token.supply = 1e15
        s.token.allocations = [Allocation(account: "no", amount: 1e-30), Allocation(account: "with space: colon", amount: 0.1 + 0.2)]
        s.market.price = (1e15).nextDown
        s.market.process = .jumpDiffusion(drift: -0.0, volatility: 1 / 3, intensity: 0, jumpMean: -(1e-30).nextUp, jumpStdev: 2.5e-7)
        s.market.volumeElasticity = -2
        var ve = VoteEscrowSpec()
        ve.maxLockDays = 1
        s.mechanisms.voteEscrow = ve
        s.mechanisms.emission = EmissionSpec(schedule: .table([EmissionStep(fromDay: 0, perDay: 0), EmissionStep(fromDay: 36_500, perDay: 1e-9)]))
        var h = HolderSpec()
        h.patience = .normal(mean: 0.5, stdev: 0.25, low: 0, high: 1)
        h.sellFraction = 0.1 + 0.7
        var p = PopulationSpec(name: "on", count: 9_876_543, behaviour: .holder(h))
        p.initialBalance = .normal(mean: 10, stdev: 1, low: 0, high: .infinity)
        s.populations = [p]
        s.events = [
            EventSpec(day: 36_500, action: .set(.impactCoefficient, 1e-12)),
            EventSpec(day: 1, action: .unlock(from: "no", to: "on", amount: 0)),
        ]
        s.metrics.names = MetricName.allCases.filter { !$0.needsPools }.map(\.rawValue)
        s.metrics.every = 365
        return s
    }

    @Test func awkwardScenarioRoundTripsBitForBit() throws {
        let s = Self.awkward()
        let yaml = ScenarioWriter.yaml(s)
        let fromYAML = try ScenarioFiles.parse(yaml, file: "w.yaml", baseDirectory: nil)
        #expect(fromYAML == s, "\(yaml)")
        let json = ScenarioWriter.json(s)
        let fromJSON = try ScenarioFiles.parse(json, file: "w.json", baseDirectory: nil)
        #expect(fromJSON == s, "\(json)")
        // Equality of Doubles does not see the sign of zero: compare bits.
        guard case .jumpDiffusion(let drift, _, _, _, _) = fromJSON.market.process else {
            Issue.record("process changed")
            return
        }
        #expect(drift.bitPattern == (-0.0).bitPattern)
        #expect(fromYAML.token.allocations[1].amount.bitPattern == (0.1 + 0.2).bitPattern)
    }

    @Test func canonicalYAMLSpellsOutDefaults() {
        var s = Scenario(name: "d")
        s.mechanisms.voteEscrow = VoteEscrowSpec()
        let yaml = ScenarioWriter.yaml(s)
        #expect(yaml == """
            name: "d"
            description: ""
            seed: 1
            runs: 16
            horizon_days: 365
            token:
              symbol: "TKN"
              allocations: {}
            market:
              price: 1.0
              process: gbm
              drift: 0.0
              volatility: 0.8
              impact: {model: linear, coefficient: 2e-07, floor: 0.01}
              volume_usd: 1000000.0
              volume_elasticity: 1.0
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: true}
            populations: []
            events: []
            metrics:
              every: 1

            """)
    }

    @Test func canonicalJSONShape() throws {
        var s = Scenario(name: "j")
        s.events = [EventSpec(day: 2, action: .priceShock(change: 0.25))]
        let json = ScenarioWriter.json(s)
        #expect(json.contains("\n  \"events\": [{\"day\": 2, \"price_shock\": 0.25}],\n"))
        #expect(json.contains("\n  \"mechanisms\": {},\n"))
        #expect(!json.contains("supply") && !json.contains("names"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["name", "description", "seed", "runs", "horizon_days", "token", "market", "mechanisms", "populations", "events", "metrics"])
    }

    @Test func seriesWritesFileAndColumnAndReadsTheCSVAgain() throws {
        let dir = try Fixtures.temporaryDirectory()
        try "when,usd\nmon,1\ntue,2\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        let s = try scenario("name: s\nmarket: {process: series, series: {file: s.csv, column: usd}}\n", base: dir)
        #expect(s.market.process == .series(file: "s.csv", column: "usd", prices: [1, 2]))
        let yaml = ScenarioWriter.yaml(s)
        #expect(yaml.contains("  series: {file: \"s.csv\", column: \"usd\"}\n"))
        #expect(try scenario(yaml, base: dir) == s)
        #expect(try scenario(ScenarioWriter.json(s), base: dir) == s)
        // Written to a file next to the CSV, it loads through `load(path:)` too.
        try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        #expect(try ScenarioFiles.load(path: dir + "/s.yaml") == s)
    }
}
