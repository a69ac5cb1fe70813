import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// The engine's side of the pools: building them from `pools:`, the liquidity behaviours,
/// the daily arbitrage and statistics, the per-pool metrics and invariants.
struct LiquidityRun: Sendable {
    /// Populations whose behaviour is ``ArbitrageurBehaviour``, in population order.
    var arbitrageurs: [Int] = []
    /// Whether the external market's next move is drawn at the start of the day (there are
    /// pools or informed traders); otherwise it is drawn when the price moves, as always.
    var drawsEarly = false
    /// Days of history in the trailing windows.
    static let feeWindow = 7
    static let volatilityWindow = 30
    /// Per pool: the last ``feeWindow`` days' fees (USD) and values, ring buffers.
    var feeHistory: [[Double]] = []
    var valueHistory: [[Double]] = []
    /// Squared daily log returns of the external price, ring buffer.
    var squaredReturns = [Double](repeating: 0, count: LiquidityRun.volatilityWindow)
    var observedDays = 0
    /// Per pool: value at the external price when the current interval started (for LVR).
    var intervalStartValue: [Double] = []
    /// Per pool: treasury LP shares already counted as fee-switch revenue.
    var feeSwitchShares: [Double] = []
    /// Per pool: USD value of the LP shares the fee switch minted to the treasury today (a
    /// StableSwap pool: of the admin fees claimed today).
    var feeSwitchToday: [Double] = []
    /// Per external asset: its price stream (``RandomStream/assetBase`` + k).
    var assetRNGs: [Xoshiro256StarStar] = []
    /// The liquidity providers' revenue share paid per population (see `Simulation+ProtocolTrades.swift`).
    var providerRevenue = ProviderRevenue()
}

extension Simulation {
    /// Builds the scenario's pools, funded at day 0 (tokens minted into the pool, USD from
    /// the outside market, the position owned by the treasury); returns the tokens minted.
    mutating func buildPools() throws(SimulationError) -> Double {
        var minted = 0.0
        for spec in scenario.pools {
            do throws(PoolError) {
                // Coin 0 is the token (or a coins pool's asset), coin 1 USD or the quote asset;
                // p0 is coin 1 per coin 0 at the day-0 external prices (the market price for a
                // token/USD pool) and price1 coin 1's USD price (1 for USD).
                let coins = poolCoins(spec)
                let price1 = economy.usdPrice(coins.coin1)
                let p0 = economy.usdPrice(coins.coin0) / price1
                switch spec.kind {
                case .constantProduct:
                    var pair = try ConstantProductPool(fee: spec.fee, protocolFeeShare: spec.protocolFeeShare > 0 ? spec.protocolFeeShare : 1.0 / 6.0)
                    let treasury = pair.openAccount(LiquidityPool.treasuryOwner)
                    if spec.protocolFeeShare > 0 { try pair.setFeeTo(treasury) }
                    let usd = spec.usdReserve.map { $0 / price1 } ?? spec.tokenReserve * p0
                    let shares = try pair.addLiquidity(who: treasury, amounts: [spec.tokenReserve, usd])
                    let id = economy.addPool(name: spec.name, constantProduct: pair)
                    economy.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    economy.setInitialPosition(id, token: spec.tokenReserve, usd: usd, shares: shares, treasury: treasury)
                    minted += spec.tokenReserve
                case .stableswap:
                    var curve = try StableSwapPool(
                        coinCount: 2, A: spec.amplification, fee: spec.fee, adminFee: spec.protocolFeeShare)
                    let treasury = curve.openAccount(LiquidityPool.treasuryOwner)
                    // A coins pool: usd_reserve USD and the asset worth the same.
                    let amount0 = spec.hasToken ? spec.tokenReserve : spec.usdReserve! / p0
                    let usd = spec.usdReserve.map { $0 / price1 } ?? spec.tokenReserve * p0
                    let shares = try curve.addLiquidity(who: treasury, amounts: [amount0, usd])
                    let id = economy.addPool(name: spec.name, stableSwap: curve)
                    economy.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    economy.setInitialStableSwapPosition(id, token: amount0, usd: usd, shares: shares, treasury: treasury)
                    if spec.hasToken { minted += spec.tokenReserve }
                case .concentrated:
                    let fee = Int((spec.fee * Double(ConcentratedLiquidityPool.feeDenominator)).rounded())
                    let v3 = try ConcentratedLiquidityPool(price: p0, tickSpacing: spec.tickSpacing, fee: fee)
                    let id = economy.addPool(name: spec.name, concentrated: v3)
                    economy.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    let valuePerRange = 2 * spec.tokenReserve * p0 / Double(spec.ranges.count)
                    var ranges: [(Int, Int, Double)] = []
                    var amounts = (token: 0.0, usd: 0.0)
                    for r in spec.ranges {
                        guard let ticks = economy.tickRange(pool: id, lowerPrice: r.lower * p0, upperPrice: r.upper * p0) else {
                            throw PoolError.invalidParameter("range [\(r.lower), \(r.upper)] of pool \(spec.name) has no ticks")
                        }
                        let unit = economy.pools[id.index].concentrated!.amounts(liquidity: 1, tickLower: ticks.tickLower, tickUpper: ticks.tickUpper)
                        let liquidity = valuePerRange / (unit.amount0 * p0 + unit.amount1)
                        let paid = try economy.mintInitialRange(id, tickLower: ticks.tickLower, tickUpper: ticks.tickUpper, liquidity: liquidity)
                        ranges.append((ticks.tickLower, ticks.tickUpper, liquidity))
                        amounts.token += paid.amount0
                        amounts.usd += paid.amount1
                    }
                    economy.setInitialRanges(id, ranges: ranges, token: amounts.token, usd: amounts.usd)
                    minted += amounts.token
                }
            } catch {
                throw SimulationError(day: 0, message: "pool \(spec.name): \(error)")
            }
        }
        let count = economy.pools.count
        liquidity.feeHistory = Array(repeating: Array(repeating: 0, count: LiquidityRun.feeWindow), count: count)
        liquidity.valueHistory = liquidity.feeHistory
        liquidity.intervalStartValue = economy.pools.indices.map { economy.poolValueUSD($0) }
        liquidity.feeSwitchShares = economy.pools.map { $0.constantProduct?.shares.balance(named: LiquidityPool.treasuryOwner) ?? 0 }
        liquidity.feeSwitchToday = Array(repeating: 0, count: count)
        return minted
    }

    /// The behaviour of a liquidity population (any kind but `holder`), its parameters drawn
    /// from `rng`.
    func liquidityBehaviour(_ spec: PopulationSpec, rng: inout Xoshiro256StarStar) -> any Behaviour {
        func draws(_ d: Distribution) -> [Double] {
            var out = [Double](repeating: 0, count: spec.count)
            for k in out.indices { out[k] = d.sample(&rng) }
            return out
        }
        func pool(_ name: String) -> PoolID {
            guard let id = economy.poolID(named: name) else { preconditionFailure("the decoder checks pool references") }
            return id
        }
        switch spec.behaviour {
        case .holder, .mercenaryFarmer, .longTermFarmer: preconditionFailure("holders and farmers are built by Simulation.init")
        case .arbitrageur(let a): return ArbitrageurBehaviour(gasUSD: a.gasUSD)
        case .passiveLP(let p):
            return PassiveLPBehaviour(
                pool: pool(p.pool), depositFraction: p.depositFraction, minFeeAPR: draws(p.minFeeAPR), maxVolatility: draws(p.maxVolatility))
        case .rangeLP(let r):
            return RangeLPBehaviour(
                pool: pool(r.pool), width: draws(r.width), rebalanceBand: r.rebalanceBand, depositFraction: r.depositFraction, gasUSD: r.gasUSD)
        case .noiseTrader(let t):
            return TraderBehaviour.noise(activity: t.activity, size: t.size, buyProbability: t.buyProbability, stablePool: t.pool.map(pool))
        case .informedTrader(let t): return TraderBehaviour.informed(activity: t.activity, size: t.size, accuracy: t.accuracy)
        }
    }

    /// Gives each agent of the last population added its day-0 cash, from the outside market.
    mutating func fundLastPopulation(_ cash: Distribution, rng: inout Xoshiro256StarStar) {
        guard let p = populations.last else { return }
        var total = 0.0
        for i in p.rows {
            let c = cash.sample(&rng)
            economy.cash[i] = c
            total += c
        }
        economy.ledger.transfer(.cash, from: economy.outside, to: p.account, total)
    }

    /// Start of a day with pools: the next external move is drawn (informed traders see its
    /// sign). The pools' daily flows started at zero before the day's events (``step(day:)``).
    mutating func startLiquidityDay() {
        economy.market.drawNextMove(rng: &marketRNG)
    }

    /// After the external price moved: arbitrageurs realign every pool, then the day's
    /// statistics (LVR interval, trailing fee APR, realised volatility, fee-switch revenue).
    mutating func afterPriceMove(previousPrice: Double) {
        for p in liquidity.arbitrageurs {
            guard let arb = populations[p].behaviour as? ArbitrageurBehaviour else { continue }
            _ = arb.realign(rows: populations[p].rows, account: populations[p].account, economy: &economy)
        }
        let price = economy.market.price
        let slot = liquidity.observedDays % LiquidityRun.feeWindow
        for k in economy.pools.indices {
            let value = economy.poolValueUSD(k)
            economy.elapsePool(k, days: 1, startValue: liquidity.intervalStartValue[k])
            liquidity.intervalStartValue[k] = value
            liquidity.feeHistory[k][slot] = economy.pools[k].feesToday
            liquidity.valueHistory[k][slot] = value
            let n = min(liquidity.observedDays + 1, LiquidityRun.feeWindow)
            var fees = 0.0
            var values = 0.0
            for d in 0..<n { fees += liquidity.feeHistory[k][d]; values += liquidity.valueHistory[k][d] }
            economy.setTrailingFeeAPR(k, values > 0 ? fees / (values / Double(n)) * 365 / Double(n) : 0)
            liquidity.feeSwitchToday[k] = 0
            if economy.pools[k].stableSwap != nil {
                // Curve's admin fees: claimed for the treasury every day.
                let claimed = economy.claimAdminFees(k)
                liquidity.feeSwitchToday[k] = claimed.token * economy.usdPrice(economy.pools[k].coin0)
                    + claimed.usd * economy.usdPrice(economy.pools[k].coin1)
            }
            if let pair = economy.pools[k].constantProduct, pair.feeTo != nil {
                let held = pair.shares.balance(named: LiquidityPool.treasuryOwner)
                let minted = held - liquidity.feeSwitchShares[k]
                if minted > 0, pair.shares.totalSupply > 0 {
                    liquidity.feeSwitchToday[k] = minted * value / pair.shares.totalSupply
                }
                liquidity.feeSwitchShares[k] = held
            }
        }
        let r = previousPrice > 0 && price > 0 ? _log(price / previousPrice) : 0
        liquidity.squaredReturns[liquidity.observedDays % LiquidityRun.volatilityWindow] = r * r
        liquidity.observedDays += 1
        let n = min(liquidity.observedDays, LiquidityRun.volatilityWindow)
        var sum = 0.0
        for d in 0..<n { sum += liquidity.squaredReturns[d] }
        economy.realisedVolatility = (365 * sum / Double(n)).squareRoot()
        economy.liquidityObservationDays = liquidity.observedDays
    }

    // MARK: Metrics

    /// `pool_price`: the main (first) pool's price.
    func mainPoolPrice() -> Double { economy.pools.isEmpty ? .nan : economy.poolPriceUSD(0) }

    /// `toxic_share` over all pools.
    func toxicShare() -> Double {
        var toxic = 0.0
        var total = 0.0
        for p in economy.pools {
            for f in OrderFlow.allCases {
                total += p.volumeToday[f.rawValue]
                if f.isToxic { toxic += p.volumeToday[f.rawValue] }
            }
        }
        return total > 0 ? toxic / total : .nan
    }

    func poolMetric(_ metric: PoolMetricName, _ k: Int) -> Double {
        let pool = economy.pools[k]
        // USD per coin 0 (the token, or a coins pool's asset) at the external price.
        let external = economy.usdPrice(pool.coin0)
        let poolPrice = pool.price
        switch metric {
        case .value: return economy.poolValueUSD(k)
        case .price: return economy.poolPriceUSD(k)
        case .feesEarned: return pool.feesToday
        case .lvr: return pool.lvrToday
        case .volume: return pool.volumeToday.reduce(0, +)
        case .feeSwitchRevenue: return liquidity.feeSwitchToday[k]
        case .toxicShare:
            let total = pool.volumeToday.reduce(0, +)
            guard total > 0 else { return .nan }
            return (pool.volumeToday[OrderFlow.arbitrage.rawValue] + pool.volumeToday[OrderFlow.informed.rawValue]) / total
        case .impermanentLoss: return Self.impermanentLoss(pool)
        case .delta, .gamma:
            if let pair = pool.constantProduct {
                return metric == .delta
                    ? LPExposure.ConstantProduct.delta(k: pair.k, price: poolPrice)
                    : LPExposure.ConstantProduct.gamma(k: pair.k, price: poolPrice)
            }
            if let curve = pool.stableSwap {
                // No closed form: delta is the tokens the liquidity holds; gamma is the change
                // of those tokens between the fee-free ±1% price levels, per USD/token.
                if metric == .delta { return curve.balance(0) }
                guard poolPrice > 0,
                      let up = Self.stableSwapTokens(curve, atPrice: poolPrice * 1.01),
                      let down = Self.stableSwapTokens(curve, atPrice: poolPrice * 0.99) else { return .nan }
                return (up - down) / (0.02 * poolPrice)
            }
            guard let v3 = pool.concentrated else { return .nan }
            var total = 0.0
            for key in v3.positionKeys {
                guard let position = v3.position(owner: key.owner, tickLower: key.tickLower, tickUpper: key.tickUpper),
                      position.liquidity > 0 else { continue }
                let lower = ConcentratedLiquidityPool.sqrtPrice(atTick: key.tickLower)
                let upper = ConcentratedLiquidityPool.sqrtPrice(atTick: key.tickUpper)
                total += metric == .delta
                    ? LPExposure.Concentrated.delta(liquidity: position.liquidity, lowerPrice: lower * lower, upperPrice: upper * upper, price: poolPrice)
                    : LPExposure.Concentrated.gamma(liquidity: position.liquidity, lowerPrice: lower * lower, upperPrice: upper * upper, price: poolPrice)
            }
            return total
        case .depthUp, .depthDown:
            let q = metric == .depthUp ? 0.02 : -0.02
            if let pair = pool.constantProduct {
                let trade = LPExposure.ConstantProduct.depth(of: pair, priceChange: q)
                return q > 0 ? trade.amountOut : trade.amountIn
            }
            if let curve = pool.stableSwap {
                guard poolPrice > 0, let tokens = Self.stableSwapTokens(curve, atPrice: poolPrice * (1 + q), withFee: true) else { return .nan }
                return abs(tokens - curve.balance(0))
            }
            guard var v3 = pool.concentrated, poolPrice > 0 else { return .nan }
            let h = pool.holdings
            let coinIn = q > 0 ? 1 : 0
            let budget = 1e3 * (h.token * poolPrice + h.usd + 1) / (coinIn == 0 ? poolPrice : 1)
            let limit = (poolPrice * (1 + q)).squareRoot()
            guard let r = try? v3.swap(zeroForOne: coinIn == 0, amountIn: budget, sqrtPriceLimit: limit) else { return 0 }
            return q > 0 ? r.amountOut : r.amountIn
        case .slippage:
            let amount = scenario.pools[k].slippageTradeUSD / external
            if let pair = pool.constantProduct {
                return LPExposure.ConstantProduct.slippage(reserveIn: pair.reserve0, reserveOut: pair.reserve1, fee: pair.fee, amountIn: amount)
            }
            if let curve = pool.stableSwap {
                guard poolPrice > 0, let out = try? curve.getDy(i: 0, j: 1, dx: amount) else { return 1 }
                return 1 - (out / amount) / poolPrice
            }
            guard var v3 = pool.concentrated, poolPrice > 0 else { return .nan }
            guard let r = try? v3.swap(zeroForOne: true, amountIn: amount), r.amountIn > 0 else { return 1 }
            // Input the pool could not take counts as sold for nothing.
            return 1 - (r.amountOut / amount) / poolPrice
        }
    }

    /// The day-0 position's value against holding its day-0 coins, both at the pool price,
    /// minus 1. The position's value includes the fees it has earned (a pair keeps them in
    /// its reserves; a v3 position's uncollected fees are added).
    static func impermanentLoss(_ pool: LiquidityPool) -> Double {
        let price = pool.price
        let hold = pool.initialAmounts.token * price + pool.initialAmounts.usd
        guard hold > 0 else { return .nan }
        if let pair = pool.constantProduct {
            let supply = pair.shares.totalSupply
            guard supply > 0 else { return .nan }
            return pool.initialShares / supply * (pair.reserve0 * price + pair.reserve1) / hold - 1
        }
        if let curve = pool.stableSwap {
            let supply = curve.totalSupply
            guard supply > 0 else { return .nan }
            return pool.initialShares / supply * (curve.balance(0) * price + curve.balance(1)) / hold - 1
        }
        guard let v3 = pool.concentrated else { return .nan }
        var value = 0.0
        for r in pool.initialRanges {
            let a = v3.amounts(liquidity: r.liquidity, tickLower: r.tickLower, tickUpper: r.tickUpper)
            let fees = v3.uncollected(owner: LiquidityPool.treasuryOwner, tickLower: r.tickLower, tickUpper: r.tickUpper)
            value += (a.amount0 + fees.amount0) * price + a.amount1 + fees.amount1
        }
        return value / hold - 1
    }

    // MARK: Invariants

    /// Each pool's ledger account against its coins, the pool's own invariants, and each LP
    /// population's per-agent positions against what the pool holds for the population.
    func poolViolation() -> InvariantViolation? {
        let ledger = economy.ledger
        for p in populations {
            if let lp = p.behaviour as? PassiveLPBehaviour {
                let held = economy.pools[lp.pool.index].shares(of: p.account)
                let columns = lp.shares.reduce(0, +)
                let supply = economy.pools[lp.pool.index].constantProduct?.shares.totalSupply ?? 0
                if abs(held - columns) > 1e-9 * max(held, columns, supply, 1e-300) {
                    return InvariantViolation("population \(p.name): per-agent LP shares sum to \(columns) but the pool holds \(held)")
                }
            } else if let lp = p.behaviour as? RangeLPBehaviour, let v3 = economy.pools[lp.pool.index].concentrated {
                let owner = ledger.names[Int(p.account.index)]
                var pooled = 0.0
                for key in v3.positionKeys where key.owner == owner {
                    pooled += v3.position(owner: owner, tickLower: key.tickLower, tickUpper: key.tickUpper)?.liquidity ?? 0
                }
                let columns = lp.liquidity.reduce(0, +)
                if abs(pooled - columns) > 1e-9 * max(pooled, columns, 1e-300) {
                    return InvariantViolation("population \(p.name): per-agent liquidity sums to \(columns) but its positions hold \(pooled)")
                }
            }
        }
        for pool in economy.pools {
            let h = pool.holdings
            let label0 = pool.coin0 == .token ? "token" : ledger.assetNames[pool.coin0.index]
            let label1 = pool.coin1 == .cash ? "USD" : ledger.assetNames[pool.coin1.index]
            if let v = ledger.checkSubledger(pool.coin0, pool.account, columnSum: h.token, label: "pool \(pool.name) \(label0) reserve") { return v }
            if let v = ledger.checkSubledger(pool.coin1, pool.account, columnSum: h.usd, label: "pool \(pool.name) \(label1) reserve") { return v }
            do {
                if let shares = pool.lpShares { try shares.checkInvariants() }
                if let v3 = pool.concentrated { try v3.checkInvariants() }
            } catch {
                return InvariantViolation("pool \(pool.name): \(error.message)")
            }
        }
        return nil
    }
}

extension Simulation {
    /// The token balance of a StableSwap pool once a trade has moved its marginal price to
    /// `target` (bisection on the amount sold, on a copy of the pool), or nil when the pool
    /// cannot get there. With `withFee` the price is the one a trader sees after the fee.
    static func stableSwapTokens(_ pool: StableSwapPool, atPrice target: Double, withFee: Bool = false) -> Double? {
        let start = LiquidityPool.marginalPrice(pool)
        guard start > 0, target > 0, target != start else { return pool.balance(0) }
        let coinIn = target < start ? 0 : 1
        func priceAfter(_ d: Double) -> Double? {
            var copy = pool
            guard (try? copy.exchange(i: coinIn, j: 1 - coinIn, dx: d)) != nil else { return nil }
            let p = LiquidityPool.marginalPrice(copy)
            return withFee ? (coinIn == 0 ? p * (1 - pool.fee) : p / (1 - pool.fee)) : p
        }
        var low = 0.0
        var high = coinIn == 0 ? pool.balance(0) : pool.balance(1)
        // Grow the bracket until the price has passed the target (or the pool runs dry).
        var reached = false
        for _ in 0..<40 {
            guard let p = priceAfter(high) else { break }
            if coinIn == 0 ? p <= target : p >= target { reached = true; break }
            low = high
            high *= 2
        }
        guard reached else { return nil }
        for _ in 0..<80 where high - low > 1e-12 * high {
            let mid = (low + high) / 2
            guard let p = priceAfter(mid) else { high = mid; continue }
            if coinIn == 0 ? p <= target : p >= target { high = mid } else { low = mid }
        }
        var copy = pool
        guard (try? copy.exchange(i: coinIn, j: 1 - coinIn, dx: high)) != nil else { return nil }
        return copy.balance(0)
    }
}
