import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatScenario

/// The engine's side of external assets (`assets:`): their ledger assets and price
/// processes, the coins of the pools that pair with them, their shocks and invariants.
extension Simulation {
    /// Opens each asset of `assets:` in the ledger, in file order (asset `k` is ledger asset
    /// `k + 2`), with its price process on stream ``RandomStream/assetBase`` + k.
    mutating func buildAssets() {
        for (k, spec) in scenario.assets.enumerated() {
            let market = Market(price: spec.price, process: Self.process(spec.process), impact: .none)
            _ = economy.addAsset(spec.symbol, market: market)
            liquidity.assetRNGs.append(RandomStream.derive(seed: scenario.seed, run: run, stream: RandomStream.assetBase + UInt64(k)))
        }
    }

    /// The ledger asset of `symbol` (`USD`: cash).
    func ledgerAsset(_ symbol: String) -> Asset {
        if symbol == PoolSpec.usd { return .cash }
        guard let k = scenario.assets.firstIndex(where: { $0.symbol == symbol }) else {
            preconditionFailure("the decoder checks asset references")
        }
        return Asset(index: k + 2)
    }

    /// The coins of pool `spec`: token and USD or its quote asset, or a coins pool's asset
    /// (coin 0) and USD (coin 1).
    func poolCoins(_ spec: PoolSpec) -> (coin0: Asset, coin1: Asset) {
        if let asset = spec.externalAsset, !spec.hasToken { return (ledgerAsset(asset), .cash) }
        return (.token, ledgerAsset(spec.quote))
    }

    /// `asset_shock`: multiplies the asset's USD price by `1 + change`.
    mutating func shockAsset(_ symbol: String, _ change: Double) {
        let k = ledgerAsset(symbol).index - 2
        economy.assetMarkets[k].shock(change)
    }

    /// No population holds an external asset at the end of a step (agents hold only tokens
    /// and USD; every route converts the asset it passes through).
    func assetViolation() -> InvariantViolation? {
        let ledger = economy.ledger
        for asset in ledger.assets where asset.isExternal {
            for p in populations {
                if let v = ledger.checkSubledger(asset, p.account, columnSum: 0, label: "population \(p.name)") { return v }
            }
        }
        return nil
    }
}
