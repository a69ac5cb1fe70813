/// Count, moments and quantiles of one sample, computed with a single sort.
///
/// NaN values are skipped and counted in ``nanCount``; every other field describes the
/// ``count`` non-NaN values. Quantiles are type 7 (linear interpolation between order
/// statistics, numpy's default; see ``Statistics/quantile(_:_:)``). The mean and standard
/// deviation are accumulated with Welford's update over the *sorted* values, so a summary
/// does not depend on the order of its input (the runs of an ensemble give the same bits in
/// any order); they may differ from ``Statistics/mean(_:)`` in the last bits.
///
/// Infinities are kept: they count in ``count``, the quantiles place them where they sort,
/// and ``mean`` propagates them; ``infiniteCount`` says how many there are and
/// ``finiteMean`` is the mean of the others, so a caller can show both ("∞ in 25/32 runs;
/// mean of the other 7").
///
/// An empty sample (or one of NaNs only) has `count == 0` and NaN in every other field;
/// with one value, ``stdev`` is NaN (the sample standard deviation needs two).
public struct Summary: Sendable {
    /// Number of non-NaN values summarised.
    public let count: Int
    /// Number of NaN values skipped.
    public let nanCount: Int
    /// Arithmetic mean.
    public let mean: Double
    /// Sample standard deviation (divisor `count − 1`).
    public let stdev: Double
    /// Smallest value.
    public let min: Double
    /// 5th percentile.
    public let p5: Double
    /// 25th percentile (first quartile).
    public let p25: Double
    /// Median.
    public let p50: Double
    /// 75th percentile (third quartile).
    public let p75: Double
    /// 95th percentile.
    public let p95: Double
    /// Largest value.
    public let max: Double
    /// Number of values that are `+∞` or `−∞` (among the ``count`` non-NaN values).
    public let infiniteCount: Int
    /// Number of values that are `+∞`.
    public let positiveInfinityCount: Int
    /// Mean of the finite values only (NaN when none is finite); equal to ``mean`` when
    /// ``infiniteCount`` is 0.
    public let finiteMean: Double
    /// Sample standard deviation of the finite values only.
    public let finiteStdev: Double

    /// Number of finite values, `count − infiniteCount`.
    public var finiteCount: Int { count - infiniteCount }

    /// Runs that are not finite, as a phrase: "∞ in 25/32", "−∞ in 1/4", "∞ or −∞ in 3/8",
    /// "NaN in 2/8", joined by "; "; nil when every value is finite.
    public var nonFiniteNote: String? {
        let total = count + nanCount
        var parts: [String] = []
        let negative = infiniteCount - positiveInfinityCount
        if positiveInfinityCount > 0 && negative > 0 {
            parts.append("±∞ in \(infiniteCount)/\(total)")
        } else if positiveInfinityCount > 0 {
            parts.append("∞ in \(positiveInfinityCount)/\(total)")
        } else if negative > 0 {
            parts.append("−∞ in \(negative)/\(total)")
        }
        if nanCount > 0 { parts.append("NaN in \(nanCount)/\(total)") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Summarises `values`.
    ///
    /// - Parameter values: The sample, in any order; NaNs are skipped and counted.
    /// - Complexity: O(n log n), one sort of the non-NaN values.
    public init(_ values: some Sequence<Double>) {
        var finite: [Double] = []
        finite.reserveCapacity(values.underestimatedCount)
        var nans = 0
        for x in values {
            if x.isNaN { nans += 1 } else { finite.append(x) }
        }
        finite.sort()
        self.init(sortedWithoutNaN: finite, nanCount: nans)
    }

    /// Summarises values that are already sorted ascending and free of NaN.
    init(sortedWithoutNaN sorted: [Double], nanCount: Int) {
        let moments = RunningMoments(sorted)
        count = sorted.count
        self.nanCount = nanCount
        mean = moments.mean
        stdev = moments.standardDeviation
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        p5 = Statistics.quantile(sorted: sorted, 0.05)
        p25 = Statistics.quantile(sorted: sorted, 0.25)
        p50 = Statistics.quantile(sorted: sorted, 0.5)
        p75 = Statistics.quantile(sorted: sorted, 0.75)
        p95 = Statistics.quantile(sorted: sorted, 0.95)
        let infinite = sorted.filter(\.isInfinite)
        infiniteCount = infinite.count
        positiveInfinityCount = infinite.filter { $0 > 0 }.count
        if infinite.isEmpty {
            finiteMean = mean
            finiteStdev = stdev
        } else {
            let finite = RunningMoments(sorted.filter(\.isFinite))
            finiteMean = finite.mean
            finiteStdev = finite.standardDeviation
        }
    }

    /// The Student t confidence interval of the mean, `mean ± t(1 − α/2, count − 1) ·
    /// stdev / √count` (see ``ConfidenceInterval/init(mean:standardDeviation:count:level:)``).
    ///
    /// - Parameter level: The confidence level, strictly between 0 and 1; 0.95 by default.
    /// - Returns: `nil` when `count < 2` or the level is outside `(0, 1)`.
    public func meanConfidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
        ConfidenceInterval(mean: mean, standardDeviation: stdev, count: count, level: level)
    }
}
