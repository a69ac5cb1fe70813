/// One number that summarises a run's series of a metric.
///
/// Rows are weighted by the days they stand for: row `r` recorded on step `s[r]` stands for
/// `s[r] − s[r−1]` days (the first row for one), so with `metrics.every: 1` every row weighs
/// one day, ``total`` is the plain sum and ``mean`` the plain mean; with `every: 7` a
/// recorded day's flow stands for the week it ends. NaN rows ("no value that day") are
/// left out of every statistic; infinities are kept (a total over `+inf` is `+inf`).
public enum SeriesStatistic: Sendable, Hashable, CustomStringConvertible {
    /// The last recorded value.
    case final
    /// The time-weighted mean over the run.
    case mean
    /// The time-weighted sum over the run (for flows: the amount over the horizon).
    case total
    /// The smallest recorded value.
    case min
    /// The largest recorded value.
    case max
    /// The `p`-th percentile (0…100) of the recorded values (type 7, unweighted).
    case percentile(Int)

    /// Reads `final`, `mean`, `total`, `min`, `max` or `pXX` (`p5`, `p50`, `p95`, 0…100).
    public init?(parsing text: String) {
        switch text {
        case "final": self = .final
        case "mean": self = .mean
        case "total": self = .total
        case "min": self = .min
        case "max": self = .max
        default:
            guard text.hasPrefix("p"), let p = Int(text.dropFirst()), (0...100).contains(p),
                  text.dropFirst().allSatisfy(\.isNumber) else { return nil }
            self = .percentile(p)
        }
    }

    /// What ``init(parsing:)`` accepts, for messages.
    public static let accepted = "final, mean, total, min, max or pXX (a percentile over the run, p0 … p100)"

    /// The name, as ``init(parsing:)`` reads it.
    public var description: String {
        switch self {
        case .final: "final"
        case .mean: "mean"
        case .total: "total"
        case .min: "min"
        case .max: "max"
        case .percentile(let p): "p\(p)"
        }
    }

    /// A phrase for tables and charts: "final value", "total over the run", ...
    public var phrase: String {
        switch self {
        case .final: "final value"
        case .mean: "mean over the run"
        case .total: "total over the run"
        case .min: "minimum over the run"
        case .max: "maximum over the run"
        case .percentile(let p): "p\(p) over the run"
        }
    }

    /// The statistic of one run's series.
    ///
    /// - Parameters:
    ///   - column: The metric's recorded values, one per row.
    ///   - steps: The step of each row (same length as `column`), for the rows' weights;
    ///     empty: every row weighs one day.
    /// - Returns: The statistic; NaN when no row has a value (``final``: when the last row
    ///   is NaN, as that day had no value).
    /// - Complexity: O(n), O(n log n) for a percentile.
    public func value(of column: [Double], steps: [Int32] = []) -> Double {
        switch self {
        case .final:
            return column.last ?? .nan
        case .min:
            return column.lazy.filter { !$0.isNaN }.min() ?? .nan
        case .max:
            return column.lazy.filter { !$0.isNaN }.max() ?? .nan
        case .mean, .total:
            var sum = 0.0
            var weights = 0.0
            for (r, x) in column.enumerated() where !x.isNaN {
                let w = Self.weight(row: r, steps: steps)
                sum += w * x
                weights += w
            }
            guard weights > 0 else { return .nan }
            return self == .total ? sum : sum / weights
        case .percentile(let p):
            let sorted = column.filter { !$0.isNaN }.sorted()
            guard !sorted.isEmpty else { return .nan }
            let h = Double(sorted.count - 1) * Double(p) / 100
            let j = Int(h.rounded(.down))
            if j >= sorted.count - 1 { return sorted[sorted.count - 1] }
            let g = h - Double(j)
            let a = sorted[j], b = sorted[j + 1]
            if g == 0 || a == b { return a }
            if a.isInfinite { return a }
            if b.isInfinite { return b }
            return a + (b - a) * g
        }
    }

    /// The days row `r` stands for.
    static func weight(row r: Int, steps: [Int32]) -> Double {
        guard r > 0, r < steps.count else { return 1 }
        return Double(Swift.max(1, Int(steps[r]) - Int(steps[r - 1])))
    }

    /// The key under which the store keeps a run's value of this statistic for metric
    /// `name`: the name itself for ``final``, `NAME.mean`, `NAME.total`, `NAME.p90`, ...
    public func storeKey(_ name: String) -> String {
        self == .final ? name : "\(name).\(description)"
    }
}
