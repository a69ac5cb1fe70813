import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// Runs `yaml` once with every invariant checked after every step and returns its records.
func checkedRun(_ yaml: String, run: Int = 1) throws -> (Simulation, MetricRecorder) {
    let s = try ScenarioFiles.parse(yaml, file: "incentives.yaml", baseDirectory: nil)
    var sim = try Simulation(scenario: s, run: run)
    switch sim.run(check: true) {
    case .completed(let r): return (sim, r)
    case .failed(let e, _):
        Issue.record("run failed: \(e)")
        throw e
    }
}

func column(_ r: MetricRecorder, _ name: String) throws -> [Double] {
    try #require(r.series(name), "no metric \(name) in \(r.names)")
}

/// A scenario where every agent locks all its tokens for the longest time on day 1 and
/// then keeps topping up nothing: `extra` is spliced into `mechanisms`, `pop` into the
/// population, `tail` at the end.
func lockers(count: Int = 5, days: Int = 60, mechanisms extra: String = "", pop: String = "", tail: String = "") -> String {
    """
    name: t
    horizon_days: \(days)
    market: {volatility: 0}
    mechanisms:
      vote_escrow: {max_lock_days: 1460, week_rounding: false}
      emission: {schedule: constant, per_day: 1000}
    \(extra)
    populations:
      - {name: a, count: \(count), initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0\(pop)}
    \(tail)
    """
}

@Suite struct GaugeRunTests {
    static let gauges = """
      gauges: {list: [{name: g1}, {name: g2}, {name: idle}], emission_share: 0.6}
    """

    @Test func gaugeWeightsSumToOneEveryEpochOnceVotesCount() throws {
        let (_, r) = try checkedRun(lockers(days: 90, mechanisms: Self.gauges, pop: ", gauge_votes: {g1: 7000, g2: 3000}"))
        let w = try ["g1", "g2", "idle"].map { try column(r, "gauge_weight:\($0)") }
        for row in 0..<r.rowCount {
            let sum = w[0][row] + w[1][row] + w[2][row]
            let day = Int(r.steps[row])
            // Votes are cast on day 7 (the first epoch boundary) and count from epoch 2.
            if day < 14 { #expect(sum == 0, "day \(day)") } else { #expect(abs(sum - 1) < 1e-12, "day \(day): \(sum)") }
        }
        let last = r.rowCount - 1
        #expect(abs(w[0][last] - 0.7) < 1e-9 && abs(w[1][last] - 0.3) < 1e-9 && w[2][last] == 0)
    }

    @Test func aVoteTakesEffectAtTheNextEpoch() throws {
        let (_, r) = try checkedRun(lockers(days: 30, mechanisms: Self.gauges, pop: ", gauge_votes: {g2: 10000}"))
        let w = try column(r, "gauge_weight:g2")
        for (row, day) in r.steps.enumerated() {
            // Cast on day 7, in epoch 1 (days 7...13): in force from epoch 2 (day 14) on.
            #expect(w[row] == (day >= 14 ? 1 : 0), "day \(day)")
        }
    }

    @Test func aSecondVoteWithinTheDelayIsRejected() throws {
        // One agent tops up its lock every day, so it re-votes at every epoch boundary; a
        // boundary 7 days after its last vote is within the 10-day delay and is rejected.
        let yaml = """
            name: t
            horizon_days: 35
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: false}
              emission: {schedule: constant, per_day: 1000}
              gauges: {list: [{name: g1}]}
            populations:
              - {name: a, count: 1, initial_balance: 1000000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 0.01, sell_propensity: 0, gauge_votes: {g1: 10000}}
            """
        let (_, r) = try checkedRun(yaml)
        let rejected = try column(r, "gauge_votes_rejected")
        func on(_ day: Int) -> Double { rejected[r.steps.firstIndex(of: Int32(day))!] }
        #expect(on(7) == 0)   // first vote
        #expect(on(14) == 1)  // 7 days after it: rejected
        #expect(on(21) == 1)  // 14 days after it: accepted
        #expect(on(28) == 2)  // 7 days after the vote of day 21: rejected
        #expect(on(35) == 2)
    }

    @Test func routedEmissionsEqualTheScheduleIncludingGaugesWithoutStakers() throws {
        let days = 70
        let (sim, r) = try checkedRun(lockers(days: days, mechanisms: Self.gauges, pop: ", gauge_votes: {g1: 5000, g2: 2500}"))
        var routed = 0.0
        for g in ["g1", "g2", "idle"] { routed += try column(r, "gauge_emission:\(g)").reduce(0, +) }
        let unminted = try column(r, "emission_unminted").reduce(0, +)
        let gaugeShare = 0.6 * 1000 * Double(days)
        // Days 1...13 have no gauge weight (votes of day 7 count from day 14): nothing routed.
        #expect(abs(routed - 0.6 * 1000 * Double(days - 13)) < 1e-6)
        #expect(try column(r, "gauge_emission:idle").allSatisfy { $0 == 0 })
        // Nobody stakes in any gauge: everything routed accrues to nobody and, with the
        // weightless days, the gauges' whole share is unminted.
        #expect(abs(unminted - gaugeShare) < 1e-6)
        let minted = sim.economy.ledger.supply(.token) - 5 * 1000
        #expect(abs(minted - 0.4 * 1000 * Double(days)) < 1e-6)
        #expect(abs(minted + unminted - 1000 * Double(days)) < 1e-6)
        let emitted = try column(r, "emission").reduce(0, +)
        #expect(abs(emitted - minted) < 1e-6)
    }
}

extension GaugeRunTests {
    @Test func aScriptedEmissionShareChangeMovesTheSplit() throws {
        let (_, r) = try checkedRun(lockers(
            days: 40, mechanisms: Self.gauges, pop: ", gauge_votes: {g1: 10000}",
            tail: "events: [{day: 30, set: {mechanisms.gauges.emission_share: 0}}]"))
        let g1 = try column(r, "gauge_emission:g1")
        let emitted = try column(r, "emission")
        for (row, day) in r.steps.enumerated() where day >= 14 {
            #expect(g1[row] == (day < 30 ? 600 : 0), "day \(day)")
            // Minted: the lockers' part (nobody stakes in the gauges), all of it once the gauges get nothing.
            #expect(abs(emitted[row] - (day < 30 ? 400 : 1000)) < 1e-9, "day \(day)")
        }
    }
}

@Suite struct BribeRunTests {
    @Test func bribesAreConservedAndPaidProRataToVotes() throws {
        let yaml = lockers(
            days: 63,
            mechanisms: "  gauges: {list: [{name: g1}, {name: g2}]}",
            pop: ", gauge_votes: {g1: 10000}",
            tail: """
            bribes:
              - {briber: x, gauge: g1, usd_per_epoch: 700, from_day: 1}
              - {briber: y, gauge: g2, usd_per_epoch: 300, from_day: 1}
            """)
        let (sim, r) = try checkedRun(yaml)
        let paid = try column(r, "bribes_paid").reduce(0, +)
        // g1's voters are paid from epoch 2 (day 14) on: epochs 2...9 = 8 payouts of 700.
        // Nobody votes for g2: its offers go back to the briber.
        #expect(abs(paid - 8 * 700) < 1e-6)
        #expect(try column(r, "gauge_bribes:g2").allSatisfy { $0 == 0 })
        let account = sim.populations[0].account
        #expect(abs(sim.economy.ledger.balance(.cash, account) - paid) < 1e-6)
        #expect(abs(sim.economy.cash.reduce(0, +) - paid) < 1e-6)
    }

    @Test func bribeFollowersMoveToTheBestBribePerWeight() throws {
        let yaml = """
            name: t
            horizon_days: 63
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: false}
              emission: {schedule: constant, per_day: 1000}
              gauges: {list: [{name: g1}, {name: g2}]}
            populations:
              - {name: fixed, count: 3, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, gauge_votes: {g1: 10000}}
              - {name: hunters, count: 2, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, gauge_votes: bribe_following}
            bribes:
              - {briber: x, gauge: g2, usd_per_epoch: 100, from_day: 1}
            """
        let (_, r) = try checkedRun(yaml)
        let w2 = try column(r, "gauge_weight:g2")
        #expect(abs(w2[r.rowCount - 1] - 0.4) < 1e-9, "two of five equal lockers follow the bribe to g2")
    }

    /// Bribe platforms list live gauges only: once g2 is killed its briber offers nothing,
    /// and the followers move to the next best bribe (g3).
    @Test func aKilledGaugeIsNotBribedAndFollowersMoveOn() throws {
        let yaml = """
            name: t
            horizon_days: 84
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: false}
              emission: {schedule: constant, per_day: 1000}
              gauges: {list: [{name: g1}, {name: g2}, {name: g3}]}
            populations:
              - {name: fixed, count: 3, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, gauge_votes: {g1: 10000}}
              - {name: hunters, count: 2, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, gauge_votes: bribe_following}
            bribes:
              - {briber: x, gauge: g2, usd_per_epoch: 100, from_day: 1}
              - {briber: y, gauge: g3, usd_per_epoch: 10, from_day: 1}
            events:
              - {day: 30, kill_gauge: g2}
            """
        let (_, r) = try checkedRun(yaml)
        let bribes2 = try column(r, "gauge_bribes:g2")
        let bribes3 = try column(r, "gauge_bribes:g3")
        let w2 = try column(r, "gauge_weight:g2")
        let w3 = try column(r, "gauge_weight:g3")
        #expect(bribes2.reduce(0, +) > 0, "g2 is bribed while it is live")
        for (row, day) in r.steps.enumerated() where day >= 30 {
            #expect(bribes2[row] == 0, "day \(day): nothing is offered on the killed g2")
        }
        #expect(bribes3.reduce(0, +) > 0, "the followers collect g3's bribes after the kill")
        #expect(w2[r.rowCount - 1] == 0)
        #expect(abs(w3[r.rowCount - 1] - 0.4) < 1e-9, "the two followers are on g3: \(w3[r.rowCount - 1])")
    }
}

@Suite struct ExitPenaltyRunTests {
    static func run(share: Double) throws -> (supply: Double, penalties: Double, exits: Double) {
        let yaml = """
            name: t
            horizon_days: 200
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: true}
              exit_penalty: {max_penalty: 0.75, redistributed_share: \(share)}
            populations:
              - {name: a, count: 200, initial_balance: 1000, behaviour: holder, lock_propensity: 0.2, sell_propensity: 0.01, early_exit_propensity: 0.01}
            """
        let (sim, r) = try checkedRun(yaml)
        return (sim.economy.ledger.supply(.token), try column(r, "exit_penalties").reduce(0, +), try column(r, "early_exits").reduce(0, +))
    }

    @Test(arguments: [0.0, 0.3, 1.0])
    func penaltiesAreRedistributedOrBurnedNeverLost(share: Double) throws {
        let out = try Self.run(share: share)
        #expect(out.exits > 0 && out.penalties > 0)
        // Only the burned part leaves the supply; the ledger check (every step) proves the
        // redistributed part reached the lockers' accrued rewards.
        #expect(abs((200 * 1000 - out.supply) - (1 - share) * out.penalties) < 1e-6 * out.penalties)
    }
}

@Suite struct TreasuryRunTests {
    @Test func revenueSplitBuysBackAndBurnsAndTheTreasuryDiversifies() throws {
        let yaml = """
            name: t
            horizon_days: 60
            token: {allocations: {treasury: 100000}}
            market: {volatility: 0, price: 2}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {fee_rate: 0.001}
              revenue_split: {lockers: 0.5, treasury: 0.25, buyback_and_burn: 0.25}
              treasury: {monthly_spend_usd: 300, diversification: {tokens_per_period: 1000, period_days: 7, minimum_price: 1.5, max_stable_share: 0.9}}
            populations:
              - {name: a, count: 10, initial_balance: 1000, behaviour: holder, lock_propensity: 0.5, sell_propensity: 0}
            """
        let (sim, r) = try checkedRun(yaml)
        let burned = try column(r, "buyback_burned").reduce(0, +)
        let sold = try column(r, "treasury_sell_pressure").reduce(0, +)
        #expect(burned > 0)
        #expect(sold == 8 * 1000)  // days 7, 14, ..., 56
        let supply = sim.economy.ledger.supply(.token)
        #expect(abs(supply - (100_000 + 10 * 1000 - burned)) < 1e-6)
        let share = try column(r, "treasury_stable_share")
        #expect(share[r.rowCount - 1] > 0 && share[r.rowCount - 1] < 1)
    }
}

@Suite struct GovernanceRunTests {
    /// Three agents for, two against, each with 1000 tokens of stake: `for = 0.6`.
    static func outcome(quorum: Double, threshold: Double, againstTurnout: Double = 1) throws -> (executed: Double, defeated: Double, feeAfter: Double) {
        let yaml = """
            name: t
            horizon_days: 30
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {}
              governance: {voting_power: stake, quorum: \(quorum), threshold: \(threshold), voting_delay_days: 1, voting_period_days: 5, timelock_days: 2}
            populations:
              - {name: yes, count: 3, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0, governance_support: 1}
              - {name: no, count: 2, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0, governance_support: 0, governance_turnout: \(againstTurnout)}
            events:
              - {day: 3, propose: {set: {market.volume_usd: 0}}}
            """
        let (_, r) = try checkedRun(yaml)
        let last = r.rowCount - 1
        return (try column(r, "proposals_executed")[last], try column(r, "proposals_defeated")[last], try column(r, "fee_revenue")[last])
    }

    @Test func passesJustAboveTheThresholdAndFailsAtIt() throws {
        let passed = try Self.outcome(quorum: 0, threshold: 0.59)
        #expect(passed.executed == 1 && passed.defeated == 0 && passed.feeAfter == 0)
        let failed = try Self.outcome(quorum: 0, threshold: 0.6)  // 0.6 must be exceeded
        #expect(failed.executed == 0 && failed.defeated == 1 && failed.feeAfter > 0)
    }

    @Test func passesAtTheQuorumAndFailsJustBelowIt() throws {
        // Only the three in favour vote: 3000 of 5000.
        let passed = try Self.outcome(quorum: 0.6, threshold: 0.5, againstTurnout: 0)
        #expect(passed.executed == 1)
        let failed = try Self.outcome(quorum: 0.6000001, threshold: 0.5, againstTurnout: 0)
        #expect(failed.executed == 0 && failed.defeated == 1)
    }

    @Test func anAttackerWhoBuysAndLocksEnoughPassesWhatEveryoneOpposes() throws {
        func outcome(budget: Double) throws -> (executed: Double, defeated: Double, locked: Double) {
            let yaml = """
                name: t
                horizon_days: 20
                market: {volatility: 0, impact: {model: linear, coefficient: 1.0e-6}}
                mechanisms:
                  vote_escrow: {}
                  fee_sharing: {}
                  governance: {quorum: 0.1, threshold: 0.5, voting_delay_days: 1, voting_period_days: 5, timelock_days: 1, attacker_budget_usd: \(budget)}
                populations:
                  - {name: a, count: 5, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, governance_support: 0}
                events:
                  - {day: 3, propose: {set: {mechanisms.fee_sharing.fee_rate: 0.5}}}
                """
            let (_, r) = try checkedRun(yaml)
            let last = r.rowCount - 1
            return (try column(r, "proposals_executed")[last], try column(r, "proposals_defeated")[last], try column(r, "locked")[last])
        }
        let none = try outcome(budget: 0)
        #expect(none.executed == 0 && none.defeated == 1)
        let attacked = try outcome(budget: 20_000)
        #expect(attacked.executed == 1 && attacked.defeated == 0)
        // It bought fewer than 20,000 tokens: the impact curve raised the price as it bought.
        #expect(attacked.locked > 5_000 + 10_000 && attacked.locked < 5_000 + 20_000)
    }

    @Test func attackCostFallsAsTheMarketDeepens() throws {
        func cost(_ impact: String) throws -> Double {
            let yaml = """
                name: t
                horizon_days: 20
                market: {volatility: 0, impact: \(impact)}
                mechanisms: {vote_escrow: {}, governance: {}}
                populations:
                  - {name: a, count: 50, initial_balance: 100000, behaviour: holder, lock_propensity: 0.3, sell_propensity: 0}
                """
            let (_, r) = try checkedRun(yaml)
            return try column(r, "attack_cost_usd")[r.rowCount - 1]
        }
        // Same holders, same price path (nobody sells): only the depth differs.
        let thin = try cost("{model: linear, coefficient: 1.0e-5}")
        let deep = try cost("{model: linear, coefficient: 1.0e-7}")
        let infinite = try cost("{model: none}")
        #expect(thin > deep && deep > infinite && infinite > 0)
    }
}

@Suite struct IncentiveDefaultsTests {
    @Test func scenariosWithoutIncentivesRecordTheirOldColumns() {
        let s = bm1Scenario()
        #expect(s.defaultMetricNames == MetricName.allCases.filter { $0.requirement == nil }.map(\.rawValue))
    }

    @Test func newLockDaysIsTheAmountWeightedDuration() throws {
        let yaml = """
            name: t
            horizon_days: 3
            market: {volatility: 0}
            mechanisms: {vote_escrow: {max_lock_days: 1460, week_rounding: false}, exit_penalty: {}}
            populations:
              - {name: a, count: 5, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0}
            """
        let (_, r) = try checkedRun(yaml)
        let d = try column(r, "new_lock_days")
        #expect(d[0] == 1460)  // everyone locks everything for 1460 days on day 1
        #expect(d[1].isNaN)    // nothing is locked afterwards
    }

    @Test func emissionLockedRightAwayCountsAsLocked() throws {
        let (_, r) = try checkedRun(lockers(days: 30, mechanisms: "  exit_penalty: {}"))
        // Every agent claims when it locks and locks everything it holds: all locked, none sold.
        #expect(try column(r, "emission_locked_share")[r.rowCount - 1] == 1)
        #expect(try column(r, "emission_sold_share")[r.rowCount - 1] == 0)
    }

    @Test func soldAndLockedSharesArePartsOfTheClaimedEmission() throws {
        let yaml = """
            name: t
            horizon_days: 120
            mechanisms: {vote_escrow: {}, emission: {schedule: constant, per_day: 5000}, exit_penalty: {}}
            populations:
              - {name: a, count: 300, initial_balance: 1000, behaviour: holder, lock_propensity: 0.2, sell_propensity: 0.5}
            """
        let (_, r) = try checkedRun(yaml)
        let sold = try column(r, "emission_sold_share")[r.rowCount - 1]
        let locked = try column(r, "emission_locked_share")[r.rowCount - 1]
        #expect(sold > 0 && locked > 0 && sold + locked <= 1 + 1e-12, "sold \(sold), locked \(locked)")
    }

    @Test func incentiveRunsAreReproducibleAcrossThreadCounts() throws {
        var s = try ScenarioFiles.load(path: exampleScenarioPaths().first { $0.hasSuffix("ve-gauges-bribes.yaml") }!)
        s.horizonDays = 120
        for i in s.populations.indices { s.populations[i].count = 60 }
        let one = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 1, check: false))
        let three = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 3, check: true))
        #expect(bits(one) == bits(three))
        #expect(bits([one[0]]) != bits([one[1]]))
    }
}
