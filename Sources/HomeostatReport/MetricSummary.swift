import HomeostatScenario

/// The summary of one metric over the runs of an ensemble.
public struct MetricSummary: Sendable {
    /// The metric's name, as recorded.
    public let name: String
    /// The distribution over runs of the metric's final value (each run's last recorded row).
    public let final: Summary
    /// Quantile bands over runs at every recorded step (``EnsembleSummary/steps``).
    public let bands: QuantileBands

    /// Creates a metric summary.
    public init(name: String, final: Summary, bands: QuantileBands) {
        self.name = name
        self.final = final
        self.bands = bands
    }

    /// The unit of a metric the engine knows (``HomeostatScenario/MetricName/unit``), or `nil`
    /// for a name it does not know.
    public var unit: String? { MetricName(rawValue: name)?.unit ?? PoolMetricName.parse(name)?.metric.unit }
}
