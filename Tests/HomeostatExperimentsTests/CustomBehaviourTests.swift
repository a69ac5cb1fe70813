import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMarket
import HomeostatScenario
import Testing

// How a library user plugs their own behaviour into a simulation.
//
// 1. Conform a struct to `Behaviour`. Keep per-agent parameters as arrays (one entry per
//    agent of the population) and loop over `rows` in `act`.
// 2. Move tokens and cash in `economy.tokens` / `economy.cash` (and through the mechanisms,
//    e.g. `economy.lock`), then report the step's totals to the ledger with the
//    `economy.settle…` methods, so the conservation check keeps holding. Emissions and fees
//    accrue lazily: call `economy.claimRewards(i)` before reading an agent's balance.
// 3. Add the population to a `Simulation` with `addPopulation(name:balances:behaviour:)`, or to
//    every run of an ensemble through `Ensemble.run(_:options:prepare:)`.

/// Dollar-cost averaging: every agent spends a fixed number of USD a day buying tokens from
/// the outside market while it has the cash, and locks what it bought every `lockEvery` days.
struct DollarCostAverager: Behaviour {
    let dailyUSD: Double
    let lockEvery: Int
    let lockDays: Int64

    mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {
        let price = economy.market.price
        var bought = 0.0
        var spent = 0.0
        var locked = 0.0
        for i in rows {
            let budget = min(dailyUSD, economy.cash[i])
            guard budget > 0 else { continue }
            let tokens = budget / price
            economy.cash[i] -= budget
            economy.tokens[i] += tokens
            bought += tokens
            spent += budget
        }
        economy.settlePurchases(population: account, tokens: bought, cost: spent)
        if economy.day % lockEvery == 0 {
            for i in rows {
                economy.claimRewards(i)
                let amount = economy.tokens[i]
                if amount > 0, economy.lock(i, amount: amount, unlockDay: Int64(economy.day) + lockDays) {
                    locked += amount
                }
            }
            economy.settleLocks(population: account, amount: locked)
        }
    }
}

@Test func customBehaviourPlugsIntoTheEngine() throws {
    var scenario = bm1Scenario(agents: 200, days: 60, runs: 2)
    scenario.market.impact.model = .linear
    let prepare: @Sendable (inout Simulation) -> Void = { sim in
        sim.addPopulation(
            name: "dca", balances: Array(repeating: 0, count: 50),
            behaviour: DollarCostAverager(dailyUSD: 100, lockEvery: 7, lockDays: 365))
    }
    // The DCA agents start with cash only: give it to them through the ledger first.
    let fund: @Sendable (inout Simulation) -> Void = { sim in
        prepare(&sim)
        let population = sim.populations.last!
        for i in population.rows { sim.economy.cash[i] = 5_000 }
        sim.economy.ledger.transfer(.cash, from: sim.economy.outside, to: population.account, 5_000 * 50)
    }
    let records = try Ensemble.run(scenario, options: EnsembleOptions(runs: 2, threads: 2, check: true), prepare: fund)
    for record in records {
        if case .failed(let e, _) = record.outcome { Issue.record("run \(record.run): \(e)") }
    }
    // The buyers' demand offsets some of the holders' sell pressure, so the price path
    // differs from the same runs without them.
    let plain = try Ensemble.run(scenario, options: EnsembleOptions(runs: 2, threads: 1, check: true))
    #expect(records[0].outcome.recorder.series("price") != plain[0].outcome.recorder.series("price"))
    #expect(records[0].outcome.recorder.series("locked")!.last! > plain[0].outcome.recorder.series("locked")!.last!)
}
