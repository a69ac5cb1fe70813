/// Metrics recorded once per LP population (`passive_lp` and `range_lp`), named
/// `KIND:POPULATION` (for example `lp_value:passive_lps`). Values in USD use the external
/// price; flows are the day's.
public enum LPMetricName: String, Sendable, CaseIterable {
    case value = "lp_value"
    case fees = "lp_fees"
    case impermanentLoss = "lp_il"
    case pnl = "lp_pnl"
    case share = "lp_share"
    case revenue = "lp_revenue"

    /// Unit, for tables and chart axes.
    public var unit: String {
        switch self {
        case .value, .fees, .pnl, .revenue: "USD"
        case .impermanentLoss, .share: "fraction"
        }
    }

    /// One-line meaning, for docs and `homeostat list`.
    public var meaning: String {
        switch self {
        case .value:
            "USD value of the population's positions at the external price (its agents' part of their v3 positions' uncollected fees included)"
        case .fees:
            "swap fees the population earned during the day: the pool's fees less the protocol's cut (fee switch, admin fee), times lp_share at the day's end, USD"
        case .impermanentLoss:
            "value of the population's positions against holding the coins its agents deposited for them, both at the external price, minus 1 (fees earned included; NaN with no position)"
        case .pnl:
            "since day 0: USD P&L against never depositing: positions' value + coins withdrawn − coins deposited (all marked at the external price) + LP revenue share − gas"
        case .share:
            "share of the pool's liquidity: LP shares / total supply (full range), or liquidity in range / the pool's active liquidity (concentrated)"
        case .revenue:
            "USD of mechanisms.revenue_split.liquidity_providers paid to the population during the day"
        }
    }

    /// The metric's name for population `population`.
    public func name(_ population: String) -> String { rawValue + ":" + population }

    /// The metric `name` (`KIND:POPULATION`) split into its kind and population, or nil.
    public static func parse(_ name: String) -> (metric: LPMetricName, population: String)? {
        splitQualifiedMetric(name).map { (metric: $0, population: $1) }
    }
}

extension PopulationSpec {
    /// Whether the population provides liquidity (`passive_lp` or `range_lp`), so it has
    /// ``LPMetricName`` metrics.
    public var providesLiquidity: Bool {
        switch behaviour {
        case .passiveLP, .rangeLP: true
        default: false
        }
    }
}
