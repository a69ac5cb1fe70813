import Foundation
import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// A scenario with the given pools and populations, a GBM market without impact.
func liquidityScenario(
    volatility: Double, days: Int, pools: [PoolSpec], populations: [PopulationSpec], events: [EventSpec] = [],
    metrics: [String]? = nil
) -> Scenario {
    var s = Scenario(name: "liquidity-test")
    s.seed = 11
    s.horizonDays = days
    s.market.process = .gbm(drift: 0, volatility: volatility)
    s.market.impact.model = .none
    s.pools = pools
    s.populations = populations
    s.events = events
    s.metrics.names = metrics
    return s
}

func constantProduct(_ name: String, tokens: Double, usd: Double? = nil, fee: Double) -> PoolSpec {
    var p = PoolSpec(name: name, kind: .constantProduct, tokenReserve: tokens)
    p.usdReserve = usd
    p.fee = fee
    return p
}

func arbitrageurs(gas: Double = 0) -> PopulationSpec {
    var a = ArbitrageurSpec()
    a.gasUSD = gas
    var p = PopulationSpec(name: "arbs", count: 1, behaviour: .arbitrageur(a))
    p.initialBalance = .constant(0)
    return p
}

/// The recorded series `name` of a completed run.
func series(_ outcome: RunOutcome, _ name: String) throws -> [Double] {
    if case .failed(let error, _) = outcome { Issue.record("run failed: \(error)") }
    return try #require(outcome.recorder.series(name), "no column \(name)")
}

@Suite struct LiquidityEngineTests {
    /// With an arbitrageur, no fee, no gas, no other flow and a GBM price, the LVR of a
    /// constant-product pool per unit of pool value per year converges to σ²/8.
    ///
    /// Each day's arbitrage profit over the pool's value is `(√R − 1)²/2` for the day's
    /// price ratio `R`, whose mean is `1 − e^(−σ²Δt/8) ≈ σ²Δt/8` (the daily discretisation
    /// biases the rate by a relative `σ²Δt/16 ≈ 1e-4`). `(√R − 1)²` is a scaled χ²₁ draw,
    /// coefficient of variation ≈ √2, so the pooled ratio over 64 runs × 365 days (23,360
    /// days) has a relative standard error of about 0.9%; the 5% tolerance is more than 5
    /// standard errors, and a wrong law (σ²/4, σ²/16, an LVR of fees) is far outside it.
    @Test func lvrOfAConstantProductPoolIsSigmaSquaredOverEight() throws {
        let sigma = 0.8
        let s = liquidityScenario(
            volatility: sigma, days: 365, pools: [constantProduct("main", tokens: 1_000_000, fee: 0)], populations: [arbitrageurs()])
        var profit = 0.0
        var valueTime = 0.0
        for run in 0..<64 {
            var sim = try Simulation(scenario: s, run: run)
            if case .failed(let error, _) = sim.run(check: run == 0) { Issue.record("\(error)") }
            let lvr = sim.venues.exchange.pools[0].lvr
            #expect(lvr.trades > 300)
            profit += lvr.profit
            valueTime += lvr.valueTime
        }
        let rate = profit / valueTime
        let expected = sigma * sigma / 8
        #expect(abs(rate / expected - 1) < 0.05, "measured LVR rate \(rate), σ²/8 = \(expected)")
    }

    /// A price that doubles (a scripted shock, no fee, no volatility) and an arbitrageur who
    /// realigns the pool: the day-0 position's loss is the closed form, measured from the
    /// engine's pool through the `pool_il` metric.
    @Test func impermanentLossAtPriceRatioTwoIsTheClosedForm() throws {
        let s = liquidityScenario(
            volatility: 0, days: 2, pools: [constantProduct("main", tokens: 1_000_000, fee: 0)], populations: [arbitrageurs()],
            events: [EventSpec(day: 1, action: .priceShock(change: 1))], metrics: ["pool_il:main", "pool_price:main", "price"])
        var sim = try Simulation(scenario: s, run: 0)
        let outcome = sim.run(check: true)
        let il = try series(outcome, "pool_il:main")
        #expect(abs(try series(outcome, "pool_price:main")[0] - 2) < 1e-9)
        #expect(abs(il[0] - ImpermanentLoss.constantProduct(priceRatio: 2)) < 1e-9)
        #expect(abs(il[0] - (2 * 2.0.squareRoot() / 3 - 1)) < 1e-9)
        #expect(abs(il[0] + 0.0572) < 1e-4)
    }

    /// The same for a concentrated position: its loss is the closed form for its range (the
    /// scenario's range rounded to the tick spacing).
    @Test func concentratedImpermanentLossIsTheClosedFormForItsRange() throws {
        var pool = PoolSpec(name: "v3", kind: .concentrated, tokenReserve: 1_000_000)
        pool.fee = 0
        pool.tickSpacing = 10
        pool.ranges = [PriceRange(lower: 0.5, upper: 4)]
        let s = liquidityScenario(
            volatility: 0, days: 2, pools: [pool], populations: [arbitrageurs()],
            events: [EventSpec(day: 1, action: .priceShock(change: 1))], metrics: ["pool_il:v3", "pool_price:v3"])
        var sim = try Simulation(scenario: s, run: 0)
        let outcome = sim.run(check: true)
        let il = try series(outcome, "pool_il:v3")
        let range = try #require(sim.venues.exchange.tickRange(pool: PoolID(index: 0), lowerPrice: 0.5, upperPrice: 4))
        let lower = ConcentratedLiquidityPool.sqrtPrice(atTick: range.tickLower)
        let upper = ConcentratedLiquidityPool.sqrtPrice(atTick: range.tickUpper)
        let expected = ImpermanentLoss.concentrated(priceRatio: 2, lower: lower * lower, upper: upper * upper)
        #expect(abs(try series(outcome, "pool_price:v3")[0] - 2) < 1e-9)
        #expect(abs(il[0] - expected) < 1e-9, "\(il[0]) vs \(expected)")
        // Concentrated liquidity loses more than full range at the same ratio.
        #expect(il[0] < ImpermanentLoss.constantProduct(priceRatio: 2))
    }

    /// Holders selling into a pool get less than the external price for their tokens, and
    /// the pool's price falls.
    @Test func holdersSellingIntoAPoolMoveItsPrice() throws {
        var holder = HolderSpec()
        holder.patience = .constant(0)
        holder.sellPropensity = 1
        holder.sellFraction = 0.5
        let s = liquidityScenario(
            volatility: 0.5, days: 5, pools: [constantProduct("main", tokens: 100_000, fee: 0.003)],
            populations: [PopulationSpec(name: "holders", count: 50, behaviour: .holder(holder))])
        var sim = try Simulation(scenario: s, run: 0)
        let price = sim.economy.market.price
        sim.step(day: 1)
        let sold = sim.economy.soldToday
        let proceeds = sim.economy.ledger.balance(.cash, sim.populations[0].account)
        #expect(sold == 50 * 500)
        #expect(proceeds > 0 && proceeds < sold * price)
        #expect(sim.venues.exchange.pools[0].price < price)
        // Each seller was paid the batch's average price.
        let cash = sim.economy.cash[sim.populations[0].rows]
        #expect(cash.allSatisfy { abs($0 - proceeds / 50) < 1e-9 * proceeds })
        #expect(sim.firstViolation() == nil)
    }

    /// The liquidity-stress mechanism: passive LPs withdraw when realised volatility rises
    /// above their threshold, and the main pool's depth falls and its slippage rises.
    @Test func depthFallsAndSlippageRisesWhenLPsWithdraw() throws {
        var lp = PassiveLPSpec(pool: "main")
        lp.maxVolatility = .uniform(low: 0.3, high: 0.6)
        var lps = PopulationSpec(name: "lps", count: 200, behaviour: .passiveLP(lp))
        lps.initialBalance = .constant(10_000)
        lps.initialCash = .constant(10_000)
        let s = liquidityScenario(
            volatility: 0.1, days: 120, pools: [constantProduct("main", tokens: 200_000, fee: 0.003)],
            populations: [lps, arbitrageurs()], events: [EventSpec(day: 60, action: .set(.volatility, 1.5))],
            metrics: ["pool_depth_down:main", "pool_slippage:main", "pool_value:main"])
        var sim = try Simulation(scenario: s, run: 0)
        let outcome = sim.run(check: true)
        let depth = try series(outcome, "pool_depth_down:main")
        let slippage = try series(outcome, "pool_slippage:main")
        // Day 50 (index 49): everyone in; day 120: the LPs have left.
        #expect(depth[119] < 0.5 * depth[49], "depth \(depth[49]) → \(depth[119])")
        #expect(slippage[119] > slippage[49], "slippage \(slippage[49]) → \(slippage[119])")
        // The LPs got their coins back: what stays in the pool is the treasury's position.
        #expect(sim.venues.exchange.pools[0].shares(of: sim.populations[0].account) == 0)
        #expect(sim.economy.tokens[sim.populations[0].rows].reduce(0, +) > 0)
    }

    /// The router sends a small order to the pool that pays more; quotes change nothing.
    @Test func routingPicksTheBetterPool() throws {
        let s = liquidityScenario(
            volatility: 0, days: 1,
            pools: [constantProduct("cheap", tokens: 1_000_000, fee: 0.003), constantProduct("dear", tokens: 1_000_000, usd: 1_100_000, fee: 0.003)],
            populations: [PopulationSpec(name: "sellers", count: 1, behaviour: .holder(HolderSpec()))])
        var sim = try Simulation(scenario: s, run: 0)
        let account = sim.populations[0].account
        let before = sim.venues.exchange.pools.map(\.holdings)
        let quote = sim.world.venues.exchange.quoteSell(100, economy: sim.world.economy)
        #expect(sim.venues.exchange.pools.map(\.holdings.token) == before.map(\.token))
        let proceeds = sim.world.venues.exchange.sellTokens(100, from: account, flow: .holder, economy: &sim.world.economy)
        #expect(abs(proceeds - quote) < 1e-9 * quote)
        #expect(sim.venues.exchange.pools[0].holdings.token == before[0].token)
        #expect(abs(sim.venues.exchange.pools[1].holdings.token - before[1].token - 100) < 1e-9)
        #expect(proceeds > 100 * 1.0)
        #expect(sim.venues.exchange.pools[1].volumeToday[OrderFlow.holder.rawValue] == proceeds)
        // A buy goes to the cheaper pool.
        sim.economy.tokens[0] -= 100
        sim.economy.cash[0] += proceeds
        let bought = sim.world.venues.exchange.buyTokens(usd: 50, for: account, flow: .noise, economy: &sim.world.economy)
        #expect(sim.venues.exchange.pools[0].holdings.usd == before[0].usd + 50)
        #expect(bought > 0)
    }

    /// Rejected pool operations surface as typed errors and move nothing.
    @Test func rejectedPoolOperationsAreTypedErrors() throws {
        var v3 = PoolSpec(name: "v3", kind: .concentrated, tokenReserve: 1_000)
        v3.tickSpacing = 60
        let s = liquidityScenario(
            volatility: 0, days: 1, pools: [constantProduct("main", tokens: 1_000, fee: 0.003), v3],
            populations: [PopulationSpec(name: "lps", count: 1, behaviour: .holder(HolderSpec()))])
        var sim = try Simulation(scenario: s, run: 0)
        let account = sim.populations[0].account
        let ledgerBefore = sim.economy.ledger.balance(.token, account)
        #expect(throws: PoolError.insufficientLPBalance(have: 0, need: 5)) {
            _ = try sim.world.venues.exchange.removeLiquidity(pool: PoolID(index: 0), population: account, shares: 5, economy: &sim.world.economy)
        }
        #expect(throws: PoolError.self) {
            _ = try sim.world.venues.exchange.addLiquidity(pool: PoolID(index: 1), population: account, tokens: 10, usd: 10, economy: &sim.world.economy)
        }
        #expect(throws: PoolError.zeroAmount) {
            _ = try sim.world.venues.exchange.mintRange(pool: PoolID(index: 1), population: account, tickLower: -600, tickUpper: 600, tokens: 0, usd: 0, economy: &sim.world.economy)
        }
        #expect(throws: PoolError.tickNotOnSpacing(tick: 5, spacing: 60)) {
            _ = try sim.world.venues.exchange.mintRange(pool: PoolID(index: 1), population: account, tickLower: 5, tickUpper: 600, tokens: 10, usd: 10, economy: &sim.world.economy)
        }
        #expect(throws: PoolError.positionNotFound) {
            _ = try sim.world.venues.exchange.burnRange(pool: PoolID(index: 1), population: account, tickLower: -600, tickUpper: 600, liquidity: 1, economy: &sim.world.economy)
        }
        #expect(sim.economy.ledger.balance(.token, account) == ledgerBefore)
        #expect(sim.firstViolation() == nil)
        // A full-range deposit and withdrawal round-trips through the ledger.
        let added = try sim.world.venues.exchange.addLiquidity(pool: PoolID(index: 0), population: account, tokens: 10, usd: 20, economy: &sim.world.economy)
        #expect(abs(added.usdUsed - 10) < 1e-9 && added.tokensUsed == 10)
        let removed = try sim.world.venues.exchange.removeLiquidity(pool: PoolID(index: 0), population: account, shares: added.shares, economy: &sim.world.economy)
        #expect(abs(removed.tokens - 10) < 1e-9 && abs(removed.usd - 10) < 1e-9)
    }

    /// Every liquidity behaviour together, with the invariant check after every day.
    @Test func everyLiquidityBehaviourConservesEveryStep() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let s = try ScenarioFiles.load(path: root.appendingPathComponent("HomeostatScenarioTests/Fixtures/valid/liquidity.yaml").path)
        var sim = try Simulation(scenario: s, run: 1)
        if case .failed(let error, _) = sim.run(check: true) { Issue.record("\(error)") }
        #expect(sim.venues.exchange.pools.count == 3)
    }

    /// Drawing the next move early and applying it later gives the same prices, bit for bit,
    /// as advancing in one go (so scenarios without pools keep their results).
    @Test func drawingTheNextMoveEarlyKeepsTheBits() {
        for process in [PriceProcess.gbm(drift: 0.1, volatility: 0.8),
                        .jumpDiffusion(drift: 0, volatility: 0.5, intensity: 20, jumpMean: -0.1, jumpStdev: 0.2)] {
            var a = Market(price: 1, process: process, impact: .linear(coefficient: 1e-6, floor: 0.01))
            var b = a
            var rngA = RandomStream.derive(seed: 3, run: 0, stream: 0)
            var rngB = rngA
            for day in 0..<500 {
                a.advance(netSold: Double(day), rng: &rngA)
                b.drawNextMove(rng: &rngB)
                b.applyMove(netSold: Double(day))
                #expect(a.price.bitPattern == b.price.bitPattern)
            }
        }
    }

    /// Informed traders know the sign of the next external move: with accuracy 1 they gain
    /// on a path where noise traders with the same orders do not (common random numbers: both
    /// trade with the outside market at the same prices, no pools, no impact).
    @Test func informedTradersTradeAheadOfTheMove() throws {
        var informed = InformedTraderSpec()
        informed.accuracy = 1
        informed.activity = 0.5
        informed.size = .constant(100)
        var noise = NoiseTraderSpec()
        noise.activity = 0.5
        noise.size = .constant(100)
        var a = PopulationSpec(name: "informed", count: 20, behaviour: .informedTrader(informed))
        var b = PopulationSpec(name: "noise", count: 20, behaviour: .noiseTrader(noise))
        for i in [0, 1] {
            var p = i == 0 ? a : b
            p.initialBalance = .constant(1_000_000)
            p.initialCash = .constant(1_000_000)
            if i == 0 { a = p } else { b = p }
        }
        let s = liquidityScenario(volatility: 0.8, days: 200, pools: [], populations: [a, b])
        var sim = try Simulation(scenario: s, run: 0)
        if case .failed(let error, _) = sim.run(check: true) { Issue.record("\(error)") }
        let price = sim.economy.market.price
        // What trading earned: the change of cash plus the change of tokens at the final price.
        func gain(_ p: Population) -> Double {
            (sim.economy.ledger.balance(.cash, p.account) - 20 * 1_000_000)
                + (sim.economy.ledger.balance(.token, p.account) - 20 * 1_000_000) * price
        }
        let informedGain = gain(sim.populations[0])
        #expect(informedGain > 0)
        // About 2,000 orders of 100 USD, each ahead of a move of mean size σ·√(2Δt/π) ≈ 3.3%.
        #expect(informedGain > gain(sim.populations[1]) + 3_000, "\(informedGain) vs \(gain(sim.populations[1]))")
    }

    /// A StableSwap pool of a pegged token: arbitrage keeps it inside its fee band around
    /// the external price, the admin fees reach the treasury (the fee switch), and near the
    /// peg it is deeper than a constant-product pool with the same reserves.
    @Test func stableSwapPoolTracksThePegAndPaysTheTreasury() throws {
        var curve = PoolSpec(name: "peg", kind: .stableswap, tokenReserve: 1_000_000)
        curve.fee = 0.0004
        curve.protocolFeeShare = 0.5
        curve.amplification = 200
        var lp = PassiveLPSpec(pool: "peg")
        lp.depositFraction = 0.5
        var lps = PopulationSpec(name: "lps", count: 20, behaviour: .passiveLP(lp))
        lps.initialCash = .constant(1_000)
        var noise = NoiseTraderSpec()
        noise.activity = 0.5
        var traders = PopulationSpec(name: "noise", count: 50, behaviour: .noiseTrader(noise))
        traders.initialCash = .constant(10_000)
        let s = liquidityScenario(
            volatility: 0.05, days: 60, pools: [curve, constantProduct("cp", tokens: 1_000_000, fee: 0.0004)],
            populations: [lps, traders, arbitrageurs(gas: 0.01)],
            metrics: ["price", "pool_price:peg", "pool_fee_switch:peg", "pool_slippage:peg", "pool_slippage:cp",
                      "pool_depth_down:peg", "pool_depth_down:cp", "pool_delta:peg", "pool_gamma:peg", "pool_il:peg"])
        var sim = try Simulation(scenario: s, run: 0)
        let outcome = sim.run(check: true)
        let external = try series(outcome, "price")
        let pool = try series(outcome, "pool_price:peg")
        for day in external.indices {
            #expect(abs(pool[day] / external[day] - 1) < 0.0004 + 1e-4, "day \(day + 1): pool \(pool[day]), external \(external[day])")
        }
        #expect(try series(outcome, "pool_fee_switch:peg").reduce(0, +) > 0)
        #expect(sim.economy.ledger.balance(.cash, sim.economy.treasuryAccount) > 0)
        let last = external.count - 1
        #expect(try series(outcome, "pool_slippage:peg")[last] < series(outcome, "pool_slippage:cp")[last])
        #expect(try series(outcome, "pool_depth_down:peg")[last] > 2 * series(outcome, "pool_depth_down:cp")[last])
        #expect(try series(outcome, "pool_gamma:peg")[last] < 0)
        #expect(try series(outcome, "pool_delta:peg")[last] > 0)
        #expect(sim.venues.exchange.pools[0].shares(of: sim.populations[0].account) > 0)
    }

    /// Scenarios without pools record exactly the metrics they did before pools existed.
    @Test func scenariosWithoutPoolsRecordNoPoolMetrics() throws {
        var sim = try Simulation(scenario: bm1Scenario(agents: 10, days: 3, runs: 1), run: 0)
        let names = sim.run(check: false).recorder.names
        let original = [
            "price", "circulating_supply", "locked", "locked_share", "holders_free", "voting_power", "avg_remaining_lock_days",
            "sell_pressure", "emission", "fee_revenue", "fees_to_lockers", "real_yield", "vp_gini", "vp_nakamoto", "treasury_cash",
        ]
        #expect(names == original)
        #expect(!names.contains { MetricName(rawValue: $0)?.needsPools ?? true })
    }
}
