internal import HomeostatCore
internal import Yams

/// `assets:`, the asset fields of `pools:` (`quote`, `coins`), the `asset_shock` event and
/// the cross-field rules of pools that pair with an external asset.
extension ScenarioDecoder {
    static let assetFields = ["symbol", "price", "process", "drift", "volatility", "jumps", "series"]

    func assets(_ node: Node, _ path: String, token: TokenSpec) throws(ScenarioError) -> [AssetSpec] {
        var out: [AssetSpec] = []
        for (i, item) in try reader.sequence(node, path, of: "assets").enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: Self.assetFields)
            let symbol = try m.string("symbol", nonEmpty: true)
            if symbol == PoolSpec.usd || symbol == token.symbol {
                throw reader.error(
                    Code.conflict, at: m.value("symbol"), m.path("symbol"),
                    "'\(symbol)' is \(symbol == PoolSpec.usd ? "the numeraire" : "the token's symbol"); an external asset needs a symbol of its own")
            }
            if symbol.contains(":") {
                throw reader.error(Code.outOfRange, at: m.value("symbol"), m.path("symbol"), "'\(symbol)' contains ':'; an asset symbol must not")
            }
            if out.contains(where: { $0.symbol == symbol }) {
                throw reader.error(Code.duplicate, at: m.value("symbol"), m.path("symbol"), "'\(symbol)' names two assets; symbols must be unique")
            }
            var a = AssetSpec(symbol: symbol)
            a.price = try m.double("price", default: a.price, .positive)
            a.process = try priceProcess(m, defaultVolatility: 0)
            out.append(a)
        }
        return out
    }

    /// The price process of `market:` or of an asset: `process` with `drift`, `volatility`,
    /// `jumps` or `series`.
    func priceProcess(_ m: MappingReader, defaultVolatility: Double) throws(ScenarioError) -> ProcessSpec {
        let kind = try m.keyword("process", default: ProcessKind.gbm, what: "price process")
        switch kind {
        case .gbm, .jumpDiffusion:
            try m.reject("series", because: "`series` applies only to process: series")
            let drift = try m.double("drift", default: 0, .finite)
            let volatility = try m.double("volatility", default: defaultVolatility, .nonNegative)
            if kind == .gbm {
                try m.reject("jumps", because: "`jumps` applies only to process: jump_diffusion")
                return .gbm(drift: drift, volatility: volatility)
            }
            let j = try reader.mapping(
                try m.required("jumps", expected: "{intensity, mean, stdev} with process: jump_diffusion"),
                m.path("jumps"), allowed: ["intensity", "mean", "stdev"])
            return .jumpDiffusion(
                drift: drift, volatility: volatility,
                intensity: try j.double("intensity", ScenarioLimits.jumpIntensity),
                jumpMean: try j.double("mean", .finite),
                jumpStdev: try j.double("stdev", .nonNegative))
        case .series:
            for key in ["drift", "volatility", "jumps"] {
                try m.reject(key, because: "process: series replays prices from a file and has no \(key)")
            }
            let sn = try m.required("series", expected: "{file, column} with process: series")
            return try series(sn, m.path("series"))
        }
    }

    /// `quote` and `coins` of pool `p` (read from `m`), checked against the declared assets.
    func poolAssets(_ m: MappingReader, _ p: inout PoolSpec, assets: [AssetSpec]) throws(ScenarioError) {
        let symbols = assets.map(\.symbol)
        if let cn = m.value("coins") {
            if m.has("quote") {
                throw reader.error(
                    Code.conflict, at: m.keyNode("quote"), m.path("quote"),
                    "a pool with `coins` has no token side to quote; write either `quote` (a token pool) or `coins` (USD and an asset)")
            }
            guard p.kind == .stableswap else {
                throw reader.error(
                    Code.conflict, at: m.keyNode("coins"), m.path("coins"),
                    "`coins` applies only to kind: stableswap (a USD/asset StableSwap pool); this pool is \(p.kind.rawValue)")
            }
            let items = try reader.sequence(cn, m.path("coins"), of: "coins")
            guard items.count == 2 else {
                throw reader.error(Code.outOfRange, at: cn, m.path("coins"), "expected two coins, USD and an asset (for example [USD, USDT]); got \(items.count)")
            }
            var coins: [String] = []
            for (k, item) in items.enumerated() {
                let coin = try reader.string(item, KeyPath.index(m.path("coins"), k), nonEmpty: true)
                guard coin == PoolSpec.usd || symbols.contains(coin) else {
                    throw reference(item, KeyPath.index(m.path("coins"), k), coin, what: "asset (or USD)", names: [PoolSpec.usd] + symbols)
                }
                coins.append(coin)
            }
            guard coins.contains(PoolSpec.usd), coins[0] != coins[1] else {
                throw reader.error(
                    Code.conflict, at: cn, m.path("coins"),
                    "a coins pool pairs USD with one external asset (for example [USD, USDT]); got [\(coins.joined(separator: ", "))]")
            }
            for key in ["token_reserve", "protocol_fee_share"] where m.has(key) {
                throw reader.error(
                    Code.conflict, at: m.keyNode(key), m.path(key),
                    "`\(key)` applies only to token pools; a coins pool's day-0 deposit is `usd_reserve` and the asset worth the same")
            }
            p.coins = coins
            p.usdReserve = try m.double("usd_reserve", .positive)
            return
        }
        let quote = try m.string("quote", default: PoolSpec.usd, nonEmpty: true)
        guard quote == PoolSpec.usd || symbols.contains(quote) else {
            throw reference(m.value("quote"), m.path("quote"), quote, what: "asset (or USD)", names: [PoolSpec.usd] + symbols)
        }
        p.quote = quote
    }

    /// Pools that pair with an external asset: only what the engine supports on them.
    /// Gauges and range LPs need a token/USD pool; passive LPs need a token pool; a noise
    /// trader's `pool` is a coins pool; the revenue share to LPs goes to the first pool, which
    /// must then be a token pool.
    func checkAssetPools(_ top: MappingReader, _ s: Scenario) throws(ScenarioError) {
        guard s.pools.contains(where: { $0.externalAsset != nil }) else { return }
        func pool(_ name: String) -> PoolSpec? { s.pools.first { $0.name == name } }
        guard let pn = top.value("populations") else { return }
        let items = try reader.sequence(pn, top.path("populations"), of: "populations")
        for (i, population) in s.populations.enumerated() {
            let m = try reader.mapping(items[i], KeyPath.index(top.path("populations"), i), allowed: nil)
            switch population.behaviour {
            case .passiveLP(let lp):
                guard let p = pool(lp.pool) else { continue }
                if !p.hasToken {
                    throw reader.error(
                        Code.conflict, at: m.value("pool"), m.path("pool"),
                        "pool '\(lp.pool)' has no token side; passive LPs provide tokens with USD (or the quote asset bought with USD)")
                }
                if lp.stake && p.quote != PoolSpec.usd {
                    throw reader.error(
                        Code.conflict, at: m.value("stake"), m.path("stake"),
                        "pool '\(lp.pool)' quotes \(p.quote); staking in a gauge needs a token/USD pool")
                }
            case .rangeLP(let lp):
                if let p = pool(lp.pool), p.quote != PoolSpec.usd {
                    throw reader.error(
                        Code.conflict, at: m.value("pool"), m.path("pool"),
                        "pool '\(lp.pool)' quotes \(p.quote); range LPs need a token/USD concentrated pool")
                }
            default: continue
            }
        }
    }

    /// A noise trader's `pool`: a declared `coins` pool (USD and an asset), or nil.
    func stablePoolReference(_ m: MappingReader, pools: [PoolSpec]) throws(ScenarioError) -> String? {
        guard m.has("pool") else { return nil }
        let name = try m.string("pool")
        guard let p = pools.first(where: { $0.name == name }) else {
            throw reference(m.value("pool"), m.path("pool"), name, what: "pool", names: pools.map(\.name))
        }
        guard !p.hasToken else {
            throw reader.error(
                Code.conflict, at: m.value("pool"), m.path("pool"),
                "pool '\(name)' trades the token; a noise trader's `pool` names a USD/asset pool (`coins`), token pools are reached through the router")
        }
        return name
    }

    /// `asset_shock: {asset, change}`.
    func assetShock(_ node: Node, _ path: String, _ s: Scenario, day: Int) throws(ScenarioError) -> EventSpec {
        let m = try reader.mapping(node, path, allowed: ["asset", "change"])
        let symbol = try m.string("asset")
        guard s.assets.contains(where: { $0.symbol == symbol }) else {
            throw reference(m.value("asset"), m.path("asset"), symbol, what: "asset", names: s.assets.map(\.symbol))
        }
        let change = try m.double("change", Domain(lower: -1, lowerInclusive: false, text: "a relative change > -1 (-0.5 halves the price)"))
        return EventSpec(day: day, action: .assetShock(asset: symbol, change: change))
    }
}
