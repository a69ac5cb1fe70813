import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// Killing and adding gauges (Curve `set_killed`) by scripted events and governance.
@Suite struct GaugeListRunTests {
    static let gauges = "  gauges: {list: [{name: g1}, {name: g2}, {name: idle}], emission_share: 0.6}"
    static let votes = ", gauge_votes: {g1: 7000, g2: 3000}"

    /// `gauges` plus a governance whose proposals the population backs with `support`:
    /// voting starts the day after the proposal, lasts 5 days, then a 2-day timelock.
    static func governed(support: Double, events: String, days: Int = 63) -> String {
        lockers(
            days: days,
            mechanisms: gauges + "\n  governance: {voting_power: stake, quorum: 0.1, threshold: 0.5, voting_delay_days: 1, voting_period_days: 5, timelock_days: 2}",
            pop: votes + ", governance_support: \(support)", tail: "events: [\(events)]")
    }

    func weights(_ r: MetricRecorder) throws -> [[Double]] {
        try ["g1", "g2", "idle"].map { try column(r, "gauge_weight:\($0)") }
    }

    @Test func aScriptedKillStopsTheGaugeAtOnceAndTheLiveGaugesShareTheWeightFromTheNextEpoch() throws {
        // Day 30 is inside epoch 4 (days 28...34).
        let (_, r) = try checkedRun(lockers(days: 50, mechanisms: Self.gauges, pop: Self.votes, tail: "events: [{day: 30, kill_gauge: g1}]"))
        let w = try weights(r)
        let g1 = try column(r, "gauge_emission:g1")
        let g2 = try column(r, "gauge_emission:g2")
        let unminted = try column(r, "emission_unminted")
        let minted = try column(r, "emission")
        for (row, day) in r.steps.enumerated() where day >= 14 {
            if day < 30 {
                #expect(abs(w[0][row] - 0.7) < 1e-9 && abs(g1[row] - 420) < 1e-9, "day \(day)")
            } else {
                #expect(w[0][row] == 0 && g1[row] == 0, "day \(day)")
            }
            if day >= 30 && day < 35 {
                // The rest of the epoch: g2 keeps its 0.3, g1's 0.7 is not routed at all.
                #expect(abs(g2[row] - 180) < 1e-9, "day \(day)")
            }
            if day >= 35 {
                #expect(abs(w[1][row] - 1) < 1e-12 && w[2][row] == 0, "day \(day)")
                #expect(abs(g2[row] - 600) < 1e-9, "day \(day)")
            }
            // Nobody stakes: the gauges' whole share is unminted, the lockers' part minted.
            #expect(abs(unminted[row] - 600) < 1e-9 && abs(minted[row] - 400) < 1e-9, "day \(day)")
        }
    }

    @Test func aPassedProposalKillsTheGaugeAfterTheTimelock() throws {
        let (_, r) = try checkedRun(Self.governed(support: 1, events: "{day: 20, propose: {kill_gauge: g1}}"))
        let executed = try column(r, "proposals_executed")
        let row = try #require(executed.firstIndex(of: 1))
        let day = Int(r.steps[row])
        // Proposed day 20, voting days 21...26, timelock 2: executed on day 28 (an epoch start).
        #expect(day == 28)
        let w = try weights(r)
        let g1 = try column(r, "gauge_emission:g1")
        for (k, d) in r.steps.enumerated() where d >= 14 {
            if Int(d) < day {
                #expect(abs(w[0][k] - 0.7) < 1e-9 && g1[k] > 0, "day \(d)")
            } else {
                #expect(w[0][k] == 0 && g1[k] == 0, "day \(d)")
                #expect(abs(w[0][k] + w[1][k] + w[2][k] - 1) < 1e-12, "day \(d)")
            }
        }
        #expect(try column(r, "proposals_defeated").last == 0)
    }

    @Test func aDefeatedProposalChangesNothing() throws {
        let (_, r) = try checkedRun(Self.governed(support: 0, events: "{day: 20, propose: {kill_gauge: g1}}"))
        let (_, base) = try checkedRun(lockers(days: 63, mechanisms: Self.gauges, pop: Self.votes))
        #expect(try column(r, "proposals_defeated").last == 1)
        #expect(try column(r, "proposals_executed").last == 0)
        for name in ["gauge_weight:g1", "gauge_weight:g2", "gauge_emission:g1", "gauge_emission:g2", "emission", "emission_unminted"] {
            #expect(try column(r, name) == column(base, name), "\(name)")
        }
    }

    @Test func anAddedGaugeStartsReceivingItsVotesAndEmissionFromTheNextEpoch() throws {
        let yaml = lockers(
            days: 63,
            mechanisms: """
                  gauges: {list: [{name: g1}, {name: new, active: false}], emission_share: 0.6}
                  governance: {voting_power: stake, quorum: 0.1, threshold: 0.5, voting_delay_days: 1, voting_period_days: 5, timelock_days: 2}
                """,
            pop: ", gauge_votes: {g1: 5000, new: 5000}, governance_support: 1",
            tail: "events: [{day: 23, propose: {add_gauge: new}}]")
        let (_, r) = try checkedRun(yaml)
        let executed = try column(r, "proposals_executed")
        let day = Int(r.steps[try #require(executed.firstIndex(of: 1))])
        #expect(day == 31)  // 23 + 1 + 5 + 2
        let wg1 = try column(r, "gauge_weight:g1")
        let wNew = try column(r, "gauge_weight:new")
        let eNew = try column(r, "gauge_emission:new")
        for (k, d) in r.steps.enumerated() where d >= 14 {
            if d < 35 {
                // Votes for the inactive gauge are recorded but carry nothing: g1 takes it all.
                #expect(wNew[k] == 0 && eNew[k] == 0 && abs(wg1[k] - 1) < 1e-12, "day \(d)")
            } else {
                #expect(abs(wNew[k] - 0.5) < 1e-9 && abs(eNew[k] - 300) < 1e-9 && abs(wg1[k] - 0.5) < 1e-9, "day \(d)")
            }
        }
    }

    @Test func aKilledGaugeCanBeAddedBack() throws {
        let (_, r) = try checkedRun(lockers(
            days: 60, mechanisms: Self.gauges, pop: Self.votes, tail: "events: [{day: 16, kill_gauge: g1}, {day: 30, add_gauge: g1}]"))
        let w = try column(r, "gauge_weight:g1")
        for (k, d) in r.steps.enumerated() where d >= 14 {
            let expected = d < 16 || d >= 35 ? 0.7 : 0
            #expect(abs(w[k] - expected) < 1e-9, "day \(d)")
        }
    }
}

@Suite struct KilledFarmTests {
    /// Mercenaries farm `g` (on the pool) until it is killed on day 25; `idle` has no pool.
    @Test func aKilledGaugesStakersEarnNothingAndMercenariesLeave() throws {
        let yaml = farm(
            days: 40, gauges: "{list: [{name: g, pool: main}, {name: idle}], fixed_weights: {g: 0.5, idle: 0.5}}",
            populations: """
              - {name: merc, count: 10, initial_balance: 0, initial_cash: 2000, behaviour: mercenary_farmer, outside_apr: 0.01, gas_usd: 1}
            events: [{day: 25, kill_gauge: g}]
            """) + "\nmetrics: {names: [emission, emission_unminted, \"gauge_tvl:g\", \"gauge_apr:g\", \"gauge_emission:g\", \"gauge_weight:idle\"]}\n"
        var receivedAtKill = 0.0
        let sim = try stepChecked(yaml) { day, sim in
            if day == 24 { receivedAtKill = sim.venues.farms.gauges[0].received }
        }
        #expect(receivedAtKill > 0)
        #expect(sim.venues.farms.gauges[0].received == receivedAtKill)
        let (_, r) = try checkedRun(yaml)
        let tvl = try column(r, "gauge_tvl:g")
        let apr = try column(r, "gauge_apr:g")
        let emission = try column(r, "gauge_emission:g")
        let idle = try column(r, "gauge_weight:idle")
        let minted = try column(r, "emission")
        let unminted = try column(r, "emission_unminted")
        for (k, d) in r.steps.enumerated() {
            #expect(abs(minted[k] + unminted[k] - 1000) < 1e-9, "day \(d)")
            if d < 25 {
                #expect(tvl[k] > 0 && emission[k] == 500, "day \(d)")
            } else {
                #expect(emission[k] == 0 && !(apr[k] > 0) && tvl[k] == 0, "day \(d)")
                // Nobody can stake in idle: nothing is minted once g is dead.
                #expect(minted[k] == 0, "day \(d)")
            }
            if d >= 28 { #expect(idle[k] == 1, "day \(d)") }
        }
    }
}
