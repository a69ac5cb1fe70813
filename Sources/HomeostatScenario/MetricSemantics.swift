/// How a run's series of one metric is read: what kind of quantity it is, which way is
/// better, and which values it can take. Summaries, `sweep.csv`, `compare`, `sensitivity`
/// and the report use it to pick each metric's per-run statistic and to keep intervals
/// inside the metric's possible values.
public struct MetricSemantics: Sendable, Equatable {
    /// What kind of quantity a metric is, which decides how a run summarises it.
    public enum Kind: String, Sendable, Equatable {
        /// A level at the end of the day (price, locked tokens, a count or ratio "since day
        /// 0"): a run is summarised by its final value.
        case stock
        /// An amount during the day (tokens sold, fees paid): a run is summarised by its
        /// total over the horizon (and its daily mean).
        case flow
        /// A ratio or average of the day (real yield, toxic share, APR): a run is summarised by
        /// its time-weighted mean.
        case rate
    }

    /// Which way is better for the protocol, when a metric has one.
    public enum Direction: String, Sendable, Equatable {
        case higherIsBetter = "higher"
        case lowerIsBetter = "lower"
        case none

        /// "higher is better", "lower is better", or nil.
        public var phrase: String? {
            switch self {
            case .higherIsBetter: "higher is better"
            case .lowerIsBetter: "lower is better"
            case .none: nil
            }
        }
    }

    /// The values a metric can take (infinities aside: a runway or attack cost may be ∞).
    public enum Domain: String, Sendable, Equatable {
        /// `0 … ∞`: amounts, prices, counts.
        case nonNegative = "non_negative"
        /// `0 … 1`: shares and fractions.
        case unitInterval = "unit_interval"
        /// Any real number: P&L, gamma.
        case unbounded

        /// The smallest possible value (−∞ when unbounded).
        public var lowerBound: Double { self == .unbounded ? -.infinity : 0 }
        /// The largest possible value (+∞ unless the unit interval).
        public var upperBound: Double { self == .unitInterval ? 1 : .infinity }

        /// `x` moved into the domain (NaN stays NaN).
        public func clamp(_ x: Double) -> Double {
            x.isNaN ? x : Swift.min(Swift.max(x, lowerBound), upperBound)
        }
    }

    public let kind: Kind
    public let direction: Direction
    public let domain: Domain

    public init(_ kind: Kind, _ direction: Direction, _ domain: Domain) {
        self.kind = kind
        self.direction = direction
        self.domain = domain
    }

    /// The per-run statistic a run is summarised by unless the user asks for another: final
    /// (stocks), total (flows), time-weighted mean (rates).
    public var defaultStatistic: SeriesStatistic {
        switch kind {
        case .stock: .final
        case .flow: .total
        case .rate: .mean
        }
    }

    /// What an unknown metric is taken for: a stock, without direction, of any value.
    public static let unknown = MetricSemantics(.stock, .none, .unbounded)
}

extension MetricName {
    /// Kind, direction and domain of the metric (see ``MetricSemantics``).
    public var semantics: MetricSemantics {
        switch self {
        case .price, .poolPrice: MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .circulatingSupply, .holdersFree, .votingPower: MetricSemantics(.stock, .none, .nonNegative)
        case .locked, .averageRemainingLockDays, .treasuryCash, .treasuryValue, .treasuryRunwayMonths, .attackCostUSD,
            .staked, .votingPowerNakamoto, .emissionEfficiency:
            MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .lockedShare, .emissionLockedShare: MetricSemantics(.stock, .higherIsBetter, .unitInterval)
        case .votingPowerGini, .emissionSoldShare, .mercenaryTVLShare: MetricSemantics(.stock, .lowerIsBetter, .unitInterval)
        case .treasuryStableShare: MetricSemantics(.stock, .none, .unitInterval)
        case .gaugeVotesRejected, .proposalsExecuted, .proposalsDefeated, .emissionUSDPerBribeUSD, .stakingQueued:
            MetricSemantics(.stock, .none, .nonNegative)
        case .sellPressure, .treasurySellPressure: MetricSemantics(.flow, .lowerIsBetter, .nonNegative)
        case .feeRevenue, .feesToLockers: MetricSemantics(.flow, .higherIsBetter, .nonNegative)
        case .emission, .emissionUnminted, .bribesPaid, .earlyExits, .exitPenalties, .buybackBurned, .stakingWithdrawn:
            MetricSemantics(.flow, .none, .nonNegative)
        case .realYield, .newLockDays: MetricSemantics(.rate, .higherIsBetter, .nonNegative)
        case .toxicShare: MetricSemantics(.rate, .lowerIsBetter, .unitInterval)
        }
    }
}

extension GaugeMetric {
    /// Kind, direction and domain of the per-gauge metric.
    public var semantics: MetricSemantics {
        switch self {
        case .weight: MetricSemantics(.stock, .none, .unitInterval)
        case .emission, .bribes: MetricSemantics(.flow, .none, .nonNegative)
        case .emissionUSDPerBribeUSD: MetricSemantics(.stock, .none, .nonNegative)
        case .tvl: MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .apr, .boost: MetricSemantics(.rate, .none, .nonNegative)
        }
    }
}

extension PoolMetricName {
    /// Kind, direction and domain of the per-pool metric.
    public var semantics: MetricSemantics {
        switch self {
        case .value, .depthUp, .depthDown: MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .price: MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .feesEarned, .volume, .feeSwitchRevenue: MetricSemantics(.flow, .higherIsBetter, .nonNegative)
        case .lvr: MetricSemantics(.flow, .lowerIsBetter, .nonNegative)
        case .impermanentLoss: MetricSemantics(.stock, .higherIsBetter, .unbounded)
        case .delta: MetricSemantics(.stock, .none, .nonNegative)
        case .gamma: MetricSemantics(.stock, .none, .unbounded)
        case .slippage: MetricSemantics(.rate, .lowerIsBetter, .unbounded)
        case .toxicShare: MetricSemantics(.rate, .lowerIsBetter, .unitInterval)
        }
    }
}

extension LPMetricName {
    /// Kind, direction and domain of the per-LP-population metric.
    public var semantics: MetricSemantics {
        switch self {
        case .value: MetricSemantics(.stock, .higherIsBetter, .nonNegative)
        case .fees, .revenue: MetricSemantics(.flow, .higherIsBetter, .nonNegative)
        case .impermanentLoss, .pnl: MetricSemantics(.stock, .higherIsBetter, .unbounded)
        case .share: MetricSemantics(.stock, .none, .unitInterval)
        }
    }
}

extension MetricInfo {
    /// Kind, direction and domain of metric `name`: global, per gauge, per pool or per LP
    /// population; ``MetricSemantics/unknown`` for a name the engine does not know.
    public static func semantics(_ name: String) -> MetricSemantics {
        if let m = MetricName(rawValue: name) { return m.semantics }
        if let (kind, _) = GaugeMetric.parse(name) { return kind.semantics }
        if let (metric, _) = PoolMetricName.parse(name) { return metric.semantics }
        if let (metric, _) = LPMetricName.parse(name) { return metric.semantics }
        return .unknown
    }

    /// The statistic that summarises one run of metric `name`: `chosen` when the user asked
    /// for one, otherwise the metric's default (``MetricSemantics/defaultStatistic``).
    public static func statistic(_ name: String, chosen: SeriesStatistic? = nil) -> SeriesStatistic {
        chosen ?? semantics(name).defaultStatistic
    }
}
