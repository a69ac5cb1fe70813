public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// Noise and informed traders: each day each agent trades with probability `activity`, an
/// order of `size` USD drawn per trade, through the router.
///
/// A noise trader buys with probability `buyProbability`. An informed trader knows, with
/// probability `accuracy`, the sign of the next external move (``Market/pendingExogenous``,
/// drawn before the agents act) and trades in its direction — buys before a rise — and
/// otherwise buys or sells with equal odds. A buy spends at most the agent's cash; a sell
/// sells at most its tokens (the order's USD size at the external price).
///
/// Each day's buys go to the router as one order and its sells as another; every agent of
/// the order gets its pro-rata part of the output (the batch's average price).
public struct TraderBehaviour: Behaviour {
    /// The flow tag of the trades (``OrderFlow/noise`` or ``OrderFlow/informed``).
    public let flow: OrderFlow
    /// Daily probability that an agent trades.
    public let activity: Double
    /// Order size, USD.
    public let size: Distribution
    /// Probability of a buy (noise traders).
    public let buyProbability: Double
    /// Probability of knowing the next move's sign (informed traders; 0 for noise).
    public let accuracy: Double
    /// A USD/asset pool the agents trade instead of the token (noise traders), or nil; see
    /// ``Exchange/tradeStablePool(_:usd:buysAsset:trader:flow:economy:)``.
    public internal(set) var stablePool: PoolID? = nil

    var buyRows: [Int32] = []
    var buyAmounts: [Double] = []
    var sellRows: [Int32] = []
    var sellAmounts: [Double] = []

    /// Noise traders: of the token through the router, or of USD/asset pool `stablePool`
    /// (a "buy" swaps USD for the asset in the pool, a "sell" the asset for USD; the asset
    /// is traded with the outside market at its external price on the other leg).
    public static func noise(activity: Double, size: Distribution, buyProbability: Double, stablePool: PoolID? = nil) -> TraderBehaviour {
        var t = TraderBehaviour(flow: .noise, activity: activity, size: size, buyProbability: buyProbability, accuracy: 0)
        t.stablePool = stablePool
        return t
    }

    /// Informed traders.
    public static func informed(activity: Double, size: Distribution, accuracy: Double) -> TraderBehaviour {
        TraderBehaviour(flow: .informed, activity: activity, size: size, buyProbability: 0.5, accuracy: accuracy)
    }

    init(flow: OrderFlow, activity: Double, size: Distribution, buyProbability: Double, accuracy: Double) {
        self.flow = flow
        self.activity = activity
        self.size = size
        self.buyProbability = buyProbability
        self.accuracy = accuracy
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        if let pool = stablePool {
            actOnStablePool(pool, rows: rows, account: account, economy: &economy, exchange: &venues.exchange, rng: &rng)
            return
        }
        let price = economy.market.price
        let nextUp = (economy.market.pendingExogenous ?? 1) > 1
        buyRows.removeAll(keepingCapacity: true)
        buyAmounts.removeAll(keepingCapacity: true)
        sellRows.removeAll(keepingCapacity: true)
        sellAmounts.removeAll(keepingCapacity: true)
        var totalUSD = 0.0
        var totalTokens = 0.0
        for i in rows {
            guard rng.uniform() < activity else { continue }
            let usd = size.sample(&rng)
            let buys: Bool
            if flow == .informed {
                buys = rng.uniform() < accuracy ? nextUp : rng.uniform() < 0.5
            } else {
                buys = rng.uniform() < buyProbability
            }
            if buys {
                let spend = min(usd, economy.cash[i])
                guard spend > 0 else { continue }
                buyRows.append(Int32(i))
                buyAmounts.append(spend)
                totalUSD += spend
            } else {
                let sell = min(usd / price, economy.tokens[i])
                guard sell > 0 else { continue }
                sellRows.append(Int32(i))
                sellAmounts.append(sell)
                totalTokens += sell
            }
        }
        if totalUSD > 0 {
            let bought = venues.exchange.buyTokens(usd: totalUSD, for: account, flow: flow, economy: &economy)
            for (n, r) in buyRows.enumerated() {
                let i = Int(r)
                economy.cash[i] -= buyAmounts[n]
                economy.tokens[i] += bought * (buyAmounts[n] / totalUSD)
            }
        }
        if totalTokens > 0 {
            let proceeds = venues.exchange.sellTokens(totalTokens, from: account, flow: flow, economy: &economy)
            for (n, r) in sellRows.enumerated() {
                let i = Int(r)
                economy.tokens[i] -= sellAmounts[n]
                economy.cash[i] += proceeds * (sellAmounts[n] / totalTokens)
            }
        }
    }
}

extension TraderBehaviour {
    /// A day of noise trading on a USD/asset pool: each active agent spends up to its cash
    /// on a round trip (asset bought in the pool or outside, sold on the other side); the
    /// day's buys and sells are one order each, every agent paid its pro-rata part.
    mutating func actOnStablePool(
        _ pool: PoolID, rows: Range<Int>, account: AccountID, economy: inout Economy, exchange: inout Exchange, rng: inout Xoshiro256StarStar
    ) {
        buyRows.removeAll(keepingCapacity: true)
        buyAmounts.removeAll(keepingCapacity: true)
        sellRows.removeAll(keepingCapacity: true)
        sellAmounts.removeAll(keepingCapacity: true)
        var totals = (buy: 0.0, sell: 0.0)
        for i in rows {
            guard rng.uniform() < activity else { continue }
            let spend = min(size.sample(&rng), economy.cash[i])
            let buys = rng.uniform() < buyProbability
            guard spend > 0 else { continue }
            if buys {
                buyRows.append(Int32(i))
                buyAmounts.append(spend)
                totals.buy += spend
            } else {
                sellRows.append(Int32(i))
                sellAmounts.append(spend)
                totals.sell += spend
            }
        }
        if totals.buy > 0 {
            let back = exchange.tradeStablePool(pool, usd: totals.buy, buysAsset: true, trader: account, flow: flow, economy: &economy)
            for (n, r) in buyRows.enumerated() {
                economy.cash[Int(r)] += (back - totals.buy) * (buyAmounts[n] / totals.buy)
            }
        }
        if totals.sell > 0 {
            let back = exchange.tradeStablePool(pool, usd: totals.sell, buysAsset: false, trader: account, flow: flow, economy: &economy)
            for (n, r) in sellRows.enumerated() {
                economy.cash[Int(r)] += (back - totals.sell) * (sellAmounts[n] / totals.sell)
            }
        }
    }
}
