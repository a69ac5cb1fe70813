import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario

/// `homeostat compare A B`: two designs on the same random futures.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two designs on common random numbers (paired differences).",
        discussion: """
            Runs both scenarios with the same seed and run indices, so run r of each sees the same \
            market path, and reports per metric the mean paired difference B − A of its per-run statistic \
            (final value for stocks, total for flows, time-weighted mean for rates, or --statistic) with \
            its 95% confidence interval, the share of runs in which B is higher, and how much narrower \
            the paired interval is than an unpaired one. Writes DIR/compare.json, DIR/compare.csv and DIR/report.html.
            """)

    @Argument(help: "Design A (scenario file).") var a: String
    @Argument(help: "Design B (scenario file).") var b: String
    @Option(help: "Monte Carlo runs of each (default: A's).") var runs: Int?
    @Option(help: "The common seed (default: A's).") var seed: UInt64?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/compare-<A>-<B>).") var out: String?
    @Flag(help: "Check the invariants after every step.") var check = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Option(help: "The statistic paired for each run: final, mean, total, min, max or pXX (default: each metric's own: final for stocks, total for flows, mean for rates).")
    var statistic: String?

    func run() throws {
        let chosenStatistic = try Outputs.statistic(statistic, command: "homeostat compare")
        var scenarioA = try Outputs.loadScenario(a)
        var scenarioB = try Outputs.loadScenario(b)
        let runCount = runs ?? scenarioA.runs
        guard runCount >= 2 else { throw Terminal.badInput("homeostat compare: --runs must be at least 2 for an interval, got \(runCount)") }
        for scenario in [scenarioA, scenarioB] {
            if let problem = ScenarioLimits.runsProblem(runCount, scenario) { throw Terminal.badInput("homeostat compare: --runs: \(problem)") }
        }
        let commonSeed = seed ?? scenarioA.seed
        scenarioA.seed = commonSeed
        scenarioB.seed = commonSeed
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1 else { throw Terminal.badInput("homeostat compare: --threads must be at least 1") }
        let folder = out ?? "out/compare-\(scenarioA.name)-\(scenarioB.name)"
        try Outputs.claimFolder(folder, command: "homeostat compare")

        let progress = ProgressReporter.standardError(total: 2 * runCount, label: "runs", quiet: quiet)
        let options = EnsembleOptions(runs: runCount, threads: workers, check: check)
        let recordsA: [RunRecord]
        let recordsB: [RunRecord]
        do {
            recordsA = try Ensemble.run(scenarioA, options: options, onRunFinished: { _ in progress.completed() })
            recordsB = try Ensemble.run(scenarioB, options: options, onRunFinished: { _ in progress.completed() })
        } catch {
            progress.finish()
            throw Terminal.failure(error.description)
        }
        progress.finish()
        var failed = false
        for (name, records) in [(a, recordsA), (b, recordsB)] {
            for r in records { if case .failed(let e, _) = r.outcome { Terminal.error("\(name) run \(r.run) failed on \(e)"); failed = true } }
        }
        func completed(_ records: [RunRecord]) -> [(run: Int, recorder: MetricRecorder)] {
            records.compactMap { if case .completed(let rec) = $0.outcome { (run: $0.run, recorder: rec) } else { nil } }
        }
        let comparison = PairedComparison(nameA: scenarioA.name, a: completed(recordsA), nameB: scenarioB.name, b: completed(recordsB), statistic: chosenStatistic)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try CompareWriter.json(comparison, seed: commonSeed).write(toFile: "\(folder)/compare.json", atomically: true, encoding: .utf8)
            try CompareWriter.csv(comparison).write(toFile: "\(folder)/compare.csv", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        var report = CompareReportInput(
            metadata: RunMetadata(scenario: scenarioA, version: Homeostat.version), nameA: scenarioA.name, nameB: scenarioB.name,
            runCount: runCount, rows: comparison.reportRows)
        report.notes = comparison.reportNotes
        _ = try Outputs.writeReport(HTMLReport.render(report), folder: folder)
        if !quiet {
            Terminal.out("paired differences over \(runCount) runs (seed \(commonSeed)) of each metric's per-run statistic (final: last day; total: sum over the run; mean: time-weighted)")
            Terminal.out(comparison.table())
            Terminal.out("wrote \(folder)/compare.json, compare.csv and report.html")
        }
        if failed { throw ExitCode(1) }
    }
}
