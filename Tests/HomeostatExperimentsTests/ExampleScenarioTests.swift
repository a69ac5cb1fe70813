import Foundation
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatScenario
import Testing

/// Every scenario in `examples/`, found from this file's location.
func exampleScenarioPaths() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("examples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0).path }
}

@Test func examplesExist() {
    let names = exampleScenarioPaths().map { URL(fileURLWithPath: $0).lastPathComponent }
    #expect(names.contains("ve-economy.yaml"))
    #expect(names.contains("bm1.yaml"))
}

/// Conservation after every step of every example scenario, with its populations scaled
/// down to 100 agents each (the horizon, mechanisms and events are the file's).
@Test(arguments: exampleScenarioPaths())
func exampleConservesEveryStep(path: String) throws {
    var scenario = try ScenarioLoader.load(path: path, sections: ModuleRegistry.standard.sections)
    for i in scenario.populations.indices { scenario.populations[i].count = min(scenario.populations[i].count, 100) }
    let records = try Ensemble.run(scenario, options: EnsembleOptions(runs: 2, threads: 2, check: true))
    for record in records {
        if case .failed(let error, _) = record.outcome { Issue.record("\(path) run \(record.run): \(error)") }
        #expect(record.outcome.recorder.rowCount > 0)
    }
}

/// `examples/bm1.yaml` is BM-1 with the defaults of `shared/bench/BM1.md`.
@Test func bm1ExampleHasTheBenchmarkDefaults() throws {
    let path = try #require(exampleScenarioPaths().first { $0.hasSuffix("bm1.yaml") })
    let s = try ScenarioLoader.load(path: path)
    #expect(s.horizonDays == 730 && s.runs == 4 && s.seed == 1)
    #expect(s.market.price == 1.0 && s.market.process == .gbm(drift: 0, volatility: 0.8))
    #expect(s.market.impact.model == .linear && s.market.impact.coefficient == 2.0e-7 && s.market.impact.floor == 0.01)
    #expect(s.market.volumeUSD == 1_000_000 && s.market.volumeElasticity == 1)
    #expect(s.mechanisms.voteEscrow?.maxLockDays == 1460 && s.mechanisms.voteEscrow?.weekRounding == false)
    #expect(s.mechanisms.emission?.schedule == .halving(initialPerDay: 100_000, halfLifeDays: 365))
    #expect(s.mechanisms.feeSharing?.feeRate == 0.003 && s.mechanisms.feeSharing?.lockerShare == 1)
    #expect(s.populations.count == 1 && s.populations[0].count == 10_000)
    #expect(s.populations[0].initialBalance == .constant(1_000))
    guard case .holder(let h) = s.populations[0].behaviour else { Issue.record("not a holder"); return }
    #expect(h.patience == .uniform(low: 0, high: 1))
    #expect(h.lockPropensity == 0.02 && h.lockFraction == 0.5 && h.sellPropensity == 0.05 && h.sellFraction == 0.2)
}
