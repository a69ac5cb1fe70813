public import HomeostatCore
public import HomeostatMarket
public import HomeostatMechanisms

/// Trades of the protocol's own accounts (treasury, buyback) and early exits from locks.
extension Economy {
    /// Sells `tokens` from `account` to the market and returns the USD proceeds. The one
    /// route protocol sales take (treasury diversification). Without pools: to the outside
    /// market at today's price, whose impact model moves the price at the day's end with the
    /// day's net selling. With pools: through the router (``sellTokens(_:from:flow:)``,
    /// flow `flow`), paying the pools' slippage and moving their prices.
    @discardableResult
    public mutating func marketSell(_ tokens: Double, from account: AccountID, flow: OrderFlow = .treasury) -> Double {
        guard tokens > 0 else { return 0 }
        if !pools.isEmpty { return sellTokens(tokens, from: account, flow: flow) }
        let proceeds = tokens * market.price
        settleSales(population: account, tokens: tokens, proceeds: proceeds)
        return proceeds
    }

    /// Buys tokens for `usd` from the market into `account` and returns the tokens bought
    /// (buyback, attacker); the counterpart of ``marketSell(_:from:flow:)``. With pools the
    /// purchase goes through the router (``buyTokens(usd:for:flow:)``, flow `flow`): the
    /// pools' slippage is the price of buying at once, and `payingImpact` does not apply.
    ///
    /// - Parameter payingImpact: without pools: false: at today's price (the impact moves
    ///   the price at the day's end, as for agents' trades); true: as one block along the
    ///   impact curve (``purchaseCost(tokens:)``), for a buyer who needs the tokens at once.
    @discardableResult
    public mutating func marketBuy(usd: Double, for account: AccountID, payingImpact: Bool = false, flow: OrderFlow = .treasury) -> Double {
        guard usd > 0, market.price > 0 else { return 0 }
        if !pools.isEmpty { return buyTokens(usd: usd, for: account, flow: flow) }
        let tokens = payingImpact ? tokensPurchasable(usd: usd) : usd / market.price
        settlePurchases(population: account, tokens: tokens, cost: usd)
        return tokens
    }

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
