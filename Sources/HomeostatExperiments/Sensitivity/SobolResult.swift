/// Bootstrap settings of a Sobol' analysis.
public struct SobolBootstrap: Sendable, Hashable {
    /// The number of resamples; 0 skips the bootstrap (intervals and standard errors are NaN).
    public var resamples: Int
    /// The coverage of the percentile intervals, in (0, 1).
    public var confidenceLevel: Double
    /// The seed of the resampling, or `nil` to use the design's seed.
    public var seed: UInt64?

    /// Bootstrap settings; the defaults are 200 resamples and 95 % intervals.
    public init(resamples: Int = 200, confidenceLevel: Double = 0.95, seed: UInt64? = nil) {
        self.resamples = resamples
        self.confidenceLevel = confidenceLevel
        self.seed = seed
    }

    func validate() throws(SensitivityError) {
        guard resamples >= 0 else {
            throw SensitivityError(.badBootstrap(detail: "bootstrap resamples = \(resamples); use 0 (no intervals) or more, 200 is usual"))
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw SensitivityError(.badBootstrap(detail: "confidence level = \(confidenceLevel); it must lie strictly between 0 and 1, e.g. 0.95"))
        }
    }
}

/// One Sobol' index estimate with its bootstrap uncertainty.
public struct SobolIndex: Sendable, Equatable {
    /// The estimate from all `N` rows.
    public let estimate: Double
    /// The standard deviation of the bootstrap estimates (NaN without resamples).
    public let standardError: Double
    /// The lower end of the bootstrap percentile interval (NaN without resamples).
    public let lower: Double
    /// The upper end of the bootstrap percentile interval (NaN without resamples).
    public let upper: Double

    init(estimate: Double, draws: [Double], level: Double) {
        self.estimate = estimate
        guard !draws.isEmpty else {
            (standardError, lower, upper) = (.nan, .nan, .nan)
            return
        }
        let sorted = draws.sorted()
        let n = Double(sorted.count)
        let mean = sorted.reduce(0, +) / n
        standardError = sorted.count < 2
            ? .nan
            : (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let tail = (1 - level) / 2
        lower = quantile(sorted, tail)
        upper = quantile(sorted, 1 - tail)
    }

    /// Whether `value` lies in `[lower, upper]`.
    public func intervalContains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// The first-order and total index of one parameter for one metric.
public struct SobolIndices: Sendable, Equatable {
    /// `S_i = Var(E[Y | x_i]) / Var(Y)`: the effect of `x_i` alone.
    public let firstOrder: SobolIndex
    /// `ST_i = E[Var(Y | x_~i)] / Var(Y)`: the effect of `x_i` including all its interactions.
    public let total: SobolIndex
}

/// First-order and total Sobol' indices of a ``SaltelliDesign``, per metric and parameter.
///
/// Reading it: `ST_i ≈ 0` means `x_i` can be fixed anywhere in its range without changing
/// the output's variance (factor fixing); a large `S_i` means fixing `x_i` would remove
/// that share of the variance (factor prioritisation); `Σ_i S_i < 1` or `ST_i > S_i`
/// reveals interactions (Saltelli et al. 2010).
public struct SobolResult: Sendable, Equatable {
    /// The parameters, in column order.
    public let parameters: [ParameterRange]
    /// The number of rows `N` of the base matrices.
    public let baseSamples: Int
    /// The bootstrap settings used.
    public let bootstrap: SobolBootstrap
    /// Per metric, the mean of the outputs over all points.
    public let mean: [Double]
    /// Per metric, `V`: the variance of the outputs on `A` and `B` (centred; divisor `2N`).
    public let variance: [Double]
    /// `indices[metric][parameter]`.
    public let indices: [[SobolIndices]]

    /// The number of metrics of each output.
    public var metricCount: Int { indices.count }

    /// The indices of parameter `parameter` (a column index) for metric `metric`.
    public func indices(metric: Int, parameter: Int) -> SobolIndices {
        indices[metric][parameter]
    }

    /// The indices of the parameter named `name` for metric `metric`, or `nil` if no
    /// parameter has that name.
    public func indices(metric: Int, parameter name: String) -> SobolIndices? {
        parameters.firstIndex { $0.name == name }.map { indices[metric][$0] }
    }

    /// Parameter indices from most to least influential on `metric`: by total index
    /// descending, ties broken by first-order index descending, then by column order; NaN
    /// estimates (a constant metric) rank last.
    public func ranking(metric: Int) -> [Int] {
        let s = indices[metric]
        func key(_ x: Double) -> Double { x.isNaN ? -.infinity : x }
        return s.indices.sorted { a, b in
            let (ta, tb) = (key(s[a].total.estimate), key(s[b].total.estimate))
            if ta != tb { return ta > tb }
            let (fa, fb) = (key(s[a].firstOrder.estimate), key(s[b].firstOrder.estimate))
            if fa != fb { return fa > fb }
            return a < b
        }
    }

    /// Parameter names from most to least influential on `metric` (see ``ranking(metric:)``).
    public func rankedNames(metric: Int) -> [String] {
        ranking(metric: metric).map { parameters[$0].name }
    }
}

/// The `p`-quantile of sorted values, interpolating linearly between order statistics
/// (Hyndman and Fan's type 7, the default of R and NumPy).
func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
