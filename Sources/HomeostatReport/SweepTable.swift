import HomeostatCore
import HomeostatEngine
public import HomeostatExperiments
public import HomeostatScenario

/// A sweep's results per point: each metric's per-run statistic (final value for stocks,
/// total for flows, time-weighted mean for rates, or the one asked for) summarised over the
/// point's runs.
public struct SweepTable: Sendable {
    public struct PointRow: Sendable {
        public let point: Int
        public let values: [SweepValue]
        /// Per metric (in `metricNames` order): mean of the per-run statistic over completed runs.
        public let means: [Double]
        /// Per metric: half-width of the 95% interval of that mean (NaN with one run).
        public let halfWidths: [Double]
        /// Per metric: the 95% interval of the mean inside the metric's domain (``MeanInterval``:
        /// bootstrap percentile for bounded metrics, Student t otherwise); NaN with one run.
        public let lower: [Double]
        public let upper: [Double]
        /// Per metric: runs whose value is ±∞ or NaN, left out of the mean and its interval.
        public let notFinite: [Int]
        public let runs: Int
    }

    public let parameters: [SweepParameter]
    public let metricNames: [String]
    /// The per-run statistic of each metric (in `metricNames` order) that the means average.
    public let statistics: [SeriesStatistic]
    public let rows: [PointRow]

    /// Groups completed unit records by point: each run is summarised by each metric's
    /// statistic (`statistic`, or the metric's own: ``HomeostatScenario/MetricInfo/statistic(_:chosen:)``).
    public init(plan: SweepPlan, units: [SweepUnit], records: [RunRecord], statistic: SeriesStatistic? = nil) {
        var finals: [SweepUnit: [Double]] = [:]
        var names: [String] = []
        for (unit, record) in zip(units, records) {
            if case .completed(let rec) = record.outcome {
                if names.isEmpty { names = rec.names }
                finals[unit] = zip(rec.names, rec.columns).map { name, column in
                    MetricInfo.statistic(name, chosen: statistic).value(of: column, steps: rec.steps)
                }
            }
        }
        self.init(plan: plan, metricNames: names, finals: finals, statistic: statistic)
    }

    /// Summarises the per-run values of completed units, `finals[unit][m]` being metric
    /// `metricNames[m]`'s statistic (`statistic`, or the metric's own) in that run, point by
    /// point (runs in run order, so the result does not depend on where the values came
    /// from: a live sweep or a resumed store).
    public init(plan: SweepPlan, metricNames names: [String], finals: [SweepUnit: [Double]], statistic: SeriesStatistic? = nil) {
        self.init(
            parameters: plan.space.parameters, pointValues: { plan.values[$0] }, metricNames: names, finals: finals,
            statistic: statistic)
    }

    /// The same from explicit parameters and point values (for example read back from a store).
    public init(
        parameters: [SweepParameter], pointValues: (Int) -> [SweepValue], metricNames names: [String],
        finals: [SweepUnit: [Double]], statistic: SeriesStatistic? = nil
    ) {
        self.parameters = parameters
        metricNames = names
        statistics = names.map { MetricInfo.statistic($0, chosen: statistic) }
        let byPoint = Dictionary(grouping: finals.keys, by: \.point)
        rows = byPoint.keys.sorted().map { p in
            let units = byPoint[p]!.sorted()
            var means: [Double] = []
            var halves: [Double] = []
            var notFinite: [Int] = []
            var lows: [Double] = []
            var highs: [Double] = []
            for m in names.indices {
                let summary = Summary(units.map { finals[$0]![m] })
                means.append(summary.finiteMean)
                halves.append(
                    ConfidenceInterval(
                        mean: summary.finiteMean, standardDeviation: summary.finiteStdev, count: summary.finiteCount,
                        level: 0.95)?.halfWidth ?? .nan)
                notFinite.append(summary.infiniteCount + summary.nanCount)
                let interval = MeanInterval.of(units.map { finals[$0]![m] }, domain: MetricInfo.semantics(names[m]).domain)
                lows.append(interval?.interval.lower ?? .nan)
                highs.append(interval?.interval.upper ?? .nan)
            }
            return PointRow(
                point: p, values: pointValues(p), means: means, halfWidths: halves, lower: lows, upper: highs,
                notFinite: notFinite, runs: units.count)
        }
    }

    /// Header `point,<parameter paths>,runs,<metric>_mean,<metric>_ci95,<metric>_ci95_low,
    /// <metric>_ci95_high,<metric>_not_finite,...`; NaN as empty. `_ci95` is the Student t
    /// half-width; `_ci95_low` … `_ci95_high` is the interval inside the metric's domain
    /// (bootstrap percentile for a bounded metric, so a share's interval stays in [0, 1]). The mean and interval are over the runs whose value is finite;
    /// `_not_finite` counts the others (±∞ or NaN), so nothing is dropped silently.
    public func csv() -> String {
        func num(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.roundTrip(x) }
        func cell(_ s: String) -> String { TimeseriesCSV.field(s) }
        var header = ["point"] + parameters.map(\.path) + ["runs"]
        for m in metricNames { header += ["\(m)_mean", "\(m)_ci95", "\(m)_ci95_low", "\(m)_ci95_high", "\(m)_not_finite"] }
        var out = header.map(cell).joined(separator: ",") + "\n"
        for r in rows {
            var cells = ["\(r.point)"] + r.values.map(\.description) + ["\(r.runs)"]
            for k in metricNames.indices {
                cells += [num(r.means[k]), num(r.halfWidths[k]), num(r.lower[k]), num(r.upper[k]), "\(r.notFinite[k])"]
            }
            out += cells.map(cell).joined(separator: ",") + "\n"
        }
        return out
    }
}
