import Foundation
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatReport
import HomeostatScenario
import Testing

let sweepScenarioText = """
    name: sweep-test
    seed: 5
    runs: 2
    horizon_days: 40
    market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.8}
    mechanisms:
      vote_escrow: {max_lock_days: 1460, week_rounding: false}
      emission: {schedule: halving, initial_per_day: 1000, half_life_days: 365}
      fee_sharing: {fee_rate: 0.003}
    populations:
      - {name: holders, count: 150, initial_balance: 1000, behaviour: holder}
    sweep:
      design: grid
      points: 6
      parameters:
        - {path: mechanisms.vote_escrow.max_lock_days, range: [365, 1460], steps: 3}
        - {path: populations.holders.sell_propensity, values: [0.01, 0.1]}
        - {path: mechanisms.fee_sharing.payout, choices: [continuous, weekly]}
    """

func sweepTemplate(_ text: String = sweepScenarioText) throws -> SweepTemplate {
    try ScenarioFiles.template(text, file: "sweep.yaml", baseDirectory: nil)
}

@Suite struct SweepDesignTests {
    @Test func gridIsTheCartesianProduct() throws {
        let t = try sweepTemplate()
        let space = try #require(t.space)
        let points = SweepDesign.points(space, design: .grid, count: 0, seed: 1)
        #expect(points.count == 3 * 2 * 2)
        #expect(Set(points.map { $0.map(\.description) }).count == 12)
        #expect(points[0] == [.number(365), .number(0.01), .word("continuous")])
        #expect(points[11] == [.number(1460), .number(0.1), .word("weekly")])
    }

    @Test func latinHypercubeHitsEveryStratumOnce() throws {
        let space = ParameterSpace(parameters: [
            SweepParameter(path: "a", domain: .range(low: 0, high: 1, integer: false, steps: 2)),
            SweepParameter(path: "b", domain: .range(low: 10, high: 20, integer: false, steps: 2)),
        ], design: .lhs, points: 50)
        let points = SweepDesign.points(space, design: .lhs, count: 50, seed: 9)
        #expect(points.count == 50)
        for (k, (low, high)) in [(0.0, 1.0), (10.0, 20.0)].enumerated() {
            let strata = points.map { p -> Int in
                guard case .number(let x) = p[k] else { return -1 }
                return Int((x - low) / (high - low) * 50)
            }
            #expect(Set(strata) == Set(0..<50))
        }
        #expect(SweepDesign.points(space, design: .lhs, count: 50, seed: 9) == points)
        #expect(SweepDesign.points(space, design: .lhs, count: 50, seed: 10) != points)
    }

    @Test func pointsBecomeScenarios() throws {
        let t = try sweepTemplate()
        let s = try t.scenario([.number(730), .number(0.1), .word("weekly")], of: t.space!.parameters)
        #expect(s.mechanisms.voteEscrow?.maxLockDays == 730)
        #expect(s.mechanisms.feeSharing?.payout == .weekly)
        guard case .holder(let h) = s.populations[0].behaviour else { Issue.record("not a holder"); return }
        #expect(h.sellPropensity == 0.1)
        #expect(t.base.mechanisms.voteEscrow?.maxLockDays == 1460)
    }
}

@Suite struct SweepErrorTests {
    func expectError(_ parameterLine: String, code: String, line: Int, contains text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scenario = sweepScenarioText.replacingOccurrences(
            of: "    - {path: mechanisms.fee_sharing.payout, choices: [continuous, weekly]}", with: parameterLine)
        do throws(ScenarioError) {
            _ = try ScenarioFiles.template(scenario, file: "sweep.yaml", baseDirectory: nil)
            Issue.record("no error for \(parameterLine)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.line == line, sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("sweep.yaml:\(line):"), sourceLocation: sourceLocation)
            #expect(error.description.contains(text), "\(error.description)", sourceLocation: sourceLocation)
        }
    }

    @Test func unknownPath() {
        expectError("    - {path: mechanisms.vote_escrow.max_lok_days, range: [1, 2]}", code: "SCN001", line: 18, contains: "max_lok_days")
        expectError("    - {path: populations.whales.lock_fraction, range: [0, 1]}", code: "SCN001", line: 18, contains: "whales")
        expectError("    - {path: mechanisms.treasury.rate, range: [0, 1]}", code: "SCN001", line: 18, contains: "treasury")
    }

    @Test func rangeOutsideTheFieldsDomain() {
        expectError("    - {path: populations.holders.lock_fraction, range: [0.5, 1.5]}", code: "SCN003", line: 18, contains: "1.5")
        expectError("    - {path: horizon_days, range: [10, 50000]}", code: "SCN003", line: 18, contains: "50000")
    }

    @Test func emptyOrMalformedSpaces() {
        expectError("    - {path: mechanisms.fee_sharing.fee_rate, values: []}", code: "SCN003", line: 18, contains: "empty")
        expectError("    - {path: mechanisms.fee_sharing.fee_rate, range: [0.01, 0.001]}", code: "SCN003", line: 18, contains: "below")
        expectError("    - {path: mechanisms.fee_sharing.fee_rate}", code: "SCN004", line: 18, contains: "exactly one")
        expectError("    - {path: mechanisms.fee_sharing.payout, choices: [continuous, hourly]}", code: "SCN009", line: 18, contains: "hourly")
    }
}

@Suite struct SweepRunTests {
    @Test func resultsDoNotDependOnThreads() throws {
        let t = try sweepTemplate()
        let plan = try SweepPlan(template: t, space: t.space!, design: .grid, points: 0, runs: 2)
        let one = SweepRunner.run(plan, units: plan.units, threads: 1, check: true)
        let two = SweepRunner.run(plan, units: plan.units, threads: 2, check: false)
        #expect(bits(one) == bits(two))
        for r in one { if case .failed(let e, _) = r.outcome { Issue.record("\(e)") } }
    }

    @Test func shardsPartitionTheUnits() throws {
        let t = try sweepTemplate()
        let plan = try SweepPlan(template: t, space: t.space!, design: .grid, points: 0, runs: 2)
        let shards = (1...3).map { plan.units(shard: $0, of: 3) }
        #expect(shards.flatMap { $0 }.sorted() == plan.units.sorted())
        #expect(Set(shards[0]).isDisjoint(with: shards[1]))
        // A shard's units give the same records as the same units of the whole sweep.
        let whole = SweepRunner.run(plan, units: plan.units, threads: 2, check: false)
        let part = SweepRunner.run(plan, units: shards[1], threads: 2, check: false)
        let byUnit = Dictionary(uniqueKeysWithValues: zip(plan.units, whole))
        #expect(bits(part) == bits(shards[1].map { byUnit[$0]! }))
    }

    /// Common random numbers: run r of every point sees the same market when agents cannot move it.
    @Test func pointsShareTheMarketPath() throws {
        let text = sweepScenarioText.replacingOccurrences(
            of: "market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.8}",
            with: "market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.8, impact: {model: none}}")
        let t = try sweepTemplate(text)
        let plan = try SweepPlan(template: t, space: t.space!, design: .grid, points: 0, runs: 1)
        let records = SweepRunner.run(plan, units: plan.units, threads: 2, check: false)
        let prices = records.map { $0.outcome.recorder.series("price")! }
        #expect(Set(prices.map { $0.map(\.bitPattern) }).count == 1)
    }
}

@Suite struct PairedComparisonTests {
    func completed(_ records: [RunRecord]) -> [(run: Int, recorder: MetricRecorder)] {
        records.map { (run: $0.run, recorder: $0.outcome.recorder) }
    }

    @Test func aScenarioAgainstItselfDiffersByExactlyZero() throws {
        let s = bm1Scenario(agents: 200, days: 60, runs: 6)
        let a = try Ensemble.run(s, options: EnsembleOptions(runs: 6, threads: 2, check: false))
        let b = try Ensemble.run(s, options: EnsembleOptions(runs: 6, threads: 1, check: false))
        let c = PairedComparison(nameA: "a", a: completed(a), nameB: "b", b: completed(b))
        #expect(!c.rows.isEmpty)
        for row in c.rows where row.meanA.isFinite {
            #expect(row.meanDifference == 0, "\(row.metric)")
            #expect(row.interval?.lower == 0 && row.interval?.upper == 0, "\(row.metric)")
            // Issue #11: ties are reported apart (they used to count half as "B higher");
            // the old figure, higher + half the ties, is still 0.5.
            #expect(row.fractionTied == 1 && row.fractionBHigher == 0, "\(row.metric)")
            #expect(row.fractionBHigher + row.fractionTied / 2 == 0.5, "\(row.metric)")
        }
    }

    @Test func pairingNarrowsTheInterval() throws {
        var a = bm1Scenario(agents: 300, days: 200, runs: 16)
        var b = a
        if case .holder(var h) = b.populations[0].behaviour { h.sellPropensity = 0.06; b.populations[0].behaviour = .holder(h) }
        a.seed = 3
        b.seed = 3
        let ra = try Ensemble.run(a, options: EnsembleOptions(runs: 16, threads: 2, check: false))
        let rb = try Ensemble.run(b, options: EnsembleOptions(runs: 16, threads: 2, check: false))
        let c = PairedComparison(nameA: "a", a: completed(ra), nameB: "b", b: completed(rb))
        let price = try #require(c.rows.first { $0.metric == "price" })
        let interval = try #require(price.interval)
        // Both designs see the same market path, so the price difference is far less noisy
        // than either price.
        #expect(interval.halfWidth * 3 < price.unpairedHalfWidth)
    }
}
