public import HomeostatScenario

extension GovernanceSpec {
    /// Upper bound of the day counts (delays, periods).
    static let maxDays = 3_650

    /// `mechanisms.governance: {voting_power, quorum, threshold, voting_delay_days,
    /// voting_period_days, timelock_days, attacker_budget_usd}`. An attacker locks what it
    /// buys, so it needs `vote_escrow` (decoded before); `stake_with_lp` needs pools.
    public static let section = SectionDecoder(
        key: key,
        fields: ["voting_power", "quorum", "threshold", "voting_delay_days", "voting_period_days", "timelock_days", "attacker_budget_usd"],
        decode: { (g: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            let days = "a number of days in 0...\(maxDays)"
            var spec = GovernanceSpec()
            spec.votingPower = try g.keyword("voting_power", default: spec.votingPower, what: "voting power")
            spec.quorum = try g.double("quorum", default: spec.quorum, .fraction)
            spec.threshold = try g.double(
                "threshold", default: spec.threshold, ValueDomain(lower: 0, upper: 1, upperInclusive: false, text: "a fraction in [0, 1)"))
            spec.votingDelayDays = try g.int("voting_delay_days", default: spec.votingDelayDays, 0...maxDays, expected: days)
            spec.votingPeriodDays = try g.int(
                "voting_period_days", default: spec.votingPeriodDays, 1...maxDays, expected: "a number of days in 1...\(maxDays)")
            spec.timelockDays = try g.int("timelock_days", default: spec.timelockDays, 0...maxDays, expected: days)
            spec.attackerBudgetUSD = try g.double("attacker_budget_usd", default: 0, .amount)
            if spec.attackerBudgetUSD > 0 && g.decoded[VoteEscrowSpec.key] == nil {
                throw g.error(
                    ScenarioError.Code.conflict, at: .fieldKey("attacker_budget_usd"),
                    "needs mechanisms.vote_escrow: the attacker locks the tokens it buys; add `vote_escrow: {}` or remove attacker_budget_usd")
            }
            return spec
        },
        validate: { (g: SectionReader, s: Scenario) throws(ScenarioError) in
            guard s.mechanisms.governance?.votingPower == .stakeWithLP, s.pools.isEmpty else { return }
            throw g.error(
                ScenarioError.Code.conflict, at: .field("voting_power"),
                "stake_with_lp counts the tokens of LP positions, and the scenario declares no pools; use stake or ve")
        })
}
