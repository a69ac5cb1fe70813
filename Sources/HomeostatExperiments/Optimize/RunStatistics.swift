public import HomeostatCore
public import HomeostatScenario

extension RunMeasure {
    /// The measure of one run: the summed metrics' value on the last recorded day, or
    /// their window's recorded days reduced by ``aggregate``. NaN when a metric is missing,
    /// the window holds no recorded day, or a value in it is NaN.
    public func value(in recorder: MetricRecorder) -> Double {
        let columns = metrics.map { recorder.series($0) }
        guard !columns.isEmpty, columns.allSatisfy({ $0 != nil }), recorder.rowCount > 0 else { return .nan }
        func daily(_ row: Int) -> Double { columns.reduce(0) { $0 + $1![row] } }
        guard let window else { return daily(recorder.rowCount - 1) }
        let rows = recorder.steps.indices.filter { window.contains(Int(recorder.steps[$0])) }
        guard !rows.isEmpty else { return .nan }
        let values = rows.map(daily)
        switch aggregate {
        case .mean: return values.reduce(0, +) / Double(values.count)
        case .sum: return values.reduce(0, +)
        case .min: return values.contains(where: \.isNaN) ? .nan : values.min()!
        case .max: return values.contains(where: \.isNaN) ? .nan : values.max()!
        }
    }
}

extension RunStatistic {
    /// The statistic of `values` (one per run); NaN when any value is NaN (a failed run
    /// must not pass for a good design) or there are none.
    public func value(_ values: [Double]) -> Double {
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return .nan }
        let n = Double(values.count)
        switch self {
        case .mean:
            return values.reduce(0, +) / n
        case .median:
            return Self.quantile(values.sorted(), 0.5)
        case .percentile(let level):
            return Self.quantile(values.sorted(), level)
        case .cvar(let level, let tail):
            // The mean of the ⌈(1 − level)·n⌉ most extreme runs in the tail (at least one).
            let count = max(1, Int(((1 - level) * n - 1e-9).rounded(.up)))
            let sorted = values.sorted()
            let chosen = tail == .upper ? sorted.suffix(count) : sorted.prefix(count)
            return chosen.reduce(0, +) / Double(chosen.count)
        case .probabilityBelow(let x):
            return Double(values.count { $0 < x }) / n
        case .probabilityAbove(let x):
            return Double(values.count { $0 > x }) / n
        }
    }

    /// The `p` quantile of sorted values, interpolating linearly between order statistics
    /// (Hyndman and Fan's type 7, the default of R and NumPy).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// A percentile-bootstrap interval of the statistic: `resamples` resamples of the runs
    /// with replacement, drawn from `rng`; nil with fewer than two runs or a NaN value.
    public func bootstrapInterval(
        _ values: [Double], level: Double = 0.95, resamples: Int = 1000, rng: inout Xoshiro256StarStar
    ) -> ClosedRange<Double>? {
        guard values.count >= 2, !values.contains(where: \.isNaN) else { return nil }
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        var sample = values
        for _ in 0..<resamples {
            for i in sample.indices { sample[i] = values[Int(rng.next() % UInt64(values.count))] }
            estimates.append(value(sample))
        }
        estimates.sort()
        let alpha = (1 - level) / 2
        return Self.quantile(estimates, alpha)...Self.quantile(estimates, 1 - alpha)
    }
}
