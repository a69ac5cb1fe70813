public import HomeostatScenario

/// On-chain governance (`mechanisms.governance:`).
public struct GovernanceSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "governance"
    /// What a vote weighs.
    public enum VotingPower: String, Sendable, Equatable, CaseIterable {
        /// Vote-escrow power.
        case ve
        /// Tokens held, free plus locked.
        case stake
        /// Tokens held, free plus locked, plus the tokens in the holder's LP positions (some
        /// DAOs count LP positions as votes); needs pools.
        case stakeWithLP = "stake_with_lp"
    }
    /// What a vote weighs.
    public var votingPower: VotingPower = .ve
    /// Fraction of the snapshot's total power that must vote for or abstain.
    public var quorum: Double = 0.04
    /// A proposal passes when `for / (for + against)` is strictly above this.
    public var threshold: Double = 0.5
    /// Days from proposal to the start of voting (the power snapshot is taken at the proposal).
    public var votingDelayDays: Int = 1
    /// Days voting lasts.
    public var votingPeriodDays: Int = 7
    /// Days between a passed vote and execution.
    public var timelockDays: Int = 2
    /// USD an attacker spends, when a proposal is made, buying tokens on the market and
    /// locking them for the longest time to vote for it (0: no attacker).
    public var attackerBudgetUSD: Double = 0
    /// Compound-style defaults in days.
    public init() {}
}

extension MechanismsSpec {
    /// Proposals and votes (`governance:`).
    public var governance: GovernanceSpec? {
        get { sections[GovernanceSpec.key] as? GovernanceSpec }
        set { sections[GovernanceSpec.key] = newValue }
    }
}

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

extension GovernanceSpec {
    /// Last of the built-in sections under `mechanisms:`.
    public static var canonicalOrder: Int { 90 }

    /// Every field, defaults included.
    public func canonicalFields() -> SectionValue? {
        .map([
            ("voting_power", .keyword(votingPower.rawValue)), ("quorum", .double(quorum)),
            ("threshold", .double(threshold)), ("voting_delay_days", .int(votingDelayDays)),
            ("voting_period_days", .int(votingPeriodDays)), ("timelock_days", .int(timelockDays)),
            ("attacker_budget_usd", .double(attackerBudgetUSD)),
        ])
    }
}

extension GovernanceSpec {
    /// Its metrics and the alignment metrics (the incentive machinery's), by default.
    public static var defaultMetrics: [String] { ([.attackCostUSD, .proposalsExecuted, .proposalsDefeated] + MetricName.alignment).map(\.rawValue) }
}
