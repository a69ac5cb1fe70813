/// Quantiles over runs at each recorded step, the data of a fan chart.
///
/// Element `r` of every array belongs to recorded row `r` (the step
/// ``EnsembleSummary/steps``[r]). Quantiles are type 7 over the runs' non-NaN values at that
/// row; a row where every run is NaN has NaN quantiles.
public struct QuantileBands: Sendable {
    /// 5th percentile over runs, per recorded row.
    public let p5: [Double]
    /// 25th percentile over runs, per recorded row.
    public let p25: [Double]
    /// Median over runs, per recorded row.
    public let p50: [Double]
    /// 75th percentile over runs, per recorded row.
    public let p75: [Double]
    /// 95th percentile over runs, per recorded row.
    public let p95: [Double]
    /// Number of runs whose value is NaN, per recorded row.
    public let nanCounts: [Int]

    /// Creates bands from per-row quantiles; all arrays must have the same length.
    public init(p5: [Double], p25: [Double], p50: [Double], p75: [Double], p95: [Double], nanCounts: [Int]) {
        precondition(
            [p25.count, p50.count, p75.count, p95.count, nanCounts.count].allSatisfy { $0 == p5.count },
            "quantile bands of different lengths")
        self.p5 = p5
        self.p25 = p25
        self.p50 = p50
        self.p75 = p75
        self.p95 = p95
        self.nanCounts = nanCounts
    }
}
