import HomeostatTesting
import HomeostatCore
import Testing
@testable import HomeostatReport

@Suite struct EnsembleSummaryTests {
    @Test func finalsAreTheLastRowOfEachRun() throws {
        let runs = Fixtures.ensemble()
        let summary = try EnsembleSummary(runs: runs)
        #expect(summary.runCount == 4)
        #expect(summary.steps == [1, 2, 3, 4, 5])
        #expect(summary.metrics.map(\.name) == Fixtures.names)
        let price = try #require(summary.metric("price"))
        let finals = runs.map { $0.series("price")!.last! }
        #expect(price.final.count == 4)
        #expect(close(price.final.mean, Statistics.mean(finals)))
        #expect(price.final.p50 == Statistics.quantile(finals, 0.5))
        #expect(price.final.min == finals.min() && price.final.max == finals.max())
        #expect(price.unit == "USD/token")
        #expect(summary.metric("custom_score")?.unit == nil)
        #expect(summary.metric("nope") == nil)
    }

    @Test func nanFinalsAreSkippedAndCounted() throws {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let realYield = try #require(summary.metric("real_yield"))
        #expect(realYield.final.count == 3 && realYield.final.nanCount == 1)
        let unset = try #require(summary.metric("unset_metric"))
        #expect(unset.final.count == 0 && unset.final.nanCount == 4 && unset.final.mean.isNaN)
        // Step 3 is NaN in every run: its band is NaN, with all four runs counted.
        #expect(realYield.bands.p50[2].isNaN && realYield.bands.nanCounts[2] == 4)
        #expect(realYield.bands.nanCounts[4] == 1)
    }

    @Test func bandsAreQuantilesOverRunsAtEachStep() throws {
        let runs = Fixtures.ensemble(runs: 9, steps: 6)
        let summary = try EnsembleSummary(runs: runs)
        let bands = try #require(summary.metric("locked_share")).bands
        #expect(bands.p5.count == 6)
        for row in 0..<6 {
            let column = runs.map { $0.series("locked_share")![row] }
            #expect(bands.p5[row] == Statistics.quantile(column, 0.05))
            #expect(bands.p25[row] == Statistics.quantile(column, 0.25))
            #expect(bands.p50[row] == Statistics.quantile(column, 0.5))
            #expect(bands.p75[row] == Statistics.quantile(column, 0.75))
            #expect(bands.p95[row] == Statistics.quantile(column, 0.95))
            #expect(bands.p5[row] <= bands.p25[row] && bands.p75[row] <= bands.p95[row])
        }
    }

    @Test func mismatchedRunsAreRejected() {
        var other = MetricRecorder(names: ["price"])
        other.record(step: 1, [1])
        let names = #expect(throws: ReportError.self) { try EnsembleSummary(runs: [Fixtures.ensemble()[0], other]) }
        #expect(names?.code == "RPT001")
        let steps = #expect(throws: ReportError.self) {
            try EnsembleSummary(runs: Fixtures.ensemble(runs: 1, steps: 5) + Fixtures.ensemble(runs: 1, steps: 4))
        }
        #expect(steps?.code == "RPT002")
        #expect(steps?.description.contains("run 1 records 4 steps but run 0 records 5") == true)
        var dup = MetricRecorder(names: ["a", "a"])
        dup.record(step: 1, [1, 2])
        let duplicate = #expect(throws: ReportError.self) { try EnsembleSummary(runs: [dup]) }
        #expect(duplicate?.code == "RPT003")
    }

    @Test func emptyEnsembleHasNoMetrics() throws {
        let summary = try EnsembleSummary(runs: [])
        #expect(summary.runCount == 0 && summary.metrics.isEmpty && summary.steps.isEmpty)
    }
}
