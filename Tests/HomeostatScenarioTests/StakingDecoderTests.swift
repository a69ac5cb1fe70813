import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

@Suite struct StakingDecoderTests {
    static let yaml = """
        name: s
        mechanisms:
          vote_escrow: {}
          fee_sharing: {}
          staking: {cooldown_days: 10}
          revenue_split: {lockers: 0.5, treasury: 0.25, stakers: 0.25}
        populations:
          - {name: p, count: 2, behaviour: holder, stake_propensity: 0.1, stake_fraction: 0.3, unstake_propensity: 0.02}
        """

    @Test func stakingFieldsAreRead() throws {
        let s = try ScenarioFiles.parse(Self.yaml, file: "s.yaml", baseDirectory: nil)
        #expect(s.mechanisms.staking?.cooldownDays == 10)
        #expect(s.mechanisms.revenueSplit?.stakers == 0.25)
        let o = try #require(s.populations.first).incentives
        #expect(o.stakePropensity == 0.1 && o.stakeFraction == 0.3 && o.unstakePropensity == 0.02)
    }

    @Test func stakingRoundTripsThroughTheWriter() throws {
        let s = try ScenarioFiles.parse(Self.yaml, file: "s.yaml", baseDirectory: nil)
        #expect(try ScenarioFiles.parse(ScenarioWriter.yaml(s), file: "w.yaml", baseDirectory: nil) == s)
        #expect(try ScenarioFiles.parse(ScenarioWriter.json(s), file: "w.json", baseDirectory: nil) == s)
    }

    @Test func aZeroDayCoolDownIsAllowed() throws {
        let s = try ScenarioFiles.parse("name: s\nmechanisms: {staking: {cooldown_days: 0}}\n", file: "s.yaml", baseDirectory: nil)
        #expect(s.mechanisms.staking?.cooldownDays == 0)
    }
}
