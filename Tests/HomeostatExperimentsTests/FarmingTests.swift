import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// A farm on one TKN/USD pool, run with every invariant checked; `gauges` is the gauge
/// mapping's body, `mechanisms` is spliced in before it and `populations` after the
/// arbitrageur.
func farm(days: Int = 60, mechanisms: String = "", gauges: String, emission: String = "{schedule: constant, per_day: 1000}", populations: String) -> String {
    """
    name: farm
    horizon_days: \(days)
    market: {volatility: 0, impact: {model: none}}
    mechanisms:
    \(mechanisms)
      emission: \(emission)
      gauges: \(gauges)
    pools:
      - {name: main, kind: constant_product, token_reserve: 1000000}
    populations:
      - {name: arbs, count: 1, initial_balance: 0, behaviour: arbitrageur}
    \(populations)
    """
}

/// Runs `yaml` day by day with the invariants checked after every step, calling `each`
/// after each day.
func stepChecked(_ yaml: String, each: (Int, Simulation) throws -> Void = { _, _ in }) throws -> Simulation {
    let s = try ScenarioFiles.parse(yaml, file: "farm.yaml", baseDirectory: nil)
    var sim = try Simulation(scenario: s, run: 0)
    for day in 1...s.horizonDays {
        sim.step(day: day)
        if let v = sim.firstViolation() { throw SimulationError(day: day, message: v.message) }
        try each(day, sim)
    }
    return sim
}

@Suite struct FarmingTests {
    static let boosted = "{list: [{name: g, pool: main}], fixed_weights: {g: 1}}"

    /// One long-term farmer (the only ve holder, so `v/V = 1 >= b/S`) and one mercenary
    /// without ve in a boosted gauge: the mercenary's working balance is 0.4 of its stake
    /// (boost 1), the farmer's reaches its whole stake (2.5×) once it has locked, and no
    /// working balance ever exceeds its stake.
    @Test func boostIsPointFourWithoutVeAndTheFullDepositAtTheThreshold() throws {
        let yaml = farm(
            mechanisms: "  vote_escrow: {}", gauges: Self.boosted,
            populations: """
              - {name: lt, count: 1, initial_balance: 0, initial_cash: 10000, behaviour: long_term_farmer, gauge: g, claim_every_days: 7}
              - {name: merc, count: 1, initial_balance: 0, initial_cash: 10000, behaviour: mercenary_farmer, outside_apr: 0.01}
            """)
        var sawFull = false
        _ = try stepChecked(yaml) { day, sim in
            let gauge = sim.venues.farms.gauges[0]
            let lt = sim.populations[1].rows.lowerBound
            let merc = sim.populations[2].rows.lowerBound
            for row in [lt, merc] {
                #expect(gauge.workingBalance[row] <= gauge.balance[row] * (1 + 1e-12), "day \(day) row \(row)")
                #expect(gauge.workingBalance[row] >= 0.4 * gauge.balance[row] * (1 - 1e-12), "day \(day) row \(row)")
            }
            #expect(gauge.balance[merc] > 0, "day \(day): the mercenary farms")
            #expect(abs(gauge.workingBalance[merc] - 0.4 * gauge.balance[merc]) <= 1e-12 * gauge.balance[merc], "day \(day)")
            if sim.economy.escrow.lockedAmount(lt) > 0 {
                #expect(abs(gauge.workingBalance[lt] - gauge.balance[lt]) <= 1e-12 * gauge.balance[lt], "day \(day)")
                sawFull = true
            } else {
                #expect(abs(gauge.workingBalance[lt] - 0.4 * gauge.balance[lt]) <= 1e-12 * gauge.balance[lt], "day \(day)")
            }
        }
        #expect(sawFull)
    }

    /// `boost: false`: the working balance is the stake, with or without ve.
    @Test func anUnboostedGaugeCountsTheWholeStake() throws {
        let yaml = farm(
            mechanisms: "  vote_escrow: {}", gauges: "{list: [{name: g, pool: main, boost: false}], fixed_weights: {g: 1}}",
            populations: """
              - {name: lt, count: 2, initial_balance: 0, initial_cash: 10000, behaviour: long_term_farmer, gauge: g}
              - {name: merc, count: 2, initial_balance: 0, initial_cash: 10000, behaviour: mercenary_farmer, outside_apr: 0.01}
            """)
        _ = try stepChecked(yaml) { day, sim in
            let gauge = sim.venues.farms.gauges[0]
            for row in 0..<gauge.accountCount { #expect(gauge.workingBalance[row] == gauge.balance[row], "day \(day) row \(row)") }
        }
    }

    /// Each day the gauges' minted emission plus the unminted part equals the schedule:
    /// `farm` has stakers, `idle` has none (its share is never minted), and 20% has no gauge.
    @Test func emissionsPaidOutEqualTheScheduleIncludingGaugesWithoutStakers() throws {
        let yaml = farm(
            days: 40, gauges: "{list: [{name: farm, pool: main}, {name: idle}], fixed_weights: {farm: 0.5, idle: 0.3}}",
            populations: """
              - {name: merc, count: 3, initial_balance: 0, initial_cash: 5000, behaviour: mercenary_farmer, outside_apr: 0.01}
            """) + "\nmetrics: {names: [emission, emission_unminted, \"gauge_emission:idle\"]}\n"
        let (sim, r) = try checkedRun(yaml)
        let minted = try column(r, "emission")
        let unminted = try column(r, "emission_unminted")
        for row in 0..<r.rowCount {
            #expect(abs(minted[row] + unminted[row] - 1000) < 1e-9, "day \(r.steps[row])")
            #expect(abs(minted[row] - 500) < 1e-9, "day \(r.steps[row]): the farm's half is minted for its stakers")
        }
        let idle = sim.venues.farms.gauges[1]
        #expect(idle.received == 300 * 40 && idle.unminted == idle.received && idle.claimed == 0)
        let farmGauge = sim.venues.farms.gauges[0]
        #expect(abs(farmGauge.received - 500 * 40) < 1e-6 && farmGauge.unminted == 0)
    }

    /// Mercenaries enter while the APR beats their outside rate and leave once the emission
    /// stops; with an outside rate above any APR they never enter.
    @Test func mercenariesEnterAboveTheOutsideRateAndLeaveWhenTheAPRFalls() throws {
        func run(outside: Double) throws -> [Double] {
            let yaml = farm(
                days: 50, gauges: Self.boosted, emission: "{schedule: table, table: [{from_day: 0, per_day: 1000}, {from_day: 25, per_day: 0}]}",
                populations: """
                  - {name: merc, count: 20, initial_balance: 0, initial_cash: 1000, behaviour: mercenary_farmer, outside_apr: \(outside), gas_usd: 1}
                """) + "\nmetrics: {names: [\"gauge_tvl:g\", mercenary_tvl_share]}\n"
            return try column(checkedRun(yaml).1, "gauge_tvl:g")
        }
        let tvl = try run(outside: 0.5)
        for (row, value) in tvl.enumerated() {
            let day = row + 1
            if day < 25 { #expect(value > 10_000, "day \(day): \(value)") }
            if day >= 25 { #expect(value == 0, "day \(day): \(value)") }
        }
        #expect(try run(outside: 1e9).allSatisfy { $0 == 0 })
    }

    /// Long-term farmers lock their rewards: their locked tokens rise claim after claim.
    @Test func longTermFarmersVeRisesFromLockedRewards() throws {
        let yaml = farm(
            days: 60, mechanisms: "  vote_escrow: {}", gauges: Self.boosted,
            populations: """
              - {name: lt, count: 4, initial_balance: 0, initial_cash: 10000, behaviour: long_term_farmer, gauge: g, claim_every_days: 7}
            """) + "\nmetrics: {names: [locked, emission_locked_share, \"gauge_boost:g\"]}\n"
        let r = try checkedRun(yaml).1
        let locked = try column(r, "locked")
        // Entered on day 1, first claim (and lock) on day 8, then every 7 days.
        #expect(locked[6] == 0)
        var previous = 0.0
        for day in stride(from: 8, through: 57, by: 7) {
            #expect(locked[day - 1] > previous, "day \(day)")
            previous = locked[day - 1]
        }
        #expect(try column(r, "emission_locked_share").last! > 0.99)
    }

    /// Mercenaries' claims are sold at once: the emission they claim counts as sold.
    @Test func mercenarySalesCountAsSoldEmission() throws {
        let yaml = farm(
            gauges: Self.boosted,
            populations: """
              - {name: merc, count: 5, initial_balance: 0, initial_cash: 5000, behaviour: mercenary_farmer, outside_apr: 0.01}
            """) + "\nmetrics: {names: [emission_sold_share, mercenary_tvl_share]}\n"
        let r = try checkedRun(yaml).1
        #expect(try column(r, "emission_sold_share").last! > 0.99)
        #expect(try column(r, "mercenary_tvl_share").last! == 1)
    }

    /// Staking passive LPs keep their whole LP position staked.
    @Test func stakingPassiveLPsStakeTheirShares() throws {
        let yaml = farm(
            gauges: Self.boosted,
            populations: """
              - {name: lps, count: 4, initial_balance: 1000, initial_cash: 1000, behaviour: passive_lp, pool: main, stake: true}
            """)
        _ = try stepChecked(yaml) { day, sim in
            guard let lp = sim.populations[1].behaviour as? PassiveLPBehaviour else { Issue.record("not an LP"); return }
            for (k, row) in sim.populations[1].rows.enumerated() {
                #expect(sim.venues.farms.gauges[0].balance[row] == lp.shares[k], "day \(day)")
            }
        }
    }

    /// A long-term farmer's working balance after each of its claims (and locks) is Curve's
    /// `min(0.4 b + 0.6 S v/V, b)` at that moment: below its stake while a holder's lock
    /// outweighs its ve, then its whole stake once `v/V >= b/S`.
    @Test func workingBalanceFollowsCurvesFormulaAcrossTheThreshold() throws {
        let yaml = farm(
            days: 120, mechanisms: "  vote_escrow: {week_rounding: false}", gauges: Self.boosted,
            populations: """
              - {name: lt, count: 1, initial_balance: 0, initial_cash: 10000, behaviour: long_term_farmer, gauge: g, claim_every_days: 7}
              - {name: merc, count: 1, initial_balance: 0, initial_cash: 10000, behaviour: mercenary_farmer, outside_apr: 0.01}
              - {name: whale, count: 1, initial_balance: 20000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0}
            """)
        var below = 0
        var full = 0
        _ = try stepChecked(yaml) { day, sim in
            guard day >= 8, (day - 1) % 7 == 0 else { return }
            var sim = sim
            let gauge = sim.venues.farms.gauges[0]
            let row = sim.populations[1].rows.lowerBound
            let b = gauge.balance[row]
            let v = sim.economy.escrow.balance(row, at: Int64(day))
            let total = sim.economy.escrow.checkpointedTotal(now: Int64(day))
            let expected = min(0.4 * b + 0.6 * gauge.totalSupply * v / total, b)
            #expect(abs(gauge.workingBalance[row] - expected) <= 1e-9 * b, "day \(day): \(gauge.workingBalance[row]) vs \(expected)")
            if expected < b * (1 - 1e-9) { below += 1 } else { full += 1 }
            #expect((v / total >= b / gauge.totalSupply) == (expected >= b), "day \(day): the threshold is v/V = b/S")
        }
        #expect(below > 0 && full > 0, "below: \(below), full: \(full)")
    }

    @Test func farmingRunsAreReproducibleAcrossThreadCounts() throws {
        var s = try ScenarioFiles.load(path: exampleScenarioPaths().first { $0.hasSuffix("curve-wars.yaml") }!)
        s.horizonDays = 90
        for i in s.populations.indices { s.populations[i].count = 40 }
        let one = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 1, check: false))
        let three = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 3, check: true))
        #expect(bits(one) == bits(three))
        #expect(bits([one[0]]) != bits([one[1]]))
    }
}
