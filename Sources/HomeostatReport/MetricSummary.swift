public import HomeostatScenario

/// The summary of one metric over the runs of an ensemble.
public struct MetricSummary: Sendable {
    /// The metric's name, as recorded.
    public let name: String
    /// The distribution over runs of the metric's final value (each run's last recorded row).
    public let final: Summary
    /// Quantile bands over runs at every recorded step (``EnsembleSummary/steps``).
    public let bands: QuantileBands
    /// The statistic that summarises each run (the metric's default, or the one asked for).
    public let statistic: SeriesStatistic
    /// The distribution over runs of ``statistic`` (equal to ``final`` for `.final`).
    public let overRuns: Summary
    /// The 95% interval of the mean of ``statistic`` over the finite runs, inside the
    /// metric's domain (``MeanInterval``); nil with fewer than two finite runs.
    public let meanInterval: MeanInterval?

    /// Creates a metric summary; without `statistic`, each run is summarised by its final value.
    public init(
        name: String, final: Summary, bands: QuantileBands, statistic: SeriesStatistic = .final, overRuns: Summary? = nil,
        meanInterval: MeanInterval? = nil
    ) {
        self.name = name
        self.final = final
        self.bands = bands
        self.statistic = statistic
        self.overRuns = overRuns ?? final
        self.meanInterval = meanInterval
    }

    /// Kind, direction and domain of the metric (``HomeostatScenario/MetricInfo/semantics(_:)``).
    public var semantics: MetricSemantics { MetricInfo.semantics(name) }

    /// The unit of a metric the engine knows (``HomeostatScenario/MetricName/unit``), or `nil`
    /// for a name it does not know.
    public var unit: String? { MetricInfo.unit(name) }
}
