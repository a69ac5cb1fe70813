/// What the HTML report of a paired comparison of two designs (`homeostat compare`) shows.
///
/// Run `i` of A and run `i` of B share their random numbers, so each metric's difference
/// is taken run by run; ``PairedDifferenceRow`` holds its mean, interval and how often B
/// came out ahead.
public struct CompareReportInput: Sendable {
    /// Seed, version and horizon of the comparison; its `scenario` names the experiment
    /// (for example the scenario both designs derive from).
    public var metadata: RunMetadata
    /// The first design's name (the baseline).
    public var nameA: String
    /// The second design's name.
    public var nameB: String
    /// Number of paired runs.
    public var runCount: Int
    /// One row per metric.
    public var rows: [PairedDifferenceRow]
    /// The intervals' confidence level; 0.95 by default.
    public var confidenceLevel: Double
    /// Lines shown under the key figures: pairs left out because a value was not finite,
    /// metrics without a finite difference.
    public var notes: [String] = []
    /// Each metric over time: A's and B's medians and the paired difference's bands
    /// (``CompareOverTime/make(a:b:)``); empty: no charts over time.
    public var overTime: [CompareOverTime] = []

    /// Creates an input.
    public init(
        metadata: RunMetadata, nameA: String, nameB: String, runCount: Int, rows: [PairedDifferenceRow],
        confidenceLevel: Double = 0.95
    ) {
        self.metadata = metadata
        self.nameA = nameA
        self.nameB = nameB
        self.runCount = runCount
        self.rows = rows
        self.confidenceLevel = confidenceLevel
    }
}
