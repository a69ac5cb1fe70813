import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore

/// `homeostat sensitivity FILE`: which parameters of the `sweep:` space drive each metric.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Rank the parameters of the scenario's `sweep:` ranges by their effect on each metric.",
        discussion: """
            morris: r trajectories of Morris elementary effects (r·(k+1) points), reporting μ*, μ and σ \
            per parameter. sobol: Saltelli sampling (N·(k+2) points) with first-order and total Sobol' \
            indices and bootstrap 95% intervals. Each point's output is the mean over --runs Monte Carlo \
            runs of each metric's per-run statistic (final value for stocks, total for flows, \
            time-weighted mean for rates, or --statistic); runs share random numbers across points. Writes \
            DIR/sensitivity.csv and DIR/report.html (a tornado chart per metric). Only `range` parameters can be analysed.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable { case morris, sobol }

    @Argument(help: "The scenario file, with a `sweep:` section of ranges.") var file: String
    @Option(help: "morris or sobol.") var method: Method = .morris
    @Option(help: "Morris trajectories r.") var trajectories: Int = 10
    @Option(help: "Sobol' base samples N (a power of two is best).") var samples: Int = 64
    @Option(help: "Monte Carlo runs per point (default: the scenario's).") var runs: Int?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/<scenario name>-sensitivity).") var out: String?
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Do not write the results store (DIR/homeostat.sqlite).") var noStore = false
    @Option(help: "The statistic that summarises each run: final, mean, total, min, max or pXX (default: each metric's own: final for stocks, total for flows, mean for rates).")
    var statistic: String?

    func run() throws {
        let chosenStatistic = try Outputs.statistic(statistic, command: "homeostat sensitivity")
        let (template, space) = try Outputs.sweepTemplate(file, use: "to take parameter ranges from")
        var ranges: [(name: String, low: Double, high: Double)] = []
        var integer: [Bool] = []
        for parameter in space.parameters {
            guard case .range(let low, let high, let isInteger, _) = parameter.domain else {
                throw Terminal.badInput("\(file): error: sensitivity analysis needs numeric ranges; `\(parameter.path)` is a list of values or choices")
            }
            ranges.append((parameter.path, low, high))
            integer.append(isInteger)
        }
        let runCount = runs ?? template.base.runs
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard runCount >= 1, workers >= 1 else { throw Terminal.badInput("homeostat sensitivity: --runs and --threads must be at least 1") }
        // Bound the design before it is built: Morris has r·(k+1) points, Saltelli N·(k+2).
        let (perUnit, count, flag) = method == .morris
            ? (ranges.count + 1, trajectories, "--trajectories") : (ranges.count + 2, samples, "--samples")
        guard count >= 1 else { throw Terminal.badInput("homeostat sensitivity: \(flag) must be at least 1, got \(count)") }
        let (designPoints, overflow) = count.multipliedReportingOverflow(by: perUnit)
        if let problem = ScenarioLimits.experimentProblem(points: overflow ? Int.max : designPoints, runs: runCount) {
            throw Terminal.badInput("homeostat sensitivity: \(flag) \(count): \(problem)")
        }

        let points: [[Double]]
        let morris: MorrisDesign?
        let saltelli: SaltelliDesign?
        do {
            let ranged = try SensitivitySpace(ranges)
            switch method {
            case .morris:
                morris = try MorrisDesign(space: ranged, trajectories: trajectories, seed: template.base.seed)
                saltelli = nil
                points = morris!.points
            case .sobol:
                saltelli = try SaltelliDesign(space: ranged, baseSamples: samples, seed: template.base.seed)
                morris = nil
                points = saltelli!.points
            }
        } catch {
            throw Terminal.badInput("homeostat sensitivity: \(error.description)")
        }
        let values = points.map { point in
            point.enumerated().map { k, x in SweepValue.number(integer[k] ? x.rounded() : x) }
        }
        let plan: SweepPlan
        do {
            plan = try SweepPlan(template: template, space: space, design: .random, values: values, runs: runCount)
        } catch {
            throw Terminal.badInput(error.description)
        }
        try Outputs.claimFolder(out ?? "out/\(template.base.name)-sensitivity", command: "homeostat sensitivity")
        let units = plan.units
        let progress = ProgressReporter.standardError(total: units.count, label: "runs", quiet: quiet)
        let records = SweepRunner.run(plan, units: units, threads: workers, check: false) { _, _ in progress.completed() }
        progress.finish()
        let table = SweepTable(plan: plan, units: units, records: records, statistic: chosenStatistic)
        guard table.rows.count == points.count else {
            throw Terminal.failure("\(points.count - table.rows.count) points had no completed run; cannot analyse")
        }
        let metadata = RunMetadata(scenario: template.base, version: Homeostat.version)
        let (report, page) = try Self.analyze(
            table, morris: morris, saltelli: saltelli, parameters: ranges.count, metadata: metadata,
            description: template.base.description)
        if !quiet { for note in page.notes { Terminal.note("note: " + note) } }
        let folder = out ?? "out/\(template.base.name)-sensitivity"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try report.csv().write(toFile: "\(folder)/sensitivity.csv", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        _ = try Outputs.writeReport(HTMLReport.render(page), folder: folder)
        if !noStore {
            let store = try Outputs.openStore(Outputs.storePath(in: folder))
            let text = try Outputs.scenarioText(file)
            let settings = "\nmethod=\(method.rawValue) count=\(count) runs=\(runCount) statistic=\(chosenStatistic?.description ?? "")"
            do throws(StoreError) {
                let experiment = try store.openOrCreateExperiment(
                    scenarioText: text, scenarioName: template.base.name, scenarioHash: StableHash.fnv1a64(text + settings),
                    version: Homeostat.version, command: Outputs.commandLine, kind: "sensitivity-\(method.rawValue)")
                for (p, point) in plan.values.enumerated() {
                    try store.recordPoint(
                        experiment: experiment, index: p,
                        parameters: zip(plan.space.parameters, point).map { NamedValue($0.path, $1.numeric(in: $0)) })
                }
                for (unit, record) in zip(units, records) {
                    try store.recordRun(Outputs.storedRun(
                        record, experiment: experiment, point: unit.point, seed: template.base.seed, series: false,
                        statistic: chosenStatistic))
                }
            } catch {
                throw Terminal.failure(error.description)
            }
        }
        if !quiet {
            Terminal.out("\(method.rawValue): \(points.count) points × \(runCount) runs of \(template.base.name)")
            Terminal.out(report.text())
            Terminal.out("wrote \(folder)/sensitivity.csv, report.html\(noStore ? "" : " and homeostat.sqlite")")
        }
    }

    /// The analysis of a sensitivity design's per-point means: the metrics whose every run is
    /// finite at every point (the others are named in the page's notes, never dropped
    /// silently), Morris or Sobol', and a warning when Sobol' N is small.
    static func analyze(
        _ table: SweepTable, morris: MorrisDesign?, saltelli: SaltelliDesign?, parameters: Int, metadata: RunMetadata,
        description: String
    ) throws -> (SensitivityTable, SensitivityReportInput) {
        let usable = table.metricNames.indices.filter { m in
            table.rows.allSatisfy { $0.means[m].isFinite && $0.notFinite[m] == 0 }
        }
        let outputs = table.rows.map { row in usable.map { row.means[$0] } }
        let names = usable.map { table.metricNames[$0] }
        var notes = droppedNotes(table, usable: usable)
        if let saltelli, let warning = sampleSizeWarning(baseSamples: saltelli.baseSamples, parameters: parameters) {
            notes.append(warning)
        }
        let report: SensitivityTable
        var page: SensitivityReportInput
        do {
            if let morris {
                let result = try morris.analyze(outputs: outputs)
                report = SensitivityTable(morris: result, metrics: names)
                page = SensitivityReportInput(metadata: metadata, description: description, morris: result, metrics: names)
            } else {
                let result = try saltelli!.analyze(outputs: outputs)
                report = SensitivityTable(sobol: result, metrics: names)
                page = SensitivityReportInput(metadata: metadata, description: description, sobol: result, metrics: names)
            }
        } catch {
            throw Terminal.failure(error.description)
        }
        page.notes = notes
        return (report, page)
    }

    /// One line per metric left out of the analysis because a run's value was ±∞ or NaN at
    /// some point: "attack_cost_usd: left out: not finite in 25 of 120 runs (at 12 of 40 points)".
    static func droppedNotes(_ table: SweepTable, usable: [Int]) -> [String] {
        table.metricNames.indices.filter { !usable.contains($0) }.map { m in
            let runs = table.rows.reduce(0) { $0 + $1.runs }
            let bad = table.rows.reduce(0) { $0 + $1.notFinite[m] }
            let points = table.rows.filter { $0.notFinite[m] > 0 || !$0.means[m].isFinite }.count
            return "\(table.metricNames[m]): left out of the analysis: not finite (±∞ or NaN) in \(bad) of \(runs) runs "
                + "(at \(points) of \(table.rows.count) points)"
        }
    }

    /// A warning when Sobol' N is too small for stable indices: with N < max(64, 10·k) base
    /// samples the estimates often leave [0, 1] and their bootstrap intervals are wide.
    static func sampleSizeWarning(baseSamples n: Int, parameters k: Int) -> String? {
        let needed = max(64, 10 * k)
        guard n < needed else { return nil }
        return "Sobol' N = \(n) base samples is too small for stable indices with \(k) parameters (use --samples \(needed) or more): "
            + "estimates can leave [0, 1] and their bootstrap intervals are wide"
    }
}
