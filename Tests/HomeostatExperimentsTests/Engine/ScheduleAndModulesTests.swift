import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatScenario
import Testing

/// The engine's wiring: which modules a scenario builds, the order of their hooks, and the
/// value of a metric whose module the scenario lacks.
@Suite struct ScheduleAndModulesTests {
    static func moduleNames(_ s: Scenario) throws -> [String] {
        try Simulation(scenario: s, run: 1).modules.map(\.module.name)
    }

    @Test func bm1BuildsOnlyItsMechanisms() throws {
        #expect(try Self.moduleNames(bm1Scenario()) == ["market", "token", "vote_escrow", "emission", "revenue"])
    }

    @Test func theScheduleRunsEachPhaseInDayOrderAndHooksByOrder() throws {
        let sim = try Simulation(scenario: bm1Scenario(), run: 1)
        let entries = sim.schedule.entries
        for (a, b) in zip(entries, entries.dropFirst()) {
            #expect(a.phase < b.phase || (a.phase == b.phase && a.order <= b.order), "\(a.name) before \(b.name)")
        }
        // Power and price at payment come before the emission due, which comes before the
        // fee revenue and the accrual to lockers; the price moves after all of them.
        func index(_ module: String, _ phase: Phase) throws -> Int {
            try #require(entries.firstIndex { $0.module == module && $0.phase == phase })
        }
        let power = try index("vote_escrow", .settlement)
        let emission = try index("emission", .settlement)
        let revenue = try index("revenue", .settlement)
        let move = try index("market", .market)
        #expect(power < emission && emission < revenue && revenue < move)
    }

    @Test func absentMechanismsGiveTheirDocumentedValues() throws {
        var s = bm1Scenario(agents: 50, days: 10, runs: 1)
        s.metrics.names = ["staked", "bribes_paid", "treasury_runway_months", "pool_price", "emission_efficiency", "attack_cost_usd"]
        var sim = try Simulation(scenario: s, run: 1)
        guard case .completed(let r) = sim.run(check: true) else {
            Issue.record("the run failed")
            return
        }
        #expect(try #require(r.series("staked")).allSatisfy(\.isNaN))
        #expect(try #require(r.series("bribes_paid")).allSatisfy { $0 == 0 })
        #expect(try #require(r.series("treasury_runway_months")).allSatisfy { $0 == .infinity })
        #expect(try #require(r.series("pool_price")).allSatisfy(\.isNaN))
        #expect(try #require(r.series("emission_efficiency")).allSatisfy(\.isNaN))
        // The attack cost exists without governance: USD to buy half the ve power.
        let cost = try #require(r.series("attack_cost_usd"))
        #expect(cost.allSatisfy { $0.isFinite && $0 >= 0 } && cost.last! > 0)
    }

    @Test func aPassedProposalIsAppliedByTheModuleThatOwnsTheParameter() throws {
        var s = bm1Scenario(agents: 200, days: 40, runs: 1)
        var g = GovernanceSpec()
        g.quorum = 0
        g.threshold = 0
        g.votingDelayDays = 1
        g.votingPeriodDays = 3
        g.timelockDays = 2
        s.mechanisms.governance = g
        s.populations[0].incentives.governanceSupport = 1
        s.events = [EventSpec(day: 10, action: .propose(.feeRate, 0))]
        s.metrics.names = ["fee_revenue", "proposals_executed"]
        var sim = try Simulation(scenario: s, run: 1)
        guard case .completed(let r) = sim.run(check: true) else {
            Issue.record("the run failed")
            return
        }
        let revenue = try #require(r.series("fee_revenue"))
        let executed = try #require(r.series("proposals_executed"))
        let day = try #require(executed.firstIndex { $0 == 1 })
        #expect(revenue[day - 1] > 0, "fees flow until the proposal executes")
        #expect(revenue[day...].allSatisfy { $0 == 0 }, "the revenue module applied fee_rate = 0 from the day it executed")
    }
}
