public import HomeostatCore

/// An external asset (`assets:` entries): a coin the agents never hold but that pools may
/// pair with the token (`pools[].quote`) or with USD (`pools[].coins`), such as WETH or a
/// USD-pegged stablecoin. Its USD price moves each day on its own random stream by its
/// own process, independent of the token's market and unmoved by the agents' trades.
public struct AssetSpec: Sendable, Equatable {
    /// The asset's ticker, unique among assets and different from `USD` and the token's
    /// symbol; pools name it in `quote` or `coins`.
    public var symbol: String
    /// USD price at day 0.
    public var price: Double = 1
    /// The price process (as `market.process`: gbm, jump_diffusion or series).
    public var process: ProcessSpec = .gbm(drift: 0, volatility: 0)
    /// An asset called `symbol`, other fields at their defaults (a constant price of 1 USD).
    public init(symbol: String) { self.symbol = symbol }
}

extension PoolSpec {
    /// The numeraire's symbol in `pools[].quote` and `pools[].coins`.
    public static let usd = "USD"

    /// Whether the pool trades the token (every pool but a `coins: [USD, ASSET]` pool).
    public var hasToken: Bool { coins == nil }

    /// The asset on the pool's coin-1 side other than USD, if any: `quote` of a token pool
    /// or the non-USD coin of a `coins` pool.
    public var externalAsset: String? {
        if let coins { return coins.first { $0 != Self.usd } }
        return quote == Self.usd ? nil : quote
    }
}
