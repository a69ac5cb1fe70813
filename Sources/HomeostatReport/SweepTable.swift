public import HomeostatCore
public import HomeostatExperiments
public import HomeostatScenario

/// A sweep's results per point: each metric's final value summarised over the point's runs.
public struct SweepTable: Sendable {
    public struct PointRow: Sendable {
        public let point: Int
        public let values: [SweepValue]
        /// Per metric (in `metricNames` order): mean of the final value over completed runs.
        public let means: [Double]
        /// Per metric: half-width of the 95% interval of that mean (NaN with one run).
        public let halfWidths: [Double]
        public let runs: Int
    }

    public let parameters: [SweepParameter]
    public let metricNames: [String]
    public let rows: [PointRow]

    /// Groups completed unit records by point.
    public init(plan: SweepPlan, units: [SweepUnit], records: [RunRecord]) {
        parameters = plan.space.parameters
        var byPoint: [Int: [MetricRecorder]] = [:]
        for (unit, record) in zip(units, records) {
            if case .completed(let rec) = record.outcome { byPoint[unit.point, default: []].append(rec) }
        }
        let names = byPoint.values.first?.first?.names ?? []
        metricNames = names
        rows = byPoint.keys.sorted().map { p in
            let recs = byPoint[p]!
            var means: [Double] = []
            var halves: [Double] = []
            for name in names {
                let finals = recs.compactMap { $0.series(name)?.last }
                let summary = Summary(finals)
                means.append(summary.mean)
                halves.append(summary.meanConfidenceInterval()?.halfWidth ?? .nan)
            }
            return PointRow(point: p, values: plan.values[p], means: means, halfWidths: halves, runs: recs.count)
        }
    }

    /// Header `point,<parameter paths>,runs,<metric>_mean,<metric>_ci95,...`; NaN as empty.
    public func csv() -> String {
        func num(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.roundTrip(x) }
        func cell(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s }
        var header = ["point"] + parameters.map(\.path) + ["runs"]
        for m in metricNames { header += ["\(m)_mean", "\(m)_ci95"] }
        var out = header.map(cell).joined(separator: ",") + "\n"
        for r in rows {
            var cells = ["\(r.point)"] + r.values.map(\.description) + ["\(r.runs)"]
            for k in metricNames.indices { cells += [num(r.means[k]), num(r.halfWidths[k])] }
            out += cells.map(cell).joined(separator: ",") + "\n"
        }
        return out
    }
}
