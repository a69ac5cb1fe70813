/// Descriptive statistics of samples of `Double`: moments, quantiles, confidence intervals.
///
/// Every function here skips NaN values: a NaN is "no value" (for example a real yield on a
/// day without emission), not a number to average. Types that summarise a sample report how
/// many NaNs they skipped (``RunningMoments/nanCount``, ``Summary/nanCount``). Infinities are
/// kept and propagate as IEEE arithmetic says (a mean over `+inf` is `+inf`, a variance over
/// an infinity is NaN).
///
/// The Student t and normal quantiles live in `Statistics+Distributions.swift`.
public enum Statistics {
    /// The arithmetic mean of the non-NaN values, accumulated with Welford's update.
    ///
    /// - Parameter values: The sample; NaNs are skipped.
    /// - Returns: The mean, or NaN when no non-NaN value is left.
    /// - Complexity: O(n), one pass.
    public static func mean(_ values: some Sequence<Double>) -> Double {
        RunningMoments(values).mean
    }

    /// The sample variance (divisor `n − 1`, numpy's `ddof=1`) of the non-NaN values,
    /// computed in one pass with Welford's algorithm.
    ///
    /// - Parameter values: The sample; NaNs are skipped.
    /// - Returns: The variance, or NaN with fewer than two non-NaN values.
    /// - Complexity: O(n), one pass.
    public static func variance(_ values: some Sequence<Double>) -> Double {
        RunningMoments(values).variance
    }

    /// The sample standard deviation, `√variance` (divisor `n − 1`), of the non-NaN values.
    ///
    /// - Parameter values: The sample; NaNs are skipped.
    /// - Returns: The standard deviation, or NaN with fewer than two non-NaN values.
    /// - Complexity: O(n), one pass.
    public static func standardDeviation(_ values: some Sequence<Double>) -> Double {
        RunningMoments(values).standardDeviation
    }

    /// The `p`-quantile of the non-NaN values, by linear interpolation between order
    /// statistics: Hyndman & Fan's type 7, the default of numpy (`np.quantile`,
    /// `method="linear"`), of R (`quantile(type = 7)`) and Excel's `PERCENTILE.INC`.
    ///
    /// With the non-NaN values sorted as `x[0] ≤ … ≤ x[n−1]`, `h = (n − 1)·p`, `j = ⌊h⌋` and
    /// `g = h − j`, the quantile is `x[j] + g·(x[j+1] − x[j])`, and `x[n−1]` when
    /// `j ≥ n − 1`. The interpolation is evaluated as numpy's `_lerp` does it (from the upper
    /// neighbour when `g ≥ 0.5`), so results agree with numpy bit for bit on finite input.
    /// Infinities are handled where numpy returns NaN (from `∞ − ∞` or `0 · ∞`): when
    /// `g == 0` the result is `x[j]`, and between an infinite and any other neighbour it is
    /// that infinity.
    ///
    /// - Parameters:
    ///   - values: The sample, in any order; NaNs are skipped.
    ///   - p: The probability, in `0...1`.
    /// - Returns: The quantile; NaN when no non-NaN value is left or `p` is outside `0...1`.
    /// - Complexity: O(n log n): sorts a copy. To take several quantiles of one sample, sort
    ///   it once and call ``quantile(sorted:_:)``, or build a ``Summary``.
    public static func quantile(_ values: some Sequence<Double>, _ p: Double) -> Double {
        quantile(sorted: values.filter { !$0.isNaN }.sorted(), p)
    }

    /// The `p`-quantile (type 7, numpy's default; see ``quantile(_:_:)``) of values that are
    /// already sorted in ascending order and contain no NaN.
    ///
    /// - Parameters:
    ///   - sorted: The sample, sorted ascending, without NaN (not checked).
    ///   - p: The probability, in `0...1`.
    /// - Returns: The quantile; NaN when `sorted` is empty or `p` is outside `0...1`.
    /// - Complexity: O(1).
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        guard n > 0, p >= 0, p <= 1 else { return .nan }
        let h = Double(n - 1) * p
        if h >= Double(n - 1) { return sorted[n - 1] }
        let j = Int(h.rounded(.down))
        let g = h - Double(j)
        let a = sorted[j]
        if g == 0 { return a }
        let b = sorted[j + 1]
        if a == b { return a }
        // Between an infinity and anything else the interpolation is that infinity.
        if a.isInfinite { return a }
        if b.isInfinite { return b }
        let d = b - a
        // b − a overflows only for neighbours of opposite sign near the largest Double.
        if d.isInfinite { return a * (1 - g) + b * g }
        return g >= 0.5 ? b - d * (1 - g) : a + d * g
    }

    /// The confidence interval of the population mean from the non-NaN values,
    /// `mean ± t(1 − α/2, n − 1) · s / √n`, with `s` the sample standard deviation and `t`
    /// the Student t quantile of ``studentTQuantile(_:degreesOfFreedom:)``.
    ///
    /// The interval assumes independent draws whose mean is close to normally distributed.
    /// The runs of a Monte Carlo ensemble are independent; with heavy tails and few runs
    /// the interval is only approximate.
    ///
    /// - Parameters:
    ///   - values: The sample; NaNs are skipped.
    ///   - level: The confidence level `1 − α`, strictly between 0 and 1; 0.95 by default.
    /// - Returns: The interval, or `nil` with fewer than two non-NaN values or a level
    ///   outside `(0, 1)`.
    /// - Complexity: O(n), one pass.
    public static func meanConfidenceInterval(
        _ values: some Sequence<Double>, level: Double = 0.95
    ) -> ConfidenceInterval? {
        let moments = RunningMoments(values)
        return ConfidenceInterval(
            mean: moments.mean, standardDeviation: moments.standardDeviation,
            count: moments.count, level: level)
    }
}
