public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// Mercenary farmers: capital that enters the gauge paying it the best reward APR when that
/// beats its outside rate, sells every reward at once, and leaves when its APR falls.
///
/// Each day, in index order: a staked agent whose own reward APR
/// (``Farms/stakerAPR(_:row:price:)``) is below its `exitAPR` claims, unstakes, withdraws
/// its liquidity and sells every token it holds, paying `gasUSD`; another staked agent
/// claims every `claimEveryDays` days and sells the claim. The day's sales are one routed
/// order (``OrderFlow/farmer``). Then each agent out of the farms with USD left after gas
/// picks the gauge with the highest APR for its capital (``Farms/entrantAPR(_:capitalUSD:workingUSD:price:)``,
/// which counts the agents that entered before it today) and enters if that APR beats its
/// `outsideAPR` and its `exitAPR`: part of its USD buys tokens, the rest goes with them into
/// the pool (a zap), and the LP shares are staked (``FarmEntry``, one order per gauge).
///
/// Per agent: O(1) when staked, O(gauges) when out. LP shares per agent are the column
/// ``shares``; ``gauge`` is the gauge an agent is staked in (−1: none).
public struct MercenaryFarmerBehaviour: Behaviour {
    /// Per agent: the outside yearly rate.
    public let outsideAPR: [Double]
    /// Per agent: the APR below which it leaves.
    public let exitAPR: [Double]
    /// Days between claims.
    public let claimEveryDays: Int
    /// Gas per entry or exit, USD.
    public let gasUSD: Double
    /// Per agent: LP shares held (in the pool of ``gauge``).
    public private(set) var shares: [Double]
    /// Per agent: the gauge it is staked in, −1 when out.
    public private(set) var gauge: [Int32]
    /// Per agent: the pool its ``shares`` are in, −1 when none.
    public private(set) var pool: [Int32]
    var nextClaim: [Int32]

    var sales = FarmSales()
    var entry = FarmEntry()
    var entrants: [(k: Int32, gauge: Int32, usd: Double)] = []
    var claimed: [Double] = []
    var workingUSD: [Double] = []

    public init(outsideAPR: [Double], exitAPR: [Double], claimEveryDays: Int, gasUSD: Double) {
        precondition(outsideAPR.count == exitAPR.count)
        self.outsideAPR = outsideAPR
        self.exitAPR = exitAPR
        self.claimEveryDays = claimEveryDays
        self.gasUSD = gasUSD
        shares = [Double](repeating: 0, count: outsideAPR.count)
        gauge = [Int32](repeating: -1, count: outsideAPR.count)
        pool = gauge
        nextClaim = [Int32](repeating: 0, count: outsideAPR.count)
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        let price = economy.market.price
        let day = Int32(truncatingIfNeeded: economy.day)
        let base = rows.lowerBound
        let gauges = venues.farms.count
        if claimed.count != gauges { claimed = [Double](repeating: 0, count: gauges) }
        var gas = 0.0
        // Staked agents: exits and claims.
        for k in gauge.indices where gauge[k] >= 0 {
            let g = Int(gauge[k])
            let i = base + k
            let leaving = venues.farms.stakerAPR(g, row: i, price: price) < exitAPR[k]
            guard leaving || day >= nextClaim[k] else { continue }
            let r = venues.farms.claimFarm(i, gauge: g, economy: &economy)
            claimed[g] += r
            nextClaim[k] = day &+ Int32(claimEveryDays)
            guard leaving else {
                sales.append(row: i, tokens: r, economy: &economy)
                continue
            }
            shares[k] -= venues.leaveFarm(i, gauge: g, shares: shares[k], account: account, economy: &economy)
            // After a rejected burn the shares stay the agent's, unstaked, in their pool.
            if shares[k] <= 0 {
                shares[k] = 0
                pool[k] = -1
            }
            gauge[k] = -1
            let paid = min(gasUSD, economy.cash[i])
            economy.cash[i] -= paid
            gas += paid
            sales.append(row: i, tokens: economy.tokens[i], economy: &economy)
        }
        for g in claimed.indices {
            venues.farms.settleFarmClaims(gauge: g, population: account, amount: claimed[g], economy: &economy)
            claimed[g] = 0
        }
        sales.settle(account: account, economy: &economy, exchange: &venues.exchange)

        // Agents out of the farms: entries.
        if workingUSD.count != gauges { workingUSD = [Double](repeating: 0, count: gauges) }
        var open = false
        for g in 0..<gauges {
            let farms = venues.farms
            workingUSD[g] = farms.gauges[g].workingSupply * farms.valuePerShare[g]
            if farms.pools[g] != nil && farms.valuePerShare[g] > 0 && farms.emissionToday[g] > 0 { open = true }
        }
        guard open else { return settleEntries(gas: gas, account: account, economy: &economy) }
        entrants.removeAll(keepingCapacity: true)
        for k in gauge.indices where gauge[k] < 0 {
            let i = base + k
            let capital = economy.cash[i] - gasUSD
            guard capital > 0 else { continue }
            var best = -1
            var bestAPR = 0.0
            for g in 0..<gauges where venues.farms.pools[g] != nil && venues.farms.valuePerShare[g] > 0 {
                // Shares a rejected burn left in a pool keep the agent to that pool's gauges.
                if pool[k] >= 0, let gaugePool = venues.farms.pools[g], Int(pool[k]) != gaugePool.index { continue }
                let apr = venues.farms.entrantAPR(g, capitalUSD: capital, workingUSD: workingUSD[g], price: price)
                if apr > bestAPR { best = g; bestAPR = apr }
            }
            guard best >= 0, bestAPR > outsideAPR[k], bestAPR > exitAPR[k] else { continue }
            // Pools are shared: a later entrant today sees this one's stake.
            workingUSD[best] += venues.farms.gauges[best].boost.tokenlessProduction * capital
            entrants.append((Int32(truncatingIfNeeded: k), Int32(best), capital))
            economy.cash[i] -= gasUSD
            gas += gasUSD
        }
        settleEntries(gas: gas, account: account, economy: &economy)
        guard !entrants.isEmpty else { return }
        for g in 0..<gauges {
            entry.removeAll()
            for e in entrants where Int(e.gauge) == g { entry.append(row: base + Int(e.k), usd: e.usd) }
            guard !entry.rows.isEmpty else { continue }
            entry.enter(gauge: g, account: account, economy: &economy, venues: &venues)
            guard let gaugePool = venues.farms.pools[g] else { continue }
            let poolIndex = Int32(gaugePool.index)
            for (n, r) in entry.rows.enumerated() where entry.shares[n] > 0 {
                let k = Int(r) - base
                shares[k] += entry.shares[n]
                pool[k] = poolIndex
                gauge[k] = Int32(g)
                nextClaim[k] = day &+ Int32(claimEveryDays)
            }
        }
    }

    mutating func settleEntries(gas: Double, account: AccountID, economy: inout Economy) {
        economy.settleGas(population: account, usd: gas)
    }
}
