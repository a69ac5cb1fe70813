import Foundation
import HomeostatTesting
import HomeostatScenario
import HomeostatCore
import Testing
@testable import HomeostatReport

/// Issue #11 (7): clean axis labels, sane axes for constant histograms, uncut parameter labels.
@Suite struct RenderingTests {
    /// The `<text …>label</text>` contents of an SVG.
    func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text").dropFirst().compactMap { part in
            guard let open = part.firstIndex(of: ">"), let close = part.range(of: "</text>") else { return nil }
            return String(part[part.index(after: open)..<close.lowerBound])
        }
    }

    @Test func labelsNeverShowBinaryArtefacts() {
        #expect(AxisTicks.distinctLabels([0.1, 0.15000000000000002]) == ["0.1", "0.15"])
        #expect(AxisTicks.distinctLabels([232473.46230790607, 232473.4623179061]) == ["232473.46231", "232473.46232"])
        let ticks = AxisTicks.linear(0.15000000000000002, 0.15000000000000002)
        #expect(ticks.labels.allSatisfy { $0.count <= 6 }, "\(ticks.labels)")
    }

    @Test func aConstantHistogramHasASaneAxis() {
        let values = [Double](repeating: 232473.46230790607, count: 32)
        let svg = SVGChart.histogram(
            title: "treasury", x: ChartAxis("final treasury_cash", unit: "USD"), histogram: Histogram(values, binCount: 6),
            median: values[0])
        let labels = texts(svg)
        #expect(labels.contains("all 32 runs ≈ 232k"), "\(labels)")
        #expect(!labels.contains { $0.contains("232472") || $0.contains("232474") }, "\(labels)")
        #expect(labels.contains("230k") || labels.contains("220k") || labels.contains("240k"), "\(labels)")
        // Zero: ±½.
        let zeros = SVGChart.histogram(title: "z", x: ChartAxis("x"), histogram: Histogram([0, 0, 0], binCount: 5))
        #expect(texts(zeros).contains("all 3 runs ≈ 0"))
        // Spread values keep their bins.
        let spread = SVGChart.histogram(title: "s", x: ChartAxis("x"), histogram: Histogram([0.2, 0.4, 0.8], binCount: 5))
        #expect(!spread.contains("runs ≈"))
    }

    @Test func longParameterLabelsAreNotCut() {
        let names = ["populations.mercenaries.sell_propensity", "mechanisms.emission.half_life_days", "market.volatility"]
        let rows = names.enumerated().map { i, name in TornadoRow(label: name, bars: [TornadoBar(value: Double(i + 1))]) }
        let svg = SVGChart.tornado(
            title: "t", value: ChartAxis("μ*"), seriesNames: ["μ*"], whiskerLabel: nil, rows: rows)
        // Every text anchored at its end starts inside the canvas.
        for part in svg.components(separatedBy: "<text").dropFirst() where part.contains("text-anchor=\"end\"") {
            let x = Double(part.components(separatedBy: "x=\"")[1].prefix { $0 != "\"" })!
            let text = String(part[part.index(after: part.firstIndex(of: ">")!)...].prefix { $0 != "<" })
            #expect(x - ChartFrame.textWidth(text) >= 0, "\(text) at \(x)")
        }
        let labels = texts(svg)
        #expect(labels.contains("sell_propensity") || labels.contains("populations.mercenaries.sell_propensity"), "\(labels)")
        #expect(labels.contains { $0.hasPrefix("populations.") || $0.hasPrefix("…") })
    }

    /// The page the issue asks for: an infinite metric (attack cost, ∞ in 3 of 8 runs from
    /// day 10), a weekly flow (fees to lockers: 0 on the last day, summarised by its total)
    /// and a constant metric (treasury cash).
    @Test func reportWithInfiniteFlowAndConstantMetricsGolden() throws {
        let runs = (0..<8).map { r in
            var recorder = MetricRecorder(names: ["attack_cost_usd", "fees_to_lockers", "treasury_cash"])
            for day in 1...20 {
                let cost = r < 3 && day >= 10 ? Double.infinity : 1_000_000 + 25_000 * Double(r) + 1_000 * Double(day)
                let fees = day % 7 == 0 ? 100 * Double(r + 1) : 0
                recorder.record(step: day, [cost, fees, 232473.46230790607])
            }
            return recorder
        }
        let input = try RunReportInput(
            metadata: RunMetadata(scenario: "issue 11", seed: 7, version: "0.1.0-test", horizonDays: 20), runs: runs)
        let html = HTMLReport.render(input)
        expectGolden(html, named: "report-infinite-flow-constant.html")
        #expect(html.contains("<td>∞ in 3/8 runs</td>"))
        #expect(html.contains("attack_cost_usd: 3 of 8 final values are infinite; the mean is over the other 5 and has no interval."))
        #expect(html.contains("<td title=\"total over the run\">total</td><td class=\"num\">900</td>"))
        #expect(html.contains("all 8 runs ≈ 232k"))
        #expect(html.contains("some runs are ±∞ on 11 of 20 rows (from day 10)"))
        #expect(!html.contains("232472") && !html.contains("nan"))
    }

    /// Issue #11 (6a): scripted events are marked on the charts over time, and each chart's
    /// data is on the page for the download link.
    @Test func eventMarkersAndChartData() throws {
        var input = try ReportFixtures.smallRun()
        input.events = RunReportInput.markers([
            EventSpec(day: 3, action: .priceShock(change: -0.5)), EventSpec(day: 4, action: .unlock(from: "team", to: "a", amount: 1)),
        ])
        #expect(input.events.map(\.label) == ["price −50%", "unlock"])
        let html = HTMLReport.render(input)
        #expect(html.contains(">price −50%</text>") && html.contains(">unlock</text>"))
        #expect(html.contains("Events: price −50% at 3, unlock at 4."))
        #expect(html.contains("<pre class=\"chart-data\" hidden>day,p5,p25,p50,p75,p95\n1,"))
        #expect(html.contains("<pre class=\"chart-data\" hidden>run,final\n1,"))
        #expect(html.contains("data-x=\""))
        expectSelfContained(html)
    }
}

/// Issue #11 (6a): the compare page draws A and B over time with the paired difference.
@Suite struct CompareOverTimeTests {
    @Test func compareOverTimeHasMediansAndThePairedDifference() throws {
        func run(_ offset: Double, _ r: Int) -> (run: Int, recorder: MetricRecorder) {
            var recorder = MetricRecorder(names: ["price"])
            for day in 1...10 { recorder.record(step: day, [1 + Double(r) * 0.1 + offset * Double(day)]) }
            return (run: r, recorder: recorder)
        }
        let a = (1...5).map { run(0, $0) }
        let b = (1...5).map { run(0.01, $0) }
        let series = CompareOverTime.make(a: a, b: b)
        #expect(series.count == 1)
        let price = try #require(series.first)
        // Same runs: the difference is exactly 0.01 · day in every run, so every band is that.
        #expect(price.difference.p5[9] == price.difference.p95[9])
        #expect(abs(price.difference.p50[9] - 0.1) < 1e-12)
        var input = CompareReportInput(
            metadata: ReportFixtures.metadata, nameA: "base", nameB: "tuned", runCount: 5,
            rows: PairedComparison(nameA: "base", a: a, nameB: "tuned", b: b).reportRows)
        input.overTime = series
        let html = HTMLReport.render(input)
        #expect(html.contains("<section id=\"over-time\">"))
        #expect(html.contains("<title>price: median of base and of tuned</title>"))
        #expect(html.contains("<title>price: tuned − base in the same run</title>"))
        #expect(html.contains("day,median_a,median_b,diff_p5"))
        expectSelfContained(html)
    }
}
