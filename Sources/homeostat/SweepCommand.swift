import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore
import Synchronization

/// `homeostat sweep FILE`: every point of the scenario's parameter space × every run.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over its parameter space (the `sweep:` section).",
        discussion: """
            Every point × every Monte Carlo run is one unit of work, spread over threads; run r of \
            every point sees the same market path (common random numbers). Writes DIR/sweep.csv: one \
            row per point with the parameter values and, per metric, the mean and the 95% interval \
            half-width over runs of its per-run statistic (final value for stocks, total for flows, \
            time-weighted mean for rates, or --statistic), and DIR/report.html.

            Every finished run is committed to the results store (DIR/homeostat.sqlite) at once, in \
            one transaction. --resume skips the runs the store already holds, so an interrupted sweep \
            ends with exactly the results of an uninterrupted one. --shard i/N runs the i-th of N \
            deterministic slices (every N-th unit) into its own store; `homeostat merge` joins them.
            """)

    @Argument(help: "The scenario file, with a `sweep:` section.") var file: String
    @Option(help: "Design: grid, random or lhs (default: the file's).") var design: String?
    @Option(help: "Points for random and lhs designs (default: the file's).") var points: Int?
    @Option(help: "Monte Carlo runs per point (default: the scenario's).") var runs: Int?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/<scenario name>-sweep).") var out: String?
    @Flag(help: "Check the invariants after every step.") var check = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Continue an interrupted sweep from the store, skipping finished runs.") var resume = false
    @Option(help: "Run only slice i of N (1-based), e.g. 2/4.") var shard: String?
    @Option(help: "The results store (default: DIR/homeostat.sqlite).") var store: String?
    @Flag(help: "Keep results in memory only; write no store.") var noStore = false
    @Flag(help: "Also store every run's full time series (compressed).") var series = false
    @Option(help: "The statistic that summarises each run: final, mean, total, min, max or pXX (default: each metric's own: final for stocks, total for flows, mean for rates).")
    var statistic: String?

    func run() throws {
        let chosenStatistic = try Outputs.statistic(statistic, command: "homeostat sweep")
        let (template, space) = try Outputs.sweepTemplate(file, use: "to sweep")
        var chosen = space.design
        if let design {
            guard let d = ParameterSpace.Design(rawValue: design) else {
                throw Terminal.badInput("homeostat sweep: unknown design '\(design)'; expected grid, random or lhs")
            }
            chosen = d
        }
        let pointCount = points ?? space.points
        guard pointCount >= 1 else { throw Terminal.badInput("homeostat sweep: --points must be at least 1") }
        let runCount = runs ?? template.base.runs
        guard runCount >= 1 else { throw Terminal.badInput("homeostat sweep: --runs must be at least 1") }
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1 else { throw Terminal.badInput("homeostat sweep: --threads must be at least 1") }
        // Bound the design before it is built: a huge grid or --points would otherwise be
        // allocated point by point until memory runs out.
        if chosen == .grid, let problem = ScenarioLimits.gridProblem(space) {
            throw Terminal.badInput("\(file): error: sweep: \(problem)")
        }
        let designPoints = chosen == .grid ? space.parameters.reduce(1) { $0 * $1.gridValues.count } : pointCount
        if let problem = ScenarioLimits.experimentProblem(points: designPoints, runs: runCount) {
            throw Terminal.badInput("homeostat sweep: \(problem)")
        }
        let plan: SweepPlan
        do {
            plan = try SweepPlan(template: template, space: space, design: chosen, points: pointCount, runs: runCount)
        } catch {
            throw Terminal.badInput(error.description)
        }
        let folder = out ?? "out/\(template.base.name)-sweep"
        var slice = Shard.whole
        if let shard {
            do { slice = try Shard(parsing: shard) } catch { throw Terminal.badInput("homeostat sweep: --shard: \(error.description)") }
        }
        guard !(noStore && (resume || shard != nil)) else {
            throw Terminal.badInput("homeostat sweep: --resume and --shard need the store; drop --no-store")
        }
        let units = slice == .whole ? plan.units : plan.units(shard: slice.index, of: slice.count)
        try Outputs.claimFolder(folder, command: "homeostat sweep")

        // The store: open (or find, to resume) the experiment, then skip what it holds.
        var resultStore: ResultStore?
        var experiment = ExperimentID(rawValue: 0)
        var pending = units
        if !noStore {
            let opened = try Outputs.openStore(store ?? Outputs.storePath(in: folder))
            let text = try Outputs.scenarioText(file)
            let settings = "\ndesign=\(chosen.rawValue) points=\(pointCount) runs=\(runCount)"
            do {
                experiment = try opened.openOrCreateExperiment(
                    scenarioText: text, scenarioName: template.base.name, scenarioHash: StableHash.fnv1a64(text + settings),
                    version: Homeostat.version, command: Outputs.commandLine, kind: "sweep", shard: slice)
                let finished = try opened.finishedRuns(experiment: experiment)
                if !finished.isEmpty && !resume {
                    throw Terminal.badInput(
                        "homeostat sweep: \(opened.path) already holds \(finished.count) runs of this sweep; add --resume to continue it, or choose another --out or --store")
                }
                for (p, values) in plan.values.enumerated() {
                    try opened.recordPoint(
                        experiment: experiment, index: p,
                        parameters: zip(plan.space.parameters, values).map { NamedValue($0.path, $1.numeric(in: $0)) })
                }
                pending = units.filter { !finished.contains(RunKey(point: $0.point, run: $0.run)) }
            } catch let error as StoreError {
                throw Terminal.failure(error.description)
            }
            resultStore = opened
            if resume && !quiet { Terminal.note("resuming: \(units.count - pending.count) of \(units.count) runs already in \(opened.path)") }
        }

        let progress = ProgressReporter.standardError(total: pending.count, label: "runs", quiet: quiet)
        let storeFailure = Mutex<String?>(nil)
        let storedSeries = series
        let records = SweepRunner.run(plan, units: pending, threads: workers, check: check) { [experiment, resultStore] unit, record in
            if let resultStore {
                do {
                    try resultStore.recordRun(Outputs.storedRun(
                        record, experiment: experiment, point: unit.point, seed: plan.scenarios[unit.point].seed, series: storedSeries,
                        statistic: chosenStatistic))
                } catch {
                    storeFailure.withLock { if $0 == nil { $0 = "\(error)" } }
                }
            }
            progress.completed()
        }
        progress.finish()
        if let message = storeFailure.withLock({ $0 }) { throw Terminal.failure(message) }
        var failed = false
        for (unit, record) in zip(pending, records) {
            if case .failed(let e, _) = record.outcome {
                Terminal.error("point \(unit.point) run \(unit.run) failed on \(e)")
                failed = true
            }
        }

        // The table comes from the store when there is one, so a resumed sweep reports
        // exactly what an uninterrupted one does.
        let table: SweepTable
        if let resultStore {
            do {
                let stored = try resultStore.loadRuns(experiment: experiment, includeSeries: false)
                var finals: [SweepUnit: [Double]] = [:]
                var names: [String] = []
                for run in stored where run.status == .completed {
                    let values = Outputs.storedStatistics(run, chosen: chosenStatistic)
                    if names.isEmpty { names = values.map(\.name) }
                    finals[SweepUnit(point: run.point, run: run.run)] = values.map(\.value)
                }
                table = SweepTable(plan: plan, metricNames: names, finals: finals, statistic: chosenStatistic)
            } catch {
                throw Terminal.failure(error.description)
            }
        } else {
            table = SweepTable(plan: plan, units: pending, records: records, statistic: chosenStatistic)
        }
        do {
            try table.csv().write(toFile: "\(folder)/sweep.csv", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        let metadata = RunMetadata(scenario: template.base, version: Homeostat.version)
        let reportPath = try Outputs.writeReport(HTMLReport.render(table.reportInput(metadata: metadata, description: template.base.description)), folder: folder)
        if !quiet {
            Terminal.out("\(plan.scenarios.count) points (\(chosen.rawValue)) × \(runCount) runs of \(template.base.name)\(slice == .whole ? "" : ", shard \(slice)")")
            Terminal.out("wrote \(folder)/sweep.csv, \(reportPath)\(noStore ? "" : " and \(resultStore!.path)")")
        }
        if failed { throw ExitCode(1) }
    }
}
