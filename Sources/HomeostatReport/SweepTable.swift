import HomeostatCore
import HomeostatEngine
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

    /// Groups completed unit records by point (each metric's last recorded value).
    public init(plan: SweepPlan, units: [SweepUnit], records: [RunRecord]) {
        var finals: [SweepUnit: [Double]] = [:]
        var names: [String] = []
        for (unit, record) in zip(units, records) {
            if case .completed(let rec) = record.outcome {
                if names.isEmpty { names = rec.names }
                finals[unit] = rec.columns.map { $0.last ?? .nan }
            }
        }
        self.init(plan: plan, metricNames: names, finals: finals)
    }

    /// Summarises the final metric values of completed units, `finals[unit][m]` being metric
    /// `metricNames[m]`, point by point (runs in run order, so the result does not depend on
    /// where the values came from: a live sweep or a resumed store).
    public init(plan: SweepPlan, metricNames names: [String], finals: [SweepUnit: [Double]]) {
        self.init(
            parameters: plan.space.parameters, pointValues: { plan.values[$0] }, metricNames: names, finals: finals)
    }

    /// The same from explicit parameters and point values (for example read back from a store).
    public init(
        parameters: [SweepParameter], pointValues: (Int) -> [SweepValue], metricNames names: [String],
        finals: [SweepUnit: [Double]]
    ) {
        self.parameters = parameters
        metricNames = names
        let byPoint = Dictionary(grouping: finals.keys, by: \.point)
        rows = byPoint.keys.sorted().map { p in
            let units = byPoint[p]!.sorted()
            var means: [Double] = []
            var halves: [Double] = []
            for m in names.indices {
                let summary = Summary(units.map { finals[$0]![m] })
                means.append(summary.mean)
                halves.append(summary.meanConfidenceInterval()?.halfWidth ?? .nan)
            }
            return PointRow(point: p, values: pointValues(p), means: means, halfWidths: halves, runs: units.count)
        }
    }

    /// Header `point,<parameter paths>,runs,<metric>_mean,<metric>_ci95,...`; NaN as empty.
    public func csv() -> String {
        func num(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.roundTrip(x) }
        func cell(_ s: String) -> String { TimeseriesCSV.field(s) }
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
