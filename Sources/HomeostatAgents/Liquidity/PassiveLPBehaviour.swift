public import HomeostatCore
public import HomeostatMechanisms

/// Passive LPs of a full-range pool (constant product or StableSwap): each agent deposits `depositFraction` of its
/// tokens with the USD that matches them at the pool price on the first day, holds, and
/// withdraws everything when the pool's trailing fee APR falls below its `minFeeAPR` or the
/// realised volatility rises above its `maxVolatility`; it deposits again when both are back
/// on the right side. The signals are the engine's, computed once a day
/// (``Exchange/realisedVolatility``, ``LiquidityPool/trailingFeeAPR``), and are only acted on
/// once ``Exchange/liquidityObservationDays`` reaches ``observationWindow``.
///
/// A day's deposits go to the pool as one deposit and its withdrawals as one burn; each
/// agent gets the share of the result that its coins (at the pool price) or its LP shares
/// make up. LP shares per agent are the column ``shares``; their sum is the population's
/// balance in the pool.
public struct PassiveLPBehaviour: Behaviour {
    /// The pool.
    public let pool: PoolID
    /// Share of the tokens deposited.
    public let depositFraction: Double
    /// Per agent: least trailing fee APR to stay.
    public let minFeeAPR: [Double]
    /// Per agent: highest realised volatility to stay.
    public let maxVolatility: [Double]
    /// Per agent: LP shares held.
    public private(set) var shares: [Double]
    /// Per agent: the coins it deposited for the shares it holds (its cost basis; 0 with no
    /// shares), token and USD.
    public private(set) var depositedTokens: [Double]
    public private(set) var depositedUSD: [Double]
    /// The population's coins into and out of the pool since day 0 (for its P&L).
    public private(set) var flows = LPFlows()
    /// Days of history needed before the agents react to the signals.
    public static let observationWindow = 7

    var scratchRows: [Int32] = []
    var scratchAmounts: [Double] = []

    public init(pool: PoolID, depositFraction: Double, minFeeAPR: [Double], maxVolatility: [Double]) {
        self.pool = pool
        self.depositFraction = depositFraction
        self.minFeeAPR = minFeeAPR
        self.maxVolatility = maxVolatility
        self.shares = [Double](repeating: 0, count: minFeeAPR.count)
        depositedTokens = shares
        depositedUSD = shares
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        let watching = venues.exchange.liquidityObservationDays >= Self.observationWindow
        let apr = venues.exchange.pools[pool.index].trailingFeeAPR
        let volatility = venues.exchange.realisedVolatility
        let base = rows.lowerBound
        // Withdrawals.
        var burn = 0.0
        scratchRows.removeAll(keepingCapacity: true)
        for k in shares.indices where shares[k] > 0 {
            if watching && (apr < minFeeAPR[k] || volatility > maxVolatility[k]) {
                burn += shares[k]
                scratchRows.append(Int32(k))
            }
        }
        // When every holder leaves, burn exactly what the pool holds for the population (the
        // column sum can differ from it in the last bits).
        if burn > 0 && scratchRows.count == shares.lazy.filter({ $0 > 0 }).count {
            burn = venues.exchange.pools[pool.index].shares(of: account)
        }
        if burn > 0, let out = try? venues.exchange.removeLiquidity(pool: pool, population: account, shares: burn, economy: &economy) {
            for k32 in scratchRows {
                let k = Int(k32)
                let part = shares[k] / burn
                economy.tokens[base + k] += out.tokens * part
                economy.cash[base + k] += out.usd * part
                shares[k] = 0
                depositedTokens[k] = 0
                depositedUSD[k] = 0
            }
            flows.withdrawnTokens += out.tokens
            flows.withdrawnUSD += out.usd
        }
        // Deposits (the first day, or when the signals are favourable again).
        // USD per token (the pool price times the quote asset's USD price: 1 for USD).
        let price = venues.exchange.poolPriceUSD(pool.index, economy: economy)
        guard price > 0 else { return }
        scratchRows.removeAll(keepingCapacity: true)
        scratchAmounts.removeAll(keepingCapacity: true)
        var offeredTokens = 0.0
        var offeredUSD = 0.0
        for k in shares.indices where shares[k] == 0 {
            if watching && (apr < minFeeAPR[k] || volatility > maxVolatility[k]) { continue }
            let i = base + k
            let t = min(economy.tokens[i] * depositFraction, economy.cash[i] / price)
            guard t > 0 else { continue }
            scratchRows.append(Int32(k))
            scratchAmounts.append(t)
            offeredTokens += t
            offeredUSD += t * price
        }
        guard offeredTokens > 0,
              let added = try? venues.exchange.addLiquidity(
                pool: pool, population: account, tokens: offeredTokens, usd: offeredUSD, economy: &economy)
        else { return }
        let tokenRatio = added.tokensUsed / offeredTokens
        let usdRatio = added.usdUsed / offeredUSD
        for (n, k32) in scratchRows.enumerated() {
            let k = Int(k32)
            let i = base + k
            let t = scratchAmounts[n]
            // Offers are at one ratio, so each agent's part of the coins and of the shares is t / Σt.
            let part = t / offeredTokens
            let paidTokens = min(economy.tokens[i], t * tokenRatio)
            let paidUSD = min(economy.cash[i], t * price * usdRatio)
            economy.tokens[i] -= paidTokens
            economy.cash[i] -= paidUSD
            shares[k] += added.shares * part
            depositedTokens[k] += paidTokens
            depositedUSD[k] += paidUSD
        }
        flows.depositedTokens += added.tokensUsed
        flows.depositedUSD += added.usdUsed
    }
}
