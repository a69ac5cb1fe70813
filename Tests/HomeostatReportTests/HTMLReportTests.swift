import HomeostatTesting
import Foundation
import HomeostatCore
import HomeostatScenario
import Testing
@testable import HomeostatReport

/// The `<svg …>` elements of a page, each from `<svg` to `</svg>`.
func svgElements(_ html: String) -> [String] {
    html.components(separatedBy: "<svg ").dropFirst().map {
        "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
    }
}

/// Checks that a page needs nothing from outside: no script, no link, no external URL
/// (the SVG namespace is a name, not a fetch).
///
/// - Parameter anyURLText: Whether to fail on `http:` anywhere, even as inert text (off for
///   pages made from hostile text that mentions a URL).
func expectSelfContained(_ html: String, anyURLText: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
    // Issue #11: the one script a page may carry is the report's own, inline, without
    // network access; anything else is still refused.
    let ownScript = "<script>\n" + HTMLPage.script + "</script>\n"
    #expect(occurrences(of: "<script", in: html) == (html.contains(ownScript) ? 1 : 0), sourceLocation: sourceLocation)
    for needle in ["fetch(", "xmlhttprequest", "websocket", "import(", "eval(", "sendbeacon", ".src"] {
        #expect(!HTMLPage.script.lowercased().contains(needle), "script uses \(needle)", sourceLocation: sourceLocation)
    }
    let lower = html.replacingOccurrences(of: ownScript, with: "").lowercased()
    for needle in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", " src=\"", " href=\"http",
    ] {
        #expect(!lower.contains(needle), "found \(needle)", sourceLocation: sourceLocation)
    }
    if anyURLText {
        let withoutNamespace = lower.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(
            !withoutNamespace.contains("http:") && !withoutNamespace.contains("https:"), sourceLocation: sourceLocation)
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n") && html.hasSuffix("</html>\n"), sourceLocation: sourceLocation)
}

@Suite struct HTMLReportTests {
    @Test func runReportGolden() throws {
        let html = HTMLReport.render(try ReportFixtures.smallRun())
        expectGolden(html, named: "report-small.html")
        expectSelfContained(html)
        for svg in svgElements(html) { #expect(xmlError(svg) == nil) }
    }

    @Test func everyMetricHasAFanChartAndAHistogram() throws {
        let input = try ReportFixtures.smallRun()
        let html = HTMLReport.render(input)
        let metrics = input.summary.metrics.map(\.name)
        #expect(metrics.count == 6)
        #expect(occurrences(of: "<svg ", in: html) == 2 * metrics.count)
        #expect(occurrences(of: "class=\"chart fan\"", in: html) == metrics.count)
        #expect(occurrences(of: "class=\"chart histogram\"", in: html) == metrics.count)
        for name in metrics {
            let slug = name.replacingOccurrences(of: "_", with: "-")
            #expect(html.contains("<figure id=\"fan-\(slug)\">\n<svg "), "fan chart of \(name)")
            #expect(html.contains("<figure id=\"histogram-\(slug)\">\n<svg "), "histogram of \(name)")
            #expect(html.contains("<title>\(name) over time</title>"))
        }
        // The fan charts come before the histograms, the summary before both.
        let summary = try #require(html.range(of: "<section id=\"summary\">"))
        let fans = try #require(html.range(of: "<section id=\"over-time\">"))
        let finals = try #require(html.range(of: "<section id=\"final-values\">"))
        #expect(summary.lowerBound < fans.lowerBound && fans.lowerBound < finals.lowerBound)
    }

    @Test func summaryTableComesFirstWithKeyFigures() throws {
        let input = try ReportFixtures.smallRun()
        let html = HTMLReport.render(input)
        let firstSVG = try #require(html.range(of: "<svg "))
        let table = try #require(html.range(of: "<caption>Key figures: per-run statistic over 4 runs</caption>"))
        #expect(table.lowerBound < firstSVG.lowerBound)
        let price = try #require(input.summary.metric("price"))
        let row =
            "<tr><td title=\"price of the token at the end of the day\">price</td><td>USD/token</td>"
            + "<td title=\"final value\">final</td><td class=\"num\">\(Markup.short(price.final.mean))</td>"
        #expect(html.contains(row))
        #expect(html.contains("<th scope=\"row\">master seed</th><td>42</td>"))
        #expect(html.contains("<li>population lockers: 1000 agents</li>"))
        #expect(html.contains("<h1>ve-economy (fixture)</h1>"))
        // real_yield is a rate, summarised by its time-weighted mean (no run is NaN throughout);
        // by its final value, one run is NaN and the page says so.
        #expect(!html.contains("real_yield: 1 of 4"))
        let finals = try RunReportInput(metadata: ReportFixtures.metadata, runs: Fixtures.ensemble(), statistic: .final)
        #expect(HTMLReport.render(finals).contains("real_yield: 1 of 4 final values are NaN and were left out."))
    }

    @Test func emptyEnsembleGivesAPageWithoutCharts() throws {
        let input = try RunReportInput(metadata: ReportFixtures.metadata, runs: [])
        let html = HTMLReport.render(input)
        expectSelfContained(html)
        #expect(occurrences(of: "<svg ", in: html) == 0)
        #expect(html.contains("<caption>Key figures: per-run statistic over 0 runs</caption>"))
    }

    @Test func nonFiniteIntervalsShowADash() throws {
        let html = HTMLReport.render(try ReportFixtures.smallRun())
        // custom_score has an infinite final value: no interval, rather than "nan – nan".
        // Issue #11 (2): the mean is over the 3 finite runs, the infinite one is counted.
        let mean = Markup.short(Statistics.mean([150.0, 300, 450].map { $0 }))
        #expect(html.contains("<tr><td>custom_score</td><td></td><td title=\"final value\">final</td><td class=\"num\">\(mean)</td><td class=\"num\">–</td>"))
        #expect(html.contains("<td>∞ in 1/4 runs</td></tr>"))
        #expect(html.contains("custom_score: 1 of 4 final values are infinite; the mean is over the other 3 and has no interval."))
        #expect(!html.contains("nan – nan"))
    }

    @Test func scriptInAScenarioNameIsInert() throws {
        var input = try ReportFixtures.smallRun()
        input.metadata.scenario = "<script>alert('owned')</script>"
        input.scenarioDescription = "</p><script src=\"https://evil.example/x.js\"></script>"
        input.details = ["<img src=x onerror=alert(1)>"]
        let html = HTMLReport.render(input)
        expectSelfContained(html, anyURLText: false)
        #expect(html.contains("&lt;/p&gt;&lt;script src=&quot;https://evil.example/x.js&quot;&gt;"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("<title>&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; — Homeostat report</title>"))
        #expect(html.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"))

        var sweep = ReportFixtures.gridSweep()
        sweep.metadata.scenario = "<script>x</script>"
        sweep.parameters[0].name = "<b>fee</b>"
        let sweepHTML = HTMLReport.render(sweep)
        #expect(!sweepHTML.contains("<script") && !sweepHTML.contains("<b>"))
        for svg in svgElements(sweepHTML) { #expect(xmlError(svg) == nil) }
    }

    @Test func logScaleIsUsedForPriceOnly() throws {
        let html = HTMLReport.render(try ReportFixtures.realisticRun())
        let fans = svgElements(html).filter { $0.contains("class=\"chart fan\"") }
        #expect(fans.count == 5)
        // The realistic price spans more than a decade: 1-2-5 ticks of a log axis, which a
        // linear axis over the same range (steps of 1) would not have.
        let price = try #require(fans.first { $0.contains("<title>price over time</title>") })
        let labels = textElements(price)
        #expect(["0.2", "0.5", "1", "2"].allSatisfy(labels.contains), "\(labels)")
        let lockedShare = try #require(fans.first { $0.contains("<title>locked_share over time</title>") })
        #expect(textElements(lockedShare).contains("0.4") && !textElements(lockedShare).contains("0.5"))
    }

    @Test func sweepWithTwoParametersOnAGrid() {
        let input = ReportFixtures.gridSweep()
        let html = HTMLReport.render(input)
        expectSelfContained(html)
        #expect(occurrences(of: "class=\"chart heatmap\"", in: html) == 2)
        #expect(occurrences(of: "class=\"chart line\"", in: html) == 2)
        #expect(html.contains("<td>6 (full grid)</td>"))
        #expect(html.contains("<th scope=\"row\">parameter max_lock (years)</th><td>1 … 4 (2 values)</td>"))
        // Lowest and highest mean price and where.
        #expect(html.contains("<td class=\"num\">0.6</td><td>fee_share = 0.1, max_lock = 1</td>"))
        #expect(html.contains("<td class=\"num\">2.1</td><td>fee_share = 0.4, max_lock = 4</td>"))
        #expect(html.contains("<summary>6 points</summary>"))
        for svg in svgElements(html) { #expect(xmlError(svg) == nil) }
    }

    @Test func sweepWithOneParameter() {
        let html = HTMLReport.render(ReportFixtures.oneParameterSweep())
        #expect(occurrences(of: "<svg ", in: html) == 1)
        #expect(occurrences(of: "class=\"chart line\"", in: html) == 1)
        #expect(html.contains("error bars: 95% CI of the mean"))
    }

    @Test func zippedSweepIsNotDrawnAsAGrid() {
        let html = HTMLReport.render(ReportFixtures.zipSweep())
        #expect(occurrences(of: "class=\"chart heatmap\"", in: html) == 0)
        // One scatter per parameter, points not joined.
        #expect(occurrences(of: "class=\"chart line\"", in: html) == 2)
        #expect(!html.contains("<path d=\"M"))
        #expect(html.contains("<td>3</td>"))
    }

    @Test func comparisonReport() {
        let html = HTMLReport.render(ReportFixtures.comparison())
        expectSelfContained(html)
        #expect(occurrences(of: "<svg ", in: html) == 1)
        #expect(occurrences(of: "class=\"chart paired-difference\"", in: html) == 1)
        #expect(html.contains("<h1>baseline vs fee switch on</h1>"))
        #expect(html.contains("<td class=\"num\">81%</td>"))
        // Interval widths: paired ±0.011, unpaired ±0.09: about 8.2 times wider.
        #expect(html.contains("<td class=\"num\">0.09</td><td class=\"num\">8.182×</td>"))
        #expect(xmlError(svgElements(html)[0]) == nil)
    }

    @Test func sensitivityReport() {
        let input = ReportFixtures.morrisAndSobol()
        let html = HTMLReport.render(input)
        expectSelfContained(html)
        #expect(occurrences(of: "class=\"chart tornado\"", in: html) == input.metrics.count)
        #expect(html.contains("Morris screening and Sobol indices"))
        #expect(html.contains("<td>volatility</td><td>μ* = 0.4, σ = 0.3</td>"))
        #expect(
            html.contains("<td>fee_share</td><td>ST = 0.62, S1 = 0.5</td><td>ΣS1 = 0.69 (interactions ≈ 0.31)</td>"))
        #expect(html.contains("whiskers: μ* ± σ") && html.contains("whiskers: 95% CI"))
        for svg in svgElements(html) { #expect(xmlError(svg) == nil) }
    }

    @Test func writeReplacesTheFileWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = HTMLReport.render(ReportFixtures.comparison())
        let path = dir.appendingPathComponent("report.html").path
        try HTMLReport.write(html, to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(html.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
        let error = #expect(throws: ReportError.self) {
            try HTMLReport.write(html, to: dir.path + "/missing/report.html")
        }
        #expect(error?.code == "RPT004")
    }

    @Test func slugsAreDistinct() {
        var slugs = Slugs()
        #expect(slugs.make("fan", "locked_share") == "fan-locked-share")
        #expect(slugs.make("fan", "locked.share") == "fan-locked-share-2")
        #expect(slugs.make("fan", "<>") == "fan-x")
        #expect(slugs.make("fan", "Ünïcode ok") == "fan-n-code-ok")
    }
}
