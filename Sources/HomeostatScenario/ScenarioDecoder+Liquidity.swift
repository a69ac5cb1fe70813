internal import HomeostatCore
internal import Yams

/// `pools:`, the liquidity behaviours of `populations:` and the per-pool metric names.
extension ScenarioDecoder {
    static let poolFields = [
        "name", "kind", "token_reserve", "usd_reserve", "fee", "protocol_fee_share", "tick_spacing", "ranges",
        "slippage_trade_usd", "amplification", "quote", "coins",
    ]
    /// Largest tick spacing accepted (Uniswap v3 enables 1, 10, 60 and 200; any spacing that
    /// leaves room for a range is allowed).
    static let maxTickSpacing = 16_384

    func pools(_ node: Node, _ path: String, market: MarketSpec, assets: [AssetSpec] = []) throws(ScenarioError) -> [PoolSpec] {
        var out: [PoolSpec] = []
        for (i, item) in try reader.sequence(node, path, of: "pools").enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: Self.poolFields)
            let name = try m.string("name")
            if name.contains(":") {
                throw reader.error(Code.outOfRange, at: m.value("name"), m.path("name"), "'\(name)' contains ':'; a pool name must not (metric names are KIND:POOL)")
            }
            if out.contains(where: { $0.name == name }) {
                throw reader.error(Code.duplicate, at: m.value("name"), m.path("name"), "'\(name)' names two pools; names must be unique")
            }
            let kind = try m.keyword("kind", PoolSpec.Kind.self, what: "pool kind")
            var p = PoolSpec(name: name, kind: kind, tokenReserve: m.has("coins") ? 0 : try m.double("token_reserve", .positive))
            p.fee = try m.double("fee", default: p.fee, Domain(lower: 0, upper: 0.5, text: "a fee fraction in [0, 0.5]"))
            p.slippageTradeUSD = try m.double("slippage_trade_usd", default: p.slippageTradeUSD, .positive)
            switch kind {
            case .constantProduct, .stableswap:
                for key in ["tick_spacing", "ranges"] {
                    try m.reject(key, because: "`\(key)` applies only to kind: concentrated")
                }
                if kind == .constantProduct {
                    try m.reject("amplification", because: "`amplification` applies only to kind: stableswap")
                } else {
                    p.amplification = try m.double(
                        "amplification", default: p.amplification,
                        Domain(lower: 0, lowerInclusive: false, upper: 999_999, text: "an amplification A in (0, 999999]"))
                }
                p.usdReserve = try m.optionalDouble("usd_reserve", .positive)
                p.protocolFeeShare = try m.double("protocol_fee_share", default: 0, .fraction)
                try poolAssets(m, &p, assets: assets)
            case .concentrated:
                try m.reject("amplification", because: "`amplification` applies only to kind: stableswap")
                try m.reject("usd_reserve", because: "a concentrated pool's day-0 USD follows from token_reserve, the price and its ranges")
                try m.reject("protocol_fee_share", because: "the concentrated pool has no protocol fee (Uniswap v3 feeProtocol = 0)")
                p.tickSpacing = try m.int("tick_spacing", default: p.tickSpacing, 1...Self.maxTickSpacing, "an integer in 1...\(Self.maxTickSpacing)")
                if let rn = m.value("ranges") { p.ranges = try ranges(rn, m.path("ranges"), tickSpacing: p.tickSpacing) }
                try poolAssets(m, &p, assets: assets)
            }
            out.append(p)
        }
        return out
    }

    func ranges(_ node: Node, _ path: String, tickSpacing: Int) throws(ScenarioError) -> [PriceRange] {
        let items = try reader.sequence(node, path, of: "{lower, upper} price ranges")
        guard !items.isEmpty else {
            throw reader.error(Code.outOfRange, at: node, path, "the list is empty; expected at least one {lower, upper} range")
        }
        var out: [PriceRange] = []
        for (i, item) in items.enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: ["lower", "upper"])
            let lower = try m.double("lower", .positive)
            let upper = try m.double("upper", .positive)
            // The range must span at least one tick spacing after rounding to the grid.
            let ticks = (upper / lower).isFinite && upper > lower ? _log(upper / lower) / _log(1.0001) : 0
            guard ticks >= Double(2 * tickSpacing) else {
                throw reader.error(
                    Code.outOfRange, at: m.value("upper"), m.path("upper"),
                    "\(number(upper)) is too close to lower \(number(lower)) for tick_spacing \(tickSpacing); "
                        + "expected upper / lower >= 1.0001^\(2 * tickSpacing)")
            }
            out.append(PriceRange(lower: lower, upper: upper))
        }
        return out
    }

    /// Fields of each liquidity behaviour (beyond name, count, initial_balance, initial_cash, behaviour).
    static let liquidityBehaviourFields: [(field: String, kinds: [BehaviourKind])] = [
        ("gas_usd", [.arbitrageur, .rangeLP, .mercenaryFarmer, .longTermFarmer]),
        ("pool", [.passiveLP, .rangeLP, .noiseTrader]),
        ("deposit_fraction", [.passiveLP, .rangeLP]),
        ("min_fee_apr", [.passiveLP]),
        ("max_volatility", [.passiveLP]),
        ("width", [.rangeLP]),
        ("rebalance_band", [.rangeLP]),
        ("activity", [.noiseTrader, .informedTrader]),
        ("size_usd", [.noiseTrader, .informedTrader]),
        ("buy_probability", [.noiseTrader]),
        ("accuracy", [.informedTrader]),
        ("stake", [.passiveLP]),
        ("outside_apr", [.mercenaryFarmer]),
        ("exit_apr", [.mercenaryFarmer]),
        ("claim_every_days", [.mercenaryFarmer, .longTermFarmer]),
        ("gauge", [.longTermFarmer]),
        ("lock_days", [.longTermFarmer]),
    ]
    static let holderFields = ["patience", "lock_propensity", "lock_fraction", "sell_propensity", "sell_fraction"]

    /// Rejects the behaviour fields that do not belong to `kind`.
    func rejectForeignFields(_ m: MappingReader, kind: BehaviourKind) throws(ScenarioError) {
        if kind != .holder {
            for key in Self.holderFields { try m.reject(key, because: "`\(key)` applies only to behaviour: holder") }
        }
        for (field, kinds) in Self.liquidityBehaviourFields where !kinds.contains(kind) {
            try m.reject(field, because: "`\(field)` applies only to behaviour: \(kinds.map(\.rawValue).joined(separator: " or "))")
        }
    }

    /// The pool named by `pool`, which must exist and be of one of `kinds`.
    func poolReference(_ m: MappingReader, pools: [PoolSpec], kinds: [PoolSpec.Kind]) throws(ScenarioError) -> String {
        let name = try m.string("pool")
        guard let pool = pools.first(where: { $0.name == name }) else {
            throw reference(m.value("pool"), m.path("pool"), name, what: "pool", names: pools.map(\.name))
        }
        guard kinds.contains(pool.kind) else {
            throw reader.error(
                Code.conflict, at: m.value("pool"), m.path("pool"),
                "pool '\(name)' is \(pool.kind.rawValue); this behaviour needs a \(kinds.map(\.rawValue).joined(separator: " or ")) pool")
        }
        return name
    }

    /// The behaviour of a liquidity population (every kind but `holder`).
    func liquidityBehaviour(_ m: MappingReader, kind: BehaviourKind, pools: [PoolSpec]) throws(ScenarioError) -> BehaviourSpec {
        let size = Domain(lower: 0, text: "USD amounts >= 0")
        switch kind {
        case .holder, .mercenaryFarmer, .longTermFarmer:
            preconditionFailure("holders and farmers are decoded by populations()")
        case .arbitrageur:
            var a = ArbitrageurSpec()
            a.gasUSD = try m.double("gas_usd", default: a.gasUSD, .nonNegative)
            return .arbitrageur(a)
        case .passiveLP:
            var p = PassiveLPSpec(pool: try poolReference(m, pools: pools, kinds: [.constantProduct, .stableswap]))
            p.depositFraction = try m.double("deposit_fraction", default: p.depositFraction, .fraction)
            if let n = m.value("min_fee_apr") {
                p.minFeeAPR = try distribution(n, m.path("min_fee_apr"), Domain(lower: 0, text: "yearly rates >= 0"))
            }
            if let n = m.value("max_volatility") {
                p.maxVolatility = try distribution(n, m.path("max_volatility"), Domain(lower: 0, text: "yearly volatilities >= 0"))
            }
            p.stake = try m.bool("stake", default: false)
            return .passiveLP(p)
        case .rangeLP:
            var r = RangeLPSpec(pool: try poolReference(m, pools: pools, kinds: [.concentrated]))
            if let n = m.value("width") {
                r.width = try distribution(n, m.path("width"), Domain(lower: 0.001, upper: 10, text: "half-widths in [0.001, 10]"))
            }
            r.rebalanceBand = try m.double("rebalance_band", default: r.rebalanceBand, Domain(lower: 0, lowerInclusive: false, upper: 1, text: "a fraction in (0, 1]"))
            r.depositFraction = try m.double("deposit_fraction", default: r.depositFraction, .fraction)
            r.gasUSD = try m.double("gas_usd", default: r.gasUSD, .nonNegative)
            return .rangeLP(r)
        case .noiseTrader:
            var t = NoiseTraderSpec()
            t.activity = try m.double("activity", default: t.activity, .probability)
            if let n = m.value("size_usd") { t.size = try distribution(n, m.path("size_usd"), size) }
            t.buyProbability = try m.double("buy_probability", default: t.buyProbability, .probability)
            t.pool = try stablePoolReference(m, pools: pools)
            return .noiseTrader(t)
        case .informedTrader:
            var t = InformedTraderSpec()
            t.activity = try m.double("activity", default: t.activity, .probability)
            if let n = m.value("size_usd") { t.size = try distribution(n, m.path("size_usd"), size) }
            t.accuracy = try m.double("accuracy", default: t.accuracy, .probability)
            return .informedTrader(t)
        }
    }

    /// A metric name: a global metric, `KIND:GAUGE` for a declared gauge, `KIND:POOL` for
    /// a declared pool or `KIND:POPULATION` for a declared LP population.
    func metricName(_ node: Node, _ path: String, _ s: Scenario) throws(ScenarioError) -> String {
        let pools = s.pools
        let text = try reader.string(node, path)
        if let section = sections.first(where: { $0.metrics.contains(text) }), s.sections[section.key] != nil { return text }
        if s.sections.keys.contains(where: { s.sections[$0]?.metricNames.contains(text) ?? false }) { return text }
        if let (_, gauge) = GaugeMetric.parse(text) {
            _ = try gaugeIndex(node, path, gauge, s.mechanisms)
            return text
        }
        if let (_, population) = LPMetricName.parse(text) {
            try checkLPPopulation(node, path, population, s)
            return text
        }
        if text.contains(":") {
            guard let (_, pool) = PoolMetricName.parse(text) else {
                let kinds = PoolMetricName.allCases.map(\.rawValue) + GaugeMetric.allCases.map(\.rawValue) + LPMetricName.allCases.map(\.rawValue)
                let head = String(text.prefix { $0 != ":" })
                throw reader.unknownName(node, path, head, what: "pool or gauge metric", names: kinds)
            }
            guard pools.contains(where: { $0.name == pool }) else {
                throw reference(node, path, pool, what: "pool", names: pools.map(\.name))
            }
            return text
        }
        let metric = try reader.keyword(node, path, MetricName.self, what: "metric")
        if metric.needsPools && pools.isEmpty {
            throw reader.error(Code.reference, at: node, path, "metric '\(metric.rawValue)' needs a pool; the scenario declares none")
        }
        return metric.rawValue
    }
}
