public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// Providing liquidity to the pools: full-range deposits and withdrawals, concentrated
/// range positions. Each call moves the population's coins in `economy`'s ledger.
extension Exchange {
    // MARK: Full-range liquidity (constant product, StableSwap)

    /// Deposits up to `tokens` and `usd` of `population` into a full-range pool; the
    /// population's LP shares are kept by the pool. In a pool that quotes an external asset,
    /// the USD buys the asset outside at its external price (and `usdUsed` is the USD spent). A constant-product pool takes the
    /// amounts at its ratio (the v2 router's) and leaves the rest with the caller; a
    /// StableSwap pool takes both amounts (an imbalanced deposit pays Curve's imbalance fee).
    /// - Returns: the shares minted and the coins used (the rest stays with the caller).
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a concentrated pool, and the pool's
    ///   errors (zero amounts, too little minted, ...).
    public mutating func addLiquidity(
        pool: PoolID, population: AccountID, tokens: Double, usd: Double, economy: inout Economy
    ) throws(PoolError) -> (shares: Double, tokensUsed: Double, usdUsed: Double) {
        guard pools[pool.index].lpShares != nil,
              let lp = pools[pool.index].lpAccount(for: population, name: economy.ledger.names[Int(population.index)])
        else { throw .invalidParameter("pool \(pools[pool.index].name) is not a full-range pool") }
        let quoteAsset = pools[pool.index].coin1
        let assetPrice = economy.usdPrice(quoteAsset)
        let quoteAmount = quoteAsset == .cash ? usd : usd / assetPrice
        let amounts: [Double]
        let minted: Double
        // Optional chaining mutates the pool's mechanism in place (no copy of its arrays).
        if pools[pool.index].stableSwap != nil {
            amounts = [tokens, quoteAmount]
            guard let m = try pools[pool.index].stableSwap?.addLiquidity(who: lp, amounts: amounts) else { throw .insufficientLiquidity }
            minted = m
        } else {
            guard let a = try pools[pool.index].constantProduct?.proportionalAmounts(for: [tokens, quoteAmount]),
                  let m = try pools[pool.index].constantProduct?.addLiquidity(who: lp, amounts: a)
            else { throw .insufficientLiquidity }
            amounts = a
            minted = m
        }
        let account = pools[pool.index].account
        economy.ledger.transfer(.token, from: population, to: account, amounts[0])
        if quoteAsset == .cash {
            economy.ledger.transfer(.cash, from: population, to: account, amounts[1])
            return (minted, amounts[0], amounts[1])
        }
        // The quote asset is bought outside at its external price with the population's USD.
        economy.ledger.transfer(.cash, from: population, to: economy.outside, amounts[1] * assetPrice)
        economy.ledger.transfer(quoteAsset, from: economy.outside, to: account, amounts[1])
        return (minted, amounts[0], amounts[1] * assetPrice)
    }

    /// Burns `shares` of `population`'s LP shares in a full-range pool (a StableSwap pool
    /// pays both coins in proportion, without claiming the admin fees). In a pool that quotes
    /// an external asset, the asset paid out is sold outside at its external price.
    /// - Returns: the coins paid out to the population.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a concentrated pool, and the pool's
    ///   errors (more shares than held, a payout below one unit, ...).
    public mutating func removeLiquidity(
        pool: PoolID, population: AccountID, shares: Double, economy: inout Economy
    ) throws(PoolError) -> (tokens: Double, usd: Double) {
        guard pools[pool.index].lpShares != nil,
              let lp = pools[pool.index].lpAccount(for: population, name: economy.ledger.names[Int(population.index)])
        else { throw .invalidParameter("pool \(pools[pool.index].name) is not a full-range pool") }
        let removed = pools[pool.index].stableSwap != nil
            ? try pools[pool.index].stableSwap?.removeLiquidity(who: lp, lpAmount: shares, claimAdminFees: false)
            : try pools[pool.index].constantProduct?.removeLiquidity(who: lp, lpAmount: shares)
        guard let out = removed else { throw .insufficientLiquidity }
        let account = pools[pool.index].account
        economy.ledger.transfer(.token, from: account, to: population, out[0])
        let quoteAsset = pools[pool.index].coin1
        if quoteAsset == .cash {
            economy.ledger.transfer(.cash, from: account, to: population, out[1])
            return (out[0], out[1])
        }
        // The quote asset paid out is sold outside at its external price.
        let usd = out[1] * economy.usdPrice(quoteAsset)
        economy.ledger.transfer(quoteAsset, from: account, to: economy.outside, out[1])
        economy.ledger.transfer(.cash, from: economy.outside, to: population, usd)
        return (out[0], usd)
    }

    // MARK: Range positions (concentrated)

    /// The tick range `[lowerPrice, upperPrice]` rounded outward to `pool`'s tick spacing.
    public func tickRange(pool: PoolID, lowerPrice: Double, upperPrice: Double) -> (tickLower: Int, tickUpper: Int)? {
        guard let v3 = pools[pool.index].concentrated, lowerPrice > 0, upperPrice > lowerPrice, upperPrice.isFinite else { return nil }
        let spacing = v3.tickSpacing
        let lo = ConcentratedLiquidityPool.tick(atSqrtPrice: lowerPrice.squareRoot())
        let hi = ConcentratedLiquidityPool.tick(atSqrtPrice: upperPrice.squareRoot())
        var tickLower = floorDiv(lo, spacing) * spacing
        var tickUpper = -floorDiv(-hi, spacing) * spacing
        if tickUpper <= tickLower { tickUpper = tickLower + spacing }
        let minTick = -floorDiv(-ConcentratedLiquidityPool.minTick, spacing) * spacing
        let maxTick = floorDiv(ConcentratedLiquidityPool.maxTick, spacing) * spacing
        tickLower = max(tickLower, minTick)
        tickUpper = min(tickUpper, maxTick)
        return tickLower < tickUpper ? (tickLower, tickUpper) : nil
    }

    /// Mints the largest liquidity on `[tickLower, tickUpper)` of a concentrated pool that
    /// `tokens` and `usd` of `population` pay for; the position is the population's
    /// (owner: its ledger name).
    /// - Returns: the liquidity minted and the coins used.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a pool that is not concentrated,
    ///   ``PoolError/zeroAmount`` when the coins buy no liquidity, and the pool's tick errors.
    public mutating func mintRange(
        pool: PoolID, population: AccountID, tickLower: Int, tickUpper: Int, tokens: Double, usd: Double, economy: inout Economy
    ) throws(PoolError) -> (liquidity: Double, tokensUsed: Double, usdUsed: Double) {
        guard let v3 = pools[pool.index].concentrated else {
            throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool")
        }
        guard tokens >= 0, usd >= 0, tokens.isFinite, usd.isFinite else { throw .invalidAmount(min(tokens, usd)) }
        let unit = v3.amounts(liquidity: 1, tickLower: tickLower, tickUpper: tickUpper)
        var liquidity = Double.infinity
        if unit.amount0 > 0 { liquidity = min(liquidity, tokens / unit.amount0) }
        if unit.amount1 > 0 { liquidity = min(liquidity, usd / unit.amount1) }
        guard liquidity.isFinite, liquidity > 0 else { throw .zeroAmount }
        // Pay at most what was offered despite rounding in the amounts.
        liquidity *= 1 - 1e-12
        let owner = economy.ledger.names[Int(population.index)]
        guard let paid = try pools[pool.index].concentrated?.mint(owner: owner, tickLower: tickLower, tickUpper: tickUpper, liquidity: liquidity)
        else { throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool") }
        let account = pools[pool.index].account
        economy.ledger.transfer(.token, from: population, to: account, paid.amount0)
        economy.ledger.transfer(.cash, from: population, to: account, paid.amount1)
        return (liquidity, paid.amount0, paid.amount1)
    }

    /// Burns `liquidity` of `population`'s position on `[tickLower, tickUpper)` and collects
    /// the burned coins with the fees accrued to that part of the position (its share of
    /// the position's uncollected fees; agents of one population with the same range share
    /// a position).
    /// - Returns: the coins paid out, fees included, and the fees alone.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a pool that is not concentrated, and
    ///   the pool's burn errors (more liquidity than the position has, bad ticks).
    public mutating func burnRange(
        pool: PoolID, population: AccountID, tickLower: Int, tickUpper: Int, liquidity: Double, economy: inout Economy
    ) throws(PoolError) -> (tokens: Double, usd: Double, feeTokens: Double, feeUSD: Double) {
        guard let v3 = pools[pool.index].concentrated else {
            throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool")
        }
        let owner = economy.ledger.names[Int(population.index)]
        guard let position = v3.position(owner: owner, tickLower: tickLower, tickUpper: tickUpper), position.liquidity > 0 else {
            throw .positionNotFound
        }
        let share = min(1, liquidity / position.liquidity)
        let before = v3.uncollected(owner: owner, tickLower: tickLower, tickUpper: tickUpper)
        let owedBefore = (position.tokensOwed0, position.tokensOwed1)
        guard let burned = try pools[pool.index].concentrated?.burn(owner: owner, tickLower: tickLower, tickUpper: tickUpper, liquidity: liquidity)
        else { throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool") }
        // Fees earned by the position but not yet collected (tokens owed from earlier burns
        // of this population are its other agents' and were collected then).
        let fee0 = max(0, before.amount0 - owedBefore.0) * share
        let fee1 = max(0, before.amount1 - owedBefore.1) * share
        guard let paid = try pools[pool.index].concentrated?.collect(
            owner: owner, tickLower: tickLower, tickUpper: tickUpper, amount0: max(0, burned.amount0 + fee0), amount1: max(0, burned.amount1 + fee1))
        else { throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool") }
        let account = pools[pool.index].account
        // Fee growth in Double can leave a position owed -1e-50 where the contract's
        // integers give 0; signed transfers keep the ledger equal to the pool either way.
        economy.ledger.transferSigned(.token, from: account, to: population, paid.amount0)
        economy.ledger.transferSigned(.cash, from: account, to: population, paid.amount1)
        return (paid.amount0, paid.amount1, max(0, paid.amount0 - burned.amount0), max(0, paid.amount1 - burned.amount1))
    }

}

/// `⌊a / b⌋` for `b > 0`.
@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
