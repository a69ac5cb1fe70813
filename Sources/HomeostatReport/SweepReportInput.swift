import HomeostatScenario

/// What the HTML report of a parameter sweep shows: per metric, its mean and confidence
/// interval at every point of the parameter space.
public struct SweepReportInput: Sendable {
    /// Scenario name, seed, version and horizon.
    public var metadata: RunMetadata
    /// The scenario's description; empty for none.
    public var scenarioDescription: String
    /// The swept parameters, in the order of each point's coordinates.
    public var parameters: [ReportParameter]
    /// The points: `points[i][j]` is the value of `parameters[j]` at point `i`.
    public var points: [[Double]]
    /// Monte Carlo runs at each point.
    public var runsPerPoint: Int
    /// The metrics, each with one mean and interval per point.
    public var metrics: [SweepMetric]
    /// The intervals' confidence level, for labels; 0.95 by default.
    public var confidenceLevel: Double

    /// Creates an input.
    ///
    /// - Precondition: every point has one coordinate per parameter and every metric one
    ///   value per point.
    public init(
        metadata: RunMetadata, scenarioDescription: String = "", parameters: [ReportParameter],
        points: [[Double]], runsPerPoint: Int, metrics: [SweepMetric], confidenceLevel: Double = 0.95
    ) {
        precondition(points.allSatisfy { $0.count == parameters.count }, "sweep report: one coordinate per parameter")
        precondition(
            metrics.allSatisfy { [$0.means.count, $0.lower.count, $0.upper.count].allSatisfy { $0 == points.count } },
            "sweep report: one mean and interval per point for every metric")
        self.metadata = metadata
        self.scenarioDescription = scenarioDescription
        self.parameters = parameters
        self.points = points
        self.runsPerPoint = runsPerPoint
        self.metrics = metrics
        self.confidenceLevel = confidenceLevel
    }
}

/// A parameter of a sweep or a sensitivity analysis.
public struct ReportParameter: Sendable, Equatable {
    /// The parameter's name (its key path in the scenario).
    public var name: String
    /// Its unit, or `nil`.
    public var unit: String?
    /// The lower end of its range, when the analysis has one (sensitivity), else `nil`.
    public var lower: Double?
    /// The upper end of its range, or `nil`.
    public var upper: Double?

    /// Creates a parameter.
    public init(name: String, unit: String? = nil, lower: Double? = nil, upper: Double? = nil) {
        self.name = name
        self.unit = unit
        self.lower = lower
        self.upper = upper
    }
}

/// One metric of a sweep: its mean over runs and the confidence interval of that mean at
/// every point.
public struct SweepMetric: Sendable, Equatable {
    /// The metric's name.
    public var name: String
    /// Its unit, or `nil`.
    public var unit: String?
    /// Mean of the metric's final value at each point.
    public var means: [Double]
    /// Lower end of the mean's confidence interval at each point.
    public var lower: [Double]
    /// Upper end of the mean's confidence interval at each point.
    public var upper: [Double]

    /// Creates a metric; a `nil` unit is looked up for a metric name the engine knows
    /// (``HomeostatScenario/MetricName/unit``).
    public init(name: String, unit: String? = nil, means: [Double], lower: [Double], upper: [Double]) {
        self.name = name
        self.unit = unit ?? MetricInfo.unit(name)
        self.means = means
        self.lower = lower
        self.upper = upper
    }
}
