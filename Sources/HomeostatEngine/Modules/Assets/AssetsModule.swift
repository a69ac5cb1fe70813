import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatScenario

/// External assets (`assets:`): coins the agents never hold but that pools pair with. Each
/// is a ledger asset (asset `k` of the file is ledger asset `k + 2`) with its own USD price
/// process on stream ``RandomStream/assetBase`` + k, moved right after the token's price and
/// before arbitrage; `asset_shock` events multiply its price.
public struct AssetsModule: Module {
    /// The assets' symbols, in file order.
    let symbols: [String]
    /// Per asset: its price stream.
    var rngs: [Xoshiro256StarStar] = []

    /// Opens each asset of `specs` in the world's ledger, in file order, with its market.
    public init(_ specs: [AssetSpec], world: inout World) {
        symbols = specs.map(\.symbol)
        for (k, spec) in specs.enumerated() {
            let market = Market(price: spec.price, process: MarketModule.process(spec.process), impact: .none)
            _ = world.economy.addAsset(spec.symbol, market: market)
            rngs.append(RandomStream.derive(seed: world.seed, run: world.run, stream: RandomStream.assetBase + UInt64(k)))
        }
    }

    public var name: String { "assets" }

    public var hooks: [Hook] { [Hook(.market, 10, "move the external assets' prices")] }

    public mutating func run(_ hook: Hook, world: inout World) {
        world.economy.advanceAssets(rngs: &rngs)
    }

    public func owns(_ action: EventAction) -> Bool {
        if case .assetShock = action { return true }
        return false
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        guard case .assetShock(let symbol, let change) = action, let k = symbols.firstIndex(of: symbol) else { return }
        world.economy.assetMarkets[k].shock(change)
    }

    /// No population holds an external asset at the end of a step (agents hold only tokens
    /// and USD; every route converts the asset it passes through).
    public func firstViolation(world: World) -> InvariantViolation? {
        let ledger = world.economy.ledger
        for asset in ledger.assets where asset.isExternal {
            for p in world.populations {
                if let v = ledger.checkSubledger(asset, p.account, columnSum: 0, label: "population \(p.name)") { return v }
            }
        }
        return nil
    }

    /// The ledger asset of `symbol` among `assets` (`USD`: cash).
    public static func ledgerAsset(_ symbol: String, in assets: [AssetSpec]) -> Asset {
        if symbol == PoolSpec.usd { return .cash }
        guard let k = assets.firstIndex(where: { $0.symbol == symbol }) else {
            preconditionFailure("the decoder checks asset references")
        }
        return Asset(index: k + 2)
    }
}
