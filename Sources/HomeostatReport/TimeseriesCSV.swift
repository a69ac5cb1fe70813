public import HomeostatCore

/// `timeseries.csv`: every recorded value of every run, one row per run per recorded step.
///
/// ```text
/// run,step,price,locked_share
/// 0,1,1.02,0.31
/// 0,2,0.987,0.3125
/// 1,1,1.1,
/// ```
///
/// - Header `run,step,<metric>…`, metrics in the runs' column order; then runs in order,
///   each run's rows in recording order.
/// - `run` is the run's index (0-based unless other indices are given), `step` the recorded
///   step.
/// - Numbers are shortest round-trip decimals in JavaScript's layout
///   (``NumberFormat/roundTrip(_:)``): no exponent for `1e-7 ≤ |x| < 1e21`, and every value
///   parses back to the same Double bit for bit. NaN is an empty field; infinities are `inf`
///   and `-inf` (read as infinities by pandas, R, Python's `float` and Swift's `Double`).
/// - Lines end in `\n`; a metric name containing a comma, quote or line break is quoted as
///   RFC 4180 says. No trailing separator, a final newline after the last row.
public enum TimeseriesCSV {
    /// Writes the CSV text of `runs` to `output`, one line at a time.
    ///
    /// - Parameters:
    ///   - runs: One recorder per run. All must record the same metric names; their steps
    ///     may differ (each run writes its own rows).
    ///   - runIndices: The `run` value of each recorder; `nil` numbers them `0..<runs.count`.
    ///   - output: Where the text goes.
    /// - Throws: ``ReportError`` `RPT001` when metric names differ between runs, before
    ///   anything is written.
    /// - Complexity: O(runs × steps × metrics); memory O(one line).
    public static func write(
        _ runs: [MetricRecorder], runIndices: [Int]? = nil, to output: inout some TextOutputStream
    ) throws(ReportError) {
        if let runIndices {
            precondition(runIndices.count == runs.count, "\(runIndices.count) run indices for \(runs.count) runs")
        }
        let names = runs.first?.names ?? []
        for (index, run) in runs.enumerated() where run.names != names {
            throw ReportError(.metricNamesDiffer(run: index, expected: names, found: run.names))
        }
        output.write(header(metricNames: names))
        var line = ""
        line.reserveCapacity(32 + 24 * names.count)
        for (position, run) in runs.enumerated() {
            let runField = String(runIndices?[position] ?? position)
            for row in 0..<run.rowCount {
                line.removeAll(keepingCapacity: true)
                line += runField
                line += ","
                line += String(run.steps[row])
                for column in run.columns.indices {
                    line += ","
                    let v = run.columns[column][row]
                    if !v.isNaN { line += NumberFormat.roundTrip(v) }
                }
                line += "\n"
                output.write(line)
            }
        }
    }

    /// Writes the CSV of `runs` to the file at `path`, streaming through a 64 KiB buffer and
    /// replacing any file there. The file appears under its name only once it is complete.
    ///
    /// - Parameters:
    ///   - runs: One recorder per run, all with the same metric names.
    ///   - runIndices: The `run` value of each recorder; `nil` numbers them `0..<runs.count`.
    ///   - path: The file to write.
    /// - Throws: ``ReportError`` `RPT001` when metric names differ, `RPT004` when the file
    ///   cannot be written.
    public static func write(_ runs: [MetricRecorder], runIndices: [Int]? = nil, toFile path: String) throws(ReportError) {
        var file = try OutputFile(path: path)
        do {
            try write(runs, runIndices: runIndices, to: &file)
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// The header line, `run,step,<metric>…` and a newline.
    public static func header(metricNames: [String]) -> String {
        (["run", "step"] + metricNames.map(field)).joined(separator: ",") + "\n"
    }

    /// `text` as one CSV field: as it is, or quoted with inner quotes doubled when it contains
    /// a comma, a quote or a line break (RFC 4180). Shared by every CSV the reports write
    /// (`timeseries.csv`, `sweep.csv`, `compare.csv`, `sensitivity.csv`); scalars are
    /// compared, so a CR LF pair (one Swift `Character`) is caught too.
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
