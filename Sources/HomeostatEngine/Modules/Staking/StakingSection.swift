public import HomeostatScenario

/// Plain (non-ve) staking of the token with a withdrawal cool-down (`mechanisms.staking:`).
///
/// Staked tokens leave the agent's wallet for the staking contract; a withdrawal request
/// stops them counting as stake at once and returns them to the wallet `cooldownDays` later.
/// Stakers earn `revenue_split.stakers` of the fee revenue, pro-rata to stake.
public struct StakingSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "staking"
    /// Days between a withdrawal request and the day its tokens are free again.
    public var cooldownDays: Int = 7
    /// A 7-day cool-down.
    public init() {}
}

extension MechanismsSpec {
    /// Plain staking with a withdrawal cool-down (`staking:`).
    public var staking: StakingSpec? {
        get { sections[StakingSpec.key] as? StakingSpec }
        set { sections[StakingSpec.key] = newValue }
    }
}

extension StakingSpec {
    /// Longest cool-down accepted, in days.
    static let maxCooldownDays = 3_650

    /// `mechanisms.staking: {cooldown_days}`.
    public static let section = SectionDecoder(
        key: key, fields: ["cooldown_days"],
        decode: { (s: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = StakingSpec()
            spec.cooldownDays = try s.int(
                "cooldown_days", default: spec.cooldownDays, 0...maxCooldownDays, expected: "a number of days in 0...\(maxCooldownDays)")
            return spec
        })
}

extension StakingSpec {
    /// Seventh under `mechanisms:`.
    public static var canonicalOrder: Int { 70 }

    /// Every field, defaults included.
    public func canonicalFields() -> SectionValue? { .map([("cooldown_days", .int(cooldownDays))]) }
}

extension StakingSpec {
    /// Its metrics, by default.
    public static var defaultMetrics: [String] { [MetricName.staked, .stakingQueued, .stakingWithdrawn].map(\.rawValue) }
}
