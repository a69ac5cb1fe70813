import HomeostatCore
import HomeostatEngine
import HomeostatScenario

// A test-only plant for the controllers: a first-order linear system with gain K and time
// constant τ days, discretised exactly for a daily zero-order hold,
//
//     x_d = a·x_{d−1} + (1 − a)·K·(u_d − offset),   a = e^{−1/τ},
//
// whose input u is `mechanisms.emission.scale` (the scenarios have no emission, so the plant
// owns that parameter) and whose output is the metric `plant_x`. Closed-loop responses of a
// P or PI controller on it have closed forms (ControllersTests).

/// `mechanisms.plant: {gain: K, tau: τ, offset: u₀}`.
struct PlantSpec: ScenarioSection, Equatable {
    var gain: Double
    var tau: Double
    var offset: Double

    static let key = "plant"
    static let metric = "plant_x"

    static let decoder = SectionDecoder(key: key, metrics: [metric]) { (section: SectionReader) throws(ScenarioError) -> any ScenarioSection in
        PlantSpec(
            gain: try section.double("gain"), tau: try section.double("tau", min: 0.01),
            offset: try section.double("offset", default: 0))
    }

    static let descriptor = ModuleDescriptor(key: key) { (scenario: Scenario, world: inout World) throws(SimulationError) -> (any Module)? in
        guard let spec = scenario.sections[key] as? PlantSpec else { return nil }
        return FirstOrderPlant(spec: spec)
    }
}

/// The plant as a module: its state moves in the settlement phase, after the controllers set
/// today's input at the start of the day.
struct FirstOrderPlant: Module {
    let spec: PlantSpec
    var x = 0.0
    var u = 0.0

    var a: Double { _exp(-1 / spec.tau) }
    var name: String { "plant" }
    var hooks: [Hook] { [Hook(.settlement, 0, "x ← a·x + (1 − a)·K·(u − offset)")] }

    mutating func run(_ hook: Hook, world: inout World) {
        x = a * x + (1 - a) * spec.gain * (u - spec.offset)
    }

    func owns(_ action: EventAction) -> Bool {
        if case .set(.emissionScale, _) = action { return true }
        return false
    }

    mutating func apply(_ action: EventAction, world: inout World) {
        if case .set(.emissionScale, let value) = action { u = value }
    }

    func metricSlot(_ name: String, world: World) -> Int? { name == PlantSpec.metric ? 0 : nil }
    mutating func metric(_ slot: Int, world: inout World) -> Double { x }
}
