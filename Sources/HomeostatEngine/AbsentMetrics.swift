import HomeostatCore
import HomeostatMarket
import HomeostatScenario

/// The value of a global metric whose module the scenario does not have (any metric may be
/// named in `metrics.names`): what it means without that mechanism — 0 for counts and daily
/// flows, NaN for ratios with nothing to divide, an infinite runway without spending, and
/// for the few that exist without their mechanism (the attack cost on ve power, the day's
/// emission and fees, claimed emission's fate) their value from the world.
enum AbsentMetrics {
    /// The slot of `name`, or nil for a name that is not a global metric.
    static func slot(_ name: String) -> Int? { MetricName.allCases.firstIndex { $0.rawValue == name } }

    /// Whether the metric behind `slot` is still computed from the world without its module
    /// (the day's emission and fees, the attack cost on ve power), rather than a constant.
    static func isComputed(_ slot: Int) -> Bool {
        switch MetricName.allCases[slot] {
        case .emission, .feeRevenue, .feesToLockers, .realYield, .attackCostUSD: true
        default: false
        }
    }

    static func value(_ slot: Int, world: inout World) -> Double {
        switch MetricName.allCases[slot] {
        case .emission: return world.today.emitted
        case .feeRevenue: return world.today.revenue
        case .feesToLockers: return world.today.feesPaid
        case .realYield: return RevenueModule.realYield(world.today)
        case .attackCostUSD: return GovernanceModule.attackCost(rule: nil, world: &world)
        case .treasuryRunwayMonths: return .infinity
        case .gaugeVotesRejected, .emissionUnminted, .bribesPaid, .earlyExits, .exitPenalties, .buybackBurned,
             .treasurySellPressure, .proposalsExecuted, .proposalsDefeated:
            return 0
        default: return .nan
        }
    }
}
