/// The statistics of one parameter's elementary effects on one metric.
public struct ElementaryEffectsSummary: Sendable, Equatable {
    /// `μ = mean(EE)`: the average effect; effects of opposite sign cancel in it.
    public let mu: Double
    /// `μ* = mean(|EE|)` (Campolongo et al. 2007): the overall influence, the screening measure.
    public let muStar: Double
    /// `σ`, the sample standard deviation of the effects (divisor `r − 1`): large when the
    /// effect depends on where the other parameters are (interactions) or on where this one
    /// is (non-linearity). NaN for a single trajectory.
    public let sigma: Double

    /// Summarises effects; `effects` must not be empty.
    init(_ effects: [Double]) {
        let r = Double(effects.count)
        let mu = effects.reduce(0, +) / r
        self.mu = mu
        muStar = effects.reduce(0) { $0 + abs($1) } / r
        sigma = effects.count < 2
            ? .nan
            : (effects.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (r - 1)).squareRoot()
    }
}

/// Elementary effects of a ``MorrisDesign``: per metric and parameter, every effect and
/// their `μ`, `μ*`, `σ`.
///
/// Reading it (Morris 1991; Campolongo et al. 2007): a parameter with small `μ*` is
/// negligible for that metric; large `μ*` and small `σ` is an important, nearly linear
/// and additive parameter; large `σ` relative to `μ*` means non-linear or interacting.
/// `μ*` is in metric units per full parameter range, so it ranks parameters of different
/// units on one scale.
public struct MorrisResult: Sendable, Equatable {
    /// The parameters, in column order.
    public let parameters: [ParameterRange]
    /// `elementaryEffects[metric][parameter][trajectory]`.
    public let elementaryEffects: [[[Double]]]
    /// `summaries[metric][parameter]`.
    public let summaries: [[ElementaryEffectsSummary]]

    init(parameters: [ParameterRange], elementaryEffects: [[[Double]]]) {
        self.parameters = parameters
        self.elementaryEffects = elementaryEffects
        self.summaries = elementaryEffects.map { $0.map(ElementaryEffectsSummary.init) }
    }

    /// The number of metrics of each output.
    public var metricCount: Int { summaries.count }

    /// The summary of parameter `parameter` (a column index) for metric `metric`.
    public func summary(metric: Int, parameter: Int) -> ElementaryEffectsSummary {
        summaries[metric][parameter]
    }

    /// The summary of the parameter named `name` for metric `metric`, or `nil` if no
    /// parameter has that name.
    public func summary(metric: Int, parameter name: String) -> ElementaryEffectsSummary? {
        parameters.firstIndex { $0.name == name }.map { summaries[metric][$0] }
    }

    /// Parameter indices from most to least influential on `metric`: by `μ*` descending,
    /// ties broken by `σ` descending, then by column order, so the ranking is deterministic.
    public func ranking(metric: Int) -> [Int] {
        let s = summaries[metric]
        return s.indices.sorted { a, b in
            if s[a].muStar != s[b].muStar { return s[a].muStar > s[b].muStar }
            let sa = s[a].sigma.isNaN ? 0 : s[a].sigma
            let sb = s[b].sigma.isNaN ? 0 : s[b].sigma
            if sa != sb { return sa > sb }
            return a < b
        }
    }

    /// Parameter names from most to least influential on `metric` (see ``ranking(metric:)``).
    public func rankedNames(metric: Int) -> [String] {
        ranking(metric: metric).map { parameters[$0].name }
    }
}
