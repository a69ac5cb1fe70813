/// The part of a scenario a metric needs to be recorded by default.
public enum MetricRequirement: Sendable, Equatable {
    /// `bribes`, `pools`.
    case bribes, pools
    /// A `mercenary_farmer` population.
    case mercenaryFarmers
    /// A section under `mechanisms:` that lists the metric among its
    /// ``ScenarioSection/defaultMetrics`` (the scenario layer does not know which: each
    /// module's section says what it records).
    case section

    /// Whether `scenario` has what the requirement names.
    public func isMet(by s: Scenario) -> Bool {
        switch self {
        case .bribes: return !s.bribes.isEmpty
        case .pools: return !s.pools.isEmpty
        case .mercenaryFarmers:
            return s.populations.contains { if case .mercenaryFarmer = $0.behaviour { true } else { false } }
        case .section: return false
        }
    }

    /// The field that provides it, for messages.
    public var field: String {
        switch self {
        case .bribes: "bribes"
        case .pools: "pools"
        case .mercenaryFarmers: "a mercenary_farmer population"
        case .section: "a mechanism that records it"
        }
    }
}

/// Per-gauge metrics, named `KIND:GAUGE` (`gauge_weight:curve-3pool`): one column per
/// declared gauge. Global metrics stay in ``MetricName``.
public enum GaugeMetric: String, Sendable, CaseIterable {
    case weight = "gauge_weight"
    case emission = "gauge_emission"
    case bribes = "gauge_bribes"
    case emissionUSDPerBribeUSD = "gauge_emission_usd_per_bribe_usd"
    case tvl = "gauge_tvl"
    case apr = "gauge_apr"
    case boost = "gauge_boost"

    /// Kinds about the gauge's stakers, recorded by default only for gauges with a pool.
    public var isAboutStakers: Bool { self == .tvl || self == .apr || self == .boost }

    /// Unit, for tables and chart axes.
    public var unit: String {
        switch self {
        case .weight: "fraction"
        case .emission: "tokens"
        case .bribes: "USD"
        case .emissionUSDPerBribeUSD: "USD per USD of bribes"
        case .tvl: "USD"
        case .apr: "fraction per year"
        case .boost: "multiple"
        }
    }

    /// One-line meaning, for docs and reports.
    public var meaning: String {
        switch self {
        case .weight: "the gauge's relative weight in the current epoch (the gauges' weights sum to 1, or are all 0)"
        case .emission: "tokens routed to the gauge by its weight during the day (minted only for its stakers: see emission_unminted)"
        case .bribes: "bribe USD paid to the gauge's voters during the day"
        case .emissionUSDPerBribeUSD:
            "since day 0: USD value of emissions routed to the gauge in epochs it was bribed ÷ bribe USD offered on it (NaN before any bribe)"
        case .tvl: "USD value of the LP shares staked in the gauge (at the external price)"
        case .apr: "reward APR: the gauge's emission for the day in USD × 365 ÷ its staked TVL (NaN with nothing staked)"
        case .boost: "average boost: working supply ÷ (tokenless share 0.4 × total stake), 1 … 2.5 (1 for an unboosted gauge; NaN with nothing staked)"
        }
    }

    /// The metric's name for gauge `gauge`.
    public func name(_ gauge: String) -> String { rawValue + ":" + gauge }

    /// Splits `KIND:GAUGE` into the kind and the gauge name; nil for any other name.
    public static func parse(_ name: String) -> (kind: GaugeMetric, gauge: String)? {
        splitQualifiedMetric(name).map { (kind: $0, gauge: $1) }
    }
}

/// Splits a per-object metric name `KIND:OBJECT` into its kind (a `K` from its raw value)
/// and the object's name; nil when there is no colon, the kind is not a `K`, or the object's
/// name is empty.
func splitQualifiedMetric<K: RawRepresentable>(_ name: String) -> (K, String)? where K.RawValue == String {
    guard let colon = name.firstIndex(of: ":"), let kind = K(rawValue: String(name[..<colon])) else { return nil }
    let object = String(name[name.index(after: colon)...])
    return object.isEmpty ? nil : (kind, object)
}

/// Unit and meaning of any metric name the engine records: global, per gauge or per pool.
public enum MetricInfo {
    /// The unit of metric `name` (``MetricName/unit``, ``GaugeMetric/unit`` or
    /// ``PoolMetricName/unit``), nil for an unknown name.
    public static func unit(_ name: String) -> String? {
        MetricName(rawValue: name)?.unit ?? GaugeMetric.parse(name)?.kind.unit ?? PoolMetricName.parse(name)?.metric.unit
            ?? LPMetricName.parse(name)?.metric.unit
    }

    /// The meaning of metric `name`, naming the gauge or pool of a per-gauge or per-pool
    /// metric; nil for an unknown name.
    public static func meaning(_ name: String) -> String? {
        if let m = MetricName(rawValue: name) { return m.meaning }
        if let (kind, gauge) = GaugeMetric.parse(name) { return "gauge \(gauge): " + kind.meaning }
        if let (metric, pool) = PoolMetricName.parse(name) { return "pool \(pool): " + metric.meaning }
        if let (metric, population) = LPMetricName.parse(name) { return "LP population \(population): " + metric.meaning }
        return nil
    }
}

extension Scenario {
    /// What a run records when `metrics.names` is absent: every global metric whose
    /// ``MetricName/requirement`` the scenario meets (for `.section`: a present section
    /// lists it in its ``ScenarioSection/defaultMetrics``), in ``MetricName`` order, then every per-gauge metric of every
    /// gauge, then every per-pool metric of every pool, then every per-LP-population metric
    /// of every `passive_lp` and `range_lp` population.
    public var defaultMetricNames: [String] {
        let declared = Set(mechanisms.sections.defaultMetrics)
        var names = MetricName.allCases.filter { metric in
            guard let requirement = metric.requirement else { return true }
            return requirement == .section ? declared.contains(metric.rawValue) : requirement.isMet(by: self)
        }.map(\.rawValue)
        if let gauges = mechanisms.gauges {
            for kind in GaugeMetric.allCases where kind != .bribes && kind != .emissionUSDPerBribeUSD || !bribes.isEmpty {
                for g in gauges.list where !kind.isAboutStakers || g.pool != nil { names.append(kind.name(g.name)) }
            }
        }
        for pool in pools {
            for metric in PoolMetricName.allCases { names.append("\(metric.rawValue):\(pool.name)") }
        }
        for population in populations where population.providesLiquidity {
            for metric in LPMetricName.allCases { names.append(metric.name(population.name)) }
        }
        return names
    }

    /// The metrics a run records: `metrics.names`, or ``defaultMetricNames``.
    public var recordedMetricNames: [String] { metrics.names ?? defaultMetricNames }
}
