public import HomeostatCore
public import HomeostatMechanisms

/// Funding pools at day 0 and the engine's daily bookkeeping of their flows.
extension Exchange {
    /// Records the day-0 (protocol-owned) position of a constant-product pool, whose
    /// deposit is already in the pair, and funds the pool's account: the tokens are minted
    /// into it and the USD comes from the outside market.
    public mutating func setInitialPosition(
        _ id: PoolID, token: Double, usd: Double, shares: Double, treasury: LPAccount, economy: inout Economy
    ) {
        pools[id.index].initialAmounts = (token, usd)
        pools[id.index].initialShares = shares
        pools[id.index].treasuryLP = treasury
        fundInitial(id, amount0: token, amount1: usd, economy: &economy)
    }

    /// Mints a day-0 treasury position in a concentrated pool, funded like
    /// ``setInitialPosition(_:token:usd:shares:treasury:economy:)``.
    public mutating func mintInitialRange(
        _ id: PoolID, tickLower: Int, tickUpper: Int, liquidity: Double, economy: inout Economy
    ) throws(PoolError) -> (amount0: Double, amount1: Double) {
        guard let paid = try pools[id.index].concentrated?.mint(
            owner: LiquidityPool.treasuryOwner, tickLower: tickLower, tickUpper: tickUpper, liquidity: liquidity)
        else { throw .invalidParameter("pool \(pools[id.index].name) is not a concentrated pool") }
        fundInitial(id, amount0: paid.amount0, amount1: paid.amount1, economy: &economy)
        return paid
    }

    /// Funds a day-0 deposit: tokens are minted into the pool; USD and external assets come
    /// from the outside market.
    func fundInitial(_ id: PoolID, amount0: Double, amount1: Double, economy: inout Economy) {
        let account = pools[id.index].account
        if pools[id.index].coin0 == .token {
            economy.ledger.mint(.token, to: account, amount0)
        } else {
            economy.ledger.transfer(pools[id.index].coin0, from: economy.outside, to: account, amount0)
        }
        economy.ledger.transfer(pools[id.index].coin1, from: economy.outside, to: account, amount1)
    }

    /// Records the day-0 ranges of a concentrated pool and the coins they took.
    public mutating func setInitialRanges(_ id: PoolID, ranges: [(Int, Int, Double)], token: Double, usd: Double) {
        pools[id.index].initialRanges = ranges.map { (tickLower: $0.0, tickUpper: $0.1, liquidity: $0.2) }
        pools[id.index].initialAmounts = (token, usd)
    }

    /// Starts every pool's daily flows at zero.
    public mutating func resetPoolDays() {
        for k in pools.indices { pools[k].resetDay() }
    }

    /// Adds `days` to pool `k`'s LVR clock, valued at `startValue` (its value at the external
    /// price when the interval began).
    public mutating func elapsePool(_ k: Int, days: Double, startValue: Double) {
        pools[k].lvr.elapse(days / 365, poolValue: startValue)
    }
}

extension Exchange {
    /// Sets pool `k`'s trailing fee APR (the engine's daily statistic LPs watch).
    public mutating func setTrailingFeeAPR(_ k: Int, _ apr: Double) {
        pools[k].trailingFeeAPR = apr
    }
}

extension Exchange {
    /// Funds a StableSwap pool's day-0 deposit (already made by the treasury's LP account)
    /// and records it as the pool's initial position.
    public mutating func setInitialStableSwapPosition(
        _ id: PoolID, token: Double, usd: Double, shares: Double, treasury: LPAccount, economy: inout Economy
    ) {
        setInitialPosition(id, token: token, usd: usd, shares: shares, treasury: treasury, economy: &economy)
    }

    /// Claims a StableSwap pool's admin fees (Curve's `withdraw_admin_fees`) for the
    /// treasury: the coins move from the pool's account to the treasury's.
    /// - Returns: the coins claimed (coin 0, coin 1); external assets among them are sold
    ///   outside for USD, which the treasury receives.
    public mutating func claimAdminFees(_ k: Int, economy: inout Economy) -> (token: Double, usd: Double) {
        guard let out = pools[k].stableSwap?.withdrawAdminFees() else { return (0, 0) }
        // Admin fees in an external asset are sold outside at its external price.
        for (coin, amount) in [(pools[k].coin0, out[0]), (pools[k].coin1, out[1])] where coin.isExternal {
            economy.ledger.transfer(coin, from: pools[k].account, to: economy.outside, amount)
            economy.ledger.transfer(.cash, from: economy.outside, to: economy.treasuryAccount, amount * economy.usdPrice(coin))
        }
        if pools[k].coin0 == .token { economy.ledger.transfer(.token, from: pools[k].account, to: economy.treasuryAccount, out[0]) }
        if pools[k].coin1 == .cash { economy.ledger.transfer(.cash, from: pools[k].account, to: economy.treasuryAccount, out[1]) }
        return (out[0], out[1])
    }
}
