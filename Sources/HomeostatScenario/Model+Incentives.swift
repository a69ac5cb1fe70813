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

extension GaugesSpec {
    /// Its global metrics and the alignment metrics, by default (the per-gauge ones are
    /// ``GaugeMetric``s).
    public static var defaultMetrics: [String] { ([MetricName.gaugeVotesRejected, .emissionUnminted] + MetricName.alignment).map(\.rawValue) }

    /// Fourth under `mechanisms:`.
    public static var canonicalOrder: Int { 40 }

    /// Every field, defaults included; a gauge's `pool` when it has one, `active` only when
    /// false, `fixed_weights` only when set.
    public func canonicalFields() -> SectionValue? {
        let gauges: [SectionValue] = list.map { gauge in
            var fields: [(String, SectionValue)] = [("name", .string(gauge.name))]
            if let pool = gauge.pool { fields.append(("pool", .string(pool))) }
            fields.append(("type_weight", .double(gauge.typeWeight)))
            fields.append(("boost", .bool(gauge.boost)))
            if !gauge.active { fields.append(("active", .bool(false))) }
            return .map(fields)
        }
        var fields: [(String, SectionValue)] = [
            ("epoch_days", .int(epochDays)), ("vote_delay_days", .int(voteDelayDays)),
            ("emission_share", .double(emissionShare)), ("list", .list(gauges)),
        ]
        if let fixed = fixedWeights {
            fields.append(("fixed_weights", .map(zip(list, fixed).map { ($0.name, .double($1)) })))
        }
        return .map(fields)
    }
}
