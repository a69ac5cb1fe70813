import HomeostatAgents
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatScenario
import Testing

/// Without `--check` nothing looked at the books, so a run whose balances went infinite or
/// stopped adding up passed with exit 0 (issue #10). The ensemble now checks every run once
/// at its end.
@Suite struct EndOfRunCheckTests {
    static let scenario: Scenario = {
        // swiftlint:disable:next force_try
        try! ScenarioFiles.parse("""
            name: tiny
            runs: 2
            horizon_days: 5
            populations:
              - {name: holders, count: 10, behaviour: holder}
            """, file: "tiny.yaml", baseDirectory: nil)
    }()

    static func failures(check: Bool, _ prepare: @escaping @Sendable (inout Simulation) -> Void) throws -> [String] {
        let records = try Ensemble.run(
            scenario, options: EnsembleOptions(runs: 2, threads: 1, check: check), prepare: prepare)
        return records.compactMap { if case .failed(let e, _) = $0.outcome { e.description } else { nil } }
    }

    @Test func conservationFailureFailsTheRunWithoutCheck() throws {
        // Tokens the ledger credits to the population but no agent's column holds.
        let failures = try Self.failures(check: false) { sim in
            let account = sim.economy.ledger.account(named: "population:holders")!
            sim.economy.ledger.mint(.token, to: account, 5)
        }
        #expect(failures.count == 2, "\(failures)")
        #expect(failures.allSatisfy { $0.contains("at the end of the run") && $0.contains("holders") }, "\(failures)")
    }

    @Test func infiniteBalanceFailsTheRunInsteadOfTrapping() throws {
        let failures = try Self.failures(check: false) { sim in
            let account = sim.economy.ledger.account(named: "population:holders")!
            sim.economy.ledger.mint(.cash, to: account, .infinity)
        }
        #expect(failures.count == 2, "\(failures)")
        #expect(failures.allSatisfy { $0.contains("ledger refused a mint of inf cash") }, "\(failures)")
    }

    @Test func soundRunsStillComplete() throws {
        #expect(try Self.failures(check: false) { _ in }.isEmpty)
        #expect(try Self.failures(check: true) { _ in }.isEmpty)
    }
}
