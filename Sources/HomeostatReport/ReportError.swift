/// An error of the report layer: runs that cannot be summarised together, or an output file
/// that cannot be written.
///
/// ``code`` is stable (`RPT001` …) and ``description`` names what was expected.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// Stable error code: `RPT001` metric names differ between runs, `RPT002` recorded steps
    /// differ between runs, `RPT003` a metric name is recorded twice, `RPT004` an output
    /// file cannot be written.
    public let code: String
    let kind: Kind

    enum Kind: Sendable {
        case metricNamesDiffer(run: Int, expected: [String], found: [String])
        case stepsDiffer(run: Int, expectedRows: Int, foundRows: Int, firstDifferentRow: Int?)
        case duplicateMetric(name: String)
        case cannotWrite(path: String, reason: String)
    }

    init(_ kind: Kind) {
        self.kind = kind
        switch kind {
        case .metricNamesDiffer: code = "RPT001"
        case .stepsDiffer: code = "RPT002"
        case .duplicateMetric: code = "RPT003"
        case .cannotWrite: code = "RPT004"
        }
    }

    /// `error RPTnnn: <what went wrong and what would be accepted>`.
    public var description: String {
        let message: String
        switch kind {
        case let .metricNamesDiffer(run, expected, found):
            message = "run \(run) records metrics [\(found.joined(separator: ", "))] "
                + "but run 0 records [\(expected.joined(separator: ", "))]; "
                + "every run of an ensemble must record the same metrics in the same order"
        case let .stepsDiffer(run, expectedRows, foundRows, firstDifferentRow):
            if let row = firstDifferentRow {
                message = "run \(run) records a different step than run 0 at row \(row); "
                    + "every run of an ensemble must record the same steps"
            } else {
                message = "run \(run) records \(foundRows) steps but run 0 records \(expectedRows); "
                    + "every run of an ensemble must record the same steps"
            }
        case let .duplicateMetric(name):
            message = "metric \"\(name)\" is recorded twice; metric names must be unique"
        case let .cannotWrite(path, reason):
            message = "cannot write \(path): \(reason)"
        }
        return "error \(code): \(message)"
    }
}
