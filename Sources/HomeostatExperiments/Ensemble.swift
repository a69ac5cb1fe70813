import Dispatch
import HomeostatCore
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

/// The result of one run of an ensemble.
public struct RunRecord: Sendable {
    public let run: Int
    public let outcome: RunOutcome
    /// Wall time of the run (informational; never part of a result that must be reproducible).
    public let seconds: Double
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
        let slots = Mutex<[RunRecord?]>(Array(repeating: nil, count: indices.count))
        let next = Atomic<Int>(0)
        let workers = min(options.threads, indices.count)
        let work: @Sendable (Int) -> Void = { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= indices.count { return }
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome: RunOutcome
                do throws(SimulationError) {
                    var sim = try Simulation(scenario: scenario, run: indices[k])
                    prepare?(&sim)
                    outcome = sim.run(check: options.check)
                } catch {
                    outcome = .failed(error, partial: MetricRecorder(names: []))
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let record = RunRecord(run: indices[k], outcome: outcome, seconds: seconds)
                slots.withLock { $0[k] = record }
                onRunFinished?(record)
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return slots.withLock { $0.map { $0! } }
    }
}
