import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// What the protocol's own trades and an attacker's purchase cost through the pools.
extension Economy {
    /// The USD that buying `tokens` at once through the router would cost now: the least
    /// `usd` with ``quoteBuy(usd:)`` ≥ `tokens` (no state changes). Without pools it is
    /// `tokens · price` (the outside market at today's price).
    ///
    /// One constant-product pool has the closed form of Uniswap v2's `getAmountIn`,
    /// `y·x / ((X − x)·(1 − f))` for reserves `X` tokens and `y` USD, and is infinite for
    /// `x ≥ X` (a pair cannot sell its whole reserve). Otherwise the router is inverted by
    /// bisection on ``quoteBuy(usd:)``: the bracket doubles from `tokens · price` until the
    /// quote reaches `tokens` (infinite if it never does in 200 doublings, which happens
    /// only when the pools cannot supply `tokens` at any price), then halves to a relative
    /// 1e-12. Slices the router sends to the outside market (rejected by every pool, or
    /// past a concentrated pool's ``routeLimit``) count at the external price, as the
    /// router fills them.
    ///
    /// - Complexity: O(1) for one constant-product pool; otherwise about 250 router quotes.
    public func routedPurchaseCost(tokens x: Double) -> Double {
        guard x > 0 else { return 0 }
        let price = market.price
        if tokenPoolCount == 0 { return x * price }
        if pools.count == 1, pools[0].coin1 == .cash, let pair = pools[0].constantProduct {
            return (try? pair.getAmountIn(i: 1, dy: x)) ?? .infinity
        }
        var quoting = self
        return Bisection.smallestSatisfying(from: x * price) { quoting.quoteBuy(usd: $0) >= x } ?? .infinity
    }
}
