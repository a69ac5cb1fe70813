import HomeostatAgents
import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// Token emissions (`mechanisms.emission`, BM-1 step 4): the schedule's tokens for the day,
/// times a scale that events and proposals may set. Without gauges every token goes to
/// lockers pro-rata to voting power (and none is emitted on a day without voting power);
/// with gauges their share is routed by gauge weight (``GaugesModule``) and the rest goes to
/// lockers.
public struct EmissionModule: Module {
    let curve: EmissionCurve
    var scale = 1.0

    /// Emissions following `spec`'s schedule.
    public init(_ spec: EmissionSpec) { curve = Self.curve(spec.schedule) }

    public var name: String { "emission" }

    public var hooks: [Hook] {
        [
            Hook(.beforeAgents, 25, "the day's scheduled emission"),
            Hook(.settlement, 20, "emission due to lockers"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        if hook.phase == .beforeAgents {
            world.today.scheduledEmission = curve.amount(day: world.day) * scale
            return
        }
        // The day's schedule as published before the agents: nothing sets the scale in between.
        let scheduled = world.today.scheduledEmission ?? 0
        if let share = world.today.gaugeShare {
            if world.today.votingPower > 0 { world.today.emissionDue = scheduled * (1 - share) }
        } else if world.today.votingPower > 0 {
            world.today.emissionDue = scheduled
        }
        world.today.emitted = world.today.emissionDue + world.today.gaugeEmission
    }

    public func owns(_ action: EventAction) -> Bool {
        if case .set(.emissionScale, _) = action { return true }
        return false
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        if case .set(.emissionScale, let value) = action { scale = value }
    }

    /// The mechanism's curve for a scenario's schedule.
    public static func curve(_ schedule: EmissionSchedule) -> EmissionCurve {
        switch schedule {
        case .constant(let perDay): .constant(perDay: perDay)
        case .halving(let initial, let halfLife): .halving(initialPerDay: initial, halfLifeDays: halfLife)
        case .curve(let initial, let reduction): .curve(initialPerYear: initial, reduction: reduction)
        case .table(let steps): .table(steps.map { (fromDay: $0.fromDay, perDay: $0.perDay) })
        }
    }
}
