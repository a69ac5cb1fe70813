import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario

/// `homeostat sweep FILE`: every point of the scenario's parameter space × every run.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over its parameter space (the `sweep:` section).",
        discussion: """
            Every point × every Monte Carlo run is one unit of work, spread over threads; run r of \
            every point sees the same market path (common random numbers). Writes DIR/sweep.csv: one \
            row per point with the parameter values and, per metric, the mean and the 95% interval \
            half-width of its final value over runs.
            """)

    @Argument(help: "The scenario file, with a `sweep:` section.") var file: String
    @Option(help: "Design: grid, random or lhs (default: the file's).") var design: String?
    @Option(help: "Points for random and lhs designs (default: the file's).") var points: Int?
    @Option(help: "Monte Carlo runs per point (default: the scenario's).") var runs: Int?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/<scenario name>-sweep).") var out: String?
    @Flag(help: "Check the invariants after every step.") var check = false
    @Flag(help: "Print nothing but errors.") var quiet = false

    func run() throws {
        let template: SweepTemplate
        do {
            template = try SweepTemplate.load(path: file)
        } catch {
            throw Terminal.badInput(error.description)
        }
        guard let space = template.space else {
            throw Terminal.badInput("\(file):1:1: error: the scenario has no `sweep:` section; see docs/scenario.md")
        }
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
        let plan: SweepPlan
        do {
            plan = try SweepPlan(template: template, space: space, design: chosen, points: pointCount, runs: runCount)
        } catch {
            throw Terminal.badInput(error.description)
        }
        let folder = out ?? "out/\(template.base.name)-sweep"
        let units = plan.units
        let progress = ProgressReporter.standardError(total: units.count, label: "runs", quiet: quiet)
        let records = SweepRunner.run(plan, units: units, threads: workers, check: check) { _, _ in progress.completed() }
        progress.finish()
        var failed = false
        for (unit, record) in zip(units, records) {
            if case .failed(let e, _) = record.outcome {
                Terminal.error("point \(unit.point) run \(unit.run) failed on \(e)")
                failed = true
            }
        }
        let table = SweepTable(plan: plan, units: units, records: records)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try table.csv().write(toFile: "\(folder)/sweep.csv", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        if !quiet {
            print("\(plan.scenarios.count) points (\(chosen.rawValue)) × \(runCount) runs of \(template.base.name)")
            print("wrote \(folder)/sweep.csv")
        }
        if failed { throw ExitCode(1) }
    }
}
