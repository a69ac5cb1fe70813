import HomeostatCore
public import HomeostatScenario

/// A confidence interval of a mean that stays inside the values the metric can take.
///
/// A Student t interval, `mean ± t · s/√n`, is symmetric: on a skewed sample of a
/// non-negative metric (a count that is 0 in most runs, a price after a crash) it can reach
/// below zero, and for a share it can pass 1. For a metric whose ``MetricSemantics/Domain``
/// is bounded, the interval is therefore the **bootstrap percentile** interval: the
/// `α/2` and `1 − α/2` quantiles of the means of ``resamples`` resamples (with
/// replacement) of the sample. Every resampled mean lies between the sample's smallest and
/// largest value, so the interval does too, and so inside the domain. The resampling is
/// seeded (from the sorted sample's size only), so the interval is a pure function of the
/// sample. For an unbounded metric the t interval is kept.
public struct MeanInterval: Sendable, Equatable {
    /// How an interval was made.
    public enum Method: String, Sendable, Equatable {
        /// Student t: `mean ± t(1 − α/2, n − 1) · s/√n`.
        case studentT = "t"
        /// Percentiles of bootstrap means.
        case bootstrapPercentile = "bootstrap_percentile"

        /// A phrase for notes: "Student t", "bootstrap percentile (2,000 resamples)".
        public var phrase: String {
            switch self {
            case .studentT: "Student t"
            case .bootstrapPercentile: "bootstrap percentile (\(MeanInterval.resamples.formatted) resamples)"
            }
        }
    }

    /// The interval.
    public let interval: ConfidenceInterval
    /// How it was made.
    public let method: Method

    /// Bootstrap resamples.
    public static let resamples = 2_000

    /// The interval of the mean of the finite values of `values` for a metric of `domain`.
    ///
    /// - Parameters:
    ///   - values: The sample (one value per run); NaN and ±∞ are left out.
    ///   - domain: The metric's domain; bounded domains get the bootstrap interval.
    ///   - level: The confidence level, in `(0, 1)`.
    /// - Returns: nil with fewer than two finite values.
    /// - Complexity: O(n · ``resamples``) for a bounded domain, O(n) otherwise.
    public static func of(_ values: [Double], domain: MetricSemantics.Domain, level: Double = 0.95) -> MeanInterval? {
        let finite = values.filter(\.isFinite).sorted()
        let n = finite.count
        guard n >= 2, level > 0, level < 1 else { return nil }
        let moments = RunningMoments(finite)
        if domain == .unbounded {
            return ConfidenceInterval(mean: moments.mean, standardDeviation: moments.standardDeviation, count: n, level: level)
                .map { MeanInterval(interval: $0, method: .studentT) }
        }
        if finite.first == finite.last {
            return MeanInterval(interval: ConfidenceInterval(lower: finite[0], upper: finite[0], level: level), method: .bootstrapPercentile)
        }
        var rng = Xoshiro256StarStar(seed: 0x6D65_616E_4349 ^ UInt64(n))
        var means: [Double] = []
        means.reserveCapacity(resamples)
        let count = UInt64(n)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += finite[Int(rng.next() % count)] }
            means.append(sum / Double(n))
        }
        means.sort()
        let alpha = 1 - level
        let lower = domain.clamp(Swift.max(finite[0], Statistics.quantile(sorted: means, alpha / 2)))
        let upper = domain.clamp(Swift.min(finite[n - 1], Statistics.quantile(sorted: means, 1 - alpha / 2)))
        return MeanInterval(interval: ConfidenceInterval(lower: lower, upper: upper, level: level), method: .bootstrapPercentile)
    }
}

extension Int {
    /// `2000` as "2,000".
    var formatted: String {
        let digits = String(self)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
