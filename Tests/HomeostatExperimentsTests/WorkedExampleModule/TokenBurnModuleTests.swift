import Foundation
import HomeostatAgents
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

/// The worked example end to end: the module's section decodes with located errors, the
/// module runs in the schedule, records its metric, conserves tokens, and burns exactly the
/// closed form `T₀ · (1 − (1 − r)^d)` of a treasury nothing else touches.
@Suite struct TokenBurnModuleTests {
    static let scenarioText = """
        name: burn
        seed: 3
        horizon_days: 30
        token:
          allocations: {treasury: 1000000}
        mechanisms:
          vote_escrow: {}
          treasury_burn: {rate_per_day: 0.01}
        populations:
          - {name: holders, count: 50, behaviour: holder}
        """

    static func scenario(_ text: String = scenarioText) throws -> Scenario {
        try ScenarioFiles.parse(text, file: "burn.yaml", baseDirectory: nil, sections: [TreasuryBurnSpec.decoder])
    }

    static let registry = ModuleRegistry(modules: [TreasuryBurnSpec.descriptor])

    @Test func theSectionDecodesAndIsRecordedByDefault() throws {
        let s = try Self.scenario()
        #expect(s.sections[TreasuryBurnSpec.key] as? TreasuryBurnSpec == TreasuryBurnSpec(ratePerDay: 0.01))
        let sim = try Simulation(scenario: s, run: 1, registry: Self.registry)
        #expect(sim.schedule.entries.contains { $0.module == "treasury_burn" && $0.phase == .settlement })
    }

    @Test func aBadRateIsALocatedError() throws {
        let bad = Self.scenarioText.replacingOccurrences(of: "rate_per_day: 0.01", with: "rate_per_day: 1.5")
        let error = try #require(throws: ScenarioError.self) { try Self.scenario(bad) }
        #expect(error.line == 8)
        #expect(error.description.contains("mechanisms.treasury_burn.rate_per_day"))
    }

    @Test func withoutTheDecoderTheSectionIsAnUnknownField() throws {
        #expect(throws: ScenarioError.self) {
            try ScenarioFiles.parse(Self.scenarioText, file: "burn.yaml", baseDirectory: nil)
        }
    }

    @Test func theBurnFollowsItsClosedFormAndConserves() throws {
        var sim = try Simulation(scenario: try Self.scenario(), run: 1, registry: Self.registry)
        let outcome = sim.run(check: true)
        guard case .completed(let records) = outcome else {
            Issue.record("the run failed: \(outcome)")
            return
        }
        let burned = try #require(records.series(TreasuryBurnSpec.metric))
        #expect(burned.count == 30)
        let expected = 1_000_000 * (1 - _pow(0.99, 30.0))
        #expect(abs(burned[29] - expected) <= 1e-6 * expected)
        let treasury = sim.economy.ledger.balance(.token, sim.economy.treasuryAccount)
        #expect(abs(treasury - 1_000_000 * _pow(0.99, 30.0)) <= 1e-6)
    }

    @Test func theInvariantCatchesAnUnrecordedBurn() throws {
        var sim = try Simulation(scenario: try Self.scenario(), run: 1, registry: Self.registry)
        sim.step(day: 1)
        #expect(sim.firstViolation() == nil)
        sim.economy.ledger.burn(.token, from: sim.economy.treasuryAccount, 5)
        #expect(sim.firstViolation()?.message.contains("treasury_burn") == true)
    }
}
