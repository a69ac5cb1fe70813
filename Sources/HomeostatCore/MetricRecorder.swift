/// Per-step aggregate series of one run, stored column-wise.
///
/// Metric `m` at recorded row `r` is `columns[m][r]`. Rows are appended once per recorded
/// step; `steps[r]` is the step (day) that row belongs to. Per-agent history is not kept
/// here: a recorder holds aggregates only, so memory grows with metrics × steps.
public struct MetricRecorder: Sendable {
    /// Metric names, in column order.
    public let names: [String]
    /// One column per metric.
    public private(set) var columns: [[Double]]
    /// The step of each recorded row.
    public private(set) var steps: [Int32] = []

    /// Creates an empty recorder for `names`, reserving room for `capacity` rows.
    public init(names: [String], capacity: Int = 0) {
        self.names = names
        self.columns = Array(repeating: [], count: names.count)
        if capacity > 0 {
            for i in columns.indices { columns[i].reserveCapacity(capacity) }
            steps.reserveCapacity(capacity)
        }
    }

    /// Number of recorded rows.
    public var rowCount: Int { steps.count }

    /// The column index of `name`, if recorded.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The series of `name`, if recorded.
    public func series(_ name: String) -> [Double]? { index(of: name).map { columns[$0] } }

    /// Appends one row. `values` must list one value per metric, in column order.
    public mutating func record(step: Int, _ values: [Double]) {
        precondition(values.count == names.count, "row of \(values.count) values for \(names.count) metrics")
        steps.append(Int32(step))
        for i in values.indices { columns[i].append(values[i]) }
    }
}
