public import HomeostatScenario

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
