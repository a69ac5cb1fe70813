public import HomeostatScenario
public import HomeostatCore

/// What the HTML report of a Monte Carlo ensemble (`homeostat run`) shows.
public struct RunReportInput: Sendable {
    /// Scenario name, seed, version and horizon.
    public var metadata: RunMetadata
    /// The scenario's description, shown under the title; empty for none.
    public var scenarioDescription: String
    /// Short lines describing the scenario's parts, shown as a list in the summary (for
    /// example `lockers: 1000 agents, lock when APR > 12%` or `mechanism: fee distributor`).
    public var details: [String]
    /// Quantile bands and final-value summaries per metric.
    public var summary: EnsembleSummary
    /// Each run's statistic per metric (``MetricSummary/statistic``: final value, total, ...):
    /// `finals[m]` belongs to `summary.metrics[m]`.
    public var finals: [[Double]]
    /// Metrics whose fan chart uses a logarithmic y axis (falling back to linear when a
    /// value is ≤ 0); `["price"]` by default.
    public var logScaleMetrics: Set<String>
    /// Scripted events, drawn as dashed lines on the charts over time (``markers(_:)``).
    public var events: [ChartMarker] = []

    /// Creates an input from a summary and the final values it was computed from.
    ///
    /// - Precondition: `finals` has one array per metric of `summary`.
    public init(
        metadata: RunMetadata, scenarioDescription: String = "", details: [String] = [],
        summary: EnsembleSummary, finals: [[Double]], logScaleMetrics: Set<String> = ["price"]
    ) {
        precondition(
            finals.count == summary.metrics.count,
            "run report: \(finals.count) arrays of final values for \(summary.metrics.count) metrics")
        self.metadata = metadata
        self.scenarioDescription = scenarioDescription
        self.details = details
        self.summary = summary
        self.finals = finals
        self.logScaleMetrics = logScaleMetrics
    }

    /// Creates an input from the runs' recorders: summarises them and takes each run's
    /// statistic of each metric (``MetricSummary/statistic``: the final value of a stock, the
    /// total of a flow, ...; NaN for a run with no rows).
    ///
    /// - Throws: The ``ReportError`` of ``EnsembleSummary/init(runs:statistic:)``.
    public init(
        metadata: RunMetadata, scenarioDescription: String = "", details: [String] = [],
        runs: [MetricRecorder], logScaleMetrics: Set<String> = ["price"], statistic: SeriesStatistic? = nil
    ) throws(ReportError) {
        let summary = try EnsembleSummary(runs: runs, statistic: statistic)
        let finals = summary.metrics.indices.map { column in
            runs.map { summary.metrics[column].statistic.value(of: $0.columns[column], steps: $0.steps) }
        }
        self.init(
            metadata: metadata, scenarioDescription: scenarioDescription, details: details,
            summary: summary, finals: finals, logScaleMetrics: logScaleMetrics)
    }

    /// Chart markers for a scenario's scripted events: `price shock −50%`, `unlock`, `set
    /// market.volatility`, `proposal`, `gauges`.
    public static func markers(_ events: [EventSpec]) -> [ChartMarker] {
        events.map { event in
            let label: String = switch event.action {
            case .priceShock(let change): "price \(change < 0 ? "−" : "+")\(Markup.short(abs(change) * 100))%"
            case .assetShock(let asset, let change): "\(asset) \(change < 0 ? "−" : "+")\(Markup.short(abs(change) * 100))%"
            case .unlock: "unlock"
            case .set(let parameter, _): "set \(parameter.rawValue.split(separator: ".").last ?? "")"
            case .propose: "proposal"
            case .changeGauges: "gauges"
            case .proposeGaugeChange: "gauge proposal"
            }
            return ChartMarker(x: Double(event.day), label: label)
        }
    }
}
