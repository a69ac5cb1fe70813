public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// The protocol's own trades (treasury, buyback, attacker) and what buying at once costs
/// through the pools.
extension Exchange {
    /// Sells `tokens` from `account` to the market and returns the USD proceeds. The one
    /// route protocol sales take (treasury diversification). Without pools: to the outside
    /// market at today's price, whose impact model moves the price at the day's end with the
    /// day's net selling. With pools: through the router (``sellTokens(_:from:flow:economy:)``,
    /// flow `flow`), paying the pools' slippage and moving their prices.
    @discardableResult
    public mutating func marketSell(_ tokens: Double, from account: AccountID, flow: OrderFlow = .treasury, economy: inout Economy) -> Double {
        guard tokens > 0 else { return 0 }
        if !pools.isEmpty { return sellTokens(tokens, from: account, flow: flow, economy: &economy) }
        let proceeds = tokens * economy.market.price
        economy.settleSales(population: account, tokens: tokens, proceeds: proceeds)
        return proceeds
    }

    /// Buys tokens for `usd` from the market into `account` and returns the tokens bought
    /// (buyback, attacker); the counterpart of ``marketSell(_:from:flow:economy:)``. With pools
    /// the purchase goes through the router (``buyTokens(usd:for:flow:economy:)``, flow `flow`):
    /// the pools' slippage is the price of buying at once, and `payingImpact` does not apply.
    ///
    /// - Parameter payingImpact: without pools: false: at today's price (the impact moves
    ///   the price at the day's end, as for agents' trades); true: as one block along the
    ///   impact curve (``Economy/purchaseCost(tokens:)``), for a buyer who needs the tokens at once.
    @discardableResult
    public mutating func marketBuy(
        usd: Double, for account: AccountID, payingImpact: Bool = false, flow: OrderFlow = .treasury, economy: inout Economy
    ) -> Double {
        guard usd > 0, economy.market.price > 0 else { return 0 }
        if !pools.isEmpty { return buyTokens(usd: usd, for: account, flow: flow, economy: &economy) }
        let tokens = payingImpact ? economy.tokensPurchasable(usd: usd) : usd / economy.market.price
        economy.settlePurchases(population: account, tokens: tokens, cost: usd)
        return tokens
    }

    /// The USD that buying `tokens` at once through the router would cost now: the least
    /// `usd` with ``quoteBuy(usd:economy:)`` ≥ `tokens` (no state changes). Without pools it
    /// is `tokens · price` (the outside market at today's price).
    ///
    /// One constant-product pool has the closed form of Uniswap v2's `getAmountIn`,
    /// `y·x / ((X − x)·(1 − f))` for reserves `X` tokens and `y` USD, and is infinite for
    /// `x ≥ X` (a pair cannot sell its whole reserve). Otherwise the router is inverted by
    /// bisection on ``quoteBuy(usd:economy:)``: the bracket doubles from `tokens · price`
    /// until the quote reaches `tokens` (infinite if it never does in 200 doublings, which
    /// happens only when the pools cannot supply `tokens` at any price), then halves to a
    /// relative 1e-12. Slices the router sends to the outside market (rejected by every pool,
    /// or past a concentrated pool's ``routeLimit``) count at the external price, as the
    /// router fills them.
    ///
    /// - Complexity: O(1) for one constant-product pool; otherwise about 250 router quotes.
    public func routedPurchaseCost(tokens x: Double, economy: Economy) -> Double {
        guard x > 0 else { return 0 }
        let price = economy.market.price
        if tokenPoolCount == 0 { return x * price }
        if pools.count == 1, pools[0].coin1 == .cash, let pair = pools[0].constantProduct {
            return (try? pair.getAmountIn(i: 1, dy: x)) ?? .infinity
        }
        // Quotes move the pools and restore them; a copy keeps this method read-only.
        var quoting = self
        return Bisection.smallestSatisfying(from: x * price) { quoting.quoteBuy(usd: $0, economy: economy) >= x } ?? .infinity
    }
}
