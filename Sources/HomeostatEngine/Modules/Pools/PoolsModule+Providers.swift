import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// The liquidity providers' revenue share and the per-LP-population metrics' bookkeeping.
struct ProviderRevenue: Sendable {
    /// Per population index: revenue-share USD paid today, and since day 0.
    var today: [Double] = []
    var total: [Double] = []
    /// Revenue-share USD that stayed with the treasury today for its protocol-owned LP shares.
    var treasuryToday = 0.0
    /// Per population index: its positions' value, liquidity share and cost basis, computed
    /// once per recorded day (one pass over the population's agents, not one per metric).
    var snapshots: [LPSnapshot?] = []
    var snapshotDay = -1
}

/// An LP population's positions on one day, at the external price.
struct LPSnapshot: Sendable {
    /// USD value of its positions (its agents' part of their v3 positions' uncollected fees included).
    var value = 0.0
    /// Its share of the pool's liquidity (full range: of the LP shares; v3: of the active liquidity).
    var share = 0.0
    /// USD value of the coins its agents deposited for their current positions.
    var basis = 0.0
    /// The share of the pool's swap fees that goes to LPs (the rest is the protocol's).
    var lpFeeCut = 1.0
    /// The pool's swap fees today, USD.
    var poolFees = 0.0
    /// The population's flows since day 0.
    var flows = LPFlows()
}

extension PoolsModule {
    /// Pays `mechanisms.revenue_split.liquidity_providers` of today's revenue to the LPs of
    /// the main (first) pool, pro-rata to LP shares held now: each passive LP population of
    /// that pool receives its part in USD from the treasury (which received the non-locker
    /// revenue), split over its agents' `cash` columns by their share columns; the part of
    /// the treasury's own (protocol-owned) shares stays in the treasury. Shares held by no one
    /// who can be paid (Uniswap v2's locked `MINIMUM_LIQUIDITY`) are left out of the
    /// pro-rata, and a day on which nobody holds shares pays nothing.
    mutating func payLiquidityProviders(revenue: Double, world: inout World) {
        let share = liquidityProvidersShare
        guard share > 0,
              let main = world.venues.exchange.pools.first, let lp = main.lpShares else { return }
        var book = providerRevenue
        defer { providerRevenue = book }
        if book.today.count != world.populations.count {
            book.today = [Double](repeating: 0, count: world.populations.count)
            book.total = book.today
        }
        for p in book.today.indices { book.today[p] = 0 }
        book.treasuryToday = 0
        let treasury = world.economy.treasuryAccount
        let usd = min(revenue * share, world.economy.ledger.balance(.cash, treasury))
        guard usd > 0 else { return }
        let treasuryShares = lp.balance(named: LiquidityPool.treasuryOwner)
        var paidShares = treasuryShares
        for p in world.populations.indices {
            if let b = world.populations[p].behaviour as? PassiveLPBehaviour, b.pool.index == 0 {
                paidShares += main.shares(of: world.populations[p].account)
            }
        }
        guard paidShares > 0 else { return }
        for p in world.populations.indices {
            guard let b = world.populations[p].behaviour as? PassiveLPBehaviour, b.pool.index == 0 else { continue }
            let held = main.shares(of: world.populations[p].account)
            let columns = b.shares.reduce(0, +)
            guard held > 0, columns > 0 else { continue }
            let paid = usd * held / paidShares
            world.economy.ledger.transfer(.cash, from: treasury, to: world.populations[p].account, paid)
            let base = world.populations[p].rows.lowerBound
            for (k, s) in b.shares.enumerated() where s > 0 { world.economy.cash[base + k] += paid * s / columns }
            book.today[p] = paid
            book.total[p] += paid
        }
        book.treasuryToday = usd * treasuryShares / paidShares
    }

    /// Today's value of a per-LP-population metric (NaN for a population that provides no
    /// liquidity, or `lp_il` with no position).
    mutating func lpMetric(_ metric: LPMetricName, _ p: Int, world: World) -> Double {
        let book = providerRevenue
        if metric == .revenue { return p < book.today.count ? book.today[p] : 0 }
        guard let s = lpSnapshot(p, world: world) else { return .nan }
        switch metric {
        case .value: return s.value
        case .share: return s.share
        case .fees: return s.poolFees * s.lpFeeCut * s.share
        case .impermanentLoss: return s.basis > 0 ? s.value / s.basis - 1 : .nan
        case .pnl:
            let price = world.economy.market.price
            let f = s.flows
            let received = p < book.total.count ? book.total[p] : 0
            return s.value + (f.withdrawnTokens - f.depositedTokens) * price + (f.withdrawnUSD - f.depositedUSD) + received - f.gasUSD
        case .revenue: return 0
        }
    }

    /// Population `p`'s LP snapshot for today, computed on first use each day.
    mutating func lpSnapshot(_ p: Int, world: World) -> LPSnapshot? {
        if providerRevenue.snapshotDay != world.economy.day || providerRevenue.snapshots.count != world.populations.count {
            providerRevenue.snapshots = [LPSnapshot?](repeating: nil, count: world.populations.count)
            providerRevenue.snapshotDay = world.economy.day
        }
        if let s = providerRevenue.snapshots[p] { return s }
        let s = Self.computeLPSnapshot(p, world: world)
        providerRevenue.snapshots[p] = s
        return s
    }

    static func computeLPSnapshot(_ p: Int, world: World) -> LPSnapshot? {
        let price = world.economy.market.price
        let population = world.populations[p]
        var s = LPSnapshot()
        if let b = population.behaviour as? PassiveLPBehaviour {
            let pool = world.venues.exchange.pools[b.pool.index]
            let coins: (token: Double, usd: Double)
            if let pair = pool.constantProduct {
                coins = (pair.reserve0, pair.reserve1)
                s.lpFeeCut = pair.feeTo != nil ? 1 - pair.protocolFeeShare : 1
            } else if let curve = pool.stableSwap {
                // Admin fees waiting to be claimed are the treasury's, not the LPs'.
                coins = (curve.balance(0), curve.balance(1))
                s.lpFeeCut = 1 - curve.adminFee
            } else {
                return nil
            }
            let supply = pool.lpShares?.totalSupply ?? 0
            s.share = supply > 0 ? pool.shares(of: population.account) / supply : 0
            // The quote side at its USD price (1 for USD): the LPs' value in USD.
            s.value = s.share * (coins.token * price + coins.usd * world.economy.usdPrice(pool.coin1))
            for k in b.depositedTokens.indices { s.basis += b.depositedTokens[k] * price + b.depositedUSD[k] }
            s.poolFees = pool.feesToday
            s.flows = b.flows
            return s
        }
        if let b = population.behaviour as? RangeLPBehaviour, let v3 = world.venues.exchange.pools[b.pool.index].concentrated {
            // Per agent, in row order (no walk of the pool's positions, which would need a
            // sort of every position ever minted): its liquidity's coins, and the fees a burn
            // of it would collect now (``Exchange/burnRange(pool:population:tickLower:tickUpper:liquidity:economy:)``: its part, pro-rata to liquidity,
            // of its possibly shared position's fees not yet owed to another agent's burn).
            let owner = world.economy.ledger.names[Int(population.account.index)]
            var inRange = 0.0
            for k in b.liquidity.indices where b.liquidity[k] > 0 {
                let lower = Int(b.tickLower[k]), upper = Int(b.tickUpper[k])
                let a = v3.amounts(liquidity: b.liquidity[k], tickLower: lower, tickUpper: upper)
                var fee0 = 0.0, fee1 = 0.0
                if let position = v3.position(owner: owner, tickLower: lower, tickUpper: upper), position.liquidity > 0 {
                    let fees = v3.uncollected(owner: owner, tickLower: lower, tickUpper: upper)
                    let part = min(1, b.liquidity[k] / position.liquidity)
                    fee0 = max(0, fees.amount0 - position.tokensOwed0) * part
                    fee1 = max(0, fees.amount1 - position.tokensOwed1) * part
                }
                s.value += (a.amount0 + fee0) * price + a.amount1 + fee1
                if lower <= v3.tick && v3.tick < upper { inRange += b.liquidity[k] }
            }
            s.share = v3.liquidity > 0 ? inRange / v3.liquidity : 0
            for k in b.depositedTokens.indices { s.basis += b.depositedTokens[k] * price + b.depositedUSD[k] }
            s.poolFees = world.venues.exchange.pools[b.pool.index].feesToday
            s.flows = b.flows
            return s
        }
        return nil
    }
}
