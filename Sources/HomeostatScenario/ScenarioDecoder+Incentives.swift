internal import HomeostatCore
internal import Yams

/// The incentive machinery's fields: gauges, bribes, exit penalty, revenue split, treasury,
/// governance, and the populations' options for them.
extension ScenarioDecoder {
    static let incentiveMechanismFields = ["gauges", "exit_penalty", "revenue_split", "treasury", "governance"]
    static let incentiveOptionFields = ["gauge_votes", "early_exit_propensity", "governance_support", "governance_turnout"] + stakingOptionFields

    /// Upper bound of day counts in the incentive fields (epochs, delays, periods).
    static let maxIncentiveDays = 3_650

    func incentiveMechanisms(_ m: MappingReader, _ out: inout MechanismsSpec) throws(ScenarioError) {
        let dayText = "a number of days in 1...\(Self.maxIncentiveDays)"
        let days = 1...Self.maxIncentiveDays
        if let n = m.value("gauges") {
            let g = try reader.mapping(n, m.path("gauges"), allowed: ["epoch_days", "vote_delay_days", "emission_share", "list", "fixed_weights"])
            var spec = GaugesSpec()
            spec.epochDays = try g.int("epoch_days", default: spec.epochDays, days, dayText)
            spec.voteDelayDays = try g.int("vote_delay_days", default: spec.voteDelayDays, 0...Self.maxIncentiveDays, "a number of days in 0...\(Self.maxIncentiveDays)")
            spec.emissionShare = try g.double("emission_share", default: spec.emissionShare, .fraction)
            let listNode = try g.required("list", expected: "a list of gauges {name, pool, type_weight}")
            let items = try reader.sequence(listNode, g.path("list"), of: "gauges")
            guard !items.isEmpty else {
                throw reader.error(Code.outOfRange, at: listNode, g.path("list"), "the list is empty; declare at least one gauge")
            }
            for (i, item) in items.enumerated() {
                let e = try reader.mapping(item, KeyPath.index(g.path("list"), i), allowed: ["name", "pool", "type_weight", "boost", "active"])
                var gauge = GaugeSpec(name: try e.string("name"))
                if gauge.name.contains(":") {
                    throw reader.error(Code.outOfRange, at: e.value("name"), e.path("name"), "a gauge name must not contain ':' (metric names are KIND:GAUGE)")
                }
                if spec.list.contains(where: { $0.name == gauge.name }) {
                    throw reader.error(Code.duplicate, at: e.value("name"), e.path("name"), "'\(gauge.name)' names two gauges; names must be unique")
                }
                if e.has("pool") { gauge.pool = try e.string("pool") }
                gauge.typeWeight = try e.double("type_weight", default: 1, .nonNegative)
                gauge.boost = try e.bool("boost", default: true)
                gauge.active = try e.bool("active", default: true)
                spec.list.append(gauge)
            }
            if let fw = g.value("fixed_weights") { spec.fixedWeights = try fixedWeights(fw, g.path("fixed_weights"), spec.list) }
            out.gauges = spec
        }
        if let n = m.value("exit_penalty") {
            let e = try reader.mapping(n, m.path("exit_penalty"), allowed: ["max_penalty", "redistributed_share", "basis"])
            var spec = ExitPenaltySpec()
            spec.maxPenalty = try e.double("max_penalty", default: spec.maxPenalty, .fraction)
            spec.redistributedShare = try e.double("redistributed_share", default: spec.redistributedShare, .fraction)
            _ = try e.keyword("basis", default: PenaltyBasis.votingPower, what: "penalty basis")
            out.exitPenalty = spec
        }
        if let n = m.value("revenue_split") {
            let r = try reader.mapping(n, m.path("revenue_split"), allowed: ["lockers", "treasury", "buyback_and_burn", "liquidity_providers", "stakers"])
            var spec = RevenueSplitSpec()
            spec.lockers = try r.double("lockers", default: 0, .fraction)
            spec.treasury = try r.double("treasury", default: 0, .fraction)
            spec.buybackAndBurn = try r.double("buyback_and_burn", default: 0, .fraction)
            spec.liquidityProviders = try r.double("liquidity_providers", default: 0, .fraction)
            spec.stakers = try stakerShare(r, staking: out.staking)
            let sum = spec.lockers + spec.treasury + spec.buybackAndBurn + spec.liquidityProviders + spec.stakers
            if abs(sum - 1) > 1e-9 {
                throw reader.error(
                    Code.outOfRange, at: n, m.path("revenue_split"),
                    "the shares sum to \(number(sum)); expected lockers + treasury + buyback_and_burn + liquidity_providers + stakers = 1")
            }
            out.revenueSplit = spec
        }
        if let n = m.value("treasury") {
            let t = try reader.mapping(n, m.path("treasury"), allowed: ["monthly_spend_usd", "diversification"])
            var spec = TreasurySpec()
            spec.monthlySpendUSD = try t.double("monthly_spend_usd", default: 0, .amount)
            if let dn = t.value("diversification") {
                let d = try reader.mapping(dn, t.path("diversification"), allowed: ["tokens_per_period", "period_days", "minimum_price", "max_stable_share"])
                var div = DiversificationSpec(tokensPerPeriod: try d.double("tokens_per_period", .amount))
                div.periodDays = try d.int("period_days", default: div.periodDays, days, dayText)
                div.minimumPrice = try d.double("minimum_price", default: div.minimumPrice, .nonNegative)
                div.maxStableShare = try d.double(
                    "max_stable_share", default: div.maxStableShare, Domain(lower: 0, lowerInclusive: false, upper: 1, text: "a fraction in (0, 1]"))
                spec.diversification = div
            }
            out.treasury = spec
        }
        if let n = m.value("governance") {
            let g = try reader.mapping(
                n, m.path("governance"),
                allowed: ["voting_power", "quorum", "threshold", "voting_delay_days", "voting_period_days", "timelock_days", "attacker_budget_usd"])
            var spec = GovernanceSpec()
            spec.votingPower = try g.keyword("voting_power", default: spec.votingPower, what: "voting power")
            spec.quorum = try g.double("quorum", default: spec.quorum, .fraction)
            spec.threshold = try g.double(
                "threshold", default: spec.threshold, Domain(lower: 0, upper: 1, upperInclusive: false, text: "a fraction in [0, 1)"))
            spec.votingDelayDays = try g.int("voting_delay_days", default: spec.votingDelayDays, 0...Self.maxIncentiveDays, "a number of days in 0...\(Self.maxIncentiveDays)")
            spec.votingPeriodDays = try g.int("voting_period_days", default: spec.votingPeriodDays, days, dayText)
            spec.timelockDays = try g.int("timelock_days", default: spec.timelockDays, 0...Self.maxIncentiveDays, "a number of days in 0...\(Self.maxIncentiveDays)")
            spec.attackerBudgetUSD = try g.double("attacker_budget_usd", default: 0, .amount)
            if spec.attackerBudgetUSD > 0 && out.voteEscrow == nil {
                throw reader.error(
                    Code.conflict, at: g.keyNode("attacker_budget_usd"), g.path("attacker_budget_usd"),
                    "needs mechanisms.vote_escrow: the attacker locks the tokens it buys; add `vote_escrow: {}` or remove attacker_budget_usd")
            }
            out.governance = spec
        }
    }

    /// Basis of the exit penalty's redistribution. Only voting power: the engine pays it
    /// through the reward accumulator, which shares by power.
    enum PenaltyBasis: String, CaseIterable { case votingPower = "voting_power" }

    /// Cross-field rules of the incentive mechanisms, checked once the whole file is read.
    func checkIncentiveMechanisms(_ m: MappingReader, _ s: Scenario) throws(ScenarioError) {
        try checkLiquidityProviderShare(m, s)
        try checkLPStakeVoting(m, s)
        if m.has("revenue_split") && s.mechanisms.feeSharing == nil {
            throw reader.error(
                Code.conflict, at: m.keyNode("revenue_split"), m.path("revenue_split"),
                "needs mechanisms.fee_sharing: it splits the fee revenue; add `fee_sharing: {}` or remove revenue_split")
        }
        if m.has("gauges") && s.mechanisms.emission == nil {
            throw reader.error(
                Code.conflict, at: m.keyNode("gauges"), m.path("gauges"),
                "needs mechanisms.emission: gauges route the emission; add an emission schedule or remove gauges")
        }
    }

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
        if o.earlyExitPropensity > 0 && mechanisms.exitPenalty == nil {
            throw reader.error(
                Code.reference, at: m.keyNode("early_exit_propensity"), m.path("early_exit_propensity"),
                "the scenario has no mechanisms.exit_penalty for agents to leave their locks under")
        }
        for key in ["governance_support", "governance_turnout"] where m.has(key) && mechanisms.governance == nil {
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
        guard s.mechanisms.governance != nil else {
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
