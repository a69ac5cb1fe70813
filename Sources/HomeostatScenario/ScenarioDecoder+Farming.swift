internal import HomeostatCore
internal import Yams

/// Liquidity mining: fixed gauge weights, the gauges' pools, farmers and staking LPs.
extension ScenarioDecoder {
    /// The gauge named by `gauge` of a long-term farmer: declared, with a pool.
    func farmedGauge(_ m: MappingReader, _ mechanisms: MechanismsSpec) throws(ScenarioError) -> String {
        let name = try m.string("gauge")
        let g = try gaugeIndex(m.value("gauge"), m.path("gauge"), name, mechanisms)
        if mechanisms.gauges?.list[g].pool == nil {
            throw reader.error(
                Code.conflict, at: m.value("gauge"), m.path("gauge"),
                "gauge '\(name)' has no pool to provide liquidity to; give it `pool:` or farm another gauge")
        }
        return name
    }

    /// A farmer population's behaviour (`mercenary_farmer`, `long_term_farmer`).
    func farmerBehaviour(_ m: MappingReader, kind: BehaviourKind, mechanisms: MechanismsSpec) throws(ScenarioError) -> BehaviourSpec {
        guard let gauges = mechanisms.gauges, gauges.list.contains(where: { $0.pool != nil }) else {
            throw reader.error(
                Code.reference, at: m.keyNode("behaviour"), m.path("behaviour"),
                "\(kind.rawValue) needs a gauge with a pool to farm; declare mechanisms.gauges with `pool:` on a gauge")
        }
        let days = 1...Self.maxIncentiveDays
        let dayText = "a number of days in 1...\(Self.maxIncentiveDays)"
        let rates = Domain(lower: 0, text: "yearly rates >= 0")
        switch kind {
        case .mercenaryFarmer:
            var f = MercenaryFarmerSpec()
            if let n = m.value("outside_apr") { f.outsideAPR = try distribution(n, m.path("outside_apr"), rates) }
            if let n = m.value("exit_apr") { f.exitAPR = try distribution(n, m.path("exit_apr"), rates) }
            f.claimEveryDays = try m.int("claim_every_days", default: f.claimEveryDays, days, dayText)
            f.gasUSD = try m.double("gas_usd", default: f.gasUSD, .nonNegative)
            return .mercenaryFarmer(f)
        default:
            guard let ve = mechanisms.voteEscrow else {
                throw reader.error(
                    Code.conflict, at: m.keyNode("behaviour"), m.path("behaviour"),
                    "long_term_farmer locks its rewards and needs mechanisms.vote_escrow; add `vote_escrow: {}`")
            }
            var f = LongTermFarmerSpec(gauge: try farmedGauge(m, mechanisms))
            let maxLock = ve.maxLockDays
            if let n = m.value("lock_days") {
                f.lockDays = try distribution(n, m.path("lock_days"), Domain(lower: 1, upper: Double(maxLock), text: "days in [1, \(maxLock)] (max_lock_days)"))
            }
            f.claimEveryDays = try m.int("claim_every_days", default: f.claimEveryDays, days, dayText)
            f.gasUSD = try m.double("gas_usd", default: f.gasUSD, .nonNegative)
            return .longTermFarmer(f)
        }
    }

    /// Cross-field rules of liquidity mining, checked once the whole file is read: a passive
    /// LP population that stakes has a gauge on its pool (the gauges' own pools are checked
    /// by their section).
    func checkFarming(_ top: MappingReader, _ s: Scenario) throws(ScenarioError) {
        guard let pn = top.value("populations") else { return }
        let items = try reader.sequence(pn, top.path("populations"), of: "populations")
        for (i, p) in s.populations.enumerated() {
            guard case .passiveLP(let lp) = p.behaviour, lp.stake else { continue }
            if s.mechanisms.gauges?.list.contains(where: { $0.pool == lp.pool }) != true {
                let m = try reader.mapping(items[i], KeyPath.index(top.path("populations"), i), allowed: nil)
                throw reader.error(
                    Code.reference, at: m.value("stake"), m.path("stake"),
                    "no gauge in mechanisms.gauges.list stakes pool '\(lp.pool)'; add a gauge with `pool: \(lp.pool)` or remove stake")
            }
        }
    }
}
