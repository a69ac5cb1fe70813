public import HomeostatCore

/// A validated scenario: the token, its market, its mechanisms, the people who use it,
/// scripted events, and how to run and record it. Produced by ``ScenarioLoader``; every
/// field has been range-checked, so the engine can trust it.
///
/// Defaults are those of `docs/scenario.md` and, where one exists, of BM-1.
public struct Scenario: Sendable, Equatable {
    /// The scenario's name (`name:`), used for output folders and reports.
    public var name: String
    /// Free text shown in reports (`description:`).
    public var description: String = ""
    /// Master seed; run `r` draws from streams derived from `(seed, r)`.
    public var seed: UInt64 = 1
    /// Monte Carlo runs.
    public var runs: Int = 16
    /// Simulated days (daily steps `1...horizonDays`).
    public var horizonDays: Int = 365
    /// The token and its day-0 holdings (`token:`).
    public var token: TokenSpec = TokenSpec()
    /// The outside market (`market:`).
    public var market: MarketSpec = MarketSpec()
    /// The protocol's mechanisms (`mechanisms:`).
    public var mechanisms: MechanismsSpec = MechanismsSpec()
    /// AMM pools, in file order (`pools:`).
    public var pools: [PoolSpec] = []
    /// External assets that pools may pair with (`assets:`), in file order.
    public var assets: [AssetSpec] = []
    /// The agents, in file order (`populations:`).
    public var populations: [PopulationSpec] = []
    /// Scripted events, in file order (`events:`).
    public var events: [EventSpec] = []
    /// Bribes offered to gauge voters (`bribes:`).
    public var bribes: [BribeSpec] = []
    /// What to record (`metrics:`).
    public var metrics: MetricsSpec = MetricsSpec()
    /// Sections of modules registered from outside the engine (`mechanisms.KEY`), decoded by
    /// their ``SectionDecoder``s: the same store as ``MechanismsSpec/sections``.
    public var sections: ScenarioSections {
        get { mechanisms.sections }
        set { mechanisms.sections = newValue }
    }

    /// A scenario with every other field at its default.
    public init(name: String) { self.name = name }

    /// Upper bound of `horizon_days` (100 years), and of any day a section names.
    public static let maxHorizonDays = 36_500
}

/// The token and who holds it at day 0.
public struct TokenSpec: Sendable, Equatable {
    /// The token's ticker, for reports.
    public var symbol: String = "TKN"
    /// Total initial supply. What populations and allocations do not hold is held by the
    /// outside market. `nil`: exactly what populations and allocations hold.
    public var supply: Double? = nil
    /// Named protocol accounts holding tokens at day 0 (treasury, vesting, ...), in file order.
    public var allocations: [Allocation] = []
    /// The defaults.
    public init() {}
}

/// A named account's day-0 balance.
public struct Allocation: Sendable, Equatable {
    /// The account's name (`treasury` is the protocol's treasury).
    public var account: String
    /// Tokens it holds at day 0.
    public var amount: Double
    /// An allocation of `amount` tokens to `account`.
    public init(account: String, amount: Double) { self.account = account; self.amount = amount }
}

/// The outside market: the price process, how agents' trades move it, and the traded volume.
public struct MarketSpec: Sendable, Equatable {
    /// Price at day 0, USD per token.
    public var price: Double = 1.0
    /// The external price process.
    public var process: ProcessSpec = .gbm(drift: 0, volatility: 0.8)
    /// How agents' net selling moves the price.
    public var impact: ImpactSpec = ImpactSpec()
    /// Daily traded volume in USD at the initial price; it scales with `(P/P0)^elasticity`.
    public var volumeUSD: Double = 1_000_000
    /// Exponent of the price ratio in the traded volume.
    public var volumeElasticity: Double = 1
    /// The defaults (BM-1's market).
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
    /// `linear` (`1 − k·S`), `sqrt` (`1 − k·sign(S)·√|S|`) or `none`.
    public enum Model: String, Sendable, Equatable, CaseIterable { case linear, sqrt, none }
    /// The impact law.
    public var model: Model = .linear
    /// `k`: price impact per token (linear) or per √token (sqrt) of net daily selling.
    public var coefficient: Double = 2.0e-7
    /// The factor never goes below this (BM-1: 0.01).
    public var floor: Double = 0.01
    /// The defaults (BM-1's impact).
    public init() {}
}

/// The protocol's mechanisms (`mechanisms:`), one decoded section per key; a `nil` one is
/// absent.
///
/// Every section, built-in or registered from outside the engine, is stored in ``sections``
/// by its key, so the scenario layer holds them all the same way; the typed properties are
/// views of that one store, kept so the engine and the tests read a section by its type.
public struct MechanismsSpec: Sendable, Equatable {
    /// Every decoded section under `mechanisms:`, by key.
    public var sections = ScenarioSections()

    /// Vote-escrow locking (`vote_escrow:`).
    public var voteEscrow: VoteEscrowSpec? {
        get { sections[VoteEscrowSpec.key] as? VoteEscrowSpec }
        set { sections[VoteEscrowSpec.key] = newValue }
    }
    /// Gauge-directed emissions (`gauges:`).
    public var gauges: GaugesSpec? {
        get { sections[GaugesSpec.key] as? GaugesSpec }
        set { sections[GaugesSpec.key] = newValue }
    }
    /// No mechanisms.
    public init() {}

    /// Whether the scenario has the section under `mechanisms.KEY`.
    public func has(_ key: String) -> Bool { sections[key] != nil }
}

/// Vote-escrow locking (Curve VotingEscrow semantics, in days).
public struct VoteEscrowSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "vote_escrow"
    /// Longest lock in days (Curve: 1460).
    public var maxLockDays: Int = 1460
    /// Round unlock days down to 7-day weeks counted from day 0 (Curve rounds to weeks; BM-1 does not).
    public var weekRounding: Bool = true
    /// Curve's defaults in days.
    public init() {}
}

/// A population of agents sharing one behaviour, differing in drawn parameters.
public struct PopulationSpec: Sendable, Equatable {
    /// The population's name, unique in the scenario.
    public var name: String
    /// Number of agents.
    public var count: Int
    /// Tokens each agent holds, unlocked, at day 0.
    public var initialBalance: Distribution = .constant(1_000)
    /// USD each agent holds at day 0 (from the outside market).
    public var initialCash: Distribution = .constant(0)
    /// What the agents do.
    public var behaviour: BehaviourSpec
    /// Gauge votes, early exits and governance votes.
    public var incentives: IncentiveOptions = IncentiveOptions()
    /// `count` agents called `name` with `behaviour` and 1,000 tokens each.
    public init(name: String, count: Int, behaviour: BehaviourSpec) {
        self.name = name; self.count = count; self.behaviour = behaviour
    }
}

/// The behaviour of a population.
public enum BehaviourSpec: Sendable, Equatable {
    case holder(HolderSpec)
    case arbitrageur(ArbitrageurSpec)
    case passiveLP(PassiveLPSpec)
    case rangeLP(RangeLPSpec)
    case noiseTrader(NoiseTraderSpec)
    case informedTrader(InformedTraderSpec)
    /// See ``MercenaryFarmerSpec``.
    case mercenaryFarmer(MercenaryFarmerSpec)
    /// See ``LongTermFarmerSpec``.
    case longTermFarmer(LongTermFarmerSpec)
}

/// BM-1's holder: each day, with probability `lockPropensity · h` lock `lockFraction` of
/// the free balance for `round(h · maxLockDays)` days; otherwise with probability
/// `sellPropensity · (1 − h)` sell `sellFraction` of it. `h` is the agent's patience.
public struct HolderSpec: Sendable, Equatable {
    /// Patience `h` per agent, in [0, 1].
    public var patience: Distribution = .uniform(low: 0, high: 1)
    /// `p_lock`: the daily lock probability is `p_lock · h`.
    public var lockPropensity: Double = 0.02
    /// Share of the free balance locked when locking.
    public var lockFraction: Double = 0.5
    /// `p_sell`: the daily sell probability (when not locking) is `p_sell · (1 − h)`.
    public var sellPropensity: Double = 0.05
    /// Share of the free balance sold when selling.
    public var sellFraction: Double = 0.2
    /// BM-1's holder.
    public init() {}
}

/// A scripted event at the start of a day.
public struct EventSpec: Sendable, Equatable {
    /// The day it happens on, before the agents act.
    public var day: Int
    /// What happens.
    public var action: EventAction
    /// `action` at the start of `day`.
    public init(day: Int, action: EventAction) { self.day = day; self.action = action }
}

/// What a scripted event does.
public enum EventAction: Sendable, Equatable {
    /// Multiply the price by `1 + change` (−0.5 halves it).
    case priceShock(change: Double)
    /// Multiply external asset `asset`'s USD price by `1 + change` (a crash or a depeg).
    case assetShock(asset: String, change: Double)
    /// Release `amount` tokens from allocation account `from` to the agents of population
    /// `to`, split equally (a vesting cliff or mass unlock).
    case unlock(from: String, to: String, amount: Double)
    /// Change a parameter from this day on: the market's or one a section declares
    /// (``SettableParameter/declared(by:)``).
    case set(SettableParameter, Double)
    /// Put a proposal to `mechanisms.governance` to change a parameter; populations vote
    /// during its voting period and, if it passes, it is applied after the timelock.
    case propose(SettableParameter, Double)
    /// Kill or add a gauge from this day on.
    case changeGauges(GaugeListChange)
    /// Put a proposal to `mechanisms.governance` to kill or add a gauge.
    case proposeGaugeChange(GaugeListChange)
}

/// A parameter a scripted event (`set:`) or a proposal may change mid-run, named by its
/// key path (`mechanisms.fee_sharing.fee_rate`).
///
/// The market's own parameters are declared here; a module declares those of its section in
/// its ``SectionDecoder`` (``SectionDecoder/settable``), so this layer knows no mechanism's
/// parameters. The module that owns a parameter applies it (`Module.owns`/`apply`).
public struct SettableParameter: RawRepresentable, Hashable, Sendable {
    /// The key path, as written in `events[].set`.
    public let rawValue: String
    /// The parameter at key path `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `market.volatility` (gbm and jump-diffusion processes).
    public static let volatility = SettableParameter(rawValue: "market.volatility")
    /// `market.drift` (gbm and jump-diffusion processes).
    public static let drift = SettableParameter(rawValue: "market.drift")
    /// `market.impact.coefficient`.
    public static let impactCoefficient = SettableParameter(rawValue: "market.impact.coefficient")
    /// `market.volume_usd`.
    public static let volumeUSD = SettableParameter(rawValue: "market.volume_usd")

    /// How a parameter is declared: the values it accepts, the section it needs, and where
    /// it is listed among the others (lower first, as `homeostat list` and the unknown-name
    /// error list them).
    public struct Declaration: Sendable {
        /// The parameter.
        public let parameter: SettableParameter
        /// The values an event may set it to.
        public let domain: ValueDomain
        /// Its position in listings; the built-in ones use 10…90.
        public let listingOrder: Int
        /// The market parameters only move a gbm or jump-diffusion process.
        let needsPriceProcess: Bool

        /// A parameter of a module's section, accepting `domain`.
        public init(_ parameter: SettableParameter, domain: ValueDomain, listingOrder: Int = 1_000) {
            self.init(parameter, domain: domain, listingOrder: listingOrder, needsPriceProcess: false)
        }

        init(_ parameter: SettableParameter, domain: ValueDomain, listingOrder: Int, needsPriceProcess: Bool) {
            self.parameter = parameter
            self.domain = domain
            self.listingOrder = listingOrder
            self.needsPriceProcess = needsPriceProcess
        }
    }

    /// The market's parameters.
    public static let market: [Declaration] = [
        Declaration(.volatility, domain: .nonNegative, listingOrder: 40, needsPriceProcess: true),
        Declaration(.drift, domain: .finite, listingOrder: 50, needsPriceProcess: true),
        Declaration(.impactCoefficient, domain: .nonNegative, listingOrder: 60),
        Declaration(.volumeUSD, domain: .amount, listingOrder: 70),
    ]

    /// The market's parameters and those `sections` declare, in listing order (stable).
    public static func declared(by sections: [SectionDecoder]) -> [Declaration] {
        let all = market + sections.flatMap(\.settable)
        return all.enumerated().sorted { ($0.element.listingOrder, $0.offset) < ($1.element.listingOrder, $1.offset) }.map(\.element)
    }
}

/// What to record.
public struct MetricsSpec: Sendable, Equatable {
    /// Metric names to record; `nil` records every metric the scenario can produce.
    public var names: [String]? = nil
    /// Record every this many days (the last day is always recorded).
    public var every: Int = 1
    /// The defaults.
    public init() {}
}

extension VoteEscrowSpec {
    /// First under `mechanisms:`.
    public static var canonicalOrder: Int { 10 }

    /// Every field, defaults included.
    public func canonicalFields() -> SectionValue? {
        .map([("max_lock_days", .int(maxLockDays)), ("week_rounding", .bool(weekRounding))])
    }
}
