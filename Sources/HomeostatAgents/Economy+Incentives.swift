public import HomeostatCore
public import HomeostatMarket
public import HomeostatMechanisms

/// The outside market's impact curve for a buyer who needs the tokens at once, and early
/// exits from locks. (The protocol's routed trades are ``Exchange``'s.)
extension Economy {
    /// USD to buy `tokens` at once at today's price through the impact model, integrating
    /// the price along the purchase: linear `P·(x + k·x²/2)`, square root
    /// `P·(x + 2k·x^{3/2}/3)`, none `P·x`. A deeper market (smaller `k`) charges less.
    public func purchaseCost(tokens x: Double) -> Double {
        let p = market.price
        switch market.impact {
        case .linear(let k, _): return p * (x + k * x * x / 2)
        case .squareRoot(let k, _): return p * (x + 2 * k * x * x.squareRoot() / 3)
        case .none: return p * x
        }
    }

    /// The tokens `usd` buys at once along the impact curve: the inverse of
    /// ``purchaseCost(tokens:)`` (bisection; the cost is increasing).
    public func tokensPurchasable(usd: Double) -> Double {
        var low = 0.0
        var high = usd / market.price  // the cost is at least P·x
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if purchaseCost(tokens: mid) <= usd { low = mid } else { high = mid }
            if high - low <= high * 1e-15 { break }
        }
        return low
    }

    /// Ends agent `row`'s unexpired lock early under `penalty` (claiming its rewards
    /// first, as ``lock(_:amount:unlockDay:)`` does) and credits the returned tokens to its
    /// wallet column. The caller moves the tokens in the ledger: `returned` from the escrow
    /// to the population, the penalty to where it goes.
    ///
    /// - Returns: the split, or nil when the agent has no unexpired lock.
    public mutating func exitEarly(_ row: Int, penalty: ExitPenalty) -> PooledEarlyExit? {
        let now = Int64(day)
        guard escrow.lockedAmount(row) > 0, escrow.lockEnd(row) > now else { return nil }
        claimRewards(row)
        guard let exit = try? escrow.withdrawEarlyPooled(row, now: now, penalty: penalty) else { return nil }
        tokens[row] += exit.returned
        return exit
    }
}
