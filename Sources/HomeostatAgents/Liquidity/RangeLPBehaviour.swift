public import HomeostatCore
public import HomeostatMechanisms

/// Range LPs of a concentrated pool: each agent keeps a position on `[P/(1 + w), P·(1 + w)]`
/// (rounded outward to the tick spacing) around the pool price `P` at which it minted, with
/// its half-width `w` drawn per agent. When the pool price leaves the inner band
/// `[P/(1 + w·band), P·(1 + w·band)]` the agent re-centres: burns the position, collects its
/// coins and fees, pays `gasUSD` to the outside market, and mints anew around the current
/// price with `depositFraction` of its tokens and the USD that matches them. An agent whose
/// cash does not cover the gas keeps its old position.
///
/// Positions are per agent in columns (liquidity, ticks); in the pool, agents of one
/// population with the same range share one position, and a burn collects the fees
/// pro-rata to the liquidity burned (``Exchange/burnRange(pool:population:tickLower:tickUpper:liquidity:economy:)``).
public struct RangeLPBehaviour: Behaviour {
    /// The pool.
    public let pool: PoolID
    /// Per agent: half-width `w` of the range as a fraction of the price.
    public let width: [Double]
    /// Share of the half-width the price may move before a rebalance.
    public let rebalanceBand: Double
    /// Share of the tokens put in a position.
    public let depositFraction: Double
    /// Gas per rebalance, USD.
    public let gasUSD: Double
    /// Per agent: liquidity of its position (0: none).
    public private(set) var liquidity: [Double]
    /// Per agent: its position's ticks.
    public private(set) var tickLower: [Int32]
    public private(set) var tickUpper: [Int32]
    /// Per agent: pool price when the position was minted.
    public private(set) var centre: [Double]
    /// Rebalances made so far (all agents).
    public private(set) var rebalances = 0
    /// Per agent: the coins it paid into its current position (its cost basis; 0 with no
    /// position), token and USD.
    public private(set) var depositedTokens: [Double]
    public private(set) var depositedUSD: [Double]
    /// The population's coins into and out of the pool and its gas since day 0 (for its P&L).
    public private(set) var flows = LPFlows()

    public init(pool: PoolID, width: [Double], rebalanceBand: Double, depositFraction: Double, gasUSD: Double) {
        self.pool = pool
        self.width = width
        self.rebalanceBand = rebalanceBand
        self.depositFraction = depositFraction
        self.gasUSD = gasUSD
        liquidity = [Double](repeating: 0, count: width.count)
        tickLower = [Int32](repeating: 0, count: width.count)
        tickUpper = [Int32](repeating: 0, count: width.count)
        centre = [Double](repeating: 0, count: width.count)
        depositedTokens = centre
        depositedUSD = centre
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        let price = venues.exchange.pools[pool.index].price
        guard price > 0 else { return }
        let base = rows.lowerBound
        var gasPaid = 0.0
        for k in width.indices {
            let i = base + k
            if liquidity[k] > 0 {
                let band = 1 + width[k] * rebalanceBand
                guard price < centre[k] / band || price > centre[k] * band else { continue }
                guard economy.cash[i] >= gasUSD else { continue }
                guard let out = try? venues.exchange.burnRange(
                    pool: pool, population: account, tickLower: Int(tickLower[k]), tickUpper: Int(tickUpper[k]),
                    liquidity: liquidity[k], economy: &economy) else { continue }
                economy.tokens[i] += out.tokens
                economy.cash[i] += out.usd - gasUSD
                gasPaid += gasUSD
                liquidity[k] = 0
                rebalances += 1
                depositedTokens[k] = 0
                depositedUSD[k] = 0
                flows.withdrawnTokens += out.tokens
                flows.withdrawnUSD += out.usd
            }
            guard let ticks = venues.exchange.tickRange(pool: pool, lowerPrice: price / (1 + width[k]), upperPrice: price * (1 + width[k])) else { continue }
            let tokens = economy.tokens[i] * depositFraction
            guard tokens > 0, economy.cash[i] > 0,
                  let minted = try? venues.exchange.mintRange(
                    pool: pool, population: account, tickLower: ticks.tickLower, tickUpper: ticks.tickUpper,
                    tokens: tokens, usd: economy.cash[i], economy: &economy)
            else { continue }
            economy.tokens[i] -= min(economy.tokens[i], minted.tokensUsed)
            economy.cash[i] -= min(economy.cash[i], minted.usdUsed)
            liquidity[k] = minted.liquidity
            depositedTokens[k] = minted.tokensUsed
            depositedUSD[k] = minted.usdUsed
            flows.depositedTokens += minted.tokensUsed
            flows.depositedUSD += minted.usdUsed
            tickLower[k] = Int32(ticks.tickLower)
            tickUpper[k] = Int32(ticks.tickUpper)
            centre[k] = price
        }
        economy.ledger.transfer(.cash, from: account, to: economy.outside, gasPaid)
        flows.gasUSD += gasPaid
    }
}
