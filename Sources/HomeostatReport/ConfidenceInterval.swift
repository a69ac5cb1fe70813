/// A two-sided confidence interval of a mean, `[lower, upper]` at confidence `level`.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Lower bound.
    public let lower: Double
    /// Upper bound.
    public let upper: Double
    /// Confidence level, for example 0.95.
    public let level: Double

    /// Creates an interval from its bounds.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The Student t interval of a mean: `mean ± t(1 − α/2, n − 1) · sd / √n`, with `t`
    /// from ``Statistics/studentTQuantile(_:degreesOfFreedom:)``.
    ///
    /// - Parameters:
    ///   - mean: The sample mean.
    ///   - standardDeviation: The sample standard deviation (divisor `n − 1`).
    ///   - count: The sample size `n`.
    ///   - level: The confidence level `1 − α`, strictly between 0 and 1.
    /// - Returns: `nil` when `count < 2` or `level` is outside `(0, 1)`.
    public init?(mean: Double, standardDeviation: Double, count: Int, level: Double) {
        guard count >= 2, level > 0, level < 1 else { return nil }
        let t = Statistics.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(count - 1))
        let halfWidth = t * standardDeviation / Double(count).squareRoot()
        self.init(lower: mean - halfWidth, upper: mean + halfWidth, level: level)
    }

    /// Half the width of the interval, `(upper − lower) / 2`.
    public var halfWidth: Double { (upper - lower) / 2 }
}
