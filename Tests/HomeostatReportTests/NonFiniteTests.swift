import HomeostatCore
import HomeostatScenario
import Testing
@testable import HomeostatReport

/// Issue #11 (2): non-finite values are counted and shown, never dropped silently.
@Suite struct NonFiniteTests {
    @Test func summaryCountsInfinitiesAndAveragesTheRest() {
        let s = Summary([1, 3, .infinity, .infinity, .nan])
        #expect(s.infiniteCount == 2 && s.positiveInfinityCount == 2 && s.finiteCount == 2)
        #expect(s.finiteMean == 2)
        #expect(!s.mean.isFinite)
        #expect(s.nonFiniteNote == "∞ in 2/5; NaN in 1/5")
        #expect(Summary([1, -.infinity]).nonFiniteNote == "−∞ in 1/2")
        #expect(Summary([1, 2]).nonFiniteNote == nil)
    }

    @Test func summaryTableAndJSONShowTheCount() throws {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let table = SummaryTable.render(summary)
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("custom_score") })
        #expect(row.contains("∞ in 1/4 runs") && row.contains(" 300 "))
        #expect(table.contains("note: custom_score: 1 of 4 final values are infinite; the mean is over the other 3"))
        let json = SummaryJSON.render(summary, metadata: WriterTests.metadata)
        #expect(json.contains("\"inf_count\": 1"))
        #expect(json.contains("\"finite_mean\": 300"))
    }

    @Test func compareSaysHowManyPairsItUsed() {
        func run(_ values: [Double]) -> MetricRecorder {
            var r = MetricRecorder(names: ["attack_cost_usd"])
            for (day, v) in values.enumerated() { r.record(step: day + 1, [v]) }
            return r
        }
        let a = [(run: 1, recorder: run([1, 2])), (run: 2, recorder: run([1, .infinity])), (run: 3, recorder: run([1, 4]))]
        let b = [(run: 1, recorder: run([1, 3])), (run: 2, recorder: run([1, 5])), (run: 3, recorder: run([1, .infinity]))]
        let c = PairedComparison(nameA: "a", a: a, nameB: "b", b: b)
        let row = c.rows[0]
        #expect(row.runs == 1 && row.pairs == 3)
        #expect(row.leftOut == { var n = PairedComparison.NonFinitePairs(); n.infiniteA = 1; n.infiniteB = 1; return n }())
        #expect(c.notes == ["attack_cost_usd: 1 of 3 pairs used (∞ in A 1, in B 1)"])
        #expect(c.table().contains("1/3"))
        #expect(CompareWriter.csv(c).contains("attack_cost_usd,USD,final,1,3,2,"))
        #expect(CompareWriter.json(c, seed: 1).contains("\"pairs_infinite_a\": 1"))
    }

    @Test func fanChartDrawsRowsWithAnInfiniteBandEdge() {
        let steps = (1...4).map(Double.init)
        let bands = QuantileBands(
            p5: [1, 1, 1, 1], p25: [2, 2, 2, 2], p50: [3, 3, 3, 3], p75: [4, 4, .infinity, .infinity],
            p95: [5, 5, .infinity, .infinity], nanCounts: [0, 0, 0, 0])
        let svg = SVGChart.fan(title: "t", x: ChartAxis("day"), y: ChartAxis("cost"), steps: steps, bands: bands)
        #expect(!svg.contains("left as gaps"))
        #expect(svg.contains("some runs are ±∞ on 2 of 4 rows (from day 3)"))
        #expect(!svg.contains("NaN") && !svg.contains("=\"inf") && !svg.contains(" inf"), "\(svg)")
    }
}
