import HomeostatScenario

/// What the HTML report of a sensitivity analysis shows: per metric, how much each
/// parameter moves it.
public struct SensitivityReportInput: Sendable {
    /// Scenario name, seed, version and horizon.
    public var metadata: RunMetadata
    /// The scenario's description; empty for none.
    public var scenarioDescription: String
    /// The parameters varied, with their ranges.
    public var parameters: [ReportParameter]
    /// Number of model evaluations (parameter points × runs) the analysis used.
    public var evaluationCount: Int
    /// One entry per metric.
    public var metrics: [SensitivityMetric]
    /// Lines under the key figures: metrics left out of the analysis and why, warnings
    /// about the design's size.
    public var notes: [String] = []

    /// Creates an input.
    public init(
        metadata: RunMetadata, scenarioDescription: String = "", parameters: [ReportParameter],
        evaluationCount: Int, metrics: [SensitivityMetric]
    ) {
        self.metadata = metadata
        self.scenarioDescription = scenarioDescription
        self.parameters = parameters
        self.evaluationCount = evaluationCount
        self.metrics = metrics
    }
}

/// The sensitivity of one metric to every parameter, by one method.
public struct SensitivityMetric: Sendable, Equatable {
    /// The metric's name.
    public var name: String
    /// Its unit, or `nil`.
    public var unit: String?
    /// The indices, one per parameter.
    public var result: SensitivityResult

    /// Creates a metric's result; a `nil` unit is looked up for a metric name the engine
    /// knows.
    public init(name: String, unit: String? = nil, result: SensitivityResult) {
        self.name = name
        self.unit = unit ?? MetricInfo.unit(name)
        self.result = result
    }
}

/// Sensitivity indices of one metric, by method.
public enum SensitivityResult: Sendable, Equatable {
    /// Morris elementary-effects screening: per parameter μ* (mean absolute elementary
    /// effect, in the metric's unit) and σ (their standard deviation).
    case morris([MorrisEffect])
    /// Sobol variance decomposition: per parameter the first-order and total indices.
    case sobol([SobolIndexRow])

    /// The method's name as shown on the page.
    var methodName: String {
        switch self {
        case .morris: "Morris screening"
        case .sobol: "Sobol indices"
        }
    }
}

/// Morris screening of one parameter for one metric.
public struct MorrisEffect: Sendable, Equatable {
    /// The parameter's name.
    public var parameter: String
    /// μ*, the mean of the absolute elementary effects.
    public var muStar: Double
    /// σ, the standard deviation of the elementary effects (non-linearity, interactions).
    public var sigma: Double

    /// Creates an effect.
    public init(parameter: String, muStar: Double, sigma: Double) {
        self.parameter = parameter
        self.muStar = muStar
        self.sigma = sigma
    }
}

/// Sobol indices of one parameter for one metric, with optional confidence intervals.
public struct SobolIndexRow: Sendable, Equatable {
    /// The parameter's name.
    public var parameter: String
    /// S1, the share of variance due to the parameter alone.
    public var firstOrder: Double
    /// The interval of S1, or `nil`.
    public var firstOrderInterval: ConfidenceInterval?
    /// ST, the share of variance the parameter takes part in (alone or in interactions).
    public var total: Double
    /// The interval of ST, or `nil`.
    public var totalInterval: ConfidenceInterval?

    /// Creates indices.
    public init(
        parameter: String, firstOrder: Double, firstOrderInterval: ConfidenceInterval? = nil,
        total: Double, totalInterval: ConfidenceInterval? = nil
    ) {
        self.parameter = parameter
        self.firstOrder = firstOrder
        self.firstOrderInterval = firstOrderInterval
        self.total = total
        self.totalInterval = totalInterval
    }
}
