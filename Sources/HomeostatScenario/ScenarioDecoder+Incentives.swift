internal import HomeostatCore
internal import Yams

/// The populations' options for the incentive machinery, bribes and proposals (the
/// `mechanisms:` sections themselves are the engine's modules').
extension ScenarioDecoder {
    static let incentiveOptionFields = ["gauge_votes", "early_exit_propensity", "governance_support", "governance_turnout"] + stakingOptionFields

    /// Upper bound of day counts in the incentive fields (epochs, delays, periods).
    static let maxIncentiveDays = 3_650

    func gaugeIndex(_ node: Node?, _ path: String, _ name: String, _ mechanisms: MechanismsSpec) throws(ScenarioError) -> Int {
        guard let gauges = mechanisms.gauges else {
            throw reader.error(Code.reference, at: node, path, "the scenario has no mechanisms.gauges for '\(name)' to name")
        }
        guard let i = gauges.list.firstIndex(where: { $0.name == name }) else {
            throw reference(node, path, name, what: "gauge", names: gauges.list.map(\.name))
        }
        return i
    }

    func incentiveOptions(_ m: MappingReader, _ mechanisms: MechanismsSpec) throws(ScenarioError) -> IncentiveOptions {
        var o = IncentiveOptions()
        if let n = m.value("gauge_votes") {
            let p = m.path("gauge_votes")
            if mechanisms.gauges == nil {
                throw reader.error(Code.reference, at: m.keyNode("gauge_votes"), p, "the scenario has no mechanisms.gauges to vote on")
            }
            if mechanisms.gauges?.fixedWeights != nil {
                throw reader.error(
                    Code.conflict, at: m.keyNode("gauge_votes"), p,
                    "mechanisms.gauges.fixed_weights fixes the gauges' weights, so nobody votes on them; remove gauge_votes or fixed_weights")
            }
            if case .scalar = n {
                let text = try reader.string(n, p)
                guard text == "bribe_following" else {
                    throw reader.unknownName(n, p, text, what: "voting rule", names: ["bribe_following"])
                }
                o.gaugeVotes = .bribeFollowing
            } else {
                guard case .mapping = n else {
                    throw reader.wrongType(n, p, expected: "bribe_following or a mapping gauge → basis points")
                }
                let v = try reader.mapping(n, p, allowed: nil)
                var allocations: [GaugeAllocation] = []
                var total = 0
                for e in v.entries {
                    let g = try gaugeIndex(e.keyNode, v.path(e.key), e.key, mechanisms)
                    let bps = try reader.int(e.value, v.path(e.key), 0...10_000, "basis points in 0...10000")
                    total += bps
                    if total > 10_000 {
                        throw reader.error(
                            Code.outOfRange, at: e.value, v.path(e.key),
                            "the votes add up to \(total) basis points; expected at most 10000 in total")
                    }
                    allocations.append(GaugeAllocation(gauge: g, bps: bps))
                }
                o.gaugeVotes = .fixed(allocations)
            }
        }
        o.earlyExitPropensity = try m.double("early_exit_propensity", default: 0, .probability)
        if o.earlyExitPropensity > 0 && !mechanisms.has("exit_penalty") {
            throw reader.error(
                Code.reference, at: m.keyNode("early_exit_propensity"), m.path("early_exit_propensity"),
                "the scenario has no mechanisms.exit_penalty for agents to leave their locks under")
        }
        for key in ["governance_support", "governance_turnout"] where m.has(key) && !mechanisms.has("governance") {
            throw reader.error(Code.reference, at: m.keyNode(key), m.path(key), "the scenario has no mechanisms.governance to vote in")
        }
        o.governanceSupport = try m.double("governance_support", default: o.governanceSupport, .probability)
        o.governanceTurnout = try m.double("governance_turnout", default: o.governanceTurnout, .probability)
        try stakingOptions(m, mechanisms, &o)
        return o
    }

    func bribes(_ node: Node, _ path: String, scenario s: Scenario) throws(ScenarioError) -> [BribeSpec] {
        var out: [BribeSpec] = []
        for (i, item) in try reader.sequence(node, path, of: "bribes").enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: ["briber", "gauge", "usd_per_epoch", "from_day", "to_day"])
            let briber = try m.string("briber")
            let name = try m.string("gauge")
            let gauge = try gaugeIndex(m.value("gauge"), m.path("gauge"), name, s.mechanisms)
            let usd = try m.double("usd_per_epoch", .amount)
            let from = try m.int("from_day", default: 1, 1...s.horizonDays, "a day in 1...\(s.horizonDays) (horizon_days)")
            let to = try m.int("to_day", default: s.horizonDays, from...max(from, s.horizonDays), "a day in \(from)...\(s.horizonDays) (from_day … horizon_days)")
            out.append(BribeSpec(briber: briber, gauge: gauge, usdPerEpoch: usd, fromDay: from, toDay: to))
        }
        return out
    }

    func proposeAction(_ keyNode: Node, _ node: Node, _ path: String, _ s: Scenario) throws(ScenarioError) -> EventAction {
        guard s.mechanisms.has("governance") else {
            throw reader.error(Code.reference, at: keyNode, path, "the scenario has no mechanisms.governance to put a proposal to")
        }
        let kinds = GaugeListChange.Kind.allCases.map(\.rawValue)
        let m = try reader.mapping(node, path, allowed: ["set"] + kinds)
        guard m.entries.count == 1, let e = m.entries.first else {
            throw reader.wrongType(
                node, path, expected: "a mapping with exactly one of {set: {PARAMETER: VALUE}}, {kill_gauge: GAUGE}, {add_gauge: GAUGE}")
        }
        if kinds.contains(e.key) {
            return .proposeGaugeChange(try gaugeListChange(e.key, e.keyNode, e.value, m.path(e.key), s))
        }
        guard case .set(let parameter, let value) = try setAction(e.value, m.path("set"), s) else {
            throw reader.wrongType(e.value, m.path("set"), expected: "a mapping with exactly one `parameter: value`")
        }
        return .propose(parameter, value)
    }

    /// `kill_gauge: NAME` / `add_gauge: NAME` (`key`): the gauge must be declared in
    /// `mechanisms.gauges.list`.
    func gaugeListChange(_ key: String, _ keyNode: Node, _ node: Node, _ path: String, _ s: Scenario) throws(ScenarioError) -> GaugeListChange {
        let kind = GaugeListChange.Kind(rawValue: key) ?? .kill
        guard let gauges = s.mechanisms.gauges else {
            throw reader.error(Code.reference, at: keyNode, path, "the scenario has no mechanisms.gauges for this event to change")
        }
        let name = try reader.string(node, path)
        guard let g = gauges.list.firstIndex(where: { $0.name == name }) else {
            throw reference(node, path, name, what: "gauge", names: gauges.list.map(\.name))
        }
        return GaugeListChange(kind, gauge: g)
    }
}
