public import HomeostatCore

/// A validated scenario: the token, its market, its mechanisms, the people who use it,
/// scripted events, and how to run and record it. Produced by ``ScenarioLoader``; every
/// field has been range-checked, so the engine can trust it.
///
/// Defaults are those of `docs/scenario.md` and, where one exists, of BM-1.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var description: String = ""
    /// Master seed; run `r` draws from streams derived from `(seed, r)`.
    public var seed: UInt64 = 1
    /// Monte Carlo runs.
    public var runs: Int = 16
    /// Simulated days (daily steps `1...horizonDays`).
    public var horizonDays: Int = 365
    public var token: TokenSpec = TokenSpec()
    public var market: MarketSpec = MarketSpec()
    public var mechanisms: MechanismsSpec = MechanismsSpec()
    public var populations: [PopulationSpec] = []
    public var events: [EventSpec] = []
    public var metrics: MetricsSpec = MetricsSpec()

    public init(name: String) { self.name = name }
}

/// The token and who holds it at day 0.
public struct TokenSpec: Sendable, Equatable {
    public var symbol: String = "TKN"
    /// Total initial supply. What populations and allocations do not hold is held by the
    /// outside market. `nil`: exactly what populations and allocations hold.
    public var supply: Double? = nil
    /// Named protocol accounts holding tokens at day 0 (treasury, vesting, ...), in file order.
    public var allocations: [Allocation] = []
    public init() {}
}

/// A named account's day-0 balance.
public struct Allocation: Sendable, Equatable {
    public var account: String
    public var amount: Double
    public init(account: String, amount: Double) { self.account = account; self.amount = amount }
}

/// The outside market: the price process, how agents' trades move it, and the traded volume.
public struct MarketSpec: Sendable, Equatable {
    /// Price at day 0, USD per token.
    public var price: Double = 1.0
    public var process: ProcessSpec = .gbm(drift: 0, volatility: 0.8)
    public var impact: ImpactSpec = ImpactSpec()
    /// Daily traded volume in USD at the initial price; it scales with `(P/P0)^elasticity`.
    public var volumeUSD: Double = 1_000_000
    public var volumeElasticity: Double = 1
    public init() {}
}

/// The price process as written in the scenario.
public enum ProcessSpec: Sendable, Equatable {
    case gbm(drift: Double, volatility: Double)
    case jumpDiffusion(drift: Double, volatility: Double, intensity: Double, jumpMean: Double, jumpStdev: Double)
    /// A CSV of historical prices (`file` relative to the scenario), already read into
    /// `prices` by the loader (one price per row, in file order).
    case series(file: String, column: String, prices: [Double])
}

/// Market impact of agents' net selling.
public struct ImpactSpec: Sendable, Equatable {
    public enum Model: String, Sendable, Equatable, CaseIterable { case linear, sqrt, none }
    public var model: Model = .linear
    public var coefficient: Double = 2.0e-7
    /// The factor never goes below this (BM-1: 0.01).
    public var floor: Double = 0.01
    public init() {}
}

/// The protocol's mechanisms; a `nil` one is absent.
public struct MechanismsSpec: Sendable, Equatable {
    public var voteEscrow: VoteEscrowSpec? = nil
    public var emission: EmissionSpec? = nil
    public var feeSharing: FeeSharingSpec? = nil
    public init() {}
}

/// Vote-escrow locking (Curve VotingEscrow semantics, in days).
public struct VoteEscrowSpec: Sendable, Equatable {
    /// Longest lock in days (Curve: 1460).
    public var maxLockDays: Int = 1460
    /// Round unlock days down to 7-day weeks counted from day 0 (Curve rounds to weeks; BM-1 does not).
    public var weekRounding: Bool = true
    public init() {}
}

/// Token emissions paid to ve holders pro-rata to voting power.
public struct EmissionSpec: Sendable, Equatable {
    public var schedule: EmissionSchedule
    public init(schedule: EmissionSchedule) { self.schedule = schedule }
}

/// How many tokens are emitted on day `t`.
public enum EmissionSchedule: Sendable, Equatable {
    /// `perDay` tokens every day.
    case constant(perDay: Double)
    /// `initialPerDay · 0.5^(t / halfLifeDays)` (BM-1 step 4).
    case halving(initialPerDay: Double, halfLifeDays: Double)
    /// Curve's CRV schedule: `initialPerYear / 365` per day in year 0, divided by
    /// `reduction` (2^(1/4)) at the start of each following 365-day year.
    case curve(initialPerYear: Double, reduction: Double)
    /// A step table: from `fromDay` on (until the next entry), `perDay` tokens a day.
    /// Days before the first entry emit nothing. Sorted by day.
    case table([EmissionStep])
}

public struct EmissionStep: Sendable, Equatable {
    public var fromDay: Int
    public var perDay: Double
    public init(fromDay: Int, perDay: Double) { self.fromDay = fromDay; self.perDay = perDay }
}

/// Protocol revenue paid to lockers.
public struct FeeSharingSpec: Sendable, Equatable {
    public enum Payout: String, Sendable, Equatable, CaseIterable { case continuous, weekly }
    /// Protocol fee on traded volume (fraction).
    public var feeRate: Double = 0.003
    /// Share of the fee revenue paid to lockers (the fee switch: 0 = off); the rest goes to the treasury.
    public var lockerShare: Double = 1.0
    /// `continuous`: paid every day pro-rata to voting power. `weekly`: accrued over each
    /// 7-day epoch and paid pro-rata to voting power at the epoch's start (Curve FeeDistributor).
    public var payout: Payout = .continuous
    public init() {}
}

/// A population of agents sharing one behaviour, differing in drawn parameters.
public struct PopulationSpec: Sendable, Equatable {
    public var name: String
    public var count: Int
    /// Tokens each agent holds, unlocked, at day 0.
    public var initialBalance: Distribution = .constant(1_000)
    public var behaviour: BehaviourSpec
    public init(name: String, count: Int, behaviour: BehaviourSpec) {
        self.name = name; self.count = count; self.behaviour = behaviour
    }
}

/// The behaviour of a population.
public enum BehaviourSpec: Sendable, Equatable {
    case holder(HolderSpec)
}

/// BM-1's holder: each day, with probability `lockPropensity · h` lock `lockFraction` of
/// the free balance for `round(h · maxLockDays)` days; otherwise with probability
/// `sellPropensity · (1 − h)` sell `sellFraction` of it. `h` is the agent's patience.
public struct HolderSpec: Sendable, Equatable {
    public var patience: Distribution = .uniform(low: 0, high: 1)
    public var lockPropensity: Double = 0.02
    public var lockFraction: Double = 0.5
    public var sellPropensity: Double = 0.05
    public var sellFraction: Double = 0.2
    public init() {}
}

/// A scripted event at the start of a day.
public struct EventSpec: Sendable, Equatable {
    public var day: Int
    public var action: EventAction
    public init(day: Int, action: EventAction) { self.day = day; self.action = action }
}

public enum EventAction: Sendable, Equatable {
    /// Multiply the price by `1 + change` (−0.5 halves it).
    case priceShock(change: Double)
    /// Release `amount` tokens from allocation account `from` to the agents of population
    /// `to`, split equally (a vesting cliff or mass unlock).
    case unlock(from: String, to: String, amount: Double)
    /// Change a parameter from this day on. `path` is one of ``SettableParameter``.
    case set(SettableParameter, Double)
}

/// Parameters a scripted event may change mid-run.
public enum SettableParameter: String, Sendable, Equatable, CaseIterable {
    case feeRate = "mechanisms.fee_sharing.fee_rate"
    case lockerShare = "mechanisms.fee_sharing.locker_share"
    case emissionScale = "mechanisms.emission.scale"
    case volatility = "market.volatility"
    case drift = "market.drift"
    case impactCoefficient = "market.impact.coefficient"
    case volumeUSD = "market.volume_usd"
}

/// What to record.
public struct MetricsSpec: Sendable, Equatable {
    /// Metric names to record; `nil` records every metric the scenario can produce.
    public var names: [String]? = nil
    /// Record every this many days (the last day is always recorded).
    public var every: Int = 1
    public init() {}
}
