public import HomeostatCore
public import HomeostatMarket

/// External assets (WETH, USDT, …) in the outside market: each one a ledger asset whose USD
/// price its own process moves. Pools pair with them (``Exchange``); the economy keeps their
/// prices because they are outside prices, like the token's ``Economy/market``.
extension Economy {
    /// Adds external asset `symbol` to the ledger, its USD price moved by `market`.
    public mutating func addAsset(_ symbol: String, market assetMarket: Market) -> Asset {
        let asset = ledger.addAsset(symbol)
        precondition(asset.index == assetMarkets.count + 2, "assets are added in ledger order")
        assetMarkets.append(assetMarket)
        return asset
    }

    /// The USD price of `asset`: the token's external price, 1 for USD, or the asset's
    /// process price.
    @inline(__always)
    public func usdPrice(_ asset: Asset) -> Double {
        switch asset.index {
        case 0: return market.price
        case 1: return 1
        default: return assetMarkets[asset.index - 2].price
        }
    }

    /// Moves every external asset's price one day on its own stream (`rngs[k]` for asset
    /// `k`), after the token's price moved. Their prices do not respond to the agents.
    public mutating func advanceAssets(rngs: inout [Xoshiro256StarStar]) {
        for k in assetMarkets.indices { assetMarkets[k].advance(netSold: 0, rng: &rngs[k]) }
    }
}
