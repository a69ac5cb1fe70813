public import HomeostatCore
public import HomeostatScenario

/// The summary of a Monte Carlo ensemble: for every metric, the distribution of its final
/// value over runs and, at every recorded step, quantile bands over runs (for fan charts).
///
/// All runs must record the same metrics, in the same order, at the same steps; a run that
/// failed part way belongs in a separate summary (or is left out) rather than being mixed in.
public struct EnsembleSummary: Sendable {
    /// Number of runs summarised.
    public let runCount: Int
    /// The recorded steps shared by all runs, in recording order.
    public let steps: [Int32]
    /// One entry per metric, in the runs' column order.
    public let metrics: [MetricSummary]

    /// Summarises an ensemble.
    ///
    /// The final value of a run is its last recorded row; a run with no rows contributes a
    /// NaN (counted in ``Summary/nanCount``). NaNs are skipped everywhere, and counted.
    ///
    /// - Parameters:
    ///   - runs: One recorder per run, in run order. An empty array gives an ensemble with
    ///     no metrics.
    ///   - statistic: The per-run statistic of every metric; nil: each metric's own
    ///     (``HomeostatScenario/MetricSemantics/defaultStatistic``).
    /// - Throws: ``ReportError`` `RPT001` when metric names differ between runs, `RPT002`
    ///   when recorded steps differ, `RPT003` when a metric name is recorded twice.
    /// - Complexity: O(metrics × steps × runs log runs).
    public init(runs: [MetricRecorder], statistic: SeriesStatistic? = nil) throws(ReportError) {
        guard let first = runs.first else {
            self.init(runCount: 0, steps: [], metrics: [])
            return
        }
        try Self.validate(runs)
        let rowCount = first.rowCount
        var metrics: [MetricSummary] = []
        metrics.reserveCapacity(first.names.count)
        var scratch: [Double] = []
        scratch.reserveCapacity(runs.count)
        for (column, name) in first.names.enumerated() {
            let finals = Summary(runs.map { $0.columns[column].last ?? .nan })
            var p5 = [Double](), p25 = [Double](), p50 = [Double](), p75 = [Double](), p95 = [Double]()
            var nanCounts = [Int]()
            p5.reserveCapacity(rowCount)
            p25.reserveCapacity(rowCount)
            p50.reserveCapacity(rowCount)
            p75.reserveCapacity(rowCount)
            p95.reserveCapacity(rowCount)
            nanCounts.reserveCapacity(rowCount)
            for row in 0..<rowCount {
                scratch.removeAll(keepingCapacity: true)
                var nans = 0
                for run in runs {
                    let v = run.columns[column][row]
                    if v.isNaN { nans += 1 } else { scratch.append(v) }
                }
                scratch.sort()
                p5.append(Statistics.quantile(sorted: scratch, 0.05))
                p25.append(Statistics.quantile(sorted: scratch, 0.25))
                p50.append(Statistics.quantile(sorted: scratch, 0.5))
                p75.append(Statistics.quantile(sorted: scratch, 0.75))
                p95.append(Statistics.quantile(sorted: scratch, 0.95))
                nanCounts.append(nans)
            }
            let bands = QuantileBands(p5: p5, p25: p25, p50: p50, p75: p75, p95: p95, nanCounts: nanCounts)
            let chosen = MetricInfo.statistic(name, chosen: statistic)
            let values = runs.map { chosen.value(of: $0.columns[column], steps: $0.steps) }
            let overRuns = chosen == .final ? finals : Summary(values)
            let interval = MeanInterval.of(values, domain: MetricInfo.semantics(name).domain)
            metrics.append(
                MetricSummary(
                    name: name, final: finals, bands: bands, statistic: chosen, overRuns: overRuns, meanInterval: interval))
        }
        self.init(runCount: runs.count, steps: first.steps, metrics: metrics)
    }

    init(runCount: Int, steps: [Int32], metrics: [MetricSummary]) {
        self.runCount = runCount
        self.steps = steps
        self.metrics = metrics
    }

    /// The summary of the metric called `name`, if the runs recorded it.
    public func metric(_ name: String) -> MetricSummary? {
        metrics.first { $0.name == name }
    }

    static func validate(_ runs: [MetricRecorder]) throws(ReportError) {
        let first = runs[0]
        var seen = Set<String>()
        for name in first.names where !seen.insert(name).inserted {
            throw ReportError(.duplicateMetric(name: name))
        }
        for (index, run) in runs.enumerated().dropFirst() {
            if run.names != first.names {
                throw ReportError(.metricNamesDiffer(run: index, expected: first.names, found: run.names))
            }
            if run.steps != first.steps {
                let row = zip(run.steps, first.steps).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                throw ReportError(
                    .stepsDiffer(
                        run: index, expectedRows: first.rowCount, foundRows: run.rowCount,
                        firstDifferentRow: row))
            }
        }
    }
}
