import HomeostatTesting
import Foundation
import HomeostatCore
import Testing
@testable import HomeostatReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whether `text` parses as XML; the parser's error otherwise.
func xmlError(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() ? nil : String(describing: parser.parserError)
}

/// Non-overlapping occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// The text of every `<text>` element of an SVG, unescaped enough to compare labels.
func textElements(_ svg: String) -> [String] {
    svg.components(separatedBy: "<text").dropFirst().compactMap { part in
        guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</text>") else { return nil }
        return String(part[part.index(after: start)..<end.lowerBound])
    }
}

@Suite struct MarkupTests {
    @Test func escapesEverythingMarkupCares() {
        #expect(
            Markup.escape("<script>alert('x') & \"y\"</script>")
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(Markup.escape("a\u{01}b\tc\u{7F}") == "a\u{FFFD}b\tc\u{FFFD}")
        #expect(Markup.escape("Δ μ* ≥ 0") == "Δ μ* ≥ 0")
    }

    @Test(arguments: [
        (12.345, "12.35"), (3, "3"), (0.5, "0.5"), (0.05, "0.05"), (-0.001, "0"), (-2.5, "-2.5"),
        (100.1, "100.1"), (Double.nan, "0"), (-1e12, "-1000000000"),
    ])
    func coordinatesHaveAtMostTwoDecimals(_ value: Double, _ text: String) {
        #expect(Markup.number(value) == text)
    }

    @Test func shortNumbersDropTrailingZeros() {
        #expect(Markup.short(0.25) == "0.25")
        #expect(Markup.short(1500) == "1.5k")
        #expect(Markup.short(2_000_000) == "2M")
        #expect(Markup.short(0.0002) == "2e-04")
        #expect(Markup.short(365) == "365")
        #expect(Markup.short(.nan) == "nan")
        #expect(Markup.signed(0.5) == "+0.5" && Markup.signed(-0.5) == "-0.5" && Markup.signed(0) == "0")
        #expect(Markup.percent(0.734) == "73%")
    }
}

@Suite struct AxisTicksTests {
    @Test func linearTicksAreOneTwoFiveSteps() {
        let t = AxisTicks.linear(0, 0.9)
        #expect(t.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(t.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(t.lower == 0 && t.upper == 1)

        let prices = AxisTicks.linear(0.83, 1.27)
        #expect(prices.labels == ["0.8", "0.9", "1", "1.1", "1.2", "1.3"])

        let big = AxisTicks.linear(0, 2_400_000)
        #expect(big.labels == ["0", "500k", "1M", "1.5M", "2M", "2.5M"])

        let negative = AxisTicks.linear(-0.03, 0.006)
        #expect(negative.labels == ["-0.03", "-0.02", "-0.01", "0", "0.01"])
    }

    @Test func ticksLandOnTheDomainEndsWhenTheDataDoes() {
        // 0.3 / 0.1 is 2.9999999999999996: the domain must not grow by a step.
        let t = AxisTicks.linear(0.3, 0.7)
        #expect(t.values.first == 0.3 && t.values.last == 0.7)
    }

    @Test func tightAxesEndAtTheData() {
        let days = AxisTicks.linear(1, 365, tight: true)
        #expect(days.lower == 1 && days.upper == 365)
        #expect(days.values == [100, 200, 300])
        #expect(AxisTicks.linear(0, 400, tight: true).values == [0, 100, 200, 300, 400])
    }

    @Test func closeTicksOfLargeValuesStayDistinct() {
        let t = AxisTicks.linear(999_980, 1_000_020)
        #expect(Set(t.labels).count == t.labels.count)
        #expect(t.labels.contains("1000000"))
    }

    @Test func countsGetWholeTicks() {
        #expect(AxisTicks.linear(0, 3, integer: true).values == [0, 1, 2, 3])
        #expect(AxisTicks.linear(0, 0, integer: true).values == [-1, 0, 1])
    }

    @Test func degenerateRanges() {
        let flat = AxisTicks.linear(5, 5)
        #expect(flat.lower < 5 && flat.upper > 5)
        let none = AxisTicks.linear(.nan, .nan)
        #expect(none.lower == 0 && none.upper == 1)
    }

    @Test func logarithmicTicks() throws {
        let wide = try #require(AxisTicks.logarithmic(0.03, 70))
        #expect(wide.values == [0.01, 0.1, 1, 10, 100])
        #expect(wide.labels == ["0.01", "0.1", "1", "10", "100"])
        let twoDecades = try #require(AxisTicks.logarithmic(0.3, 20))
        #expect(twoDecades.values == [0.2, 0.5, 1, 2, 5, 10, 20])
        // Less than a decade: linear ticks, still placed logarithmically.
        let narrow = try #require(AxisTicks.logarithmic(0.83, 1.27))
        #expect(narrow.logarithmic && narrow.labels == ["0.8", "0.9", "1", "1.1", "1.2", "1.3"])
        #expect(abs(narrow.fraction(1) - (log10(1) - log10(0.8)) / (log10(1.3) - log10(0.8))) < 1e-12)
        #expect(AxisTicks.logarithmic(0, 10) == nil)
        #expect(AxisTicks.logarithmic(-1, 10) == nil)
    }
}

@Suite struct SVGChartTests {
    static func fanOfPrice() throws -> String {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let price = try #require(summary.metric("price"))
        return SVGChart.fan(
            title: "price over time", x: ChartAxis("day"),
            y: ChartAxis("price", unit: "USD/token", scale: .logarithmic),
            steps: summary.steps.map(Double.init), bands: price.bands)
    }

    @Test func fanChartGolden() throws {
        let svg = try Self.fanOfPrice()
        expectGolden(svg, named: "fan-price.svg")
        #expect(xmlError(svg) == nil)
        #expect(svg.contains("<title>price over time</title>"))
        let texts = textElements(svg)
        #expect(texts.contains("price (USD/token)") && texts.contains("day"))
        #expect(texts.contains("5–95% of runs") && texts.contains("25–75% of runs") && texts.contains("median"))
        // Two bands and the median line.
        #expect(occurrences(of: "<path", in: svg) == 3)
    }

    @Test func fanChartLeavesGapsAtNaNRows() throws {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let yield = try #require(summary.metric("real_yield"))
        let svg = SVGChart.fan(
            title: "real yield", x: ChartAxis("day"), y: ChartAxis("real_yield"),
            steps: summary.steps.map(Double.init), bands: yield.bands)
        #expect(xmlError(svg) == nil)
        // Row 3 is NaN in every run: two segments, so two sub-paths per band.
        let outer = try #require(
            svg.components(separatedBy: "\n").first {
                $0.contains("fill=\"\(Palette.outerBand)\"") && $0.hasPrefix("<path")
            })
        #expect(occurrences(of: "M", in: outer) == 2)
        #expect(svg.contains("1 of 5 rows with no finite quantiles left as gaps"))

        let unset = try #require(summary.metric("unset_metric"))
        let empty = SVGChart.fan(
            title: "unset", x: ChartAxis("day"), y: ChartAxis("unset_metric"), steps: summary.steps.map(Double.init),
            bands: unset.bands)
        #expect(xmlError(empty) == nil && empty.contains("no finite values") && !empty.contains("<path"))
    }

    @Test func logScaleFallsBackWhenValuesReachZero() {
        let bands = QuantileBands(
            p5: [-1, 0], p25: [0, 1], p50: [1, 2], p75: [2, 3], p95: [3, 4], nanCounts: [0, 0])
        let svg = SVGChart.fan(
            title: "t", x: ChartAxis("day"), y: ChartAxis("v", scale: .logarithmic), steps: [1, 2], bands: bands)
        #expect(svg.contains("log scale impossible with values ≤ 0; linear scale used"))
    }

    @Test func longSeriesAreThinnedAndSaySo() {
        let n = 2_000
        let values = (0..<n).map { Double($0) }
        let bands = QuantileBands(
            p5: values, p25: values, p50: values, p75: values, p95: values, nanCounts: Array(repeating: 0, count: n))
        let svg = SVGChart.fan(title: "t", x: ChartAxis("day"), y: ChartAxis("v"), steps: values, bands: bands)
        #expect(svg.contains("one row in 3 of 2000 drawn"))
        let median = svg.components(separatedBy: "\n").first {
            $0.contains("stroke=\"\(Palette.median)\" stroke-width=\"2\"") && $0.hasPrefix("<path")
        }
        #expect(occurrences(of: " L", in: median ?? "") == 667)  // rows 0, 3, …, 1998 and 1999
    }

    @Test func histogramGolden() throws {
        var finals: [Double] = (0..<40).map { (i: Int) -> Double in Double(i % 13) * 0.75 + Double(i / 13) * 0.2 }
        let median = Statistics.quantile(finals, 0.5)
        finals += [.nan, .infinity]
        let svg = SVGChart.histogram(
            title: "price: final value over 42 runs", x: ChartAxis("final price", unit: "USD/token"),
            histogram: Histogram(finals, binCount: 7), median: median)
        expectGolden(svg, named: "histogram-price.svg")
        #expect(xmlError(svg) == nil)
        #expect(occurrences(of: "<rect", in: svg) == 1 + 1 + 7)  // background, legend swatch, seven non-empty bins
        #expect(svg.contains("1 NaN not shown; 1 infinite or out-of-range not shown"))
        #expect(textElements(svg).contains("final price (USD/token)") && textElements(svg).contains("runs"))
    }

    @Test func lineChartWithErrorBarsGolden() {
        let svg = SVGChart.line(
            title: "price against fee_share", x: ChartAxis("fee_share"), y: ChartAxis("price", unit: "USD/token"),
            series: [
                LineSeries(
                    name: "max_lock = 1",
                    points: [
                        LinePoint(x: 0.4, y: 1.3, lower: 1.2, upper: 1.4),
                        LinePoint(x: 0.1, y: 1.1, lower: 1, upper: 1.2),
                        LinePoint(x: 0.2, y: 1.2, lower: 1.1, upper: 1.3),
                    ]),
                LineSeries(
                    name: "max_lock = 4",
                    points: [
                        LinePoint(x: 0.1, y: 0.9, lower: 0.85, upper: 0.95), LinePoint(x: 0.2, y: .nan),
                        LinePoint(x: 0.4, y: 2.1, lower: 1.9, upper: 2.3),
                    ]),
            ])
        expectGolden(svg, named: "line-price.svg")
        #expect(xmlError(svg) == nil)
        let texts = textElements(svg)
        #expect(texts.contains("max_lock = 1") && texts.contains("max_lock = 4"))
        #expect(texts.contains("error bars: 95% CI of the mean"))
        #expect(svg.contains("1 point with NaN left out"))
        // Points are joined in order of x whatever their input order.
        #expect(svg.contains("<path d=\"M"))
        #expect(occurrences(of: "<circle", in: svg) == 5 + 1)  // five finite points and the legend swatch
    }

    @Test func heatMapGolden() {
        let svg = SVGChart.heatMap(
            title: "mean price over fee_share and max_lock", x: ChartAxis("fee_share"),
            y: ChartAxis("max_lock", unit: "years"), xValues: [0.1, 0.2, 0.4], yValues: [1, 4],
            values: [[0.6, 0.7, 0.9], [0.9, .nan, 2.1]], value: ChartAxis("mean price", unit: "USD/token"))
        expectGolden(svg, named: "heatmap-price.svg")
        #expect(xmlError(svg) == nil)
        let texts = textElements(svg)
        #expect(
            texts.contains("fee_share") && texts.contains("max_lock (years)")
                && texts.contains("mean price (USD/token)"))
        #expect(svg.contains("fill=\"\(Palette.missing)\"") && svg.contains("grey cells: no finite value (1)"))
        // Extremes of the data get the ends of the colour scale.
        #expect(svg.contains("fill=\"\(Palette.sequential(0))\" stroke=\"#ffffff\""))
        #expect(svg.contains("fill=\"\(Palette.sequential(1))\" stroke=\"#ffffff\""))
        #expect(
            svg.contains("lowest 0.6 at fee_share = 0.1, max_lock = 1; highest 2.1 at fee_share = 0.4, max_lock = 4"))
    }

    @Test func pairedDifferenceGolden() {
        let input = ReportFixtures.comparison()
        let svg = SVGChart.pairedDifference(title: "B − A", nameA: input.nameA, nameB: input.nameB, rows: input.rows)
        expectGolden(svg, named: "paired-difference.svg")
        #expect(xmlError(svg) == nil)
        let texts = textElements(svg)
        #expect(texts.contains("fee switch on beats baseline in 81% of runs"))
        #expect(texts.contains("Δ -125k [-150k, -100k]"))
        #expect(texts.contains("USD/token"))
        // One shared dashed zero line.
        #expect(occurrences(of: "stroke-dasharray=\"4 3\"", in: svg) == 1)
        // Unpaired bars only where given (two rows), plus the legend swatch.
        #expect(occurrences(of: "stroke=\"\(Palette.unpaired)\" stroke-width=\"10\"", in: svg) == 3)
    }

    @Test func tornadoGolden() throws {
        let input = ReportFixtures.morrisAndSobol()
        guard case let .sobol(indices) = input.metrics[1].result else {
            Issue.record("fixture changed")
            return
        }
        let rows = indices.map {
            TornadoRow(
                label: $0.parameter,
                bars: [
                    TornadoBar(
                        value: $0.firstOrder, lower: $0.firstOrderInterval?.lower, upper: $0.firstOrderInterval?.upper),
                    TornadoBar(value: $0.total, lower: $0.totalInterval?.lower, upper: $0.totalInterval?.upper),
                ])
        }
        let svg = SVGChart.tornado(
            title: "locked_share: Sobol indices", value: ChartAxis("Sobol index", unit: "share of variance"),
            seriesNames: ["S1", "ST"], whiskerLabel: "95% CI", rows: rows.reversed())
        expectGolden(svg, named: "tornado-sobol.svg")
        #expect(xmlError(svg) == nil)
        // Sorted by the first series, largest first, whatever the input order.
        let labels = textElements(svg).filter { ["fee_share", "max_lock", "volatility"].contains($0) }
        #expect(labels == ["fee_share", "max_lock", "volatility"])
        #expect(textElements(svg).contains("Sobol index (share of variance)"))
        #expect(textElements(svg).contains("whiskers: 95% CI"))
    }

    @Test func textIsEscapedInCharts() {
        let hostile = "<script>alert(1)</script> & \"co\""
        let svg = SVGChart.line(
            title: hostile, x: ChartAxis(hostile, unit: "<u>"), y: ChartAxis("y"),
            series: [LineSeries(name: hostile, points: [LinePoint(x: 1, y: 1)]), LineSeries(name: "b", points: [])])
        #expect(!svg.contains("<script") && !svg.contains("<u>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"))
        #expect(xmlError(svg) == nil)
    }

    @Test func chartsAreDeterministic() throws {
        #expect(try Self.fanOfPrice() == Self.fanOfPrice())
    }
}
