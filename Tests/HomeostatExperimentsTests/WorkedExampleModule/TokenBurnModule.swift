import HomeostatAgents
import HomeostatCore
import HomeostatEngine
import HomeostatScenario

// The worked example of adding a module (docs/architecture.md): a constant-rate burn of the
// treasury's tokens, with its own section `mechanisms.treasury_burn: {rate_per_day: R}`, a
// metric `treasury_burned` and an invariant. It uses the engine's public API only, the way a
// library user outside the package would, and this folder is all it takes.

/// `mechanisms.treasury_burn`: burn `rate_per_day` of the treasury's tokens every day.
struct TreasuryBurnSpec: ScenarioSection, Equatable {
    var ratePerDay: Double

    static let key = "treasury_burn"
    static let metric = "treasury_burned"

    /// Reads the section; `rate_per_day` must be a fraction.
    static let decoder = SectionDecoder(key: key, metrics: [metric]) { (section: SectionReader) throws(ScenarioError) -> any ScenarioSection in
        TreasuryBurnSpec(ratePerDay: try section.double("rate_per_day", min: 0, max: 1))
    }

    /// How a simulation builds the module when the scenario has the section.
    static let descriptor = ModuleDescriptor(key: key, defaultMetrics: [metric]) { (scenario: Scenario, world: inout World) throws(SimulationError) -> (any Module)? in
        guard let spec = scenario.sections[key] as? TreasuryBurnSpec else { return nil }
        return TreasuryBurnModule(ratePerDay: spec.ratePerDay)
    }
}

/// Burns a constant share of the treasury's tokens at the end of each day's settlement.
struct TreasuryBurnModule: Module {
    let ratePerDay: Double
    /// Tokens burned since day 0.
    var burned = 0.0

    var name: String { TreasuryBurnSpec.key }

    var hooks: [Hook] { [Hook(.settlement, 90, "burn \(ratePerDay) of the treasury's tokens")] }

    mutating func run(_ hook: Hook, world: inout World) {
        let treasury = world.economy.treasuryAccount
        let amount = world.economy.ledger.balance(.token, treasury) * ratePerDay
        world.economy.ledger.burn(.token, from: treasury, amount)
        burned += amount
    }

    func metricSlot(_ name: String, world: World) -> Int? { name == TreasuryBurnSpec.metric ? 0 : nil }

    mutating func metric(_ slot: Int, world: inout World) -> Double { burned }

    /// Nothing but this module burns tokens in these scenarios, so the ledger's burned total
    /// is exactly what the module burned.
    func firstViolation(world: World) -> InvariantViolation? {
        let ledgerBurned = world.economy.ledger.burned[Asset.token.rawValue]
        guard abs(ledgerBurned - burned) <= 1e-9 * max(1, burned) else {
            return InvariantViolation("treasury_burn: burned \(burned) but the ledger burned \(ledgerBurned)")
        }
        return nil
    }
}
