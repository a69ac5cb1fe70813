import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore

/// `homeostat run FILE`: the Monte Carlo ensemble of a scenario, with a summary table and
/// `summary.json` / `timeseries.csv` in the output folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's Monte Carlo ensemble and summarise it.",
        discussion: """
            Runs are spread over threads and their results do not depend on --threads. Writes \
            DIR/summary.json (per metric: the mean, stdev, p5, p50, p95, min and max over runs of its \
            final value and of its per-run statistic: final for stocks, total for flows, time-weighted mean \
            for rates, or --statistic) and DIR/timeseries.csv (run, step, one column per metric), and prints a \
            summary table. Progress goes to stderr. Exit status: 0 ok, 64 bad input, 1 a run failed.
            """)

    @Argument(help: "The scenario file (.yaml, .yml or .json).")
    var file: String

    @Option(help: "Monte Carlo runs (default: the scenario's).")
    var runs: Int?

    @Option(help: "Master seed (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Output folder (default: out/<scenario name>).")
    var out: String?

    @Option(help: "Worker threads (default: every core).")
    var threads: Int?

    @Flag(help: "Check the ledger and mechanism invariants after every step.")
    var check = false

    @Option(help: "The statistic that summarises each run: final, mean, total, min, max or pXX (default: each metric's own: final for stocks, total for flows, mean for rates).")
    var statistic: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Do not write the results store (DIR/homeostat.sqlite).")
    var noStore = false

    func run() throws {
        let chosenStatistic = try Outputs.statistic(statistic, command: "homeostat run")
        var scenario = try Outputs.loadScenario(file)
        if let runs {
            guard runs >= 1 else { throw Terminal.badInput("homeostat run: --runs must be at least 1, got \(runs)") }
            if let problem = ScenarioLimits.runsProblem(runs, scenario) { throw Terminal.badInput("homeostat run: --runs: \(problem)") }
            scenario.runs = runs
        }
        if let seed { scenario.seed = seed }
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1 else { throw Terminal.badInput("homeostat run: --threads must be at least 1, got \(workers)") }
        let folder = out ?? "out/\(scenario.name)"
        try Outputs.claimFolder(folder, command: "homeostat run")

        let progress = ProgressReporter.standardError(total: scenario.runs, label: "runs", quiet: quiet)
        let records: [RunRecord]
        do {
            records = try Ensemble.run(
                scenario, options: EnsembleOptions(runs: scenario.runs, threads: workers, check: check),
                onRunFinished: { _ in progress.completed() })
        } catch {
            progress.finish()
            throw Terminal.failure("\(file): \(error.description)")
        }
        progress.finish()

        var failures = 0
        for record in records {
            if case .failed(let error, let partial) = record.outcome {
                failures += 1
                Terminal.error("run \(record.run) failed on \(error) (seed \(scenario.seed); \(partial.rowCount) days recorded)")
            }
        }
        let completed = records.filter { if case .completed = $0.outcome { true } else { false } }
        guard !completed.isEmpty else { throw ExitCode(1) }

        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Terminal.failure("cannot create the output folder \(folder): \(error.localizedDescription)")
        }
        let recorders = completed.map(\.outcome.recorder)
        let metadata = RunMetadata(scenario: scenario, version: Homeostat.version)
        do {
            let summary = try EnsembleSummary(runs: recorders, statistic: chosenStatistic)
            try SummaryJSON.write(summary, metadata: metadata, toFile: "\(folder)/summary.json")
            try TimeseriesCSV.write(recorders, runIndices: completed.map(\.run), toFile: "\(folder)/timeseries.csv")
            var report = try RunReportInput(
                metadata: metadata, scenarioDescription: scenario.description, details: Outputs.details(scenario), runs: recorders,
                statistic: chosenStatistic)
            report.events = RunReportInput.markers(scenario.events)
            _ = try Outputs.writeReport(HTMLReport.render(report), folder: folder)
            if !quiet { Terminal.out(SummaryTable.render(summary)) }
        } catch let error as ReportError {
            throw Terminal.failure(error.description)
        }
        if !noStore {
            let store = try Outputs.openStore(Outputs.storePath(in: folder))
            do {
                let experiment = try store.openOrCreateExperiment(
                    scenarioText: try Outputs.scenarioText(file), scenarioName: scenario.name,
                    scenarioHash: StableHash.fnv1a64(try Outputs.scenarioText(file) + "\nruns=\(scenario.runs) seed=\(scenario.seed)"),
                    version: Homeostat.version, command: Outputs.commandLine, kind: "run")
                try store.recordPoint(experiment: experiment, index: 0, parameters: [])
                for record in records {
                    try store.recordRun(Outputs.storedRun(record, experiment: experiment, point: 0, seed: scenario.seed, series: true))
                }
            } catch let error as StoreError {
                throw Terminal.failure(error.description)
            }
        }
        if !quiet {
            Terminal.out("wrote \(folder)/summary.json, timeseries.csv, report.html\(noStore ? "" : " and homeostat.sqlite")")
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
