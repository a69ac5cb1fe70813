internal import HomeostatCore
internal import Yams

/// `mechanisms.staking` and the populations' staking options.
extension ScenarioDecoder {
    static let stakingOptionFields = ["stake_propensity", "stake_fraction", "unstake_propensity"]

    /// Longest cool-down accepted, in days.
    static let maxCooldownDays = 3_650

    func stakingMechanism(_ m: MappingReader, _ out: inout MechanismsSpec) throws(ScenarioError) {
        guard let n = m.value("staking") else { return }
        let s = try reader.mapping(n, m.path("staking"), allowed: ["cooldown_days"])
        var spec = StakingSpec()
        spec.cooldownDays = try s.int(
            "cooldown_days", default: spec.cooldownDays, 0...Self.maxCooldownDays, "a number of days in 0...\(Self.maxCooldownDays)")
        out.staking = spec
    }

    /// `revenue_split.stakers`, which needs `mechanisms.staking`.
    func stakerShare(_ r: MappingReader, staking: StakingSpec?) throws(ScenarioError) -> Double {
        let share = try r.double("stakers", default: 0, .fraction)
        if share > 0 && staking == nil {
            throw reader.error(
                Code.reference, at: r.keyNode("stakers"), r.path("stakers"), "the scenario has no mechanisms.staking whose stakers could be paid")
        }
        return share
    }

    func stakingOptions(_ m: MappingReader, _ mechanisms: MechanismsSpec, _ o: inout IncentiveOptions) throws(ScenarioError) {
        for key in Self.stakingOptionFields where m.has(key) && mechanisms.staking == nil {
            throw reader.error(Code.reference, at: m.keyNode(key), m.path(key), "the scenario has no mechanisms.staking to stake in")
        }
        o.stakePropensity = try m.double("stake_propensity", default: o.stakePropensity, .probability)
        o.stakeFraction = try m.double("stake_fraction", default: o.stakeFraction, .fraction)
        o.unstakePropensity = try m.double("unstake_propensity", default: o.unstakePropensity, .probability)
    }
}
