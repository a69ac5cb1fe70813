import HomeostatCore
import HomeostatMarket
import HomeostatScenario

/// Running totals of the incentive machinery's alignment (present with gauges, an exit
/// penalty, a revenue split, a treasury or governance): fee revenue and the USD value of
/// the emission since day 0, for `emission_efficiency` (revenue per USD emitted).
public struct AlignmentModule: Module {
    /// The module.
    public init() {}

    public var name: String { "alignment" }

    public var hooks: [Hook] { [Hook(.settlement, 80, "running totals of revenue and emission value")] }

    public mutating func run(_ hook: Hook, world: inout World) {
        world.totals.revenue += world.today.revenue
        world.totals.emissionUSD += world.today.emitted * world.today.priceAtPayment
    }

    public func metricSlot(_ name: String, world: World) -> Int? { name == MetricName.emissionEfficiency.rawValue ? 0 : nil }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        world.totals.emissionUSD > 0 ? world.totals.revenue / world.totals.emissionUSD : .nan
    }
}
