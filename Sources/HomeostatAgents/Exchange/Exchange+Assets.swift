public import HomeostatCore
public import HomeostatMechanisms

/// The pools that pair with external assets (WETH, USDT, …), and converting between USD and
/// an asset; the assets' prices are the economy's (``Economy/usdPrice(_:)``).
///
/// Agents hold only tokens and USD. A pool that pairs the token with an asset is reached by
/// the router as a two-hop route, and an asset an agent receives or needs on the way is
/// converted at once, by whichever pays more: the outside market at the asset's external
/// price (no fee; the asset's own market is taken as deep), or a USD/asset pool.
extension Exchange {
    /// Pool `k`'s reference price, coin 1 per coin 0 at the external USD prices (for a
    /// token/USD pool, ``Market/price``): what arbitrageurs align it to.
    public func referencePrice(_ k: Int, economy: Economy) -> Double {
        economy.usdPrice(pools[k].coin0) / economy.usdPrice(pools[k].coin1)
    }

    /// Pool `k`'s marginal price in USD per coin 0 (its price times coin 1's USD price).
    public func poolPriceUSD(_ k: Int, economy: Economy) -> Double {
        pools[k].price * economy.usdPrice(pools[k].coin1)
    }

    /// Pool `k`'s holdings valued in USD at the external prices.
    public func poolValueUSD(_ k: Int, economy: Economy) -> Double {
        pools[k].value(price0: economy.usdPrice(pools[k].coin0), price1: economy.usdPrice(pools[k].coin1))
    }

    /// Sets the coins of pool `id` (a new pool is token/USD): a token pool quoting an
    /// asset (`coin0 = .token`), or a USD/asset pool (`coin0` the asset, `coin1 = .cash`).
    public mutating func setPoolCoins(_ id: PoolID, coin0: Asset, coin1: Asset) {
        precondition(coin0 != coin1 && coin1 != .token && coin0 != .cash, "coin 0 is the token or an asset; coin 1 is USD or an asset")
        precondition(coin0 == .token || coin1 == .cash, "a pool without the token pairs an asset with USD")
        if pools[id.index].coin0 == .token && coin0 != .token { tokenPoolCount -= 1 }
        pools[id.index].coin0 = coin0
        pools[id.index].coin1 = coin1
    }

    /// The best conversion of `amount` of `asset` into USD (`toUSD`) or of `amount` USD into
    /// `asset`: the outside market at the external price (`venue` −1) or the USD/asset pool
    /// `venue` that pays more. No state changes.
    public func quoteConversion(_ asset: Asset, amount: Double, toUSD: Bool, economy: Economy) -> (out: Double, venue: Int) {
        let p = economy.usdPrice(asset)
        var best = (out: toUSD ? amount * p : amount / p, venue: -1)
        guard amount > 0 else { return best }
        for k in pools.indices where pools[k].coin0 == asset && pools[k].coin1 == .cash {
            if let out = pools[k].quote(coinIn: toUSD ? 0 : 1, amount: amount), out > best.out { best = (out, k) }
        }
        return best
    }

    /// Converts `amount` of `asset` held by `trader` into USD (`toUSD`), or `amount` USD into
    /// `asset`, at the best venue (``quoteConversion(_:amount:toUSD:economy:)``); a swap in a USD/asset
    /// pool is recorded as `flow`. With `settle` false only the pools move (a quote).
    /// - Returns: the USD or asset received.
    @discardableResult
    mutating func convertAsset(
        _ asset: Asset, amount: Double, toUSD: Bool, trader: AccountID, flow: OrderFlow, settle: Bool, economy: inout Economy
    ) -> Double {
        guard amount > 0 else { return 0 }
        let p = economy.usdPrice(asset)
        let best = quoteConversion(asset, amount: amount, toUSD: toUSD, economy: economy)
        if best.venue >= 0, let r = try? pools[best.venue].swap(coinIn: toUSD ? 0 : 1, amount: amount) {
            pools[best.venue].recordSwap(flow: flow, usd: toUSD ? r.out : r.amountIn, feeUSD: toUSD ? r.fee * p : r.fee)
            if settle {
                let account = pools[best.venue].account
                economy.ledger.transfer(toUSD ? asset : .cash, from: trader, to: account, r.amountIn)
                economy.ledger.transfer(toUSD ? .cash : asset, from: account, to: trader, r.out)
            }
            return r.out
        }
        let out = toUSD ? amount * p : amount / p
        if settle {
            economy.ledger.transfer(toUSD ? asset : .cash, from: trader, to: economy.outside, amount)
            economy.ledger.transfer(toUSD ? .cash : asset, from: economy.outside, to: trader, out)
        }
        return out
    }

    /// A round trip through USD/asset pool `pool` for `usd` of `trader`'s cash (the flow of a
    /// noise trader on a stable pool): `buysAsset` swaps the USD for the asset in the pool and
    /// sells the asset outside at its external price; otherwise the asset is bought outside
    /// and swapped for USD in the pool. Returns the USD back (`usd` less the fee and the
    /// pool's deviation from the external price); all of `usd` is returned unchanged if the
    /// pool rejects the swap.
    public mutating func tradeStablePool(
        _ pool: PoolID, usd: Double, buysAsset: Bool, trader: AccountID, flow: OrderFlow, economy: inout Economy
    ) -> Double {
        let k = pool.index
        let asset = pools[k].coin0
        precondition(pools[k].coin1 == .cash && asset.isExternal, "a USD/asset pool")
        guard usd > 0 else { return 0 }
        let p = economy.usdPrice(asset)
        let account = pools[k].account
        if buysAsset {
            guard let r = try? pools[k].swap(coinIn: 1, amount: usd) else { return usd }
            pools[k].recordSwap(flow: flow, usd: r.amountIn, feeUSD: r.fee)
            economy.ledger.transfer(.cash, from: trader, to: account, r.amountIn)
            economy.ledger.transfer(asset, from: account, to: economy.outside, r.out)
            economy.ledger.transfer(.cash, from: economy.outside, to: trader, r.out * p)
            return r.out * p
        }
        let assetIn = usd / p
        guard let r = try? pools[k].swap(coinIn: 0, amount: assetIn) else { return usd }
        pools[k].recordSwap(flow: flow, usd: r.out, feeUSD: r.fee * p)
        economy.ledger.transfer(.cash, from: trader, to: economy.outside, usd)
        economy.ledger.transfer(asset, from: economy.outside, to: account, r.amountIn)
        economy.ledger.transfer(.cash, from: account, to: trader, r.out)
        return r.out
    }
}
