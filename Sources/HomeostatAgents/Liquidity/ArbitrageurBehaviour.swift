public import HomeostatCore

/// Arbitrageurs: they do nothing while the other populations act; after the external price
/// moves, the engine has them trade every pool back toward it
/// (``Exchange/arbitrage(pool:gasUSD:arbitrageur:economy:)``), and their profit, net of gas, is
/// split equally among the population's agents.
public struct ArbitrageurBehaviour: Behaviour {
    /// Cost of one arbitrage transaction, USD.
    public let gasUSD: Double

    /// Arbitrageurs paying `gasUSD` per trade.
    public init(gasUSD: Double) { self.gasUSD = gasUSD }

    /// Nothing while the others act: arbitrage comes after the market moves (``realign(rows:account:economy:exchange:)``).
    public mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {}

    /// Trades every pool back toward the external price; returns the total profit net of gas,
    /// paid to the agents of `rows` in equal parts.
    public func realign(rows: Range<Int>, account: AccountID, economy: inout Economy, exchange: inout Exchange) -> Double {
        var profit = 0.0
        for k in exchange.pools.indices {
            profit += exchange.arbitrage(pool: PoolID(index: k), gasUSD: gasUSD, arbitrageur: account, economy: &economy)
        }
        if profit != 0 && !rows.isEmpty {
            let each = profit / Double(rows.count)
            for i in rows { economy.cash[i] += each }
        }
        return profit
    }
}
