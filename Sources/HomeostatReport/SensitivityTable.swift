public import HomeostatExperiments

/// Sensitivity indices per metric and parameter, as rows for tables, CSV and charts.
public struct SensitivityTable: Sendable {
    public enum Method: String, Sendable { case morris, sobol }

    public struct Row: Sendable, Equatable {
        public let metric: String
        public let parameter: String
        /// Morris μ* or Sobol' total index ST (the ranking measure).
        public let primary: Double
        /// Morris σ or Sobol' first-order index S1.
        public let secondary: Double
        /// Morris μ, or NaN; Sobol': the 95% interval of ST.
        public let extra: (Double, Double)
        /// Sobol': the 95% bootstrap interval of S1 (NaN for Morris).
        public var firstOrderInterval: (Double, Double) = (.nan, .nan)

        public static func == (a: Row, b: Row) -> Bool {
            a.metric == b.metric && a.parameter == b.parameter && a.primary.bitPattern == b.primary.bitPattern
                && a.secondary.bitPattern == b.secondary.bitPattern
        }
    }

    public let method: Method
    /// Rows grouped by metric, parameters ranked (most influential first).
    public let rows: [Row]

    public init(morris result: MorrisResult, metrics: [String]) {
        method = .morris
        var rows: [Row] = []
        for (m, metric) in metrics.enumerated() {
            for p in result.ranking(metric: m) {
                let s = result.summary(metric: m, parameter: p)
                rows.append(Row(metric: metric, parameter: result.parameters[p].name, primary: s.muStar, secondary: s.sigma, extra: (s.mu, .nan)))
            }
        }
        self.rows = rows
    }

    public init(sobol result: SobolResult, metrics: [String]) {
        method = .sobol
        var rows: [Row] = []
        for (m, metric) in metrics.enumerated() {
            for p in result.ranking(metric: m) {
                let i = result.indices(metric: m, parameter: p)
                rows.append(Row(
                    metric: metric, parameter: result.parameters[p].name, primary: i.total.estimate,
                    secondary: i.firstOrder.estimate, extra: (i.total.lower, i.total.upper),
                    firstOrderInterval: (i.firstOrder.lower, i.firstOrder.upper)))
            }
        }
        self.rows = rows
    }

    var headers: [String] {
        method == .morris ? ["metric", "parameter", "mu_star", "sigma", "mu"] : ["metric", "parameter", "total_ST", "first_order_S1", "ST_ci95_low", "ST_ci95_high", "S1_ci95_low", "S1_ci95_high"]
    }

    func cells(_ r: Row, format: (Double) -> String) -> [String] {
        method == .morris
            ? [r.metric, r.parameter, format(r.primary), format(r.secondary), format(r.extra.0)]
            : [
                r.metric, r.parameter, format(r.primary), format(r.secondary), format(r.extra.0), format(r.extra.1),
                format(r.firstOrderInterval.0), format(r.firstOrderInterval.1),
            ]
    }

    /// One line per metric and parameter, ranked; NaN as empty.
    public func csv() -> String {
        var out = headers.map(TimeseriesCSV.field).joined(separator: ",") + "\n"
        for r in rows {
            out += cells(r) { $0.isNaN ? "" : NumberFormat.roundTrip($0) }.map(TimeseriesCSV.field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// An aligned text table.
    public func text() -> String {
        let lines = [headers] + rows.map { cells($0) { $0.isNaN ? "—" : NumberFormat.human($0) } }
        let widths = (0..<headers.count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.enumerated().map { i, cells in
            let row = cells.enumerated().map { c, t in c < 2 ? t.padded(to: widths[c]) : t.leftPadded(to: widths[c]) }.joined(separator: "  ")
            return i == 0 ? row + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : row
        }.joined(separator: "\n")
    }
}
