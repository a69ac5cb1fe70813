public import HomeostatCore

/// Arbitrageurs: they do nothing while the other populations act; after the external price
/// moves, the engine has them trade every pool back toward it
/// (``Economy/arbitrage(pool:gasUSD:arbitrageur:)``), and their profit, net of gas, is
/// split equally among the population's agents.
public struct ArbitrageurBehaviour: Behaviour {
    /// Cost of one arbitrage transaction, USD.
    public let gasUSD: Double

    /// Arbitrageurs paying `gasUSD` per trade.
    public init(gasUSD: Double) { self.gasUSD = gasUSD }

    public mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {}

    /// Trades every pool back toward the external price; returns the total profit net of gas,
    /// paid to the agents of `rows` in equal parts.
    public func realign(rows: Range<Int>, account: AccountID, economy: inout Economy) -> Double {
        var profit = 0.0
        for k in economy.pools.indices {
            profit += economy.arbitrage(pool: PoolID(index: k), gasUSD: gasUSD, arbitrageur: account)
        }
        if profit != 0 && !rows.isEmpty {
            let each = profit / Double(rows.count)
            for i in rows { economy.cash[i] += each }
        }
        return profit
    }
}
