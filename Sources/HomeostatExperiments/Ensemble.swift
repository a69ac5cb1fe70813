import Dispatch
import HomeostatCore
public import HomeostatEngine
public import HomeostatScenario
import Synchronization

/// Options of a Monte Carlo ensemble.
public struct EnsembleOptions: Sendable {
    /// Run indices to execute (BM-1 numbers runs 1...runs).
    public var runIndices: [Int]
    /// Worker threads; runs are spread over them, never one run over several.
    public var threads: Int
    /// Check the invariants after every step.
    public var check: Bool

    public init(runIndices: [Int], threads: Int, check: Bool) {
        self.runIndices = runIndices
        self.threads = max(1, threads)
        self.check = check
    }

    /// Runs `1...runs`.
    public init(runs: Int, threads: Int, check: Bool) {
        self.init(runIndices: Array(1...max(1, runs)), threads: threads, check: check)
    }
}

/// The result of one run.
public struct RunRecord: Sendable {
    public let run: Int
    public let outcome: RunOutcome
    /// Wall time of the run (informational; never part of a result that must be reproducible).
    public let seconds: Double
}

/// Spreads independent items of work over threads.
public enum Executor {
    /// Calls `body(i)` for every `i` in `0..<count` on up to `threads` threads (work is
    /// handed out one item at a time) and returns the results in index order, so the result
    /// does not depend on the number of threads or on which thread finished first.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        @Sendable func drain() {
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= count { return }
                let value = body(k)
                slots.withLock { $0[k] = value }
            }
        }
        let workers = min(max(1, threads), count)
        if workers <= 1 {
            drain()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in drain() }
        }
        return slots.withLock { $0.map { $0! } }
    }

    /// Runs one simulation and times it.
    static func runOne(
        _ scenario: Scenario, run: Int, check: Bool, prepare: (@Sendable (inout Simulation) -> Void)?
    ) -> RunRecord {
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome: RunOutcome
        do throws(SimulationError) {
            var sim = try Simulation(scenario: scenario, run: run)
            prepare?(&sim)
            let ran = sim.run(check: check)
            // Without --check nothing looked at the books during the run; one look at the end
            // (linear in the agents, cheap next to the run) catches a run whose balances left
            // the finite range or stopped adding up, which would otherwise pass as a result.
            if case .completed(let recorder) = ran, !check, let violation = sim.firstViolation() {
                outcome = .failed(
                    SimulationError(day: scenario.horizonDays, message: "at the end of the run: \(violation.message)"),
                    partial: recorder)
            } else {
                outcome = ran
            }
        } catch {
            outcome = .failed(error, partial: MetricRecorder(names: []))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return RunRecord(run: run, outcome: outcome, seconds: seconds)
    }
}

/// Runs Monte Carlo ensembles of a scenario on several threads.
public enum Ensemble {
    /// Runs every run of `options` and returns the records in run order, so the result does
    /// not depend on the number of threads or on which thread finished first.
    ///
    /// - Parameters:
    ///   - prepare: called on each built simulation before it runs, for library users who add
    ///     their own populations or behaviours.
    ///   - onRunFinished: called (from a worker thread) after each run, for progress reporting.
    /// - Throws: ``SimulationError`` if a run cannot be built (bad initial holdings).
    public static func run(
        _ scenario: Scenario,
        options: EnsembleOptions,
        prepare: (@Sendable (inout Simulation) -> Void)? = nil,
        onRunFinished: (@Sendable (RunRecord) -> Void)? = nil
    ) throws(SimulationError) -> [RunRecord] {
        // Build one run up front so construction errors surface once, before any thread starts.
        _ = try Simulation(scenario: scenario, run: options.runIndices.first ?? 1)
        let indices = options.runIndices
        return Executor.map(count: indices.count, threads: options.threads) { k in
            let record = Executor.runOne(scenario, run: indices[k], check: options.check, prepare: prepare)
            onRunFinished?(record)
            return record
        }
    }
}
