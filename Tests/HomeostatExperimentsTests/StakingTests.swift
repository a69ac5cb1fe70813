import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatScenario
import Testing

/// `mechanisms.staking`: the cool-down, conservation, and the stakers' revenue share.
@Suite struct StakingRunTests {
    /// Ten agents with 1,000 tokens each that, every day, first stake `fraction` of their
    /// free balance (when they have no stake) or request the withdrawal of their stake, and
    /// then sell all their free tokens (patience 0: a sell every day).
    static func sellers(cooldown: Int, fraction: Double, days: Int = 20) -> String {
        """
        name: t
        horizon_days: \(days)
        market: {volatility: 0}
        mechanisms:
          staking: {cooldown_days: \(cooldown)}
        populations:
          - {name: a, count: 10, initial_balance: 1000, behaviour: holder, patience: 0, lock_propensity: 0, sell_propensity: 1, sell_fraction: 1, stake_propensity: 1, stake_fraction: \(fraction), unstake_propensity: 1}
        """
    }

    @Test func aWithdrawalIsFreeExactlyWhenItsCoolDownEnds() throws {
        // Day 1: stake 500 each, sell the other 500. Day 2: request the 500 back. Days
        // 3…6: everything is in the queue and every agent sells all it holds free: nothing.
        // Day 7 = 2 + 5: the 500 are free before the agents act; they stake half again and
        // sell the rest that same day.
        let (_, r) = try checkedRun(Self.sellers(cooldown: 5, fraction: 0.5))
        let sold = try column(r, "sell_pressure")
        let queued = try column(r, "staking_queued")
        let withdrawn = try column(r, "staking_withdrawn")
        let staked = try column(r, "staked")
        func at(_ series: [Double], _ day: Int) -> Double { series[r.steps.firstIndex(of: Int32(day))!] }
        #expect(abs(at(sold, 1) - 5_000) < 1e-6)
        #expect(at(staked, 1) == 5_000)
        for day in 2...6 {
            #expect(at(queued, day) == 5_000, "day \(day)")
            #expect(at(sold, day) == 0, "day \(day): sold tokens that are cooling down")
            #expect(at(withdrawn, day) == 0, "day \(day)")
            #expect(at(staked, day) == 0, "day \(day)")
        }
        #expect(at(withdrawn, 7) == 5_000)
        #expect(at(queued, 7) == 0)
        #expect(abs(at(staked, 7) - 2_500) < 1e-9)
        #expect(abs(at(sold, 7) - 2_500) < 1e-6)
    }

    @Test func aZeroDayCoolDownFreesTheSameDay() throws {
        let (_, r) = try checkedRun(Self.sellers(cooldown: 0, fraction: 0.5, days: 3))
        let withdrawn = try column(r, "staking_withdrawn")
        let queued = try column(r, "staking_queued")
        #expect(withdrawn[1] == 5_000 && queued[1] == 0)
    }

    /// Random staking and unstaking without sales: what the agents hold, free or staked or
    /// queued, stays their day-0 tokens (property over seeds; `--check` on every step).
    @Test(arguments: [1, 2, 3, 4])
    func stakedQueuedAndFreeAreConserved(seed: Int) throws {
        let yaml = """
            name: t
            seed: \(seed)
            horizon_days: 60
            market: {volatility: 0.5}
            mechanisms:
              staking: {cooldown_days: 4}
            populations:
              - {name: a, count: 50, initial_balance: {uniform: [0, 2000]}, behaviour: holder, lock_propensity: 0, sell_propensity: 0, stake_propensity: 0.3, stake_fraction: 0.4, unstake_propensity: 0.2}
              - {name: b, count: 30, initial_balance: 500, behaviour: holder, lock_propensity: 0, sell_propensity: 0, stake_propensity: 0.05, unstake_propensity: 0.5}
            """
        let (sim, r) = try checkedRun(yaml)
        let total = sim.economy.tokens.reduce(0, +) + (try column(r, "staked")).last! + (try column(r, "staking_queued")).last!
        let free = try column(r, "holders_free")
        let staked = try column(r, "staked")
        let queued = try column(r, "staking_queued")
        #expect(staked.contains { $0 > 0 } && queued.contains { $0 > 0 })
        for k in free.indices {
            #expect(abs(free[k] + staked[k] + queued[k] - total) < 1e-9 * total, "day \(r.steps[k])")
        }
    }

    @Test func rewardsArePaidProRataToStake() throws {
        // Every day each agent requests its whole stake back (collecting its reward), gets
        // it back at once (no cool-down) and stakes it all again: it collects each day the
        // previous day's reward. Big agents stake 3× what small ones do.
        let yaml = """
            name: t
            horizon_days: 30
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {fee_rate: 0.003}
              revenue_split: {treasury: 0.6, stakers: 0.4}
              staking: {cooldown_days: 0}
            populations:
              - {name: big, count: 3, initial_balance: 3000, behaviour: holder, lock_propensity: 0, sell_propensity: 0, stake_propensity: 1, stake_fraction: 1, unstake_propensity: 1}
              - {name: small, count: 4, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0, stake_propensity: 1, stake_fraction: 1, unstake_propensity: 1}
            """
        let (sim, r) = try checkedRun(yaml)
        let revenue = try column(r, "fee_revenue")
        let collected = revenue.dropLast().reduce(0, +) * 0.4
        let cash = sim.economy.cash
        #expect(collected > 0)
        #expect(abs(cash.reduce(0, +) - collected) < 1e-9 * collected)
        // 13,000 tokens staked: a big agent earns 3/13 of each day's share, a small one 1/13.
        for i in 0..<3 { #expect(abs(cash[i] - collected * 3 / 13) < 1e-9 * collected, "big \(i)") }
        for i in 3..<7 { #expect(abs(cash[i] - collected / 13) < 1e-9 * collected, "small \(i)") }
    }

    @Test func withoutStakersTheShareStaysInTheTreasury() throws {
        let yaml = """
            name: t
            horizon_days: 10
            market: {volatility: 0}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {fee_rate: 0.003}
              revenue_split: {treasury: 0.6, stakers: 0.4}
              staking: {}
            populations:
              - {name: a, count: 3, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (sim, r) = try checkedRun(yaml)
        let revenue = try column(r, "fee_revenue").reduce(0, +)
        #expect(abs(try column(r, "treasury_cash").last! - revenue) < 1e-9 * revenue)
        #expect(sim.economy.cash.allSatisfy { $0 == 0 })
    }

    @Test func stakingMetricsAreDefaultOnlyWithStaking() throws {
        let without = try ScenarioFiles.parse("name: t\npopulations: [{name: a, count: 1, behaviour: holder}]\n", file: "t.yaml", baseDirectory: nil)
        let with = try ScenarioFiles.parse(
            "name: t\nmechanisms: {staking: {}}\npopulations: [{name: a, count: 1, behaviour: holder}]\n", file: "t.yaml", baseDirectory: nil)
        let names = ["staked", "staking_queued", "staking_withdrawn"]
        var a = try Simulation(scenario: without, run: 1)
        var b = try Simulation(scenario: with, run: 1)
        guard case .completed(let ra) = a.run(check: true), case .completed(let rb) = b.run(check: true) else {
            Issue.record("run failed")
            return
        }
        for n in names {
            #expect(ra.series(n) == nil, "\(n) recorded without staking")
            #expect(rb.series(n) != nil, "\(n) not recorded with staking")
        }
    }
}
