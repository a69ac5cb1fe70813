/// Gauge-directed emissions (`mechanisms.gauges:`), Curve `GaugeController` semantics in days.
public struct GaugesSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "gauges"
    /// Epoch length in days; weights change only at epoch boundaries (Curve: 7).
    public var epochDays: Int = 7
    /// Least days between two votes of one voter for one gauge (Curve: 10).
    public var voteDelayDays: Int = 10
    /// Share of each day's emission routed through the gauges; the rest is paid to lockers
    /// pro-rata to voting power as without gauges.
    public var emissionShare: Double = 1
    /// The gauges, in file order (a gauge's index is its position).
    public var list: [GaugeSpec] = []
    /// Relative weights fixed by the protocol (`fixed_weights:`), by gauge index, or nil
    /// (weights come from ve votes). See `Model+Farming.swift`.
    public var fixedWeights: [Double]? = nil
    /// The defaults.
    public init() {}
}

/// One gauge.
public struct GaugeSpec: Sendable, Equatable {
    /// The gauge's name, unique among gauges; per-gauge metrics are named after it.
    public var name: String
    /// The pool whose LP shares the gauge's stakers stake (`pool:`, a declared
    /// `constant_product` or `stableswap` pool), or nil: nobody can stake in the gauge.
    public var pool: String? = nil
    /// Curve's type weight: multiplies the gauge's vote weight in the relative weights.
    public var typeWeight: Double = 1
    /// Curve's boost (working balance `min(0.4 b + 0.6 S v/V, b)`); false: a plain farm,
    /// working balance = stake.
    public var boost: Bool = true
    /// Whether the gauge is paid from day 0 (`active:`); an inactive gauge is declared, can
    /// be voted for, and is paid nothing until an `add_gauge` event or proposal adds it.
    public var active: Bool = true
    /// A gauge called `name` with type weight 1 and no pool.
    public init(name: String) { self.name = name }
}

/// How a population's ve holders vote on gauges (`populations[].gauge_votes`).
public enum GaugeVotingSpec: Sendable, Equatable {
    /// Each holder gives these basis points of its power to these gauges (by gauge index,
    /// in file order), at most 10,000 in total.
    case fixed([GaugeAllocation])
    /// Each holder puts all its power on the gauge whose next-epoch bribe per unit of gauge
    /// weight is the highest (re-checked at every epoch boundary).
    case bribeFollowing
}

/// Basis points of a voter's power given to one gauge.
public struct GaugeAllocation: Sendable, Equatable {
    /// The gauge's index in ``GaugesSpec/list``.
    public var gauge: Int
    /// Basis points, 0 … 10,000.
    public var bps: Int
    /// `bps` of a voter's power to gauge `gauge`.
    public init(gauge: Int, bps: Int) { self.gauge = gauge; self.bps = bps }
}

/// What a population does with the incentive machinery, next to its behaviour.
public struct IncentiveOptions: Sendable, Equatable {
    /// Gauge voting, or nil (the population does not vote on gauges).
    public var gaugeVotes: GaugeVotingSpec? = nil
    /// Daily probability that an agent holding an unexpired lock leaves it early under
    /// `mechanisms.exit_penalty` (0: never).
    public var earlyExitPropensity: Double = 0
    /// Probability that an agent with voting power votes for a proposal (against otherwise).
    public var governanceSupport: Double = 0.5
    /// Probability that an agent with voting power votes on a proposal at all.
    public var governanceTurnout: Double = 1
    /// Daily probability that an agent stakes part of its free balance under
    /// `mechanisms.staking` (0: never).
    public var stakePropensity: Double = 0
    /// Share of its free balance an agent stakes when it does.
    public var stakeFraction: Double = 0.5
    /// Daily probability that an agent with a stake requests the withdrawal of all of it.
    public var unstakePropensity: Double = 0
    /// No incentive options.
    public init() {}
}

/// A briber: USD offered to the voters of one gauge every epoch of a day range.
public struct BribeSpec: Sendable, Equatable {
    /// Who pays (for reports).
    public var briber: String
    /// The gauge's index in ``GaugesSpec/list``.
    public var gauge: Int
    /// USD offered per epoch.
    public var usdPerEpoch: Double
    /// First day (an epoch starting on a day in `fromDay...toDay` is bribed).
    public var fromDay: Int = 1
    /// Last day.
    public var toDay: Int
    /// A bribe of `usdPerEpoch` on `gauge` for the epochs starting in `fromDay...toDay`.
    public init(briber: String, gauge: Int, usdPerEpoch: Double, fromDay: Int, toDay: Int) {
        self.briber = briber; self.gauge = gauge; self.usdPerEpoch = usdPerEpoch; self.fromDay = fromDay; self.toDay = toDay
    }
}

/// veYFI-style early exit from a lock (`mechanisms.exit_penalty:`).
public struct ExitPenaltySpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "exit_penalty"
    /// Cap on the penalty fraction; the fraction is `min(remaining / max_lock, max_penalty)`.
    public var maxPenalty: Double = 0.75
    /// Share of the penalty paid to the remaining lockers pro-rata to voting power; the rest is burned.
    public var redistributedShare: Double = 1
    /// veYFI's rule.
    public init() {}
}

/// Where protocol fee revenue goes (`mechanisms.revenue_split:`); the shares sum to 1.
public struct RevenueSplitSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "revenue_split"
    /// Share paid to lockers (replaces `fee_sharing.locker_share`).
    public var lockers: Double = 0
    /// Share kept by the treasury, in USD.
    public var treasury: Double = 0
    /// Share spent buying tokens on the market and burning them.
    public var buybackAndBurn: Double = 0
    /// Share for liquidity providers (must be 0 until the scenario declares pools).
    public var liquidityProviders: Double = 0
    /// Share for stakers under `mechanisms.staking`, pro-rata to stake.
    public var stakers: Double = 0
    /// All shares 0 (a valid split sets them to sum to 1).
    public init() {}
}

/// The protocol treasury's spending and diversification (`mechanisms.treasury:`).
public struct TreasurySpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "treasury"
    /// USD spent per 30-day month, paid daily from the treasury's USD.
    public var monthlySpendUSD: Double = 0
    /// Selling native tokens for USD, or nil (never).
    public var diversification: DiversificationSpec? = nil
    /// No spending, no diversification.
    public init() {}
}

/// Treasury sales of native tokens for USD.
public struct DiversificationSpec: Sendable, Equatable {
    /// Tokens sold per period.
    public var tokensPerPeriod: Double
    /// Days between sales.
    public var periodDays: Int = 7
    /// Sell only while the price is strictly above this.
    public var minimumPrice: Double = 0
    /// Stop once USD would exceed this share of the treasury's value, in (0, 1].
    public var maxStableShare: Double = 1
    /// `tokensPerPeriod` tokens every 7 days at any price.
    public init(tokensPerPeriod: Double) { self.tokensPerPeriod = tokensPerPeriod }
}

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

/// A change of the gauge list (Curve `set_killed`), scripted (`events[].kill_gauge` /
/// `add_gauge`) or proposed to governance (`events[].propose: {kill_gauge: NAME}`).
public struct GaugeListChange: Sendable, Equatable {
    /// What happens to the gauge.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The gauge is paid nothing from now on (its stakers keep their stake, its votes
        /// stay recorded); from the next epoch the live gauges share all the weight.
        case kill = "kill_gauge"
        /// An inactive or killed gauge is paid again from the next epoch.
        case add = "add_gauge"
    }
    /// Kill or add.
    public var kind: Kind
    /// The gauge's index in ``GaugesSpec/list``.
    public var gauge: Int
    /// `kind` applied to gauge `gauge`.
    public init(_ kind: Kind, gauge: Int) { self.kind = kind; self.gauge = gauge }
}
