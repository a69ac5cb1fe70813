import Foundation
import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// `y·x/((X − x)·(1 − f))`: USD to buy `x` tokens from a pair holding `X` tokens and `y` USD.
func pairCost(tokens x: Double, tokenReserve X: Double, usdReserve y: Double, fee f: Double) -> Double {
    y * x / ((X - x) * (1 - f))
}

/// `Δy·(1 − f)·X/(y + Δy·(1 − f))`: tokens that `Δy` USD buys from the same pair.
func pairTokensOut(usd dy: Double, tokenReserve X: Double, usdReserve y: Double, fee f: Double) -> Double {
    dy * (1 - f) * X / (y + dy * (1 - f))
}

func nearly(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

@Suite struct ProtocolTradesThroughPoolsTests {
    /// The treasury's diversification sale goes into the pool: it receives the pair's
    /// output (slippage and fee paid), the pool's price falls, and the sale is the pool's
    /// volume and the day's sell pressure.
    @Test func treasurySalesAreSwapsInTheMainPool() throws {
        let yaml = """
            name: t
            horizon_days: 8
            token: {allocations: {treasury: 100000}}
            market: {volatility: 0, price: 2, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
            mechanisms:
              vote_escrow: {}
              treasury: {diversification: {tokens_per_period: 1000, period_days: 7, minimum_price: 0, max_stable_share: 0.9}}
            populations:
              - {name: a, count: 3, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (_, r) = try checkedRun(yaml)
        let cash = try column(r, "treasury_cash")
        let poolPrice = try column(r, "pool_price")
        let volume = try column(r, "pool_volume:main")
        let sold = try column(r, "treasury_sell_pressure")
        let pressure = try column(r, "sell_pressure")
        let day7 = 6, day6 = 5
        let proceeds = 1000 * 0.997 * 200_000 / (100_000 + 1000 * 0.997)
        #expect(sold[day7] == 1000 && pressure[day7] == 1000)
        #expect(nearly(cash[day7] - cash[day6], proceeds), "received \(cash[day7] - cash[day6]), the pair pays \(proceeds)")
        #expect(proceeds < 1000 * 2)
        #expect(nearly(volume[day7], proceeds) && volume[day6] == 0)
        #expect(nearly(poolPrice[day7], (200_000 - proceeds) / 101_000) && poolPrice[day6] == 2)
    }

    /// The buyback buys in the pool (the pool's price rises and each day's tokens are the
    /// pair's output for the day's USD), and the tokens are burned.
    @Test func buybacksAreSwapsInTheMainPool() throws {
        let yaml = """
            name: t
            horizon_days: 5
            market: {volatility: 0, price: 1, impact: {model: none}, volume_usd: 1000000}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {fee_rate: 0.01}
              revenue_split: {lockers: 0, treasury: 0, buyback_and_burn: 1}
            populations:
              - {name: a, count: 3, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (sim, r) = try checkedRun(yaml)
        let burned = try column(r, "buyback_burned")
        let poolPrice = try column(r, "pool_price")
        #expect(nearly(burned[0], pairTokensOut(usd: 10_000, tokenReserve: 100_000, usdReserve: 100_000, fee: 0.003)))
        for d in 1..<r.rowCount { #expect(poolPrice[d] > poolPrice[d - 1] && burned[d] < burned[d - 1], "day \(d + 1)") }
        let minted = 100_000 + 3 * 1000.0
        #expect(nearly(sim.economy.ledger.supply(.token), minted - burned.reduce(0, +)))
    }

    /// The governance attacker's purchase is a swap in the pool: it locks exactly what the
    /// pair pays for its budget.
    @Test func theAttackerBuysInThePool() throws {
        let yaml = """
            name: t
            horizon_days: 10
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
            mechanisms:
              vote_escrow: {max_lock_days: 1460, week_rounding: false}
              fee_sharing: {}
              governance: {quorum: 0.1, threshold: 0.5, voting_delay_days: 1, voting_period_days: 5, timelock_days: 1, attacker_budget_usd: 20000}
            populations:
              - {name: a, count: 5, initial_balance: 1000, behaviour: holder, patience: 1, lock_propensity: 1, lock_fraction: 1, sell_propensity: 0, governance_support: 0}
            events:
              - {day: 3, propose: {set: {mechanisms.fee_sharing.fee_rate: 0.5}}}
            """
        let (_, r) = try checkedRun(yaml)
        let locked = try column(r, "locked")
        let poolPrice = try column(r, "pool_price")
        let volume = try column(r, "pool_volume:main")
        let bought = pairTokensOut(usd: 20_000, tokenReserve: 100_000, usdReserve: 100_000, fee: 0.003)
        #expect(nearly(locked[2] - locked[1], bought), "locked \(locked[2] - locked[1]), the pair pays \(bought)")
        #expect(nearly(poolPrice[2], 120_000 / (100_000 - bought)))
        #expect(volume[2] == 20_000)
        #expect(try column(r, "proposals_executed")[r.rowCount - 1] == 1)
    }
}

@Suite struct AttackCostThroughPoolsTests {
    /// 50 holders with 1000 tokens each, governance by stake (`V = 50,000`, so a majority
    /// needs `x* = 50,000` tokens), one pair at `price`, nobody trading.
    static func cost(tokenReserve: Double, price: Double = 1) throws -> (cost: Double, poolValue: Double) {
        let yaml = """
            name: t
            horizon_days: 3
            market: {volatility: 0, price: \(price), impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: \(tokenReserve), fee: 0.003}
            mechanisms: {vote_escrow: {}, governance: {voting_power: stake}}
            populations:
              - {name: a, count: 50, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (_, r) = try checkedRun(yaml)
        let last = r.rowCount - 1
        return (try column(r, "attack_cost_usd")[last], try column(r, "pool_value:main")[last])
    }

    /// (a) The economics: at a fixed price and fixed stake, a deeper pool charges less
    /// slippage for the same `x*`, so the attack is cheaper; each cost is the pair's
    /// closed form, and a pool holding fewer tokens than `x*` cannot sell a majority at all.
    @Test func aDeeperPoolAtTheSamePriceLowersTheCost() throws {
        let thin = try Self.cost(tokenReserve: 100_000).cost
        let deep = try Self.cost(tokenReserve: 1_000_000).cost
        #expect(nearly(thin, pairCost(tokens: 50_000, tokenReserve: 100_000, usdReserve: 100_000, fee: 0.003)))
        #expect(nearly(deep, pairCost(tokens: 50_000, tokenReserve: 1_000_000, usdReserve: 1_000_000, fee: 0.003)))
        #expect(thin > deep && deep > 50_000)
        #expect(try Self.cost(tokenReserve: 40_000).cost == .infinity)
    }

    /// (b) The reading in which the "the attack cost rises when pool depth rises"
    /// holds: depth in USD that comes with the token's price. The same token reserve at
    /// twice the price is a pool twice as deep in USD (`pool_value`, and the USD a trade
    /// needs to move its price), and the attack costs exactly twice as much; depth in tokens
    /// at a fixed price lowers it (test (a)).
    @Test func depthThatComesWithThePriceRaisesTheCost() throws {
        let base = try Self.cost(tokenReserve: 1_000_000, price: 1)
        let dear = try Self.cost(tokenReserve: 1_000_000, price: 2)
        #expect(nearly(dear.poolValue, 2 * base.poolValue))
        #expect(nearly(dear.cost, 2 * base.cost))
    }

    /// Several pools: the cost is the router's — buying `x` for the cost yields `x` — and it
    /// increases with `x`.
    @Test func theCostInvertsTheRouterAcrossPools() throws {
        let yaml = """
            name: t
            horizon_days: 1
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
              - {name: v3, kind: concentrated, token_reserve: 50000, fee: 0.003, tick_spacing: 60, ranges: [{lower: 0.8, upper: 1.25}]}
            populations:
              - {name: a, count: 2, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (sim, _) = try checkedRun(yaml)
        let economy = sim.economy
        var exchange = sim.venues.exchange
        var previous = 0.0
        for x in [10.0, 1_000, 30_000, 90_000, 200_000] {
            let usd = exchange.routedPurchaseCost(tokens: x, economy: economy)
            #expect(usd.isFinite && usd > previous, "x = \(x): \(usd)")
            let quoted = exchange.quoteBuy(usd: usd, economy: economy)
            #expect(nearly(quoted, x, 1e-9), "x = \(x): the router gives \(quoted) for \(usd)")
            previous = usd
        }
        // Quoting changed nothing.
        #expect(exchange.pools[0].price == sim.venues.exchange.pools[0].price && exchange.pools[1].price == sim.venues.exchange.pools[1].price)
    }

    /// Without pools the cost is the impact model's, unchanged.
    @Test func withoutPoolsTheCostIsTheImpactModels() throws {
        let yaml = """
            name: t
            horizon_days: 2
            market: {volatility: 0, impact: {model: linear, coefficient: 1.0e-6}}
            mechanisms: {vote_escrow: {}, governance: {voting_power: stake}}
            populations:
              - {name: a, count: 50, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
            """
        let (_, r) = try checkedRun(yaml)
        let x = 50_000.0
        #expect(nearly(try column(r, "attack_cost_usd")[r.rowCount - 1], x + 1e-6 * x * x / 2))
    }
}

@Suite struct LPRevenueShareTests {
    static let yaml = """
        name: t
        horizon_days: 20
        market: {volatility: 0, impact: {model: none}, volume_usd: 1000000}
        pools:
          - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
        mechanisms:
          vote_escrow: {}
          fee_sharing: {fee_rate: 0.001}
          revenue_split: {lockers: 0.4, treasury: 0.3, liquidity_providers: 0.3}
        populations:
          - {name: holders, count: 3, initial_balance: 1000, behaviour: holder, lock_propensity: 0.5, sell_propensity: 0}
          - {name: lps, count: 4, initial_balance: 10000, initial_cash: 10000, behaviour: passive_lp, pool: main, min_fee_apr: 0, max_volatility: 10}
        """

    /// Each day the LP share of revenue is split between the LP population and the
    /// treasury's protocol-owned shares pro-rata to LP shares; the population's agents'
    /// cash grows by exactly what it was paid (nothing else moves their cash), and the
    /// ledger balances after every step (`checkedRun`).
    @Test func theLPShareIsPaidProRataAndConserved() throws {
        let (sim, r) = try checkedRun(Self.yaml)
        let revenue = try column(r, "fee_revenue")
        let paid = try column(r, "lp_revenue:lps")
        let share = try column(r, "lp_share:lps")
        let pool = sim.venues.exchange.pools[0]
        let supply = try #require(pool.lpShares).totalSupply
        let treasury = try #require(pool.lpShares).balance(named: LiquidityPool.treasuryOwner)
        for d in 0..<r.rowCount {
            let held = share[d] * supply
            let expected = 0.3 * revenue[d] * held / (held + treasury)
            #expect(nearly(paid[d], expected, 1e-9), "day \(d + 1): \(paid[d]) vs \(expected)")
        }
        #expect(paid.allSatisfy { $0 > 0 })
        let p = try #require(sim.populations.firstIndex { $0.name == "lps" })
        let rows = sim.populations[p].rows
        let lp = try #require(sim.populations[p].behaviour as? PassiveLPBehaviour)
        let cash = rows.reduce(0.0) { $0 + sim.economy.cash[$1] }
        #expect(nearly(cash, 4 * 10_000 - lp.flows.depositedUSD + paid.reduce(0, +), 1e-12))
    }

    /// Without the LP share nothing is paid and the population's cash is what it kept.
    @Test func withoutTheShareNothingIsPaid() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "treasury: 0.3, liquidity_providers: 0.3", with: "treasury: 0.6")
        let (_, r) = try checkedRun(yaml)
        #expect(try column(r, "lp_revenue:lps").allSatisfy { $0 == 0 })
    }
}

@Suite struct LPPopulationMetricTests {
    /// A passive LP population deposits on day 1 at price 1; the price doubles on day 2 (a
    /// scripted shock, no fee, no volatility) and an arbitrageur realigns the pool. Its
    /// `lp_il` is the closed form `2√2/3 − 1 ≈ −5.72%`, its P&L against holding is the same
    /// loss in USD, and its share of the pool is its shares over the supply.
    @Test func passiveLPLossAtPriceRatioTwoIsTheClosedForm() throws {
        let yaml = """
            name: t
            horizon_days: 3
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0}
            populations:
              - {name: lps, count: 3, initial_balance: 1000, initial_cash: 1000, behaviour: passive_lp, pool: main, min_fee_apr: 0, max_volatility: 10}
              - {name: arbs, count: 1, initial_balance: 0, behaviour: arbitrageur, gas_usd: 0}
            events:
              - {day: 2, price_shock: 1.0}
            """
        let (sim, r) = try checkedRun(yaml)
        let il = try column(r, "lp_il:lps")
        let pnl = try column(r, "lp_pnl:lps")
        let value = try column(r, "lp_value:lps")
        let share = try column(r, "lp_share:lps")
        #expect(abs(il[0]) < 1e-12 && abs(pnl[0]) < 1e-9)
        let closedForm = 2 * 2.0.squareRoot() / 3 - 1
        #expect(abs(il[1] - closedForm) < 1e-9, "lp_il \(il[1]), closed form \(closedForm)")
        // Holding would be worth value / (1 + il); the P&L is the difference.
        #expect(nearly(pnl[1], value[1] - value[1] / (1 + il[1]), 1e-9))
        // Deposited 3 × 1000 tokens and 3000 USD; at price 2 holding is worth 9000.
        #expect(nearly(value[1], 9000 * (1 + closedForm), 1e-9))
        let pool = sim.venues.exchange.pools[0]
        let lp = try #require(pool.lpShares)
        #expect(nearly(share[2], pool.shares(of: sim.populations[0].account) / lp.totalSupply, 1e-12))
    }

    /// A range LP's position on `[pa, pb]` minted at `p0`; the price rises 20% (inside the
    /// range, inside its rebalance band) and the arbitrageur realigns the pool (no fee). Its
    /// `lp_il` is the closed form for its range:
    /// `V/H − 1` with `V = L(2√p − √pa − p/√pb)` and `H = L((1/√p0 − 1/√pb)·p + √p0 − √pa)`.
    @Test func rangeLPLossIsTheClosedFormForItsRange() throws {
        let yaml = """
            name: t
            horizon_days: 3
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: v3, kind: concentrated, token_reserve: 100000, fee: 0, tick_spacing: 10, ranges: [{lower: 0.5, upper: 2.0}]}
            populations:
              - {name: lps, count: 1, initial_balance: 1000, initial_cash: 1000, behaviour: range_lp, pool: v3, width: 0.5, rebalance_band: 0.9, gas_usd: 0}
              - {name: arbs, count: 1, initial_balance: 0, behaviour: arbitrageur, gas_usd: 0}
            events:
              - {day: 2, price_shock: 0.2}
            """
        let (sim, r) = try checkedRun(yaml)
        let lp = try #require(sim.populations[0].behaviour as? RangeLPBehaviour)
        #expect(lp.rebalances == 0)
        let sa = ConcentratedLiquidityPool.sqrtPrice(atTick: Int(lp.tickLower[0]))
        let sb = ConcentratedLiquidityPool.sqrtPrice(atTick: Int(lp.tickUpper[0]))
        let s0 = lp.centre[0].squareRoot()
        let p = 1.2
        let v = 2 * p.squareRoot() - sa - p / sb
        let h = (1 / s0 - 1 / sb) * p + s0 - sa
        let il = try column(r, "lp_il:lps")
        #expect(abs(il[1] - (v / h - 1)) < 1e-9, "lp_il \(il[1]), closed form \(v / h - 1)")
        #expect(il[1] < 2 * 2.0.squareRoot() / 3 - 1 + 0.06 && il[1] < 0)
        // In range, alone with the treasury's range: its share of the active liquidity.
        let share = try column(r, "lp_share:lps")
        let v3 = try #require(sim.venues.exchange.pools[0].concentrated)
        #expect(nearly(share[2], lp.liquidity[0] / v3.liquidity, 1e-12))
    }

    /// With fees, each LP population's `lp_fees` is the pool's fees less the fee switch's
    /// cut, times its share; the populations' and the treasury's parts add up to the LPs'
    /// fees. Here a noise trader trades in a pair with the fee switch on.
    @Test func feesArePoolFeesTimesShareLessTheProtocolsCut() throws {
        let yaml = """
            name: t
            horizon_days: 10
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003, protocol_fee_share: 0.25}
            populations:
              - {name: lps, count: 3, initial_balance: 1000, initial_cash: 1000, behaviour: passive_lp, pool: main, min_fee_apr: 0, max_volatility: 10}
              - {name: more, count: 2, initial_balance: 5000, initial_cash: 5000, behaviour: passive_lp, pool: main, min_fee_apr: 0, max_volatility: 10}
              - {name: noise, count: 20, initial_balance: 1000, initial_cash: 1000, behaviour: noise_trader, activity: 1, size_usd: 100}
            """
        let (sim, r) = try checkedRun(yaml)
        let poolFees = try column(r, "pool_fees:main")
        let a = try column(r, "lp_fees:lps"), b = try column(r, "lp_fees:more")
        let sa = try column(r, "lp_share:lps"), sb = try column(r, "lp_share:more")
        let lp = try #require(sim.venues.exchange.pools[0].lpShares)
        let protocolShare = (lp.totalSupply - sa[r.rowCount - 1] * lp.totalSupply - sb[r.rowCount - 1] * lp.totalSupply) / lp.totalSupply
        #expect(protocolShare > 0 && protocolShare < 1)
        for d in 0..<r.rowCount {
            #expect(poolFees[d] > 0)
            #expect(nearly(a[d], poolFees[d] * 0.75 * sa[d], 1e-12) && nearly(b[d], poolFees[d] * 0.75 * sb[d], 1e-12))
            #expect(sa[d] > 0 && sb[d] > sa[d] && sa[d] + sb[d] < 1)
        }
    }
}

@Suite struct AttackCostWithLPStakeTests {
    /// 20 holders with 1000 tokens each (`V₀ = 20,000`) and `lps` passive LPs who each put
    /// 10,000 tokens and 10,000 USD into a pair seeded with 1000 tokens at price 1; nobody
    /// trades. Returns the attack cost and the pair's `X` and the LPs' share `s` of it.
    static func cost(lps: Int, votingPower: String) throws -> (cost: Double, tokens: Double, lpShare: Double) {
        let yaml = """
            name: t
            horizon_days: 2
            market: {volatility: 0, impact: {model: none}}
            pools:
              - {name: main, kind: constant_product, token_reserve: 1000, fee: 0.003}
            mechanisms: {vote_escrow: {}, governance: {voting_power: \(votingPower)}}
            populations:
              - {name: holders, count: 20, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0}
              - {name: lps, count: \(lps), initial_balance: 10000, initial_cash: 10000, behaviour: passive_lp, pool: main, deposit_fraction: 1, min_fee_apr: 0, max_volatility: 10}
            """
        let (sim, r) = try checkedRun(yaml)
        let pool = sim.venues.exchange.pools[0]
        let pair = try #require(pool.constantProduct)
        let share = pool.shares(of: sim.populations[1].account) / pair.shares.totalSupply
        return (try column(r, "attack_cost_usd")[r.rowCount - 1], pair.reserve0, share)
    }

    /// When LP positions vote (`stake_with_lp`), the attacker's purchase also takes tokens
    /// from the LPs, so it needs `x* = (V₀ + s·X)/(1 + s)` and pays the pair's price for it,
    /// `X·x*/((X − x*)(1 − f))` at price 1. That cost falls with depth while the pool is
    /// thin and rises once `X` passes about `(1 + √2)·V₀`: the reading in which "the attack
    /// cost rises when pool depth rises" holds. With plain `stake` (LP tokens are not votes)
    /// it only falls.
    @Test func withLPVotesTheCostRisesWithDepthPastTheMinimum() throws {
        var costs: [Double] = []
        for lps in [2, 5, 15] {
            let c = try Self.cost(lps: lps, votingPower: "stake_with_lp")
            let x = (20_000 + c.lpShare * c.tokens) / (1 + c.lpShare)
            let expected = c.tokens * x / ((c.tokens - x) * 0.997)
            #expect(nearly(c.cost, expected, 1e-9), "\(lps) LPs: \(c.cost) vs closed form \(expected)")
            costs.append(c.cost)
        }
        #expect(costs[0] > costs[1] && costs[2] > costs[1], "\(costs)")
        let plain = try [5, 15].map { try Self.cost(lps: $0, votingPower: "stake").cost }
        #expect(plain[1] < plain[0])
        #expect(nearly(plain[1], pairCost(tokens: 20_000, tokenReserve: 151_000, usdReserve: 151_000, fee: 0.003), 1e-9))
    }

    /// LP agents vote with their positions' tokens: a proposal they oppose fails under
    /// `stake_with_lp` and passes under `stake`, where only the holders' wallets count.
    @Test func lpPositionsVote() throws {
        func executed(_ votingPower: String) throws -> Double {
            let yaml = """
                name: t
                horizon_days: 15
                market: {volatility: 0, impact: {model: none}}
                pools:
                  - {name: main, kind: constant_product, token_reserve: 1000, fee: 0.003}
                mechanisms: {vote_escrow: {}, fee_sharing: {}, governance: {voting_power: \(votingPower), quorum: 0.1, voting_delay_days: 1, voting_period_days: 5, timelock_days: 1}}
                populations:
                  - {name: holders, count: 20, initial_balance: 1000, behaviour: holder, lock_propensity: 0, sell_propensity: 0, governance_support: 1}
                  - {name: lps, count: 5, initial_balance: 10000, initial_cash: 10000, behaviour: passive_lp, pool: main, deposit_fraction: 1, min_fee_apr: 0, max_volatility: 10, governance_support: 0}
                events:
                  - {day: 3, propose: {set: {mechanisms.fee_sharing.fee_rate: 0.5}}}
                """
            let (_, r) = try checkedRun(yaml)
            return try column(r, "proposals_executed")[r.rowCount - 1]
        }
        #expect(try executed("stake") == 1)
        #expect(try executed("stake_with_lp") == 0)
    }
}

@Suite struct LPPnLIdentityTests {
    /// `lp_pnl` from the population's flows equals its wealth against holding, measured
    /// from the agents' wallets: (positions + wallet tokens · P + wallet cash) − (day-0
    /// tokens · P + day-0 cash), at the final external price. Range LPs here rebalance
    /// often (paying gas), collect fees, and the price moves every day.
    @Test func rangeLPPnLIsItsWealthAgainstHolding() throws {
        let yaml = """
            name: t
            horizon_days: 60
            seed: 5
            market: {volatility: 0.9, impact: {model: none}}
            pools:
              - {name: v3, kind: concentrated, token_reserve: 100000, fee: 0.003, tick_spacing: 10, ranges: [{lower: 0.5, upper: 2.0}]}
            populations:
              - {name: lps, count: 4, initial_balance: 1000, initial_cash: 20000, behaviour: range_lp, pool: v3, width: {uniform: [0.02, 0.1]}, rebalance_band: 0.5, deposit_fraction: 0.5, gas_usd: 1}
              - {name: noise, count: 20, initial_balance: 10000, initial_cash: 10000, behaviour: noise_trader, activity: 1, size_usd: 200}
              - {name: arbs, count: 1, initial_balance: 0, behaviour: arbitrageur, gas_usd: 0}
            """
        let (sim, r) = try checkedRun(yaml)
        let lp = try #require(sim.populations[0].behaviour as? RangeLPBehaviour)
        #expect(lp.rebalances > 4 && lp.flows.gasUSD == Double(lp.rebalances), "\(lp.rebalances) rebalances, liquidity \(lp.liquidity), gas \(lp.flows.gasUSD)")
        let last = r.rowCount - 1
        let price = try column(r, "price")[last]
        let value = try column(r, "lp_value:lps")[last]
        let rows = sim.populations[0].rows
        let wallet = rows.reduce(0.0) { $0 + sim.economy.tokens[$1] * price + sim.economy.cash[$1] }
        let wealthVersusHolding = value + wallet - 4 * (1000 * price + 20000)
        #expect(nearly(try column(r, "lp_pnl:lps")[last], wealthVersusHolding, 1e-9))
        #expect(try column(r, "lp_fees:lps").reduce(0, +) > 0)
    }

    /// The same identity for passive LPs who leave and come back (a low volatility limit)
    /// and are paid a revenue share, which reaches their wallets.
    @Test func passiveLPPnLIsItsWealthAgainstHolding() throws {
        let yaml = """
            name: t
            horizon_days: 90
            seed: 3
            market: {volatility: 0.7, impact: {model: none}, volume_usd: 1000000}
            pools:
              - {name: main, kind: constant_product, token_reserve: 100000, fee: 0.003}
            mechanisms:
              vote_escrow: {}
              fee_sharing: {fee_rate: 0.001}
              revenue_split: {lockers: 0.5, treasury: 0.3, liquidity_providers: 0.2}
            populations:
              - {name: lps, count: 6, initial_balance: 1000, initial_cash: 1000, behaviour: passive_lp, pool: main, min_fee_apr: 0, max_volatility: {uniform: [0.5, 0.9]}}
              - {name: noise, count: 20, initial_balance: 10000, initial_cash: 10000, behaviour: noise_trader, activity: 1, size_usd: 200}
              - {name: arbs, count: 1, initial_balance: 0, behaviour: arbitrageur, gas_usd: 0}
            """
        let (sim, r) = try checkedRun(yaml)
        let lp = try #require(sim.populations[0].behaviour as? PassiveLPBehaviour)
        #expect(lp.flows.withdrawnTokens > 0, "some LPs left")
        let last = r.rowCount - 1
        let price = try column(r, "price")[last]
        let value = try column(r, "lp_value:lps")[last]
        let rows = sim.populations[0].rows
        let wallet = rows.reduce(0.0) { $0 + sim.economy.tokens[$1] * price + sim.economy.cash[$1] }
        let wealthVersusHolding = value + wallet - 6 * (1000 * price + 1000)
        #expect(nearly(try column(r, "lp_pnl:lps")[last], wealthVersusHolding, 1e-9))
        #expect(try column(r, "lp_revenue:lps").reduce(0, +) > 0)
    }
}
