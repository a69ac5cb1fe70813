import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore
import Synchronization

/// `homeostat optimize FILE`: the design in the `sweep:` space that is best by the
/// `optimize:` section, by CMA-ES on common random numbers.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Search the scenario's `sweep:` space for the design its `optimize:` section asks for (CMA-ES).",
        discussion: """
            A Latin-hypercube warm start, then IPOP-CMA-ES (restarts with twice the population) in \
            the unit cube of the parameters. Every candidate runs on the same run indices 1...R \
            (common random numbers); constraints rank feasible candidates first; two objectives give \
            a Pareto front (NSGA-II ranking). The best point is then re-evaluated on R fresh runs \
            (R+1...2R) to show how optimistic its in-sample figures are. Writes DIR/optimize.json, \
            DIR/best.yaml (the file at the best point, for `run` and `compare`) and DIR/report.html; \
            see docs/optimize.md.

            Every run is committed to the results store (DIR/homeostat.sqlite) as it finishes. \
            --resume replays the stored evaluations (the search's random stream comes from the \
            scenario's seed) and runs only what is missing, so an interrupted optimisation ends \
            with the best point and store of an uninterrupted one.
            """)

    @Argument(help: "The scenario file, with `sweep:` and `optimize:` sections.") var file: String?
    @Option(help: "Candidate designs to evaluate (default: the file's optimize.budget).") var budget: Int?
    @Option(help: "Monte Carlo runs per candidate (default: the scenario's).") var runs: Int?
    @Option(help: "Fresh runs re-evaluating the best point (default: as many as --runs; 0: none).") var freshRuns: Int?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/<scenario name>-optimize).") var out: String?
    @Flag(help: "Check the invariants after every step.") var check = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Continue an interrupted optimisation from the store.") var resume = false
    @Option(help: "The results store (default: DIR/homeostat.sqlite).") var store: String?
    @Flag(help: .hidden) var testFunctions = false
    @Option(help: .hidden) var seeds = 10

    func run() throws {
        if testFunctions {
            print(Self.testFunctionResults(seeds: seeds))
            return
        }
        guard let file else { throw Terminal.badInput("homeostat optimize: give the scenario file") }
        let (template, space) = try Outputs.sweepTemplate(file, use: "to optimise over")
        guard let spec = template.optimize else {
            throw Terminal.badInput("\(file):1:1: error: OPT005 the scenario has no `optimize:` section; see docs/optimize.md")
        }
        let runCount = runs ?? template.base.runs
        guard runCount >= 1 else { throw Terminal.badInput("homeostat optimize: --runs must be at least 1") }
        let fresh = freshRuns ?? runCount
        guard fresh >= 0 else { throw Terminal.badInput("homeostat optimize: --fresh-runs must be at least 0") }
        let candidateBudget = budget ?? spec.budget
        guard candidateBudget >= 2 else { throw Terminal.badInput("homeostat optimize: --budget must be at least 2") }
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1 else { throw Terminal.badInput("homeostat optimize: --threads must be at least 1") }
        let folder = out ?? "out/\(template.base.name)-optimize"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Terminal.failure("cannot create \(folder): \(error.localizedDescription)")
        }
        let settings = OptimizerSettings(budget: candidateBudget, runs: runCount, freshRuns: fresh, seed: template.base.seed)

        // The store: the experiment's identity is the file and every setting that changes the search.
        let resultStore = try Outputs.openStore(store ?? Outputs.storePath(in: folder))
        let text = try Outputs.scenarioText(file)
        let experiment: ExperimentID
        var stored: [RunKey: [Double]] = [:]
        var storedPoints: [Int: [NamedValue]] = [:]
        let measureNames = spec.measures.indices.map(ResultStore.optimizeMeasureName)
        do {
            experiment = try resultStore.openOrCreateExperiment(
                scenarioText: text, scenarioName: template.base.name,
                scenarioHash: StableHash.fnv1a64(text + "\nbudget=\(candidateBudget) runs=\(runCount) fresh=\(fresh)"),
                version: Homeostat.version, command: Outputs.commandLine, kind: ResultStore.optimizeKind)
            stored = try resultStore.namedValues(experiment: experiment, names: measureNames)
            for p in try resultStore.points(experiment: experiment) { storedPoints[p.index] = p.parameters }
        } catch {
            throw Terminal.failure(error.description)
        }
        if !stored.isEmpty && !resume {
            throw Terminal.badInput(
                "homeostat optimize: \(resultStore.path) already holds \(stored.count) runs of this optimisation; add --resume to continue it, or choose another --out or --store")
        }
        if resume && !quiet { Terminal.note("resuming: \(stored.count) runs already in \(resultStore.path)") }

        let evaluator = CandidateEvaluator(
            template: template, space: space, spec: spec, store: resultStore, experiment: experiment, stored: stored,
            storedPoints: storedPoints, threads: workers, check: check)
        let log = quiet ? nil : { (g: GenerationRecord) in
            let best = g.bestObjective.isNaN ? "none feasible" : NumberFormat.human(g.bestObjective)
            let what = g.generation == 0 ? "warm start (LHS)" : "generation \(g.generation) (run \(g.restart + 1), λ \(g.populationSize))"
            Terminal.note("\(what): \(g.evaluations) evaluated, best \(best), median \(NumberFormat.human(g.medianObjective))"
                + (g.stepSize.isNaN ? "" : ", σ \(NumberFormat.human(g.stepSize))"))
        }
        let result: OptimizationResult
        do {
            result = try Optimizer.run(space: space, spec: spec, settings: settings, evaluate: evaluator.evaluate, onGeneration: log)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw Terminal.failure("\(error)")
        }

        let metadata = RunMetadata(scenario: template.base, version: Homeostat.version)
        let input = OptimizeReportInput(metadata: metadata, description: template.base.description, result: result)
        do {
            try OptimizeJSON.render(input).write(toFile: "\(folder)/optimize.json", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        // The best design as a plain scenario file, for `run` and `compare`.
        do {
            let best = result.evaluations[result.best].values
            try template.text(at: best).write(toFile: "\(folder)/best.yaml", atomically: true, encoding: .utf8)
        } catch let error as ScenarioError {
            throw Terminal.failure(error.description)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        let reportPath = try Outputs.writeReport(HTMLReport.render(input), folder: folder)
        if !quiet {
            for line in OptimizeSummary.lines(input) { print(line) }
            print("wrote \(folder)/optimize.json, best.yaml, \(reportPath) and \(resultStore.path)")
        }
    }

    /// The Swift side of `bench/cma_vs_pycma.py`: per test function and seed, the
    /// evaluations to reach 1e-8, as JSON lines in an array.
    static func testFunctionResults(seeds: Int) -> String {
        var rows: [String] = []
        for f in TestFunction.allCases {
            let start = f.benchmarkStart
            for seed in 0..<max(1, seeds) {
                let r = RestartingCMAES.minimize({ f($0) }, mean: start.mean, stepSize: start.stepSize, seed: UInt64(seed))
                rows.append(
                    "{\"function\": \"\(f.rawValue)\", \"seed\": \(seed), \"evaluations\": \(r.evaluations), "
                        + "\"restarts\": \(r.restarts), \"reached\": \(r.reachedTarget), \"value\": \(NumberFormat.roundTrip(r.value))}")
            }
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]"
    }
}

/// Runs an optimisation's candidates, taking what the store already holds and committing
/// every new run as soon as it finishes.
final class CandidateEvaluator: Sendable {
    let template: SweepTemplate
    let space: ParameterSpace
    let spec: OptimizeSpec
    let store: ResultStore
    let experiment: ExperimentID
    let stored: [RunKey: [Double]]
    let storedPoints: [Int: [NamedValue]]
    let threads: Int
    let check: Bool

    init(
        template: SweepTemplate, space: ParameterSpace, spec: OptimizeSpec, store: ResultStore, experiment: ExperimentID,
        stored: [RunKey: [Double]], storedPoints: [Int: [NamedValue]], threads: Int, check: Bool
    ) {
        self.template = template
        self.space = space
        self.spec = spec
        self.store = store
        self.experiment = experiment
        self.stored = stored
        self.storedPoints = storedPoints
        self.threads = threads
        self.check = check
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func evaluate(_ requests: [CandidateRequest]) throws -> [[[Double]]] {
        let measureCount = spec.measures.count
        var results = requests.map { r in Array(repeating: Array(repeating: Double.nan, count: r.runs.count), count: measureCount) }
        // Points first (so their runs can be stored), checked against what a resumed store holds.
        var plannable: [(request: Int, values: [SweepValue])] = []
        for (k, request) in requests.enumerated() {
            let parameters = zip(space.parameters, request.values).map { NamedValue($0.path, $1.numeric(in: $0)) }
            if let existing = storedPoints[request.index], existing != parameters {
                throw Failure(description: "the store's candidate \(request.index) is \(existing), but the search now proposes \(parameters); the store belongs to another optimisation")
            }
            do {
                try store.recordPoint(experiment: experiment, index: request.index, parameters: parameters)
            } catch {
                throw Failure(description: error.description)
            }
            var missing = false
            for (r, run) in request.runs.enumerated() {
                if let values = stored[RunKey(point: request.index, run: run)] {
                    for m in 0..<measureCount { results[k][m][r] = values[m] }
                } else {
                    missing = true
                }
            }
            if missing { plannable.append((k, request.values)) }
        }
        guard !plannable.isEmpty else { return results }

        // A design the file's own checks reject counts as failed (NaN measures), not as an error:
        // the search should learn to avoid it.
        var valid: [(request: Int, values: [SweepValue])] = []
        for candidate in plannable {
            do {
                _ = try template.scenario(candidate.values, of: space.parameters)
                valid.append(candidate)
            } catch {
                Terminal.error("candidate \(requests[candidate.request].index) is not a valid scenario: \(error.description)")
            }
        }
        guard !valid.isEmpty else { return results }
        let plan: SweepPlan
        do {
            plan = try SweepPlan(template: template, space: space, design: .lhs, values: valid.map(\.values), runs: 1)
        } catch {
            throw Failure(description: error.description)
        }
        var units: [SweepUnit] = []
        for (p, candidate) in valid.enumerated() {
            let request = requests[candidate.request]
            for run in request.runs where stored[RunKey(point: request.index, run: run)] == nil {
                units.append(SweepUnit(point: p, run: run))
            }
        }
        let storeFailure = Mutex<String?>(nil)
        let measures = spec.measures
        let pointIndex = valid.map { requests[$0.request].index }
        let (store, experiment) = (self.store, self.experiment)
        let records = SweepRunner.run(plan, units: units, threads: threads, check: check) { unit, record in
            var run = Outputs.storedRun(record, experiment: experiment, point: pointIndex[unit.point], seed: plan.scenarios[unit.point].seed, series: false)
            run.finals += Self.measureValues(record, measures).enumerated().map {
                NamedValue(ResultStore.optimizeMeasureName($0.offset), $0.element)
            }
            do {
                try store.recordRun(run)
            } catch {
                storeFailure.withLock { if $0 == nil { $0 = "\(error)" } }
            }
        }
        if let message = storeFailure.withLock({ $0 }) { throw Failure(description: message) }
        for (unit, record) in zip(units, records) {
            let k = valid[unit.point].request
            guard let r = requests[k].runs.firstIndex(of: unit.run) else { continue }
            if case .failed(let e, _) = record.outcome {
                Terminal.error("candidate \(requests[k].index) run \(unit.run) failed on \(e)")
            }
            for (m, value) in Self.measureValues(record, measures).enumerated() { results[k][m][r] = value }
        }
        return results
    }

    /// The per-run measures of a record; NaN for a failed run.
    static func measureValues(_ record: RunRecord, _ measures: [RunMeasure]) -> [Double] {
        guard case .completed(let recorder) = record.outcome else { return measures.map { _ in .nan } }
        return measures.map { $0.value(in: recorder) }
    }
}
