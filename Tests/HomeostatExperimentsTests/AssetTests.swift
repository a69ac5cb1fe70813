import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMarket
import HomeostatScenario
import Testing

/// An external asset at `price` USD with a GBM of volatility `volatility`.
func externalAsset(_ symbol: String, price: Double, volatility: Double) -> AssetSpec {
    var a = AssetSpec(symbol: symbol)
    a.price = price
    a.process = .gbm(drift: 0, volatility: volatility)
    return a
}

/// A USD/asset StableSwap pool holding `usd` USD and the asset worth the same.
func stablePool(_ name: String, asset: String, usd: Double, fee: Double) -> PoolSpec {
    var p = PoolSpec(name: name, kind: .stableswap, tokenReserve: 0)
    p.coins = [PoolSpec.usd, asset]
    p.usdReserve = usd
    p.fee = fee
    p.amplification = 200
    return p
}

@Suite struct ExternalAssetTests {
    /// A sale goes through the TKN/WETH pool when its tokens are dearer there (in USD at
    /// WETH's external price) and through the TKN/USD pool once WETH has fallen; quotes move
    /// nothing; the seller receives USD only and every account is conserved.
    @Test func routingAcrossATokenWETHPoolPicksTheBetterRouteAndConserves() throws {
        var weth = constantProduct("weth", tokens: 1_000_000, usd: 1_100_000, fee: 0.003)
        weth.quote = "WETH"
        var s = liquidityScenario(
            volatility: 0, days: 1, pools: [constantProduct("usd", tokens: 1_000_000, fee: 0.003), weth],
            populations: [PopulationSpec(name: "sellers", count: 1, behaviour: .holder(HolderSpec()))])
        s.assets = [externalAsset("WETH", price: 2_000, volatility: 0)]
        var sim = try Simulation(scenario: s, run: 0)
        let account = sim.populations[0].account
        let wethAsset = Asset(index: 2)
        // The WETH pool holds 1.1M USD of WETH at 2000 USD each.
        #expect(abs(sim.venues.exchange.pools[1].holdings.usd - 550) < 1e-9)
        #expect(abs(sim.world.venues.exchange.poolPriceUSD(1, economy: sim.world.economy) - 1.1) < 1e-9)
        let before = sim.venues.exchange.pools.map(\.holdings)
        let quote = sim.world.venues.exchange.quoteSell(100, economy: sim.world.economy)
        #expect(sim.venues.exchange.pools.map(\.holdings.token) == before.map(\.token))
        let cashBefore = sim.economy.ledger.balance(.cash, account)
        let proceeds = sim.world.venues.exchange.sellTokens(100, from: account, flow: .holder, economy: &sim.world.economy)
        #expect(abs(proceeds - quote) < 1e-9 * quote)
        #expect(proceeds > 100 * 1.0 && proceeds < 110)
        #expect(sim.venues.exchange.pools[0].holdings.token == before[0].token)
        #expect(abs(sim.venues.exchange.pools[1].holdings.token - before[1].token - 100) < 1e-9)
        // The WETH paid out was sold at its external price: the seller holds USD, no WETH.
        let wethOut = before[1].usd - sim.venues.exchange.pools[1].holdings.usd
        #expect(abs(proceeds - wethOut * 2_000) < 1e-9 * proceeds)
        #expect(abs(sim.economy.ledger.balance(.cash, account) - cashBefore - proceeds) < 1e-9 * proceeds)
        #expect(sim.economy.ledger.balance(wethAsset, account) == 0)
        #expect(abs(sim.venues.exchange.pools[1].volumeToday[OrderFlow.holder.rawValue] - proceeds) < 1e-9 * proceeds)
        #expect(sim.economy.ledger.check().isEmpty)

        // WETH falls 20%: the same tokens are now worth 0.88 USD in the WETH pool, so the
        // next sale goes to the TKN/USD pool.
        sim.economy.assetMarkets[0].shock(-0.2)
        let middle = sim.venues.exchange.pools.map(\.holdings)
        _ = sim.world.venues.exchange.sellTokens(100, from: account, flow: .holder, economy: &sim.world.economy)
        #expect(abs(sim.venues.exchange.pools[0].holdings.token - middle[0].token - 100) < 1e-9)
        #expect(sim.venues.exchange.pools[1].holdings.token == middle[1].token)
        // A purchase now goes through WETH (cheap tokens there): USD -> WETH -> TKN.
        sim.economy.cash[0] += 1_000
        sim.economy.ledger.transfer(.cash, from: sim.economy.outside, to: account, 1_000)
        let bought = sim.world.venues.exchange.buyTokens(usd: 50, for: account, flow: .noise, economy: &sim.world.economy)
        #expect(sim.venues.exchange.pools[1].holdings.token < middle[1].token)
        #expect(bought > 50 / 0.9)
        #expect(sim.economy.ledger.balance(wethAsset, account) == 0)
        #expect(sim.economy.ledger.check().isEmpty)
    }

    /// Arbitrageurs keep TKN/WETH pools (constant product and concentrated) at
    /// `P_token / P_WETH` within the fee band while both prices move and noise traders trade.
    @Test func arbitrageKeepsATokenWETHPoolAtTheRatioWithinFees() throws {
        let fee = 0.003
        var pair = constantProduct("pair", tokens: 1_000_000, fee: fee)
        pair.quote = "WETH"
        var v3 = PoolSpec(name: "v3", kind: .concentrated, tokenReserve: 1_000_000)
        v3.fee = fee
        v3.quote = "WETH"
        var noise = NoiseTraderSpec()
        noise.activity = 0.5
        var traders = PopulationSpec(name: "noise", count: 50, behaviour: .noiseTrader(noise))
        traders.initialCash = .constant(10_000)
        traders.initialBalance = .constant(10_000)
        var s = liquidityScenario(
            volatility: 0.5, days: 120, pools: [pair, v3], populations: [traders, arbitrageurs()],
            metrics: ["price", "pool_price:pair", "pool_price:v3", "pool_lvr:pair", "pool_value:pair"])
        s.assets = [externalAsset("WETH", price: 3_000, volatility: 0.7)]
        var sim = try Simulation(scenario: s, run: 0)
        let outcome = sim.run(check: true)
        let external = try series(outcome, "price")
        // pool_price is in USD per token: the pool's WETH price times WETH's USD price, so
        // its ratio to the token's external price is the pool's ratio to P_token / P_WETH.
        for name in ["pool_price:pair", "pool_price:v3"] {
            let pool = try series(outcome, name)
            for day in external.indices {
                #expect(abs(pool[day] / external[day] - 1) <= fee / (1 - fee) + 1e-9, "\(name) day \(day + 1): \(pool[day]) vs \(external[day])")
            }
        }
        #expect(try series(outcome, "pool_lvr:pair").reduce(0, +) > 0)
        // The pool's value is in USD: about twice the token side at day 0.
        #expect(abs(try series(outcome, "pool_value:pair")[0] / 2_000_000 - 1) < 0.2)
        #expect(sim.economy.assetMarkets[0].price != 3_000, "WETH's price moves on its own stream")
    }

    /// A USD/USDT StableSwap pool tracks USDT's moving price within its fee band (noise
    /// traders on the pool, arbitrageurs), through a depeg; its LVR and fees are in USD.
    @Test func aUSDUSDTPoolTracksTheUSDTPriceWithinItsFeeBand() throws {
        let fee = 0.0004
        var noise = NoiseTraderSpec()
        noise.activity = 0.5
        noise.size = .lognormal(mu: 8, sigma: 1)
        noise.pool = "stable"
        var traders = PopulationSpec(name: "stable_noise", count: 50, behaviour: .noiseTrader(noise))
        traders.initialCash = .constant(50_000)
        traders.initialBalance = .constant(0)
        var s = liquidityScenario(
            volatility: 0.3, days: 60,
            pools: [constantProduct("main", tokens: 1_000_000, fee: 0.003), stablePool("stable", asset: "USDT", usd: 5_000_000, fee: fee)],
            populations: [traders, arbitrageurs(gas: 0.01)],
            events: [EventSpec(day: 30, action: .assetShock(asset: "USDT", change: -0.03))],
            metrics: ["pool_price:stable", "pool_volume:stable", "pool_fees:stable", "pool_lvr:stable"])
        s.assets = [externalAsset("USDT", price: 1, volatility: 0.05)]
        var sim = try Simulation(scenario: s, run: 0)
        var usdt: [Double] = []
        var pool: [Double] = []
        for day in 1...s.horizonDays {
            sim.step(day: day)
            #expect(sim.firstViolation() == nil, "day \(day)")
            usdt.append(sim.economy.usdPrice(Asset(index: 2)))
            pool.append(sim.world.venues.exchange.poolPriceUSD(1, economy: sim.world.economy))
        }
        for day in usdt.indices {
            #expect(abs(pool[day] / usdt[day] - 1) < fee + 1e-4, "day \(day + 1): pool \(pool[day]), USDT \(usdt[day])")
        }
        #expect(usdt[29] < 0.99, "the depeg moved USDT")
        #expect(sim.venues.exchange.pools[1].volumeToday.reduce(0, +) > 0)
        #expect(sim.venues.exchange.pools[1].volumeToday[OrderFlow.noise.rawValue] > 0)
        // The stable pool is not a route for the token: the token pool count is 1.
        #expect(sim.venues.exchange.tokenPoolCount == 1)
    }

    /// Passive LPs of a TKN/WETH pair deposit USD converted to WETH at its external price
    /// and withdraw WETH converted back; every step conserves and no population holds WETH.
    @Test func passiveLPsOfATokenWETHPairConserve() throws {
        var pair = constantProduct("pair", tokens: 1_000_000, fee: 0.003)
        pair.quote = "WETH"
        var lp = PassiveLPSpec(pool: "pair")
        lp.depositFraction = 0.5
        lp.maxVolatility = .uniform(low: 0.2, high: 0.6)
        var lps = PopulationSpec(name: "lps", count: 20, behaviour: .passiveLP(lp))
        lps.initialCash = .constant(2_000)
        lps.initialBalance = .constant(1_000)
        var s = liquidityScenario(
            volatility: 0.4, days: 90, pools: [pair], populations: [lps, arbitrageurs()],
            metrics: ["lp_value:lps", "pool_value:pair"])
        s.assets = [externalAsset("WETH", price: 3_000, volatility: 0.7)]
        var sim = try Simulation(scenario: s, run: 0)
        // Day 1: the LPs deposit at the pool's USD price; their USD bought WETH worth the same.
        let depositPrice = sim.world.venues.exchange.poolPriceUSD(0, economy: sim.world.economy)
        sim.step(day: 1)
        #expect(sim.firstViolation() == nil)
        let shares = sim.venues.exchange.pools[0].shares(of: sim.populations[0].account)
        #expect(shares > 0)
        let b = try #require(sim.populations[0].behaviour as? PassiveLPBehaviour)
        #expect(abs(b.flows.depositedUSD / (b.flows.depositedTokens * depositPrice) - 1) < 1e-9)
        #expect(b.flows.depositedTokens > 0)
        for day in 2...s.horizonDays {
            sim.step(day: day)
            #expect(sim.firstViolation() == nil, "day \(day)")
        }
        #expect(sim.economy.ledger.balance(Asset(index: 2), sim.populations[0].account) == 0)
    }

    /// Asset price paths come from their own streams: adding an asset (and a pool on it)
    /// leaves the token's market path unchanged.
    @Test func assetsDoNotChangeTheMarketPath() throws {
        let base = liquidityScenario(volatility: 0.6, days: 30, pools: [constantProduct("main", tokens: 1_000_000, fee: 0.003)], populations: [], metrics: ["price"])
        var withAsset = base
        withAsset.assets = [externalAsset("WETH", price: 3_000, volatility: 0.7)]
        var a = try Simulation(scenario: base, run: 0)
        var b = try Simulation(scenario: withAsset, run: 0)
        #expect(try series(a.run(check: true), "price") == series(b.run(check: true), "price"))
    }
}

@Suite struct ThreePoolsExampleTests {
    /// `examples/three-pools.yaml`: on the day WETH crashes 40% (day 120, before the agents
    /// act), holders' sales leave the TKN/WETH pool (its WETH now pays less USD) for the
    /// TKN/USD pool, and return once the arbitrageurs have realigned it.
    @Test func theWETHCrashShiftsHoldersSalesToTheUSDPool() throws {
        let path = exampleScenarioPaths().first { $0.hasSuffix("three-pools.yaml") }
        let s = try ScenarioFiles.load(path: try #require(path))
        var sim = try Simulation(scenario: s, run: 0)
        let weth = try #require(sim.venues.exchange.poolID(named: "weth")).index
        let main = try #require(sim.venues.exchange.poolID(named: "main")).index
        var share: [Double] = []
        for day in 1...125 {
            sim.step(day: day)
            let holder = OrderFlow.holder.rawValue
            let inWETH = sim.venues.exchange.pools[weth].volumeToday[holder]
            let total = inWETH + sim.venues.exchange.pools[main].volumeToday[holder]
            share.append(total > 0 ? inWETH / total : .nan)
        }
        let before = share[99..<119].reduce(0, +) / 20
        #expect(before > 0.1, "the WETH pool takes part of the holders' sales before the crash: \(before)")
        #expect(share[119] < before / 10, "day 120: \(share[119]) of the sales in the WETH pool, \(before) before")
        #expect(share[121] > before / 2, "realigned by day 122: \(share[121])")
    }
}
