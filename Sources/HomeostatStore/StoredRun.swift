public import HomeostatCore

/// How a run ended.
public enum RunStatus: String, Sendable, CaseIterable {
    /// The run went through its whole horizon.
    case completed
    /// The run stopped with an error; its final values and series are whatever it had recorded.
    case failed
}

/// One run as written to and read from the store: its key, seed, outcome, timing, final
/// values and, optionally, its per-step series.
///
/// The store is a leaf above Core, so this is a plain value the caller fills from whatever
/// produced the run (for Homeostat, an Experiments-level `RunRecord`).
public struct StoredRun: Sendable {
    /// The experiment the run belongs to.
    public var experiment: ExperimentID
    /// Index of the parameter point (recorded first with ``ResultStore/recordPoint(experiment:index:parameters:)``).
    public var point: Int
    /// Run index within the point.
    public var run: Int
    /// The seed the run was drawn from. Stored in a signed 64-bit SQL integer by bit pattern,
    /// so seeds of 2⁶³ and above read as negative numbers in SQL (in pandas,
    /// `.astype('uint64')` gives them back); the store's API and exports give the UInt64.
    public var seed: UInt64
    /// Completed or failed.
    public var status: RunStatus
    /// The error's text for a failed run; `nil` for a completed one.
    public var error: String?
    /// Wall time of the run, in seconds (informational; never part of a reproducible result).
    public var seconds: Double
    /// Per-run scalars: final values of metrics and per-run summaries (a mean over time,
    /// a maximum …), under names the caller chooses. Names are unique within a run; order is
    /// kept.
    public var finals: [NamedValue]
    /// The run's per-step series, or `nil` to store none (the default for large sweeps).
    /// Stored compressed and lossless; see `docs/store.md` for the encoding.
    public var series: MetricRecorder?

    /// A run record.
    public init(
        experiment: ExperimentID, point: Int, run: Int, seed: UInt64, status: RunStatus,
        error: String? = nil, seconds: Double, finals: [NamedValue], series: MetricRecorder? = nil
    ) {
        self.experiment = experiment
        self.point = point
        self.run = run
        self.seed = seed
        self.status = status
        self.error = error
        self.seconds = seconds
        self.finals = finals
        self.series = series
    }

    /// `(point, run)`.
    public var key: RunKey { RunKey(point: point, run: run) }
}

/// A parameter point of an experiment: its index and its parameter values, in the order given.
public struct StoredPoint: Sendable, Equatable {
    /// Point index, from 0.
    public var index: Int
    /// Parameter values (empty for a plain Monte Carlo ensemble).
    public var parameters: [NamedValue]

    /// A point.
    public init(index: Int, parameters: [NamedValue]) {
        self.index = index
        self.parameters = parameters
    }
}
