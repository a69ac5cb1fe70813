import HomeostatScenario

/// The summary table printed on the terminal after an ensemble: per metric, the statistic
/// that summarises each run (final value for stocks, total for flows, time-weighted mean for
/// rates, or the one asked for) and the mean and the 5th, 50th and 95th percentiles of it over runs.
///
/// ```text
/// per-run statistic over 4 runs (final: last day; total: sum over the run; mean: time-weighted)
/// metric         unit                 per run    mean       p5     p50     p95
/// -------------  -------------------  -------  ------  -------  ------  ------
/// price          USD/token            final     1.008   0.8658   1.008   1.149
/// treasury_cash  USD                  final     1.09M    1.01M   1.09M   1.18M
/// real_yield     USD per USD emitted  mean     0.1458  0.06875  0.1250  0.2375
/// ```
///
/// Name and unit are left-aligned, numbers right-aligned in ``NumberFormat/human(_:)`` form;
/// columns are separated by two spaces and no line has trailing spaces. A metric with an
/// unknown name has an empty unit. The mean is over the runs whose value is finite; the
/// last column counts the infinite ones ("∞ in 25/32 runs"), and a note under the table
/// says so, as another says how many NaN values were skipped.
public enum SummaryTable {
    /// The table's text, ending in a newline.
    ///
    /// - Parameter summary: The ensemble's summary.
    /// - Returns: The table; a pure function of `summary`.
    public static func render(_ summary: EnsembleSummary) -> String {
        let header = ["metric", "unit", "per run", "not finite", "mean", "p5", "p50", "p95"]
        let rightAligned = [false, false, false, false, true, true, true, true]
        var rows = [header]
        for metric in summary.metrics {
            let f = metric.overRuns
            let infinite = f.infiniteCount == 0 ? "" : (f.nonFiniteNote ?? "").split(separator: ";")[0] + " runs"
            rows.append(
                [metric.name, metric.unit ?? "", metric.statistic.description, infinite]
                    + [f.finiteMean, f.p5, f.p50, f.p95].map(NumberFormat.human))
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        rows.insert(widths.map { String(repeating: "-", count: $0) }, at: 1)

        let runs = summary.runCount == 1 ? "1 run" : "\(summary.runCount) runs"
        var out = "per-run statistic over \(runs) (final: last day; total: sum over the run; mean: time-weighted)\n"
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                line += rightAligned[column] ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        for metric in summary.metrics where metric.overRuns.infiniteCount > 0 {
            let f = metric.overRuns
            out += "note: \(metric.name): \(f.infiniteCount) of \(summary.runCount) \(metric.statistic.description) values are infinite; "
                + "the mean is over the other \(f.finiteCount)\n"
        }
        for metric in summary.metrics where metric.overRuns.nanCount > 0 {
            out += "note: \(metric.name): \(metric.overRuns.nanCount) of \(summary.runCount) "
                + "\(metric.statistic.description) values are NaN and were left out\n"
        }
        return out
    }
}
