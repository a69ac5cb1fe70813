import HomeostatCore
import HomeostatScenario
import Testing
@testable import HomeostatReport

/// Issue #11 (4): intervals respect the metric's domain.
@Suite struct MeanIntervalTests {
    /// A count that is 0 in most runs: the t interval reaches below zero, the bootstrap
    /// interval does not.
    @Test func aNonNegativeMetricsIntervalStaysNonNegativeOnASkewedSample() throws {
        let sample = [Double](repeating: 0, count: 29) + [1, 3, 12]
        let t = try #require(Statistics.meanConfidenceInterval(sample))
        #expect(t.lower < 0)
        let bounded = try #require(MeanInterval.of(sample, domain: .nonNegative))
        #expect(bounded.method == .bootstrapPercentile)
        #expect(bounded.interval.lower >= 0 && bounded.interval.upper > Statistics.mean(sample))
        #expect(bounded.interval.lower <= Statistics.mean(sample))
        // Deterministic: the same sample in another order gives the same bits.
        #expect(MeanInterval.of(sample.reversed(), domain: .nonNegative) == bounded)
    }

    @Test func aShareStaysInTheUnitInterval() throws {
        let sample = [Double](repeating: 1, count: 14) + [0.2, 0.9]
        #expect(try #require(Statistics.meanConfidenceInterval(sample)).upper > 1)
        let bounded = try #require(MeanInterval.of(sample, domain: .unitInterval))
        #expect(bounded.interval.upper <= 1 && bounded.interval.lower >= 0.2)
        // A constant sample: a point interval.
        #expect(MeanInterval.of([0.5, 0.5, 0.5], domain: .unitInterval)?.interval == ConfidenceInterval(lower: 0.5, upper: 0.5, level: 0.95))
    }

    @Test func unboundedMetricsKeepTheStudentInterval() throws {
        let sample = [-3.0, 1, 2, 10]
        let interval = try #require(MeanInterval.of(sample, domain: .unbounded))
        #expect(interval.method == .studentT)
        #expect(interval.interval == Statistics.meanConfidenceInterval(sample))
        #expect(MeanInterval.of([1, .infinity, .nan], domain: .unbounded) == nil)
    }

    @Test func summaryAndSweepUseTheDomain() throws {
        let runs = (0..<20).map { r in
            var recorder = MetricRecorder(names: ["proposals_executed", "lp_pnl:lps"])
            recorder.record(step: 1, [r < 17 ? 1 : 0, Double(r) - 10])
            return recorder
        }
        let summary = try EnsembleSummary(runs: runs)
        let executed = try #require(summary.metric("proposals_executed")?.meanInterval)
        #expect(executed.method == .bootstrapPercentile && executed.interval.upper <= 1)
        #expect(summary.metric("lp_pnl:lps")?.meanInterval?.method == .studentT)
        let json = SummaryJSON.render(summary, metadata: WriterTests.metadata)
        #expect(json.contains("\"mean_ci_method\": \"bootstrap_percentile\""))
        #expect(json.contains("\"mean_ci_method\": \"t\""))
    }
}
