/// What `homeostat optimize` searches for: the `optimize:` section of a scenario file.
///
/// One objective (or two, for a Pareto front) and any number of constraints, each a
/// statistic over the Monte Carlo runs of a per-run measure of a metric. The parameters
/// searched are the file's `sweep:` space. See `docs/optimize.md`.
public struct OptimizeSpec: Sendable, Equatable {
    /// One objective, or two (the search then returns a Pareto front).
    public var objectives: [OptimizeObjective]
    /// Conditions every acceptable design meets.
    public var constraints: [OptimizeConstraint]
    /// Candidate designs to evaluate (each on every run), warm start included.
    public var budget: Int
    /// Latin-hypercube points evaluated before CMA-ES starts; nil: CMA-ES's first population size.
    public var warmStart: Int?
    /// The initial CMA-ES step size, as a fraction of every parameter's range.
    public var stepSize: Double

    /// Creates a specification.
    public init(
        objectives: [OptimizeObjective], constraints: [OptimizeConstraint] = [], budget: Int = 60,
        warmStart: Int? = nil, stepSize: Double = 0.3
    ) {
        self.objectives = objectives
        self.constraints = constraints
        self.budget = budget
        self.warmStart = warmStart
        self.stepSize = stepSize
    }

    /// The codes of errors in an `optimize:` section (`OPT001` …), with one-line titles, in
    /// code order; each is documented with a bad input and its fix in `docs/errors.md`.
    public static var errorCatalog: [(code: String, title: String)] { OptimizeSpecDecoder.catalog }

    /// Every measure the search needs per run: the objectives', then the constraints'.
    public var measures: [RunMeasure] { objectives.map(\.target.measure) + constraints.map(\.target.measure) }
}

/// A statistic over runs of a per-run measure: what an objective or a constraint is about.
public struct RunTarget: Sendable, Equatable, CustomStringConvertible {
    /// The per-run number.
    public var measure: RunMeasure
    /// How the runs' numbers are summarised.
    public var statistic: RunStatistic

    /// Creates a target.
    public init(measure: RunMeasure, statistic: RunStatistic) {
        self.measure = measure
        self.statistic = statistic
    }

    /// `P(sum of gauge_tvl:core over days 300…365 < 2000000)`, `mean of emission summed over days 1…365`.
    public var description: String { statistic.describe(measure.description) }
}

/// One number per run, read from the run's recorded metrics.
public struct RunMeasure: Sendable, Equatable, CustomStringConvertible {
    /// How a window's recorded days are reduced to one number.
    public enum Aggregate: String, Sendable, Equatable, CaseIterable {
        case mean, sum, min, max
    }

    /// The metrics, added day by day (usually one; `a + b` sums several, e.g. every gauge's TVL).
    public var metrics: [String]
    /// Recorded days `first...last` to reduce; nil: the value on the last recorded day.
    public var window: ClosedRange<Int>?
    /// How the window is reduced (ignored without a window).
    public var aggregate: Aggregate

    /// Creates a measure.
    public init(metrics: [String], window: ClosedRange<Int>? = nil, aggregate: Aggregate = .mean) {
        self.metrics = metrics
        self.window = window
        self.aggregate = aggregate
    }

    /// The metric expression as written: `gauge_tvl:core + gauge_tvl:alpha`.
    public var expression: String { metrics.joined(separator: " + ") }

    /// `emission summed over days 1…365`, `price at the end`.
    public var description: String {
        guard let window else { return "\(expression) at the end" }
        let how = switch aggregate {
        case .mean: "averaged"
        case .sum: "summed"
        case .min: "minimum"
        case .max: "maximum"
        }
        return "\(expression) \(how) over days \(window.lowerBound)…\(window.upperBound)"
    }
}

/// A statistic of the runs' values.
public enum RunStatistic: Sendable, Equatable {
    case mean
    case median
    /// The `level` quantile (0 < level < 1), linear interpolation between order statistics.
    case percentile(level: Double)
    /// Conditional value at risk: the mean of the `1 − level` share of runs in `tail`
    /// (`upper`: the largest values, for a loss; `lower`: the smallest).
    case cvar(level: Double, tail: Tail)
    /// The share of runs whose value is below `threshold`.
    case probabilityBelow(threshold: Double)
    /// The share of runs whose value is above `threshold`.
    case probabilityAbove(threshold: Double)

    /// Which end of the distribution a CVaR averages.
    public enum Tail: String, Sendable, Equatable, CaseIterable {
        case upper, lower
    }

    /// The statistic's name as written in a file.
    public var keyword: String {
        switch self {
        case .mean: "mean"
        case .median: "median"
        case .percentile: "percentile"
        case .cvar: "cvar"
        case .probabilityBelow: "probability_below"
        case .probabilityAbove: "probability_above"
        }
    }

    /// Every keyword, for error messages.
    public static let keywords = ["mean", "median", "percentile", "cvar", "probability_below", "probability_above"]

    /// Whether the statistic is a probability (so bounds outside [0, 1] cannot bind).
    public var isProbability: Bool {
        switch self {
        case .probabilityBelow, .probabilityAbove: true
        default: false
        }
    }

    /// The statistic applied to `subject`, for labels.
    public func describe(_ subject: String) -> String {
        switch self {
        case .mean: "mean of \(subject)"
        case .median: "median of \(subject)"
        case .percentile(let level): "\(Self.short(level * 100))th percentile of \(subject)"
        case .cvar(let level, let tail): "CVaR\(Self.short(level * 100)) (\(tail.rawValue) tail) of \(subject)"
        case .probabilityBelow(let x): "P(\(subject) < \(Self.short(x)))"
        case .probabilityAbove(let x): "P(\(subject) > \(Self.short(x)))"
        }
    }

    static func short(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

/// What to do with an objective.
public enum OptimizeDirection: String, Sendable, Equatable, CaseIterable {
    case minimize, maximize
}

/// An objective: a target to minimise or maximise.
public struct OptimizeObjective: Sendable, Equatable {
    public var target: RunTarget
    public var direction: OptimizeDirection

    /// Creates an objective.
    public init(target: RunTarget, direction: OptimizeDirection) {
        self.target = target
        self.direction = direction
    }
}

/// A constraint: a target held at or below, or at or above, a bound.
public struct OptimizeConstraint: Sendable, Equatable, CustomStringConvertible {
    /// Which side of the bound is acceptable.
    public enum Bound: Sendable, Equatable {
        case atMost(Double)
        case atLeast(Double)
    }

    public var target: RunTarget
    public var bound: Bound

    /// Creates a constraint.
    public init(target: RunTarget, bound: Bound) {
        self.target = target
        self.bound = bound
    }

    /// How far `value` is on the wrong side of the bound, relative to the bound's size
    /// (`max(|bound|, 1)`), 0 when the constraint holds; infinite for a NaN value.
    public func violation(_ value: Double) -> Double {
        guard !value.isNaN else { return .infinity }
        switch bound {
        case .atMost(let b): return max(0, value - b) / max(abs(b), 1)
        case .atLeast(let b): return max(0, b - value) / max(abs(b), 1)
        }
    }

    /// `P(... < 2000000) ≤ 0.05`.
    public var description: String {
        switch bound {
        case .atMost(let b): "\(target) ≤ \(RunStatistic.short(b))"
        case .atLeast(let b): "\(target) ≥ \(RunStatistic.short(b))"
        }
    }
}
