public import HomeostatScenario

extension GaugesSpec {
    /// Upper bound of the day counts (epochs, vote delays).
    static let maxDays = 3_650

    /// `mechanisms.gauges: {epoch_days, vote_delay_days, emission_share, list, fixed_weights}`.
    /// Gauges route the emission (they need `emission`) by ve votes (they need
    /// `vote_escrow`, unless `fixed_weights` sets the weights); a gauge's `pool` is a
    /// declared full-range token/USD pool.
    public static let section = SectionDecoder(
        key: key, fields: ["epoch_days", "vote_delay_days", "emission_share", "list", "fixed_weights"],
        settable: [.init(.gaugeEmissionShare, domain: .fraction, listingOrder: 80)],
        decode: { (g: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = GaugesSpec()
            spec.epochDays = try g.int("epoch_days", default: spec.epochDays, 1...maxDays, expected: "a number of days in 1...\(maxDays)")
            spec.voteDelayDays = try g.int(
                "vote_delay_days", default: spec.voteDelayDays, 0...maxDays, expected: "a number of days in 0...\(maxDays)")
            spec.emissionShare = try g.double("emission_share", default: spec.emissionShare, .fraction)
            let listNode = try g.required("list", expected: "a list of gauges {name, pool, type_weight}")
            let items = try listNode.list(of: "gauges")
            guard !items.isEmpty else {
                throw listNode.error(ScenarioError.Code.outOfRange, "the list is empty; declare at least one gauge")
            }
            for item in items {
                let e = try item.mapping(allowed: ["name", "pool", "type_weight", "boost", "active"])
                var gauge = GaugeSpec(name: try e.string("name"))
                if gauge.name.contains(":") {
                    throw e.error(ScenarioError.Code.outOfRange, at: .field("name"), "a gauge name must not contain ':' (metric names are KIND:GAUGE)")
                }
                if spec.list.contains(where: { $0.name == gauge.name }) {
                    throw e.error(ScenarioError.Code.duplicate, at: .field("name"), "'\(gauge.name)' names two gauges; names must be unique")
                }
                if e.has("pool") { gauge.pool = try e.string("pool") }
                gauge.typeWeight = try e.double("type_weight", default: 1, .nonNegative)
                gauge.boost = try e.bool("boost", default: true)
                gauge.active = try e.bool("active", default: true)
                spec.list.append(gauge)
            }
            if let fw = g.node("fixed_weights") { spec.fixedWeights = try fixedWeights(fw, spec.list) }
            return spec
        },
        validate: { (g: SectionReader, s: Scenario) throws(ScenarioError) in
            if s.mechanisms.emission == nil {
                throw g.error(
                    ScenarioError.Code.conflict, at: .sectionKey,
                    "needs mechanisms.emission: gauges route the emission; add an emission schedule or remove gauges")
            }
            try checkPools(g, s)
            if s.mechanisms.gauges?.fixedWeights == nil { try VoteEscrowSpec.requireEscrow(g, s) }
        })

    /// `fixed_weights`: gauge name → share of the gauges' emission, each in [0, 1], at most
    /// 1 in total (the rest is never minted).
    static func fixedWeights(_ node: SectionNode, _ gauges: [GaugeSpec]) throws(ScenarioError) -> [Double] {
        let m = try node.mapping(allowed: nil)
        var weights = [Double](repeating: 0, count: gauges.count)
        var total = 0.0
        for e in m.entries {
            guard let g = gauges.firstIndex(where: { $0.name == e.key }) else {
                throw e.keyNode.unknownReference(e.key, what: "gauge", names: gauges.map(\.name))
            }
            let w = try e.value.double(.fraction)
            total += w
            if total > 1 + 1e-9 {
                throw e.value.error(
                    ScenarioError.Code.outOfRange, "the fixed weights add up to \(ScenarioError.number(total)); expected at most 1 in total")
            }
            weights[g] = w
        }
        return weights
    }

    /// Each gauge's `pool` names a declared full-range pool (its LP shares are staked), and,
    /// when any pool pairs with an external asset, a token/USD one.
    static func checkPools(_ g: SectionReader, _ s: Scenario) throws(ScenarioError) {
        guard let gauges = s.mechanisms.gauges else { return }
        let items = try g.required("list", expected: "a list of gauges").list(of: "gauges")
        for (i, gauge) in gauges.list.enumerated() {
            guard let name = gauge.pool else { continue }
            let e = try items[i].mapping(allowed: nil)
            guard let pool = s.pools.first(where: { $0.name == name }) else {
                throw e.unknownReference(at: .field("pool"), name, what: "pool", names: s.pools.map(\.name))
            }
            if pool.kind == .concentrated {
                throw e.error(
                    ScenarioError.Code.conflict, at: .field("pool"),
                    "pool '\(name)' is concentrated; a gauge stakes the LP shares of a constant_product or stableswap pool")
            }
        }
        guard s.pools.contains(where: { $0.externalAsset != nil }) else { return }
        for (i, gauge) in gauges.list.enumerated() {
            guard let name = gauge.pool, let p = s.pools.first(where: { $0.name == name }), let asset = p.externalAsset else { continue }
            throw try items[i].mapping(allowed: nil).error(
                ScenarioError.Code.conflict, at: .field("pool"), "pool '\(name)' pairs with \(asset); a gauge stakes the LP shares of a token/USD pool")
        }
    }
}

extension SettableParameter {
    /// `mechanisms.gauges.emission_share`.
    public static let gaugeEmissionShare = SettableParameter(rawValue: "mechanisms.gauges.emission_share")
}
