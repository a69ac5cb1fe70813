public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// Trading with and providing liquidity to the economy's pools.
///
/// Every method moves a population's *total* through the ledger (population account ↔
/// `pool:NAME`, or the outside market); the caller updates its agents' columns
/// (`tokens[i]`, `cash[i]`) to match, as with ``settleSales(population:tokens:proceeds:)``.
///
/// **Routing.** An order is cut into ``routeSlices`` equal slices, each sent to the pool
/// that pays most for it at that moment (so large orders spread over pools as their prices
/// converge); with one pool it is one swap. A slice no pool accepts (a typed ``PoolError``
/// such as an output below one smallest unit or an exhausted side) is traded with the
/// outside market at the external price. A routed swap in a concentrated pool carries the
/// router's slippage limit: it stops where the pool price is ``routeLimit`` times below (a
/// sale) or above (a purchase) the external price, and the rest of the slice goes to the
/// outside market. Tokens sold to pools still count as the day's
/// selling (``soldToday``), which moves the external price through the impact model.
extension Economy {
    /// Slices an order is cut into when there are several pools.
    public static let routeSlices = 8
    /// How far from the external price a routed swap may move a concentrated pool's price.
    public static let routeLimit = 2.0

    /// The pool called `name`, if any.
    public func poolID(named name: String) -> PoolID? {
        pools.firstIndex { $0.name == name }.map(PoolID.init(index:))
    }

    /// Adds a pool whose mechanism is set by `configure`; opens its ledger account `pool:NAME`.
    public mutating func addPool(
        name: String, constantProduct: ConstantProductPool? = nil, concentrated: ConcentratedLiquidityPool? = nil,
        stableSwap: StableSwapPool? = nil
    ) -> PoolID {
        let mechanisms = (constantProduct == nil ? 0 : 1) + (concentrated == nil ? 0 : 1) + (stableSwap == nil ? 0 : 1)
        precondition(mechanisms == 1, "a pool is exactly one mechanism")
        precondition(stableSwap.map { $0.coinCount == 2 } ?? true, "a StableSwap pool of the economy has two coins")
        let id = PoolID(index: pools.count)
        tokenPoolCount += 1
        var pool = LiquidityPool(id: id, name: name, account: ledger.open("pool:\(name)", kind: .contract))
        pool.constantProduct = constantProduct
        pool.concentrated = concentrated
        pool.stableSwap = stableSwap
        pools.append(pool)
        return id
    }

    // MARK: Trading

    /// Sells `amount` tokens of `population` through the router; returns the USD received.
    ///
    /// With no token pools this is exactly the sale to the outside market at ``Market/price``
    /// (``settleSales(population:tokens:proceeds:)``).
    public mutating func sellTokens(_ amount: Double, from population: AccountID, flow: OrderFlow) -> Double {
        if tokenPoolCount == 0 {
            let proceeds = amount * market.price
            settleSales(population: population, tokens: amount, proceeds: proceeds)
            return proceeds
        }
        guard amount > 0 else { return 0 }
        soldToday += amount
        return route(coinIn: 0, amount: amount, trader: population, flow: flow, settle: true)
    }

    /// Buys tokens for `usd` of `population`'s cash through the router; returns the tokens received.
    ///
    /// With no token pools: from the outside market at ``Market/price``.
    public mutating func buyTokens(usd: Double, for population: AccountID, flow: OrderFlow) -> Double {
        if tokenPoolCount == 0 {
            let tokens = usd / market.price
            settlePurchases(population: population, tokens: tokens, cost: usd)
            return tokens
        }
        guard usd > 0 else { return 0 }
        let tokens = route(coinIn: 1, amount: usd, trader: population, flow: flow, settle: true)
        boughtToday += tokens
        return tokens
    }

    /// The USD that selling `amount` tokens would pay now (no state changes).
    public mutating func quoteSell(_ amount: Double) -> Double {
        if tokenPoolCount == 0 { return amount * market.price }
        guard amount > 0 else { return 0 }
        let saved = pools
        defer { pools = saved }
        return route(coinIn: 0, amount: amount, trader: outside, flow: .holder, settle: false)
    }

    /// The tokens that `usd` would buy now (no state changes).
    public mutating func quoteBuy(usd: Double) -> Double {
        if tokenPoolCount == 0 { return usd / market.price }
        guard usd > 0 else { return 0 }
        let saved = pools
        defer { pools = saved }
        return route(coinIn: 1, amount: usd, trader: outside, flow: .holder, settle: false)
    }

    /// Sends `amount` of coin `coinIn` (0: tokens, 1: USD) through the token pools slice by
    /// slice; returns the output (USD or tokens). A pool that quotes an external asset is a
    /// two-hop route: a sale swaps the tokens for the asset and converts the asset to USD, a
    /// purchase converts USD to the asset first (``convertAsset(_:amount:toUSD:trader:flow:settle:)``);
    /// each slice goes to the route paying most.
    mutating func route(coinIn: Int, amount: Double, trader: AccountID, flow: OrderFlow, settle: Bool) -> Double {
        let slices = tokenPoolCount == 1 ? 1 : Self.routeSlices
        let slice = amount / Double(slices)
        let price = market.price
        var total = 0.0
        for _ in 0..<slices {
            var best = -1
            var bestOut = 0.0
            for k in pools.indices where pools[k].coin0 == .token {
                if let out = quoteRoute(k, coinIn: coinIn, amount: slice), out > bestOut {
                    best = k
                    bestOut = out
                }
            }
            var filled = false
            if best >= 0, pools[best].coin1 != .cash {
                if let out = routeThroughAsset(best, coinIn: coinIn, amount: slice, trader: trader, flow: flow, settle: settle) {
                    filled = true
                    total += out
                }
            } else if best >= 0, let r = try? pools[best].swap(coinIn: coinIn, amount: slice, sqrtPriceLimit: routeLimit(best, coinIn: coinIn)) {
                filled = true
                total += r.out
                let usd = coinIn == 0 ? r.out : r.amountIn
                let feeUSD = coinIn == 0 ? r.fee * price : r.fee
                pools[best].recordSwap(flow: flow, usd: usd, feeUSD: feeUSD)
                if settle {
                    let account = pools[best].account
                    ledger.transfer(coinIn == 0 ? .token : .cash, from: trader, to: account, r.amountIn)
                    ledger.transfer(coinIn == 0 ? .cash : .token, from: account, to: trader, r.out)
                    // An exact-input v3 swap stopped by the end of liquidity takes less than
                    // the slice; the rest goes to the outside market below.
                    if r.amountIn < slice {
                        total += outsideTrade(coinIn: coinIn, amount: slice - r.amountIn, trader: trader)
                    }
                } else if r.amountIn < slice {
                    total += coinIn == 0 ? (slice - r.amountIn) * price : (slice - r.amountIn) / price
                }
            }
            if !filled {
                total += settle ? outsideTrade(coinIn: coinIn, amount: slice, trader: trader)
                    : (coinIn == 0 ? slice * price : slice / price)
            }
        }
        return total
    }

    /// The router's price limit for a swap of coin `coinIn` in concentrated pool `k`:
    /// ``routeLimit`` times below (a sale) or above (a purchase) the pool's reference price.
    func routeLimit(_ k: Int, coinIn: Int) -> Double {
        let reference = referencePrice(k)
        return (coinIn == 0 ? reference / Self.routeLimit : reference * Self.routeLimit).squareRoot()
    }

    /// What a slice of `amount` (tokens to sell, or USD to spend) pays through token pool
    /// `k`, the asset hop included, or nil if the pool rejects it.
    func quoteRoute(_ k: Int, coinIn: Int, amount: Double) -> Double? {
        let limit = routeLimit(k, coinIn: coinIn)
        let quoteAsset = pools[k].coin1
        if quoteAsset == .cash { return pools[k].quote(coinIn: coinIn, amount: amount, sqrtPriceLimit: limit) }
        if coinIn == 0 {
            guard let asset = pools[k].quote(coinIn: 0, amount: amount, sqrtPriceLimit: limit) else { return nil }
            return quoteConversion(quoteAsset, amount: asset, toUSD: true).out
        }
        let asset = quoteConversion(quoteAsset, amount: amount, toUSD: false).out
        return pools[k].quote(coinIn: 1, amount: asset, sqrtPriceLimit: limit)
    }

    /// A slice through token pool `k` that quotes an external asset: tokens → asset → USD,
    /// or USD → asset → tokens; the part a concentrated pool does not take is traded with
    /// the outside market. Returns the output, or nil (nothing traded) if the pool rejects it.
    mutating func routeThroughAsset(_ k: Int, coinIn: Int, amount: Double, trader: AccountID, flow: OrderFlow, settle: Bool) -> Double? {
        let asset = pools[k].coin1
        let assetPrice = usdPrice(asset)
        let price = market.price
        let limit = routeLimit(k, coinIn: coinIn)
        let account = pools[k].account
        if coinIn == 0 {
            guard let r = try? pools[k].swap(coinIn: 0, amount: amount, sqrtPriceLimit: limit) else { return nil }
            pools[k].recordSwap(flow: flow, usd: r.out * assetPrice, feeUSD: r.fee * price)
            if settle {
                ledger.transfer(.token, from: trader, to: account, r.amountIn)
                ledger.transfer(asset, from: account, to: trader, r.out)
            }
            var usd = convertAsset(asset, amount: r.out, toUSD: true, trader: trader, flow: flow, settle: settle)
            if r.amountIn < amount {
                usd += settle ? outsideTrade(coinIn: 0, amount: amount - r.amountIn, trader: trader) : (amount - r.amountIn) * price
            }
            return usd
        }
        let assetIn = quoteConversion(asset, amount: amount, toUSD: false).out
        guard let r = try? pools[k].swap(coinIn: 1, amount: assetIn, sqrtPriceLimit: limit) else { return nil }
        pools[k].recordSwap(flow: flow, usd: r.amountIn * assetPrice, feeUSD: r.fee * assetPrice)
        // The same conversion as quoted: the converting pool is not pool k.
        let converted = convertAsset(asset, amount: amount, toUSD: false, trader: trader, flow: flow, settle: settle)
        var tokens = r.out
        let leftover = max(0, converted - r.amountIn)
        if settle {
            ledger.transfer(asset, from: trader, to: account, r.amountIn)
            ledger.transfer(.token, from: account, to: trader, r.out)
        }
        if leftover > 0 {
            // The asset the pool did not take buys tokens outside at the external prices.
            let bought = leftover * assetPrice / price
            if settle {
                ledger.transfer(asset, from: trader, to: outside, leftover)
                ledger.transfer(.token, from: outside, to: trader, bought)
            }
            tokens += bought
        }
        return tokens
    }

    /// Trades `amount` of coin `coinIn` with the outside market at the external price.
    mutating func outsideTrade(coinIn: Int, amount: Double, trader: AccountID) -> Double {
        let price = market.price
        if coinIn == 0 {
            ledger.transfer(.token, from: trader, to: outside, amount)
            ledger.transfer(.cash, from: outside, to: trader, amount * price)
            return amount * price
        }
        ledger.transfer(.cash, from: trader, to: outside, amount)
        ledger.transfer(.token, from: outside, to: trader, amount / price)
        return amount / price
    }

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
        pool: PoolID, population: AccountID, tokens: Double, usd: Double
    ) throws(PoolError) -> (shares: Double, tokensUsed: Double, usdUsed: Double) {
        guard pools[pool.index].lpShares != nil else {
            throw .invalidParameter("pool \(pools[pool.index].name) is not a full-range pool")
        }
        let lp = pools[pool.index].lpAccount(for: population, name: ledger.names[Int(population.index)])
        let quoteAsset = pools[pool.index].coin1
        let assetPrice = usdPrice(quoteAsset)
        let quoteAmount = quoteAsset == .cash ? usd : usd / assetPrice
        let amounts: [Double]
        let minted: Double
        if pools[pool.index].stableSwap != nil {
            amounts = [tokens, quoteAmount]
            minted = try pools[pool.index].stableSwap!.addLiquidity(who: lp, amounts: amounts)
        } else {
            amounts = try pools[pool.index].constantProduct!.proportionalAmounts(for: [tokens, quoteAmount])
            minted = try pools[pool.index].constantProduct!.addLiquidity(who: lp, amounts: amounts)
        }
        let account = pools[pool.index].account
        ledger.transfer(.token, from: population, to: account, amounts[0])
        if quoteAsset == .cash {
            ledger.transfer(.cash, from: population, to: account, amounts[1])
            return (minted, amounts[0], amounts[1])
        }
        // The quote asset is bought outside at its external price with the population's USD.
        ledger.transfer(.cash, from: population, to: outside, amounts[1] * assetPrice)
        ledger.transfer(quoteAsset, from: outside, to: account, amounts[1])
        return (minted, amounts[0], amounts[1] * assetPrice)
    }

    /// Burns `shares` of `population`'s LP shares in a full-range pool (a StableSwap pool
    /// pays both coins in proportion, without claiming the admin fees). In a pool that quotes
    /// an external asset, the asset paid out is sold outside at its external price.
    /// - Returns: the coins paid out to the population.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a concentrated pool, and the pool's
    ///   errors (more shares than held, a payout below one unit, ...).
    public mutating func removeLiquidity(pool: PoolID, population: AccountID, shares: Double) throws(PoolError) -> (tokens: Double, usd: Double) {
        guard pools[pool.index].lpShares != nil else {
            throw .invalidParameter("pool \(pools[pool.index].name) is not a full-range pool")
        }
        let lp = pools[pool.index].lpAccount(for: population, name: ledger.names[Int(population.index)])
        let out = pools[pool.index].stableSwap != nil
            ? try pools[pool.index].stableSwap!.removeLiquidity(who: lp, lpAmount: shares, claimAdminFees: false)
            : try pools[pool.index].constantProduct!.removeLiquidity(who: lp, lpAmount: shares)
        let account = pools[pool.index].account
        ledger.transfer(.token, from: account, to: population, out[0])
        let quoteAsset = pools[pool.index].coin1
        if quoteAsset == .cash {
            ledger.transfer(.cash, from: account, to: population, out[1])
            return (out[0], out[1])
        }
        // The quote asset paid out is sold outside at its external price.
        let usd = out[1] * usdPrice(quoteAsset)
        ledger.transfer(quoteAsset, from: account, to: outside, out[1])
        ledger.transfer(.cash, from: outside, to: population, usd)
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
        pool: PoolID, population: AccountID, tickLower: Int, tickUpper: Int, tokens: Double, usd: Double
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
        let owner = ledger.names[Int(population.index)]
        let paid = try pools[pool.index].concentrated!.mint(owner: owner, tickLower: tickLower, tickUpper: tickUpper, liquidity: liquidity)
        let account = pools[pool.index].account
        ledger.transfer(.token, from: population, to: account, paid.amount0)
        ledger.transfer(.cash, from: population, to: account, paid.amount1)
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
        pool: PoolID, population: AccountID, tickLower: Int, tickUpper: Int, liquidity: Double
    ) throws(PoolError) -> (tokens: Double, usd: Double, feeTokens: Double, feeUSD: Double) {
        guard let v3 = pools[pool.index].concentrated else {
            throw .invalidParameter("pool \(pools[pool.index].name) is not a concentrated pool")
        }
        let owner = ledger.names[Int(population.index)]
        guard let position = v3.position(owner: owner, tickLower: tickLower, tickUpper: tickUpper), position.liquidity > 0 else {
            throw .positionNotFound
        }
        let share = min(1, liquidity / position.liquidity)
        let before = v3.uncollected(owner: owner, tickLower: tickLower, tickUpper: tickUpper)
        let owedBefore = (position.tokensOwed0, position.tokensOwed1)
        let burned = try pools[pool.index].concentrated!.burn(owner: owner, tickLower: tickLower, tickUpper: tickUpper, liquidity: liquidity)
        // Fees earned by the position but not yet collected (tokens owed from earlier burns
        // of this population are its other agents' and were collected then).
        let fee0 = max(0, before.amount0 - owedBefore.0) * share
        let fee1 = max(0, before.amount1 - owedBefore.1) * share
        let paid = try pools[pool.index].concentrated!.collect(
            owner: owner, tickLower: tickLower, tickUpper: tickUpper, amount0: max(0, burned.amount0 + fee0), amount1: max(0, burned.amount1 + fee1))
        let account = pools[pool.index].account
        // Fee growth in Double can leave a position owed -1e-50 where the contract's
        // integers give 0; signed transfers keep the ledger equal to the pool either way.
        ledger.transferSigned(.token, from: account, to: population, paid.amount0)
        ledger.transferSigned(.cash, from: account, to: population, paid.amount1)
        return (paid.amount0, paid.amount1, max(0, paid.amount0 - burned.amount0), max(0, paid.amount1 - burned.amount1))
    }

    // MARK: Arbitrage

    /// Trades pool `pool` back toward the external price for `arbitrageur`, if the profit at
    /// the external price exceeds `gasUSD`: the arbitrageur buys (sells) the token in the
    /// outside market at ``Market/price`` and sells (buys) it in the pool, in one step, and
    /// pays the gas to the outside market. Constant product: the closed-form optimal trade
    /// (``LPExposure/ConstantProduct/arbitrage(of:externalPrice:)``); concentrated: a swap
    /// to the edge of the fee band, `P/(1 − f)` or `P·(1 − f)`, which maximises the profit
    /// just as the closed form does; StableSwap (no closed form): the sale that maximises the
    /// profit at the external price, found by golden-section search on the pool's own
    /// `get_dy` (the profit is concave in the amount sold). Records the trade's profit in
    /// the pool's LVR.
    /// - Returns: the arbitrageur's profit net of gas (0 when it did not trade).
    public mutating func arbitrage(pool index: PoolID, gasUSD: Double, arbitrageur: AccountID) -> Double {
        let k = index.index
        // Coin 1 per coin 0 at the external prices (the token's price for a token/USD pool;
        // P_token / P_asset, or P_asset for a USD/asset pool), and the coins' USD prices.
        let p = referencePrice(k)
        let price0 = usdPrice(pools[k].coin0)
        let price1 = usdPrice(pools[k].coin1)
        var trial = pools[k]
        var coinIn = 0
        let result: (amountIn: Double, out: Double, fee: Double)
        if let pair = trial.constantProduct {
            guard let trade = LPExposure.ConstantProduct.arbitrage(of: pair, externalPrice: p),
                  trade.amountIn.isFinite, trade.amountIn > 0 else { return 0 }
            coinIn = trade.coinIn
            guard let r = try? trial.swap(coinIn: coinIn, amount: trade.amountIn) else { return 0 }
            result = r
        } else if let v3 = trial.concentrated {
            let g = 1 - trial.fee
            let poolPrice = v3.price
            let target: Double
            if poolPrice * g > p {
                coinIn = 0
                target = (p / g).squareRoot()
            } else if poolPrice < p * g {
                coinIn = 1
                target = (p * g).squareRoot()
            } else {
                return 0
            }
            // Enough input to reach the target: on the way every unit sold gets at least the
            // target price less the fee, and the pool cannot pay out more than it holds. A
            // tight budget keeps the swap's `remaining` arithmetic at the pool's own scale.
            let h = trial.holdings
            let targetPrice = target * target
            let budget = coinIn == 0 ? 1.01 * h.usd / (targetPrice * g) + 1e-9 : 1.01 * h.token * targetPrice / g + 1e-9
            guard let r = try? trial.swap(coinIn: coinIn, amount: budget, sqrtPriceLimit: target) else { return 0 }
            result = r
        } else if let curve = trial.stableSwap {
            let g = 1 - trial.fee
            let poolPrice = trial.price
            if poolPrice * g > p {
                coinIn = 0
            } else if poolPrice < p * g {
                coinIn = 1
            } else {
                return 0
            }
            let best = Self.bestSale(curve, coinIn: coinIn, externalPrice: p)
            guard best > 0, let r = try? trial.swap(coinIn: coinIn, amount: best) else { return 0 }
            result = r
        } else {
            return 0
        }
        // In USD: bits as before for a token/USD pool (price1 = 1, price0 = p).
        let profit = coinIn == 0 ? result.out * price1 - price0 * result.amountIn : price0 * result.out - result.amountIn * price1
        guard profit > gasUSD, profit.isFinite else { return 0 }
        pools[k] = trial
        let account = pools[k].account
        let coin0 = pools[k].coin0
        let coin1 = pools[k].coin1
        if coinIn == 0 {
            // Buy coin 0 outside, sell it to the pool (and sell the coin 1 received outside).
            ledger.transfer(coin0, from: outside, to: account, result.amountIn)
            ledger.transfer(.cash, from: arbitrageur, to: outside, result.amountIn * price0)
            if coin1 == .cash {
                ledger.transfer(.cash, from: account, to: arbitrageur, result.out)
            } else {
                ledger.transfer(coin1, from: account, to: outside, result.out)
                ledger.transfer(.cash, from: outside, to: arbitrageur, result.out * price1)
            }
        } else {
            if coin1 == .cash {
                ledger.transfer(.cash, from: arbitrageur, to: account, result.amountIn)
            } else {
                ledger.transfer(coin1, from: outside, to: account, result.amountIn)
                ledger.transfer(.cash, from: arbitrageur, to: outside, result.amountIn * price1)
            }
            ledger.transfer(coin0, from: account, to: outside, result.out)
            ledger.transfer(.cash, from: outside, to: arbitrageur, result.out * price0)
        }
        ledger.transfer(.cash, from: arbitrageur, to: outside, gasUSD)
        pools[k].recordSwap(
            flow: .arbitrage, usd: coinIn == 0 ? result.out * price1 : result.amountIn * price1,
            feeUSD: coinIn == 0 ? result.fee * price0 : result.fee * price1)
        // Coin 1 amounts in USD and coin 0 at its USD price, so the LVR is in USD.
        pools[k].lvr.record(
            coinIn: coinIn, amountIn: coinIn == 0 ? result.amountIn : result.amountIn * price1,
            amountOut: coinIn == 0 ? result.out * price1 : result.out, externalPrice: price0)
        pools[k].lvrToday += profit
        return profit - gasUSD
    }
}

extension Economy {
    /// The amount of coin `coinIn` whose sale to a two-coin StableSwap pool earns most at
    /// the external price `p`: golden-section search of `out(d)·value − d·value` on
    /// `[0, the pool's balance of the other coin in coin-in units]`, to a relative 1e-12.
    static func bestSale(_ pool: StableSwapPool, coinIn: Int, externalPrice p: Double) -> Double {
        let j = 1 - coinIn
        func profit(_ d: Double) -> Double {
            guard d > 0, let out = try? pool.getDy(i: coinIn, j: j, dx: d) else { return 0 }
            return coinIn == 0 ? out - p * d : p * out - d
        }
        var low = 0.0
        var high = coinIn == 0 ? pool.balance(1) / p : pool.balance(0) * p
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low)
        var b = low + ratio * (high - low)
        var fa = profit(a)
        var fb = profit(b)
        for _ in 0..<200 where high - low > 1e-12 * high {
            if fa < fb {
                low = a
                a = b
                fa = fb
                b = low + ratio * (high - low)
                fb = profit(b)
            } else {
                high = b
                b = a
                fb = fa
                a = high - ratio * (high - low)
                fa = profit(a)
            }
        }
        let d = (low + high) / 2
        return profit(d) > 0 ? d : 0
    }
}

/// `⌊a / b⌋` for `b > 0`.
@inline(__always)
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
