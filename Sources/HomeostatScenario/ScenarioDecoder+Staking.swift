internal import HomeostatCore
internal import Yams

/// The populations' staking options (`mechanisms.staking` is the engine's `StakingSection`).
extension ScenarioDecoder {
    static let stakingOptionFields = ["stake_propensity", "stake_fraction", "unstake_propensity"]

    func stakingOptions(_ m: MappingReader, _ mechanisms: MechanismsSpec, _ o: inout IncentiveOptions) throws(ScenarioError) {
        for key in Self.stakingOptionFields where m.has(key) && !mechanisms.has("staking") {
            throw reader.error(Code.reference, at: m.keyNode(key), m.path(key), "the scenario has no mechanisms.staking to stake in")
        }
        o.stakePropensity = try m.double("stake_propensity", default: o.stakePropensity, .probability)
        o.stakeFraction = try m.double("stake_fraction", default: o.stakeFraction, .fraction)
        o.unstakePropensity = try m.double("unstake_propensity", default: o.unstakePropensity, .probability)
    }
}
