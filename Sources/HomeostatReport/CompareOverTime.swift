public import HomeostatCore

/// One metric of a paired comparison over time: the median over runs of A and of B at each
/// recorded day, and the quantile bands over runs of the paired difference `B_r − A_r` (run
/// `r` of both designs saw the same random numbers).
public struct CompareOverTime: Sendable {
    /// The metric's name.
    public var metric: String
    /// The recorded days.
    public var steps: [Double]
    /// Median over runs of A, per day.
    public var medianA: [Double]
    /// Median over runs of B, per day.
    public var medianB: [Double]
    /// Quantile bands over runs of `B − A`, per day.
    public var difference: QuantileBands

    /// The metrics both designs record on the same days, paired by run index.
    ///
    /// - Complexity: O(metrics × days × runs log runs).
    public static func make(
        a: [(run: Int, recorder: MetricRecorder)], b: [(run: Int, recorder: MetricRecorder)]
    ) -> [CompareOverTime] {
        let bByRun = Dictionary(b.map { ($0.run, $0.recorder) }, uniquingKeysWith: { first, _ in first })
        let pairs = a.compactMap { entry in bByRun[entry.run].map { (entry.recorder, $0) } }
        guard let (firstA, firstB) = pairs.first, firstA.steps == firstB.steps,
              pairs.allSatisfy({ $0.0.steps == firstA.steps && $0.1.steps == firstA.steps })
        else { return [] }
        let days = firstA.rowCount
        var out: [CompareOverTime] = []
        for name in firstA.names where firstB.names.contains(name) {
            var medianA: [Double] = [], medianB: [Double] = []
            var p5: [Double] = [], p25: [Double] = [], p50: [Double] = [], p75: [Double] = [], p95: [Double] = []
            var nans: [Int] = []
            for row in 0..<days {
                let xa = pairs.compactMap { $0.0.series(name)?[row] }
                let xb = pairs.compactMap { $0.1.series(name)?[row] }
                medianA.append(Statistics.quantile(xa, 0.5))
                medianB.append(Statistics.quantile(xb, 0.5))
                let d = zip(xa, xb).map { $1 - $0 }
                let sorted = d.filter { !$0.isNaN }.sorted()
                p5.append(Statistics.quantile(sorted: sorted, 0.05))
                p25.append(Statistics.quantile(sorted: sorted, 0.25))
                p50.append(Statistics.quantile(sorted: sorted, 0.5))
                p75.append(Statistics.quantile(sorted: sorted, 0.75))
                p95.append(Statistics.quantile(sorted: sorted, 0.95))
                nans.append(d.count - sorted.count)
            }
            out.append(
                CompareOverTime(
                    metric: name, steps: firstA.steps.map(Double.init), medianA: medianA, medianB: medianB,
                    difference: QuantileBands(p5: p5, p25: p25, p50: p50, p75: p75, p95: p95, nanCounts: nans)))
        }
        return out
    }
}
