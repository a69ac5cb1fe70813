public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// Trading the token through the pools (see ``Exchange`` for the routing rules).
///
/// Every method moves a population's *total* through `economy`'s ledger (population account
/// ↔ `pool:NAME`, or the outside market); the caller updates its agents' columns
/// (`tokens[i]`, `cash[i]`) to match, as with ``Economy/settleSales(population:tokens:proceeds:)``.
extension Exchange {
    /// Sells `amount` tokens of `population` through the router; returns the USD received.
    ///
    /// With no token pools this is exactly the sale to the outside market at ``Market/price``
    /// (``Economy/settleSales(population:tokens:proceeds:)``).
    public mutating func sellTokens(_ amount: Double, from population: AccountID, flow: OrderFlow, economy: inout Economy) -> Double {
        if tokenPoolCount == 0 {
            let proceeds = amount * economy.market.price
            economy.settleSales(population: population, tokens: amount, proceeds: proceeds)
            return proceeds
        }
        guard amount > 0 else { return 0 }
        economy.soldToday += amount
        return route(coinIn: 0, amount: amount, trader: population, flow: flow, settle: true, economy: &economy)
    }

    /// Buys tokens for `usd` of `population`'s cash through the router; returns the tokens received.
    ///
    /// With no token pools: from the outside market at ``Market/price``.
    public mutating func buyTokens(usd: Double, for population: AccountID, flow: OrderFlow, economy: inout Economy) -> Double {
        if tokenPoolCount == 0 {
            let tokens = usd / economy.market.price
            economy.settlePurchases(population: population, tokens: tokens, cost: usd)
            return tokens
        }
        guard usd > 0 else { return 0 }
        let tokens = route(coinIn: 1, amount: usd, trader: population, flow: flow, settle: true, economy: &economy)
        economy.boughtToday += tokens
        return tokens
    }

    /// The USD that selling `amount` tokens would pay now (no state changes: the pools are
    /// restored and `economy` is only read).
    public mutating func quoteSell(_ amount: Double, economy: Economy) -> Double {
        if tokenPoolCount == 0 { return amount * economy.market.price }
        guard amount > 0 else { return 0 }
        let saved = pools
        defer { pools = saved }
        // An unsettled route writes nothing to the economy; the copy is never mutated, so no
        // array is copied.
        var unchanged = economy
        return route(coinIn: 0, amount: amount, trader: economy.outside, flow: .holder, settle: false, economy: &unchanged)
    }

    /// The tokens that `usd` would buy now (no state changes, as ``quoteSell(_:economy:)``).
    public mutating func quoteBuy(usd: Double, economy: Economy) -> Double {
        if tokenPoolCount == 0 { return usd / economy.market.price }
        guard usd > 0 else { return 0 }
        let saved = pools
        defer { pools = saved }
        var unchanged = economy
        return route(coinIn: 1, amount: usd, trader: economy.outside, flow: .holder, settle: false, economy: &unchanged)
    }

    /// Sends `amount` of coin `coinIn` (0: tokens, 1: USD) through the token pools slice by
    /// slice; returns the output (USD or tokens). A pool that quotes an external asset is a
    /// two-hop route: a sale swaps the tokens for the asset and converts the asset to USD, a
    /// purchase converts USD to the asset first (``convertAsset(_:amount:toUSD:trader:flow:settle:economy:)``);
    /// each slice goes to the route paying most.
    mutating func route(coinIn: Int, amount: Double, trader: AccountID, flow: OrderFlow, settle: Bool, economy: inout Economy) -> Double {
        let slices = tokenPoolCount == 1 ? 1 : Self.routeSlices
        let slice = amount / Double(slices)
        let price = economy.market.price
        var total = 0.0
        for _ in 0..<slices {
            var best = -1
            var bestOut = 0.0
            for k in pools.indices where pools[k].coin0 == .token {
                if let out = quoteRoute(k, coinIn: coinIn, amount: slice, economy: economy), out > bestOut {
                    best = k
                    bestOut = out
                }
            }
            var filled = false
            if best >= 0, pools[best].coin1 != .cash {
                if let out = routeThroughAsset(best, coinIn: coinIn, amount: slice, trader: trader, flow: flow, settle: settle, economy: &economy) {
                    filled = true
                    total += out
                }
            } else if best >= 0, let r = try? pools[best].swap(coinIn: coinIn, amount: slice, sqrtPriceLimit: routeLimit(best, coinIn: coinIn, economy: economy)) {
                filled = true
                total += r.out
                let usd = coinIn == 0 ? r.out : r.amountIn
                let feeUSD = coinIn == 0 ? r.fee * price : r.fee
                pools[best].recordSwap(flow: flow, usd: usd, feeUSD: feeUSD)
                if settle {
                    let account = pools[best].account
                    economy.ledger.transfer(coinIn == 0 ? .token : .cash, from: trader, to: account, r.amountIn)
                    economy.ledger.transfer(coinIn == 0 ? .cash : .token, from: account, to: trader, r.out)
                    // An exact-input v3 swap stopped by the end of liquidity takes less than
                    // the slice; the rest goes to the outside market below.
                    if r.amountIn < slice {
                        total += outsideTrade(coinIn: coinIn, amount: slice - r.amountIn, trader: trader, economy: &economy)
                    }
                } else if r.amountIn < slice {
                    total += coinIn == 0 ? (slice - r.amountIn) * price : (slice - r.amountIn) / price
                }
            }
            if !filled {
                total += settle ? outsideTrade(coinIn: coinIn, amount: slice, trader: trader, economy: &economy)
                    : (coinIn == 0 ? slice * price : slice / price)
            }
        }
        return total
    }

    /// The router's price limit for a swap of coin `coinIn` in concentrated pool `k`:
    /// ``routeLimit`` times below (a sale) or above (a purchase) the pool's reference price.
    func routeLimit(_ k: Int, coinIn: Int, economy: Economy) -> Double {
        let reference = referencePrice(k, economy: economy)
        return (coinIn == 0 ? reference / Self.routeLimit : reference * Self.routeLimit).squareRoot()
    }

    /// What a slice of `amount` (tokens to sell, or USD to spend) pays through token pool
    /// `k`, the asset hop included, or nil if the pool rejects it.
    func quoteRoute(_ k: Int, coinIn: Int, amount: Double, economy: Economy) -> Double? {
        let limit = routeLimit(k, coinIn: coinIn, economy: economy)
        let quoteAsset = pools[k].coin1
        if quoteAsset == .cash { return pools[k].quote(coinIn: coinIn, amount: amount, sqrtPriceLimit: limit) }
        if coinIn == 0 {
            guard let asset = pools[k].quote(coinIn: 0, amount: amount, sqrtPriceLimit: limit) else { return nil }
            return quoteConversion(quoteAsset, amount: asset, toUSD: true, economy: economy).out
        }
        let asset = quoteConversion(quoteAsset, amount: amount, toUSD: false, economy: economy).out
        return pools[k].quote(coinIn: 1, amount: asset, sqrtPriceLimit: limit)
    }

    /// A slice through token pool `k` that quotes an external asset: tokens → asset → USD,
    /// or USD → asset → tokens; the part a concentrated pool does not take is traded with
    /// the outside market. Returns the output, or nil (nothing traded) if the pool rejects it.
    mutating func routeThroughAsset(
        _ k: Int, coinIn: Int, amount: Double, trader: AccountID, flow: OrderFlow, settle: Bool, economy: inout Economy
    ) -> Double? {
        let asset = pools[k].coin1
        let assetPrice = economy.usdPrice(asset)
        let price = economy.market.price
        let limit = routeLimit(k, coinIn: coinIn, economy: economy)
        let account = pools[k].account
        if coinIn == 0 {
            guard let r = try? pools[k].swap(coinIn: 0, amount: amount, sqrtPriceLimit: limit) else { return nil }
            pools[k].recordSwap(flow: flow, usd: r.out * assetPrice, feeUSD: r.fee * price)
            if settle {
                economy.ledger.transfer(.token, from: trader, to: account, r.amountIn)
                economy.ledger.transfer(asset, from: account, to: trader, r.out)
            }
            var usd = convertAsset(asset, amount: r.out, toUSD: true, trader: trader, flow: flow, settle: settle, economy: &economy)
            if r.amountIn < amount {
                usd += settle
                    ? outsideTrade(coinIn: 0, amount: amount - r.amountIn, trader: trader, economy: &economy) : (amount - r.amountIn) * price
            }
            return usd
        }
        let assetIn = quoteConversion(asset, amount: amount, toUSD: false, economy: economy).out
        guard let r = try? pools[k].swap(coinIn: 1, amount: assetIn, sqrtPriceLimit: limit) else { return nil }
        pools[k].recordSwap(flow: flow, usd: r.amountIn * assetPrice, feeUSD: r.fee * assetPrice)
        // The same conversion as quoted: the converting pool is not pool k.
        let converted = convertAsset(asset, amount: amount, toUSD: false, trader: trader, flow: flow, settle: settle, economy: &economy)
        var tokens = r.out
        let leftover = max(0, converted - r.amountIn)
        if settle {
            economy.ledger.transfer(asset, from: trader, to: account, r.amountIn)
            economy.ledger.transfer(.token, from: account, to: trader, r.out)
        }
        if leftover > 0 {
            // The asset the pool did not take buys tokens outside at the external prices.
            let bought = leftover * assetPrice / price
            if settle {
                economy.ledger.transfer(asset, from: trader, to: economy.outside, leftover)
                economy.ledger.transfer(.token, from: economy.outside, to: trader, bought)
            }
            tokens += bought
        }
        return tokens
    }

    /// Trades `amount` of coin `coinIn` with the outside market at the external price.
    func outsideTrade(coinIn: Int, amount: Double, trader: AccountID, economy: inout Economy) -> Double {
        let price = economy.market.price
        if coinIn == 0 {
            economy.ledger.transfer(.token, from: trader, to: economy.outside, amount)
            economy.ledger.transfer(.cash, from: economy.outside, to: trader, amount * price)
            return amount * price
        }
        economy.ledger.transfer(.cash, from: trader, to: economy.outside, amount)
        economy.ledger.transfer(.token, from: economy.outside, to: trader, amount / price)
        return amount / price
    }

}
