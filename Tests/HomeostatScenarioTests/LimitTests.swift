import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

/// The reproducers of issue #10 part 3 that the validator now stops: each used to crash the
/// engine, the report or the process (allocation failure, trap, infinite balance), and is
/// now a located SCN1xx error at the offending value.
@Suite struct LimitTests {
    /// `count` values that crashed `Simulation.init` (8 TB allocation, bad pointer, trap).
    @Test(arguments: ["1e12", "4611686018427387904", "9223372036854775807"])
    func hugePopulationCountIsALocatedError(_ count: String) throws {
        let e = try #require(scenarioError("""
            name: x
            populations:
              - {name: a, count: \(count), behaviour: holder}
            """))
        #expect(e.code == "SCN101", "\(e)")
        #expect(e.path == "populations[0].count" && e.line == 3 && e.column == 22, "\(e)")
    }

    /// Two counts whose sum overflows Int (`validate` trapped adding them up).
    @Test func countsWhoseSumOverflowsAreRefusedBeforeAdding() throws {
        let e = try #require(scenarioError("""
            name: x
            populations:
              - {name: a, count: 9000000, behaviour: holder}
              - {name: b, count: 9000000, behaviour: holder}
            """))
        #expect(e.code == "SCN101" && e.path == "populations[1].count" && e.line == 4, "\(e)")
        #expect(e.message.contains("at most \(ScenarioLimits.maxAgents)"), "\(e)")
    }

    @Test func populationsAtTheBoundLoad() throws {
        let s = try ScenarioFiles.parse("""
            name: x
            populations:
              - {name: a, count: 5000000, behaviour: holder}
              - {name: b, count: 5000000, behaviour: holder}
            """, file: "s.yaml", baseDirectory: nil)
        #expect(s.populations.map(\.count) == [5_000_000, 5_000_000])
    }

    /// mu 1000 drew infinite balances, which tripped `Ledger.mint`'s precondition.
    @Test func lognormalWhoseDrawsOverflowIsRefused() throws {
        let e = try #require(scenarioError("""
            name: x
            populations:
              - {name: a, count: 10, behaviour: holder, initial_balance: {lognormal: {mu: 1000, sigma: 1}}}
            """))
        #expect(e.code == "SCN102" && e.path == "populations[0].initial_balance", "\(e)")
    }

    @Test func lognormalOfTheExamplesStillLoads() throws {
        let s = try ScenarioFiles.parse("""
            name: x
            populations:
              - {name: a, count: 10, behaviour: holder, initial_balance: {lognormal: {mu: 9.0, sigma: 1.2}}}
            """, file: "s.yaml", baseDirectory: nil)
        #expect(s.populations[0].initialBalance == .lognormal(mu: 9, sigma: 1.2))
    }

    /// 5e-324 and 1.797e308 crashed the report's axis ticks; 1e300 reserves tripped
    /// `Ledger.transfer`. Every number is bounded where it is read.
    @Test(arguments: [
        ("populations:\n  - {name: a, count: 10, behaviour: holder, initial_balance: 5e-324}", "populations[0].initial_balance"),
        ("token: {supply: 1.797e308}", "token.supply"),
        ("pools:\n  - {name: p, kind: constant_product, token_reserve: 1e300}", "pools[0].token_reserve"),
        ("market: {price: 1e-200}", "market.price"),
    ])
    func numbersOutsideTheMagnitudeBoundsAreRefused(_ body: String, _ path: String) throws {
        let e = try #require(scenarioError("name: x\n" + body + "\n"))
        #expect(e.code == "SCN100" && e.path == path, "\(e)")
    }

    @Test func zeroAndNumbersInsideTheBoundsLoad() throws {
        let s = try ScenarioFiles.parse("""
            name: x
            token: {supply: 1e15}
            populations:
              - {name: a, count: 10, behaviour: holder, initial_balance: 0}
              - {name: b, count: 10, behaviour: holder, initial_balance: 1e-30}
            """, file: "s.yaml", baseDirectory: nil)
        #expect(s.token.supply == 1e15)
    }

    @Test func runsAboveTheBoundAreRefusedAtTheRunsLine() throws {
        let e = try #require(scenarioError("name: x\nruns: 1000000000000\n"))
        #expect(e.code == "SCN101" && e.path == "runs" && e.line == 2, "\(e)")
    }

    @Test func recordedRowsAboveTheBoundAreRefused() throws {
        // 1,000 runs × 36,501 recorded days is 36.5 M rows of metrics in memory.
        let e = try #require(scenarioError("name: x\nruns: 1000\nhorizon_days: 36500\n"))
        #expect(e.code == "SCN101" && e.message.contains("metrics.every"), "\(e)")
        #expect(ScenarioLimits.runsProblem(1000, try ScenarioFiles.parse(
            "name: x\nhorizon_days: 36500\nmetrics: {every: 365}\n", file: "s.yaml", baseDirectory: nil)) == nil)
    }

    /// A sweep range ending at 5e-324 crashed `sweep` and `sensitivity` in the axis ticks.
    @Test func sweepRangeWithASubnormalEndIsRefused() throws {
        let e = try #require(throws: ScenarioError.self) {
            try ScenarioFiles.template("""
                name: x
                populations:
                  - {name: a, count: 10, behaviour: holder}
                sweep:
                  parameters:
                    - {path: populations.a.sell_propensity, range: [0, 5e-324]}
                """, file: "s.yaml", baseDirectory: nil)
        }
        #expect(e.code == "SCN100" && e.line == 6, "\(e)")
    }

    /// A count range asking for ~4 TB of agents aborted (and could hang the process).
    @Test func sweepCountRangeBeyondTheAgentBoundIsRefused() throws {
        let e = try #require(throws: ScenarioError.self) {
            try ScenarioFiles.template("""
                name: x
                populations:
                  - {name: a, count: 10, behaviour: holder}
                sweep:
                  parameters:
                    - {path: populations.a.count, range: [1, 500000000000]}
                """, file: "s.yaml", baseDirectory: nil)
        }
        #expect(e.code == "SCN101", "\(e)")
    }

    /// A 100000³ grid grew to 7.7 GB before aborting.
    @Test func gridWithTooManyPointsIsRefusedAtTheSweepSection() throws {
        let e = try #require(throws: ScenarioError.self) {
            try ScenarioFiles.template("""
                name: x
                populations:
                  - {name: a, count: 10, behaviour: holder, lock_propensity: 0.1}
                sweep:
                  design: grid
                  parameters:
                    - {path: populations.a.sell_propensity, range: [0, 1], steps: 100000}
                    - {path: populations.a.lock_propensity, range: [0, 1], steps: 100000}
                    - {path: populations.a.lock_fraction, range: [0, 1], steps: 100000}
                """, file: "s.yaml", baseDirectory: nil)
        }
        #expect(e.code == "SCN103" && e.line == 5, "\(e)")
    }

    @Test func experimentBoundsCountPointsTimesRunsWithoutOverflow() {
        #expect(ScenarioLimits.experimentProblem(points: 64, runs: 16) == nil)
        #expect(ScenarioLimits.experimentProblem(points: 1_000_000_000, runs: 1) != nil)
        #expect(ScenarioLimits.experimentProblem(points: 1_000_000, runs: Int.max) != nil)
    }

    /// One draw per jump: an intensity of 1e12 a year looped for hours (a hang, not a crash).
    @Test func absurdJumpIntensityIsOutOfRange() throws {
        let e = try #require(scenarioError("""
            name: x
            market: {process: jump_diffusion, jumps: {intensity: 1e12, mean: 0, stdev: 0.1}}
            """))
        #expect(e.code == "SCN003" && e.path == "market.jumps.intensity", "\(e)")
    }

    /// Replay scripts accepted a key written twice (the last won); a JSON scenario must not.
    @Test func duplicateKeyInAJSONScenarioIsRefused() throws {
        let e = try #require(scenarioError(#"{"name": "a", "runs": 2, "runs": 3}"#, file: "s.json"))
        #expect(e.code == "SCN010", "\(e)")
    }
}
