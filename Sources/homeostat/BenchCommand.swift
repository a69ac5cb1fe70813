import ArgumentParser
import Foundation
import HomeostatEngine
import HomeostatExperiments
import HomeostatMechanisms
import HomeostatScenario

/// `homeostat bench bm1`: BM-1 at a named size through the ordinary scenario path;
/// `homeostat bench pools`: single-thread swap throughput of each AMM pool kind;
/// `homeostat bench scenario`: any scenario file, scaled to a number of agents, timed.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its outputs and throughput.",
        discussion: """
            bm1: runs examples/bm1.yaml (docs/bm1.md) at size S (1,000 agents × 365 days × 1 run), \
            M (10,000 × 730 × 4) or L (100,000 × 730 × 16), prints one JSON line per run with the peers' keys, \
            then wall_s=, peak_rss_mib= and, last, agent_steps_per_s=.
            pools: times exact-input swaps on one thread for each pool kind (constant_product, stableswap_2, \
            stableswap_3, concentrated_in_range, concentrated_crossing), about --seconds per kind in 7 batches, \
            and prints one JSON line per kind {"pool", "swaps_per_s", "ns_per_swap"} (the median batch), \
            then checksum= (the sum of all swap outputs, which keeps the work from being optimised away).
            scenario: runs --scenario FILE with its populations scaled in proportion to --agents (default: as \
            written), for --days (default: the file's horizon) and --runs (default: the file's), on --threads \
            (default: every core), and prints runs=, agents=, days=, wall_s=, peak_rss_mib= and agent_steps_per_s=.
            """)

    enum Size: String, ExpressibleByArgument, CaseIterable {
        case S, M, L
        var shape: (agents: Int, days: Int, runs: Int) {
            switch self {
            case .S: (1_000, 365, 1)
            case .M: (10_000, 730, 4)
            case .L: (100_000, 730, 16)
            }
        }
    }

    @Argument(help: "The benchmark: bm1, pools or scenario.")
    var name: String

    @Option(help: "BM-1 size: S, M or L.")
    var size: Size = .M

    @Option(help: "Worker threads (default: 1 for S and M, every core for L).")
    var threads: Int?

    @Option(help: "The scenario file (bm1: default examples/bm1.yaml; scenario: required).")
    var scenario: String?

    @Option(help: "scenario: total agents, split over the populations in proportion to their counts.")
    var agents: Int?

    @Option(help: "scenario: simulated days (default: the file's horizon_days).")
    var days: Int?

    @Option(help: "Seed of the scenario (default: the file's).")
    var seed: UInt64?

    @Option(help: "Override the number of runs of the size.")
    var runs: Int?

    @Flag(help: "Check the invariants after every step (slower).")
    var check = false

    @Option(help: "pools: measured seconds per pool kind (7 batches).")
    var seconds: Double = 1

    func run() throws {
        switch name {
        case "bm1": try runBM1()
        case "pools": try runPools()
        case "scenario": try runScenario()
        default: throw Terminal.badInput("homeostat bench: unknown benchmark '\(name)'; expected bm1, pools or scenario")
        }
    }

    func runPools() throws {
        guard seconds > 0 && seconds.isFinite && seconds <= 3600 else {
            throw Terminal.badInput("homeostat bench: --seconds must be in (0, 3600], got \(seconds)")
        }
        let options = PoolBenchmark.Options(seconds: seconds)
        var checksum = 0.0
        for kind in PoolBenchmark.Kind.allCases {
            let result: PoolBenchmark.Result
            do {
                result = try PoolBenchmark.run(kind, options: options, clock: Terminal.now)
            } catch {
                throw Terminal.failure("\(kind.rawValue): \(error.description)")
            }
            print(result.jsonLine)
            if result.ticksCrossedPerSwap > 0 {
                Terminal.note("\(kind.rawValue): \(String(format: "%.2f", result.ticksCrossedPerSwap)) initialized ticks crossed per swap")
            }
            checksum += result.checksum
        }
        print("checksum=\(checksum)")
    }

    func runBM1() throws {
        let scenario = self.scenario ?? "examples/bm1.yaml"
        var model = try Outputs.loadScenario(scenario)
        guard model.populations.count == 1 else {
            throw Terminal.badInput("\(scenario): error: BM-1 needs exactly one population, found \(model.populations.count)")
        }
        let shape = size.shape
        model.populations[0].count = shape.agents
        model.horizonDays = shape.days
        if let seed { model.seed = seed }
        let runCount = runs ?? shape.runs
        let workers = threads ?? (size == .L ? ProcessInfo.processInfo.activeProcessorCount : 1)
        let (records, wall) = try timedEnsemble(model, runs: runCount, threads: workers)
        var failed = false
        for record in records {
            guard case .completed(let recorder) = record.outcome else { failed = true; continue }
            guard let report = BM1Report(run: record.run, recorder: recorder) else {
                throw Terminal.badInput("\(scenario): error: metrics must include \(BM1Report.requiredMetrics.joined(separator: ", "))")
            }
            print(report.jsonLine)
        }
        printThroughput(agentSteps: Double(shape.agents) * Double(shape.days) * Double(runCount), wall: wall)
        if failed { throw ExitCode(1) }
    }

    func runScenario() throws {
        guard let scenario else { throw Terminal.badInput("homeostat bench scenario: --scenario FILE is required") }
        var model = try Outputs.loadScenario(scenario)
        let fileAgents = model.populations.reduce(0) { $0 + $1.count }
        if let agents {
            guard agents >= model.populations.count else {
                throw Terminal.badInput(
                    "homeostat bench: --agents must be at least the number of populations (\(model.populations.count)), got \(agents)")
            }
            let counts = Self.scaledCounts(model.populations.map(\.count), total: agents)
            for k in model.populations.indices { model.populations[k].count = counts[k] }
        }
        if let days {
            guard days >= 1 else { throw Terminal.badInput("homeostat bench: --days must be at least 1, got \(days)") }
            model.horizonDays = days
        }
        if let seed { model.seed = seed }
        let runCount = runs ?? model.runs
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let hint = agents.map {
            "\(scenario): with --agents \($0) (the file has \(fileAgents)) the populations' initial balances scale with "
                + "their counts; "
        }
        let (records, wall) = try timedEnsemble(model, runs: runCount, threads: workers, hint: hint.map { prefix in
            { message in
                message.contains("exceed token.supply")
                    ? prefix + message + "; lower --agents or raise token.supply in \(scenario)" : message
            }
        })
        let agentCount = model.populations.reduce(0) { $0 + $1.count }
        print("runs=\(runCount) threads=\(workers) agents=\(agentCount) days=\(model.horizonDays)")
        printThroughput(agentSteps: Double(agentCount) * Double(model.horizonDays) * Double(runCount), wall: wall)
        if records.contains(where: { if case .failed = $0.outcome { true } else { false } }) { throw ExitCode(1) }
    }

    /// Runs the ensemble and times it; reports each failed run on stderr.
    func timedEnsemble(
        _ model: Scenario, runs runCount: Int, threads workers: Int, hint: ((String) -> String)? = nil
    ) throws -> (records: [RunRecord], wall: Double) {
        guard workers >= 1, runCount >= 1 else { throw Terminal.badInput("homeostat bench: --threads and --runs must be at least 1") }
        // --agents and --days bypass the scenario decoder, so its bounds are applied here.
        let agentCount = model.populations.reduce(0) { $0 + $1.count }
        guard agentCount <= ScenarioLimits.maxAgents else {
            throw Terminal.badInput("homeostat bench: \(agentCount) agents is too many; expected at most \(ScenarioLimits.maxAgents)")
        }
        guard model.horizonDays <= 36_500 else {
            throw Terminal.badInput("homeostat bench: --days must be at most 36500, got \(model.horizonDays)")
        }
        if let problem = ScenarioLimits.runsProblem(runCount, model) { throw Terminal.badInput("homeostat bench: --runs: \(problem)") }
        let start = Terminal.now()
        let records: [RunRecord]
        do {
            records = try Ensemble.run(model, options: EnsembleOptions(runs: runCount, threads: workers, check: check))
        } catch {
            throw Terminal.failure(hint?(error.description) ?? error.description)
        }
        let wall = Terminal.now() - start
        for record in records {
            if case .failed(let error, _) = record.outcome { Terminal.error("run \(record.run) failed: \(error)") }
        }
        return (records, wall)
    }

    /// The benchmark's last lines: wall time, peak memory and throughput.
    func printThroughput(agentSteps: Double, wall: Double) {
        print("wall_s=\(String(format: "%.4f", wall))")
        print("peak_rss_mib=\(String(format: "%.1f", Terminal.peakResidentMiB()))")
        print("agent_steps_per_s=\(String(format: "%.6g", agentSteps / wall))")
    }

    /// Population sizes proportional to `counts` that sum to `total`, each at least 1
    /// (largest remainders get the leftover agents, ties to the earlier population).
    static func scaledCounts(_ counts: [Int], total: Int) -> [Int] {
        let sum = max(1, counts.reduce(0, +))
        let exact = counts.map { Double($0) * Double(total) / Double(sum) }
        var result = exact.map { max(1, Int($0.rounded(.down))) }
        var left = total - result.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
        var k = 0
        while left > 0 {
            result[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
        while left < 0, let largest = result.indices.max(by: { result[$0] < result[$1] }), result[largest] > 1 {
            result[largest] -= 1
            left += 1
        }
        return result
    }
}
