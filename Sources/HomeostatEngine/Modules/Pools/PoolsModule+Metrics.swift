import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// The pools' metrics and invariants.
extension PoolsModule {
    enum Metric {
        case mainPoolPrice, toxicShare
        case pool(PoolMetricName, Int)
        case provider(LPMetricName, Int)
    }

    public func metricSlot(_ name: String, world: World) -> Int? {
        if name == MetricName.poolPrice.rawValue { return 0 }
        if name == MetricName.toxicShare.rawValue { return 1 }
        if let (metric, pool) = PoolMetricName.parse(name), let k = world.venues.exchange.pools.firstIndex(where: { $0.name == pool }),
           let m = PoolMetricName.allCases.firstIndex(of: metric) {
            return 2 + (k * PoolMetricName.allCases.count + m) * 2
        }
        if let (metric, population) = LPMetricName.parse(name), let p = world.populations.firstIndex(where: { $0.name == population }),
           let m = LPMetricName.allCases.firstIndex(of: metric) {
            return 3 + (p * LPMetricName.allCases.count + m) * 2
        }
        return nil
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        switch slot {
        case 0: return Self.mainPoolPrice(world)
        case 1: return Self.toxicShare(world)
        default:
            let k = (slot - 2) / 2
            if slot % 2 == 0 {
                let n = PoolMetricName.allCases.count
                return poolMetric(PoolMetricName.allCases[k % n], k / n, world: world)
            }
            let n = LPMetricName.allCases.count
            return lpMetric(LPMetricName.allCases[k % n], k / n, world: world)
        }
    }

    // MARK: Metrics

    /// `pool_price`: the main (first) pool's price.
    static func mainPoolPrice(_ world: World) -> Double { world.venues.exchange.pools.isEmpty ? .nan : world.venues.exchange.poolPriceUSD(0, economy: world.economy) }

    /// `toxic_share` over all pools.
    static func toxicShare(_ world: World) -> Double {
        var toxic = 0.0
        var total = 0.0
        for p in world.venues.exchange.pools {
            for f in OrderFlow.allCases {
                total += p.volumeToday[f.rawValue]
                if f.isToxic { toxic += p.volumeToday[f.rawValue] }
            }
        }
        return total > 0 ? toxic / total : .nan
    }

    func poolMetric(_ metric: PoolMetricName, _ k: Int, world: World) -> Double {
        let pool = world.venues.exchange.pools[k]
        // USD per coin 0 (the token, or a coins pool's asset) at the external price.
        let external = world.economy.usdPrice(pool.coin0)
        let poolPrice = pool.price
        switch metric {
        case .value: return world.venues.exchange.poolValueUSD(k, economy: world.economy)
        case .price: return world.venues.exchange.poolPriceUSD(k, economy: world.economy)
        case .feesEarned: return pool.feesToday
        case .lvr: return pool.lvrToday
        case .volume: return pool.volumeToday.reduce(0, +)
        case .feeSwitchRevenue: return feeSwitchToday[k]
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
            let amount = slippageTradeUSD[k] / external
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
    public func firstViolation(world: World) -> InvariantViolation? {
        let ledger = world.economy.ledger
        for p in world.populations {
            if let lp = p.behaviour as? PassiveLPBehaviour {
                let held = world.venues.exchange.pools[lp.pool.index].shares(of: p.account)
                let columns = lp.shares.reduce(0, +)
                let supply = world.venues.exchange.pools[lp.pool.index].constantProduct?.shares.totalSupply ?? 0
                if abs(held - columns) > 1e-9 * max(held, columns, supply, 1e-300) {
                    return InvariantViolation("population \(p.name): per-agent LP shares sum to \(columns) but the pool holds \(held)")
                }
            } else if let lp = p.behaviour as? RangeLPBehaviour, let v3 = world.venues.exchange.pools[lp.pool.index].concentrated {
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
        for pool in world.venues.exchange.pools {
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

extension PoolsModule {
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
