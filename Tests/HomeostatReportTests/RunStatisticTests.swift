import HomeostatCore
import HomeostatScenario
import Testing
@testable import HomeostatReport

/// Issue #11 (1): each metric declares how a run summarises it, and the summaries use it.
@Suite struct RunStatisticTests {
    @Test func parsesEveryStatisticAndRefusesOthers() {
        for text in ["final", "mean", "total", "min", "max", "p0", "p5", "p95", "p100"] {
            #expect(SeriesStatistic(parsing: text)?.description == text)
        }
        for text in ["", "p", "p101", "p-1", "p9x", "median", "Total"] { #expect(SeriesStatistic(parsing: text) == nil, "\(text)") }
    }

    @Test func aFlowsSummaryIsItsSum() {
        let column = [0.0, 0, 0, 0, 0, 0, 70, 0, 0, 0, 0, 0, 0, 70.5]
        #expect(SeriesStatistic.total.value(of: column) == 140.5)
        #expect(SeriesStatistic.final.value(of: [1, 2, 0]) == 0)
        #expect(SeriesStatistic.mean.value(of: [1, .nan, 3]) == 2)
        #expect(SeriesStatistic.min.value(of: [4, .nan, 3]) == 3)
        #expect(SeriesStatistic.max.value(of: [4, .nan, 3]) == 4)
        #expect(SeriesStatistic.percentile(50).value(of: [4, 1, 3, 2]) == 2.5)
        #expect(SeriesStatistic.total.value(of: [.nan, .nan]).isNaN)
        // Every 7th day recorded: each recorded day stands for the week it ends.
        #expect(SeriesStatistic.total.value(of: [1, 2, 3], steps: [1, 8, 15]) == 1 + 14 + 21)
        #expect(SeriesStatistic.mean.value(of: [1, 2, 3], steps: [1, 8, 15]) == 36.0 / 15)
    }

    @Test func metricsDeclareKindDirectionAndDomain() {
        #expect(MetricInfo.semantics("fees_to_lockers") == MetricSemantics(.flow, .higherIsBetter, .nonNegative))
        #expect(MetricInfo.statistic("fees_to_lockers") == .total)
        #expect(MetricInfo.statistic("price") == .final)
        #expect(MetricInfo.statistic("real_yield") == .mean)
        #expect(MetricInfo.semantics("sell_pressure").direction == .lowerIsBetter)
        #expect(MetricInfo.semantics("locked_share").domain == .unitInterval)
        #expect(MetricInfo.semantics("gauge_emission:core").kind == .flow)
        #expect(MetricInfo.semantics("pool_lvr:main").direction == .lowerIsBetter)
        #expect(MetricInfo.semantics("lp_pnl:lps").domain == .unbounded)
        #expect(MetricInfo.semantics("custom") == .unknown)
        #expect(MetricInfo.statistic("price", chosen: .max) == .max)
        // Every metric the engine knows declares its semantics.
        for m in MetricName.allCases { _ = m.semantics }
    }

    /// Weekly payouts: a flow that is 0 on the last day of every run is summarised by its
    /// total, not by its (zero) final value.
    @Test func weeklyFlowIsSummarisedByItsTotal() throws {
        let runs = (0..<3).map { r in
            var recorder = MetricRecorder(names: ["fees_to_lockers", "price"])
            for day in 1...10 { recorder.record(step: day, [day == 7 ? 100 * Double(r + 1) : 0, 1 + Double(day)]) }
            return recorder
        }
        let summary = try EnsembleSummary(runs: runs)
        let fees = try #require(summary.metric("fees_to_lockers"))
        #expect(fees.final.mean == 0)
        #expect(fees.statistic == .total)
        #expect(fees.overRuns.mean == 200)
        let price = try #require(summary.metric("price"))
        #expect(price.statistic == .final && price.overRuns.mean == 11)
        // A chosen statistic applies to every metric.
        let maxima = try EnsembleSummary(runs: runs, statistic: .max)
        #expect(maxima.metric("fees_to_lockers")?.overRuns.mean == 200)
        #expect(maxima.metric("price")?.overRuns.mean == 11)
        let text = SummaryTable.render(summary)
        #expect(text.contains("fees_to_lockers  USD        total"))
        // Compare pairs the same statistic.
        let a = runs.enumerated().map { (run: $0.offset + 1, recorder: $0.element) }
        let comparison = PairedComparison(nameA: "a", a: a, nameB: "b", b: a)
        #expect(comparison.rows.first { $0.metric == "fees_to_lockers" }?.meanA == 200)
        #expect(comparison.rows.first { $0.metric == "fees_to_lockers" }?.statistic == .total)
    }
}
