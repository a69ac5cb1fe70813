import ArgumentParser
import Foundation
import HomeostatEngine
import HomeostatScenario

/// `homeostat validate FILE...`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them.",
        discussion: "Prints `FILE: ok` for each valid file; for an invalid one, `FILE:LINE:COLUMN: error: …` on stderr and exit status 64.")

    @Argument(help: "Scenario files (.yaml, .yml or .json).")
    var files: [String]

    func run() throws {
        var bad = false
        for file in files {
            do {
                let scenario = try ScenarioFiles.load(path: file)
                if let problem = Outputs.moduleProblem(scenario) {
                    Terminal.error(problem)
                    bad = true
                    continue
                }
                let agents = scenario.populations.reduce(0) { $0 + $1.count }
                Terminal.out(
                    "\(file): ok (\(Terminal.oneLine(scenario.name)): \(Terminal.count(agents, "agent")) in "
                        + "\(Terminal.count(scenario.populations.count, "population")), \(Terminal.count(scenario.horizonDays, "day")), "
                        + "\(Terminal.count(scenario.runs, "run")))")
            } catch {
                Terminal.error(error.description)
                bad = true
            }
        }
        if bad { throw ExitCode(64) }
    }
}

/// `homeostat list`: what the engine offers.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the metrics and the parameters scripted events may set, or a scenario's schedule.",
        discussion: "With --schedule FILE: the order of a day of that scenario, one line per step: phase, module, what it does.")

    @Option(name: .long, help: ArgumentHelp("Print the resolved schedule of this scenario instead.", valueName: "file"))
    var schedule: String?

    func run() throws {
        if let file = schedule {
            let scenario = try Outputs.loadScenario(file)
            let simulation: Simulation
            do {
                simulation = try Simulation(scenario: scenario, run: 1)
            } catch {
                throw Terminal.badInput("\(file):1:1: error: \(error.description)")
            }
            print(simulation.schedule.description)
            return
        }
        let width = max(24, MetricName.allCases.map(\.rawValue.count).max() ?? 0)
        print("metrics:")
        for metric in MetricName.allCases {
            print("  \(metric.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)) [\(metric.unit)] \(metric.meaning)")
        }
        print("per-gauge metrics (one per gauge of mechanisms.gauges, named KIND:GAUGE):")
        for kind in GaugeMetric.allCases {
            print("  \(kind.rawValue + ":GAUGE") [\(kind.unit)] \(kind.meaning)")
        }
        print("per-pool metrics (metrics.names: KIND:POOL, one per pool in `pools:`):")
        for metric in PoolMetricName.allCases {
            let name = metric.rawValue + ":POOL"
            print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) [\(metric.unit)] \(metric.meaning)")
        }
        print("per-LP-population metrics (KIND:POPULATION, one per passive_lp or range_lp population):")
        for metric in LPMetricName.allCases {
            let name = metric.rawValue + ":POPULATION"
            print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) [\(metric.unit)] \(metric.meaning)")
        }
        print("settable parameters (events: {day: D, set: {PATH: VALUE}}):")
        for declared in ModuleRegistry.standard.settableParameters { print("  \(declared.parameter.rawValue)") }
    }
}
