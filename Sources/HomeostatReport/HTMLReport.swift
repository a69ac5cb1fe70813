import HomeostatScenario

/// The HTML report: one self-contained page per experiment (ensemble, sweep, comparison,
/// sensitivity analysis) with its charts as inline SVG.
///
/// A page needs no network and no script: the style sheet is inline, the charts are
/// ``SVGChart`` output, and there is no external URL. It starts with a header (the
/// scenario's name and how the numbers were made), then a summary with a table of the
/// scenario and a table of key figures, then the charts. Rendering is a pure function of the
/// input, so a page can be golden-tested; all text from the input is HTML-escaped.
public enum HTMLReport {
    /// A number for a chart's CSV download: shortest round trip, `inf`/`-inf`, empty for NaN.
    static func csvNumber(_ x: Double) -> String {
        x.isNaN ? "" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : NumberFormat.roundTrip(x)
    }

    // MARK: Ensemble

    /// The report of a Monte Carlo ensemble.
    ///
    /// Sections: *Summary* (scenario, runs, seed, version; per metric the mean of its final
    /// value with the 95% confidence interval of that mean and the 5th, 50th and 95th
    /// percentiles), *Over time* (a fan chart per metric) and *Final values* (a histogram per
    /// metric).
    ///
    /// - Parameter input: The ensemble's summary and final values.
    /// - Returns: The page, `<!DOCTYPE html>` to `</html>`.
    public static func render(_ input: RunReportInput) -> String {
        let meta = input.metadata
        let summary = input.summary
        let runs = Markup.count(summary.runCount, "run")

        var keyFigures: [[HTMLPage.Cell]] = []
        var notes: [String] = []
        for metric in summary.metrics {
            let f = metric.overRuns
            let interval = f.infiniteCount > 0 ? nil : metric.meanInterval.map(\.interval).flatMap {
                $0.lower.isFinite && $0.upper.isFinite ? $0 : nil
            }
            keyFigures.append([
                HTMLPage.Cell(metric.name, hint: MetricInfo.meaning(metric.name)),
                HTMLPage.Cell(metric.unit ?? ""),
                HTMLPage.Cell(metric.statistic.description, hint: metric.statistic.phrase),
                .number(f.finiteMean),
                HTMLPage.Cell(
                    interval.map { "\(Markup.short($0.lower)) – \(Markup.short($0.upper))" } ?? "–", numeric: true),
                .number(f.p5), .number(f.p50), .number(f.p95),
                HTMLPage.Cell(f.infiniteCount > 0 ? (f.nonFiniteNote ?? "").split(separator: ";").map(String.init)[0] + " runs" : ""),
            ])
            if f.infiniteCount > 0 {
                notes.append(
                    "\(metric.name): \(f.infiniteCount) of \(summary.runCount) \(metric.statistic.phrase)s are infinite; "
                        + "the mean is over the other \(f.finiteCount) and has no interval.")
            }
            if f.nanCount > 0 {
                notes.append(
                    "\(metric.name): \(f.nanCount) of \(summary.runCount) \(metric.statistic.phrase)s are NaN and were left out.")
            }
        }
        var summaryContent = ""
        if !input.scenarioDescription.isEmpty { summaryContent += HTMLPage.paragraph(input.scenarioDescription) }
        summaryContent += HTMLPage.list(input.details)
        summaryContent += "<div class=\"tables\">\n"
        summaryContent += HTMLPage.keyValueTable(
            caption: "Scenario",
            [
                ("scenario", meta.scenario), ("runs", String(summary.runCount)),
                ("horizon", Markup.count(meta.horizonDays, "day")),
                ("recorded steps", String(summary.steps.count)), ("metrics", String(summary.metrics.count)),
                ("master seed", String(meta.seed)), ("Homeostat", meta.version),
            ])
        summaryContent += HTMLPage.table(
            caption: "Key figures: per-run statistic over \(runs)",
            header: [
                HTMLPage.Cell("metric"), HTMLPage.Cell("unit"), HTMLPage.Cell("per run"), HTMLPage.Cell("mean", numeric: true),
                HTMLPage.Cell("95% CI of mean", numeric: true), HTMLPage.Cell("p5", numeric: true),
                HTMLPage.Cell("median", numeric: true), HTMLPage.Cell("p95", numeric: true),
                HTMLPage.Cell("not finite"),
            ],
            rows: keyFigures, className: "figures")
        summaryContent += "</div>\n"
        summaryContent += HTMLPage.paragraph(
            "Per run: a stock is summarised by its final value, a flow by its total over the run, a rate by its "
                + "time-weighted mean (or the statistic asked for with --statistic). Intervals of the mean: "
                + "\(MeanInterval.Method.bootstrapPercentile.phrase) for metrics bounded to [0, ∞) or [0, 1], so they stay "
                + "inside; Student t for unbounded ones.", className: "note")
        for note in notes { summaryContent += HTMLPage.paragraph(note, className: "note") }
        summaryContent += HTMLPage.navigation([("over-time", "Metrics over time"), ("final-values", "Per-run values")])

        var slugs = Slugs()
        let steps = summary.steps.map(Double.init)
        var fans: [String] = []
        var histograms: [String] = []
        for (index, metric) in summary.metrics.enumerated() {
            let meaning = MetricInfo.meaning(metric.name)
            let scale: ChartAxis.Scale = input.logScaleMetrics.contains(metric.name) ? .logarithmic : .linear
            let fan = SVGChart.fan(
                title: "\(metric.name) over time", x: ChartAxis("day"),
                y: ChartAxis(metric.name, unit: metric.unit, scale: scale), steps: steps, bands: metric.bands,
                markers: input.events)
            let b = metric.bands
            let fanData = "day,p5,p25,p50,p75,p95\n" + steps.indices.map { r in
                ([steps[r], b.p5[r], b.p25[r], b.p50[r], b.p75[r], b.p95[r]]).map(csvNumber).joined(separator: ",")
            }.joined(separator: "\n") + "\n"
            fans.append(HTMLPage.figure(id: slugs.make("fan", metric.name), svg: fan, caption: meaning, data: fanData))

            let finals = input.finals[index]
            let finiteCount = finals.filter(\.isFinite).count
            let bins = Swift.min(40, Swift.max(5, Int(Double(finiteCount).squareRoot().rounded(.up))))
            let histogram = SVGChart.histogram(
                title: "\(metric.name): \(metric.statistic.phrase) in each of \(runs)",
                x: ChartAxis("\(metric.statistic.description) \(metric.name)", unit: metric.unit),
                histogram: Histogram(finals, binCount: bins), median: metric.overRuns.p50)
            let histogramData = "run,\(metric.statistic.description)\n"
                + finals.enumerated().map { "\($0.offset + 1),\(csvNumber($0.element))" }.joined(separator: "\n") + "\n"
            histograms.append(
                HTMLPage.figure(
                    id: slugs.make("histogram", metric.name), svg: histogram, caption: meaning, data: histogramData))
        }

        var body = HTMLPage.section(id: "summary", heading: "Summary", content: summaryContent)
        body += HTMLPage.section(
            id: "over-time", heading: "Metrics over time",
            intro: "For every day, the spread of each metric over the \(runs): the light band holds the middle "
                + "90% of runs (5th to 95th percentile), the dark band the middle 50%, the line is the median.",
            content: HTMLPage.charts(fans))
        body += HTMLPage.section(
            id: "final-values", heading: "Per-run values",
            intro: "The distribution over runs of each metric's per-run statistic: the value on the last recorded day "
                + "for a stock, the total over the run for a flow, the time-weighted mean for a rate; the dashed line "
                + "is the median.",
            content: HTMLPage.charts(histograms))
        return HTMLPage.document(
            title: "\(meta.scenario) — Homeostat report", heading: meta.scenario,
            subtitle: "Monte Carlo ensemble · \(runs) × \(Markup.count(meta.horizonDays, "day")) · "
                + "master seed \(meta.seed) · Homeostat \(meta.version)",
            body: body, footer: footer(meta))
    }

    // MARK: Sweep

    /// The report of a parameter sweep.
    ///
    /// Per metric: with one parameter, a line chart of the mean against it with error bars;
    /// with two parameters forming a full grid, a heat map of the mean and a line chart
    /// against the first parameter with one line per value of the second (up to eight);
    /// otherwise, one scatter chart with error bars against each parameter. The summary
    /// lists the parameters and, per metric, the lowest and highest mean and where they
    /// occur; a collapsed table lists every point.
    ///
    /// - Parameter input: The sweep's points and per-point means and intervals.
    /// - Returns: The page.
    public static func render(_ input: SweepReportInput) -> String {
        let meta = input.metadata
        let level = Markup.percent(input.confidenceLevel)
        let parameters = input.parameters
        let points = input.points
        func at(_ i: Int) -> String {
            zip(parameters, points[i]).map { "\($0.0.name) = \(Markup.short($0.1))" }.joined(separator: ", ")
        }
        let grid = parameters.count == 2 ? Grid(points) : nil

        var facts: [(String, String)] = [("scenario", meta.scenario)]
        for (j, p) in parameters.enumerated() {
            let values = Set(points.map { $0[j] }).sorted()
            let range =
                values.isEmpty ? "no values" : "\(Markup.short(values[0])) … \(Markup.short(values[values.count - 1]))"
            let label = "parameter \(Markup.labelled(p.name, unit: p.unit))"
            facts.append((label, "\(range) (\(Markup.count(values.count, "value")))"))
        }
        facts += [
            ("points", String(points.count) + (grid != nil ? " (full grid)" : "")),
            ("runs per point", String(input.runsPerPoint)), ("horizon", Markup.count(meta.horizonDays, "day")),
            ("master seed", String(meta.seed)), ("Homeostat", meta.version),
        ]
        var keyFigures: [[HTMLPage.Cell]] = []
        for metric in input.metrics {
            let finite = metric.means.indices.filter { metric.means[$0].isFinite }
            let low = finite.min { metric.means[$0] < metric.means[$1] }
            let high = finite.max { metric.means[$0] < metric.means[$1] }
            keyFigures.append([
                HTMLPage.Cell(metric.name, hint: MetricInfo.meaning(metric.name)),
                HTMLPage.Cell(metric.unit ?? ""),
                low.map { .number(metric.means[$0]) } ?? HTMLPage.Cell("–", numeric: true),
                HTMLPage.Cell(low.map(at) ?? "–"),
                high.map { .number(metric.means[$0]) } ?? HTMLPage.Cell("–", numeric: true),
                HTMLPage.Cell(high.map(at) ?? "–"),
            ])
        }
        var summaryContent = input.scenarioDescription.isEmpty ? "" : HTMLPage.paragraph(input.scenarioDescription)
        summaryContent += "<div class=\"tables\">\n"
        summaryContent += HTMLPage.keyValueTable(caption: "Sweep", facts)
        summaryContent += HTMLPage.table(
            caption: "Key figures: mean final value over \(Markup.count(input.runsPerPoint, "run")) per point",
            header: [
                HTMLPage.Cell("metric"), HTMLPage.Cell("unit"), HTMLPage.Cell("lowest mean", numeric: true),
                HTMLPage.Cell("at"), HTMLPage.Cell("highest mean", numeric: true), HTMLPage.Cell("at"),
            ],
            rows: keyFigures, className: "figures")
        summaryContent += "</div>\n"
        summaryContent += unstablePoints(input, at: at)

        var slugs = Slugs()
        var body = HTMLPage.section(id: "summary", heading: "Summary", content: summaryContent)
        let interval = "\(level) CI of the mean"
        for metric in input.metrics {
            let axis = ChartAxis(metric.name, unit: metric.unit)
            var figures: [String] = []
            func point(_ i: Int, x: Double) -> LinePoint {
                LinePoint(x: x, y: metric.means[i], lower: metric.lower[i], upper: metric.upper[i])
            }
            if parameters.count == 1 {
                let p = parameters[0]
                let chart = SVGChart.line(
                    title: "\(metric.name) against \(p.name)", x: ChartAxis(p.name, unit: p.unit), y: axis,
                    series: [LineSeries(name: metric.name, points: points.indices.map { point($0, x: points[$0][0]) })],
                    intervalLabel: interval)
                figures.append(HTMLPage.figure(id: slugs.make("line", metric.name), svg: chart, caption: nil))
            } else if let grid {
                let (px, py) = (parameters[0], parameters[1])
                let values = grid.ys.indices.map { r in
                    grid.xs.indices.map { c in metric.means[grid.index[r][c]] }
                }
                let heat = SVGChart.heatMap(
                    title: "mean \(metric.name) over \(px.name) and \(py.name)", x: ChartAxis(px.name, unit: px.unit),
                    y: ChartAxis(py.name, unit: py.unit), xValues: grid.xs, yValues: grid.ys, values: values,
                    value: ChartAxis("mean \(metric.name)", unit: metric.unit))
                figures.append(HTMLPage.figure(id: slugs.make("heatmap", metric.name), svg: heat, caption: nil))
                if grid.ys.count <= 8 {
                    let series = grid.ys.indices.map { r in
                        LineSeries(
                            name: "\(py.name) = \(Markup.short(grid.ys[r]))",
                            points: grid.xs.indices.map { c in point(grid.index[r][c], x: grid.xs[c]) })
                    }
                    let chart = SVGChart.line(
                        title: "\(metric.name) against \(px.name)", x: ChartAxis(px.name, unit: px.unit), y: axis,
                        series: series, intervalLabel: interval)
                    figures.append(HTMLPage.figure(id: slugs.make("line", metric.name), svg: chart, caption: nil))
                }
            } else {
                for (j, p) in parameters.enumerated() {
                    let chart = SVGChart.line(
                        title: "\(metric.name) against \(p.name)", x: ChartAxis(p.name, unit: p.unit), y: axis,
                        series: [
                            LineSeries(
                                name: metric.name, points: points.indices.map { point($0, x: points[$0][j]) },
                                joined: false)
                        ],
                        intervalLabel: interval)
                    let caption = parameters.count > 1 ? "Every point, whatever the other parameters' values." : nil
                    figures.append(
                        HTMLPage.figure(
                            id: slugs.make("line", "\(metric.name)-\(p.name)"), svg: chart, caption: caption))
                }
            }
            body += HTMLPage.section(
                id: slugs.make("metric", metric.name), heading: Markup.labelled(metric.name, unit: metric.unit),
                intro: MetricInfo.meaning(metric.name), content: HTMLPage.charts(figures))
        }

        let header =
            [HTMLPage.Cell("#", numeric: true)]
            + parameters.map { HTMLPage.Cell(Markup.labelled($0.name, unit: $0.unit), numeric: true) }
            + input.metrics.map { HTMLPage.Cell("\($0.name) mean [\(level) CI]", numeric: true) }
        let rows = points.indices.map { i in
            [HTMLPage.Cell(String(i), numeric: true)] + points[i].map(HTMLPage.Cell.number)
                + input.metrics.map { m in
                    HTMLPage.Cell(
                        "\(Markup.short(m.means[i])) [\(Markup.short(m.lower[i])), \(Markup.short(m.upper[i]))]",
                        numeric: true)
                }
        }
        body += HTMLPage.section(
            id: "points", heading: "All points",
            content: "<details>\n<summary>\(Markup.count(points.count, "point"))</summary>\n"
                + HTMLPage.table(caption: nil, header: header, rows: rows) + "</details>\n")
        return HTMLPage.document(
            title: "\(meta.scenario) — sweep — Homeostat report", heading: meta.scenario,
            subtitle: "Parameter sweep · \(Markup.count(points.count, "point")) × "
                + "\(Markup.count(input.runsPerPoint, "run")) × \(Markup.count(meta.horizonDays, "day")) · "
                + "master seed \(meta.seed) · Homeostat \(meta.version)",
            body: body, footer: footer(meta))
    }

    /// The mean `oscillation` at or above which a sweep point counts as unstable: the error
    /// changed sign outside its band at half of the controller's updates or more (a stable
    /// loop settles and stops crossing; see docs/controllers.md).
    public static let unstableOscillation = 0.5

    /// The sweep points whose controllers oscillate or diverge (mean `oscillation` at or
    /// above ``unstableOscillation``), as a table, or a sentence that there are none; empty
    /// when the sweep did not record `oscillation`.
    static func unstablePoints(_ input: SweepReportInput, at: (Int) -> String) -> String {
        guard let oscillation = input.metrics.first(where: { $0.name == "oscillation" }) else { return "" }
        let unstable = oscillation.means.indices.filter { oscillation.means[$0] >= unstableOscillation }
        let rule = "mean oscillation ≥ \(Markup.short(unstableOscillation))"
        guard !unstable.isEmpty else {
            return HTMLPage.paragraph("No unstable point: every point's mean oscillation < \(Markup.short(unstableOscillation)).")
        }
        let rows = unstable.map { i in
            [HTMLPage.Cell(String(i), numeric: true), HTMLPage.Cell(at(i)), .number(oscillation.means[i])]
        }
        return HTMLPage.table(
            caption: "Unstable points (\(rule)): \(unstable.count) of \(input.points.count)",
            header: [HTMLPage.Cell("#", numeric: true), HTMLPage.Cell("point"), HTMLPage.Cell("oscillation", numeric: true)],
            rows: rows, className: "unstable")
    }

    // MARK: Comparison

    /// The report of a paired comparison of designs A and B.
    ///
    /// The summary names both designs and the pairing; the key-figures table gives per
    /// metric the mean difference B − A, its interval, how often B beat A and, where known,
    /// how much wider the interval would have been without pairing. The chart is
    /// ``SVGChart/pairedDifference(title:nameA:nameB:rows:confidenceLevel:width:)``.
    ///
    /// - Parameter input: The comparison's rows.
    /// - Returns: The page.
    public static func render(_ input: CompareReportInput) -> String {
        let meta = input.metadata
        let level = Markup.percent(input.confidenceLevel)
        let (a, b) = (input.nameA, input.nameB)
        let facts: [(String, String)] = [
            ("experiment", meta.scenario), ("A (baseline)", a), ("B", b),
            ("paired runs", String(input.runCount)), ("horizon", Markup.count(meta.horizonDays, "day")),
            ("master seed", String(meta.seed)), ("Homeostat", meta.version),
            ("pairing", "run i of A and run i of B use the same random numbers"),
        ]
        let rows = input.rows.map { row -> [HTMLPage.Cell] in
            let paired = (row.upper - row.lower) / 2
            let ratio = row.unpairedHalfWidth.map { paired > 0 ? Markup.short($0 / paired) + "×" : "–" } ?? "–"
            return [
                HTMLPage.Cell(row.metric, hint: MetricInfo.meaning(row.metric)),
                HTMLPage.Cell(row.unit ?? ""),
                HTMLPage.Cell(Markup.signed(row.meanDifference), numeric: true),
                HTMLPage.Cell("\(Markup.signed(row.lower)) – \(Markup.signed(row.upper))", numeric: true),
                HTMLPage.Cell(row.direction.phrase ?? "–"),
                HTMLPage.Cell(Markup.percent(row.fractionBBeatsA), numeric: true),
                HTMLPage.Cell(Markup.percent(row.fractionTied), numeric: true),
                HTMLPage.Cell(row.unpairedHalfWidth.map(Markup.short) ?? "–", numeric: true),
                HTMLPage.Cell(ratio, numeric: true),
            ]
        }
        var summaryContent = "<div class=\"tables\">\n" + HTMLPage.keyValueTable(caption: "Comparison", facts)
        summaryContent += HTMLPage.table(
            caption: "Key figures: \(b) − \(a), each metric's per-run statistic",
            header: [
                HTMLPage.Cell("metric"), HTMLPage.Cell("unit"), HTMLPage.Cell("mean difference", numeric: true),
                HTMLPage.Cell("\(level) CI", numeric: true), HTMLPage.Cell("better"),
                HTMLPage.Cell("\(b) better (higher if no direction)", numeric: true), HTMLPage.Cell("tied", numeric: true),
                HTMLPage.Cell("unpaired ± (\(level))", numeric: true),
                HTMLPage.Cell("unpaired / paired width", numeric: true),
            ],
            rows: rows, className: "figures")
        summaryContent += "</div>\n"
        for note in input.notes { summaryContent += HTMLPage.paragraph(note, className: "note") }
        let chart = SVGChart.pairedDifference(
            title: "\(b) − \(a): mean difference per metric", nameA: a, nameB: b, rows: input.rows,
            confidenceLevel: input.confidenceLevel, width: 1000)
        var body = HTMLPage.section(id: "summary", heading: "Summary", content: summaryContent)
        body += HTMLPage.section(
            id: "differences", heading: "Paired differences",
            intro: "Each row is one metric on its own scale, centred on zero: the dot is the mean of \(b) − \(a) "
                + "over paired runs, the dark bar its \(level) confidence interval; an interval that does not "
                + "cross the dashed zero line is a difference the runs can tell apart.",
            content: HTMLPage.charts([HTMLPage.figure(id: "paired-difference", svg: chart, caption: nil, wide: true)]))
        if !input.overTime.isEmpty {
            var slugs = Slugs()
            var figures: [String] = []
            for series in input.overTime {
                let unit = MetricInfo.unit(series.metric)
                // At most ~120 points per line: a two-year daily series would draw 730 markers.
                let every = Swift.max(1, series.steps.count / 120)
                let rows = Swift.Array(Swift.stride(from: 0, to: series.steps.count, by: every))
                func line(_ name: String, _ values: [Double]) -> LineSeries {
                    LineSeries(name: name, points: rows.map { LinePoint(x: series.steps[$0], y: values[$0]) })
                }
                let lines = SVGChart.line(
                    title: "\(series.metric): median of \(a) and of \(b)", x: ChartAxis("day"),
                    y: ChartAxis(series.metric, unit: unit), series: [line(a, series.medianA), line(b, series.medianB)])
                let data = "day,median_a,median_b,diff_p5,diff_p25,diff_p50,diff_p75,diff_p95\n" + series.steps.indices.map { r in
                    let d = series.difference
                    return [series.steps[r], series.medianA[r], series.medianB[r], d.p5[r], d.p25[r], d.p50[r], d.p75[r], d.p95[r]]
                        .map(csvNumber).joined(separator: ",")
                }.joined(separator: "\n") + "\n"
                figures.append(HTMLPage.figure(id: slugs.make("over-time", series.metric), svg: lines, caption: MetricInfo.meaning(series.metric), data: data))
                let fan = SVGChart.fan(
                    title: "\(series.metric): \(b) − \(a) in the same run", x: ChartAxis("day"),
                    y: ChartAxis("\(b) − \(a)", unit: unit), steps: series.steps, bands: series.difference)
                figures.append(HTMLPage.figure(id: slugs.make("difference", series.metric), svg: fan, caption: nil, data: data))
            }
            body += HTMLPage.section(
                id: "over-time", heading: "Over time",
                intro: "Per metric: the median over runs of \(a) and of \(b) on each day, then the paired difference "
                    + "\(b) − \(a) of each run (the same random futures): the light band holds the middle 90% of runs, the "
                    + "dark band the middle 50%, the line is the median.",
                content: HTMLPage.charts(figures))
        }
        return HTMLPage.document(
            title: "\(a) vs \(b) — Homeostat report", heading: "\(a) vs \(b)",
            subtitle: "Paired comparison · \(Markup.count(input.runCount, "run")) each × "
                + "\(Markup.count(meta.horizonDays, "day")) · master seed \(meta.seed) · Homeostat \(meta.version)",
            body: body, footer: footer(meta))
    }

    // MARK: Sensitivity

    /// The report of a sensitivity analysis: a tornado chart per metric (Morris: μ* with
    /// μ* ± σ whiskers; Sobol: S1 and ST with their intervals), the parameters' ranges and,
    /// per metric, the most influential parameter.
    ///
    /// - Parameter input: The analysis's indices.
    /// - Returns: The page.
    public static func render(_ input: SensitivityReportInput) -> String {
        let meta = input.metadata
        let methods = Set(input.metrics.map(\.result.methodName)).sorted()
        let method = methods.isEmpty ? "sensitivity analysis" : methods.joined(separator: " and ")

        let parameterRows = input.parameters.map { p in
            [
                HTMLPage.Cell(p.name), HTMLPage.Cell(p.unit ?? ""),
                p.lower.map(HTMLPage.Cell.number) ?? HTMLPage.Cell("–", numeric: true),
                p.upper.map(HTMLPage.Cell.number) ?? HTMLPage.Cell("–", numeric: true),
            ]
        }
        var keyFigures: [[HTMLPage.Cell]] = []
        var slugs = Slugs()
        var figures: [String] = []
        for metric in input.metrics {
            let chart: String
            let top: (String, String)?
            var extra = ""
            switch metric.result {
            case let .morris(effects):
                let rows = effects.map {
                    TornadoRow(
                        label: $0.parameter,
                        bars: [TornadoBar(value: $0.muStar, lower: $0.muStar - $0.sigma, upper: $0.muStar + $0.sigma)])
                }
                chart = SVGChart.tornado(
                    title: "\(metric.name): Morris μ* per parameter",
                    value: ChartAxis("μ*, mean |elementary effect| on \(metric.name)", unit: metric.unit),
                    seriesNames: ["μ*"], whiskerLabel: "μ* ± σ", rows: rows)
                top = effects.filter { $0.muStar.isFinite }.max { $0.muStar < $1.muStar }
                    .map { ($0.parameter, "μ* = \(Markup.short($0.muStar)), σ = \(Markup.short($0.sigma))") }
            case let .sobol(indices):
                let rows = indices.map {
                    TornadoRow(
                        label: $0.parameter,
                        bars: [
                            TornadoBar(
                                value: $0.firstOrder, lower: $0.firstOrderInterval?.lower,
                                upper: $0.firstOrderInterval?.upper),
                            TornadoBar(value: $0.total, lower: $0.totalInterval?.lower, upper: $0.totalInterval?.upper),
                        ])
                }
                let level = indices.lazy.compactMap { $0.totalInterval ?? $0.firstOrderInterval }.first?.level
                chart = SVGChart.tornado(
                    title: "\(metric.name): Sobol indices per parameter",
                    value: ChartAxis("Sobol index of \(metric.name)", unit: "share of variance"),
                    seriesNames: ["S1, first order", "ST, total"],
                    whiskerLabel: level.map { "\(Markup.percent($0)) CI" }, rows: rows)
                top = indices.filter { $0.total.isFinite }.max { $0.total < $1.total }
                    .map { ($0.parameter, "ST = \(Markup.short($0.total)), S1 = \(Markup.short($0.firstOrder))") }
                let sumS1 = indices.map(\.firstOrder).filter(\.isFinite).reduce(0, +)
                extra = "ΣS1 = \(Markup.short(sumS1)) (interactions ≈ \(Markup.short(Swift.max(0, 1 - sumS1))))"
            }
            figures.append(
                HTMLPage.figure(
                    id: slugs.make("tornado", metric.name), svg: chart,
                    caption: MetricInfo.meaning(metric.name)))
            keyFigures.append([
                HTMLPage.Cell(metric.name, hint: MetricInfo.meaning(metric.name)),
                HTMLPage.Cell(metric.unit ?? ""), HTMLPage.Cell(metric.result.methodName),
                HTMLPage.Cell(top?.0 ?? "–"), HTMLPage.Cell(top?.1 ?? "–"), HTMLPage.Cell(extra),
            ])
        }

        var summaryContent = input.scenarioDescription.isEmpty ? "" : HTMLPage.paragraph(input.scenarioDescription)
        summaryContent += "<div class=\"tables\">\n"
        summaryContent += HTMLPage.keyValueTable(
            caption: "Analysis",
            [
                ("scenario", meta.scenario), ("method", method), ("parameters", String(input.parameters.count)),
                ("model evaluations", String(input.evaluationCount)),
                ("horizon", Markup.count(meta.horizonDays, "day")), ("master seed", String(meta.seed)),
                ("Homeostat", meta.version),
            ])
        summaryContent += HTMLPage.table(
            caption: "Parameters",
            header: [
                HTMLPage.Cell("parameter"), HTMLPage.Cell("unit"), HTMLPage.Cell("from", numeric: true),
                HTMLPage.Cell("to", numeric: true),
            ],
            rows: parameterRows)
        summaryContent += "</div>\n"
        summaryContent += HTMLPage.table(
            caption: "Key figures: most influential parameter per metric",
            header: [
                HTMLPage.Cell("metric"), HTMLPage.Cell("unit"), HTMLPage.Cell("method"), HTMLPage.Cell("parameter"),
                HTMLPage.Cell("indices"), HTMLPage.Cell("note"),
            ],
            rows: keyFigures, className: "figures")
        for note in input.notes { summaryContent += HTMLPage.paragraph(note, className: "note") }
        var body = HTMLPage.section(id: "summary", heading: "Summary", content: summaryContent)
        body += HTMLPage.section(
            id: "sensitivity", heading: "Sensitivity per metric",
            intro: "Parameters sorted by influence, largest at the top. Morris: μ* is the mean absolute change of the "
                + "metric per elementary step of the parameter, σ its spread (non-linearity or interactions). "
                + "Sobol: S1 is the share of the metric's variance due to the parameter alone, ST the share it takes "
                + "part in, interactions included.",
            content: HTMLPage.charts(figures))
        return HTMLPage.document(
            title: "\(meta.scenario) — sensitivity — Homeostat report", heading: meta.scenario,
            subtitle: "Sensitivity analysis (\(method)) · \(Markup.count(input.evaluationCount, "evaluation")) × "
                + "\(Markup.count(meta.horizonDays, "day")) · master seed \(meta.seed) · Homeostat \(meta.version)",
            body: body, footer: footer(meta))
    }

    // MARK: Writing

    /// Writes a rendered page to `path`, through `<path>.partial` renamed once complete.
    ///
    /// - Parameters:
    ///   - html: The page (any of the `render` functions' output).
    ///   - path: Where to write it.
    /// - Throws: ``ReportError`` `RPT004` when the file cannot be written.
    public static func write(_ html: String, to path: String) throws(ReportError) {
        var file = try OutputFile(path: path)
        file.write(html)
        try file.commit()
    }

    private static func footer(_ meta: RunMetadata) -> String {
        "Made by Homeostat \(meta.version) from scenario “\(meta.scenario)”, master seed \(meta.seed). "
            + "This page is self-contained: inline styles and SVG charts, no scripts, no network requests."
    }
}

/// The points of a two-parameter sweep arranged as a full grid, if they form one: every
/// combination of the distinct values of each parameter, each exactly once.
struct Grid {
    /// Distinct values of the first parameter, ascending (columns).
    let xs: [Double]
    /// Distinct values of the second parameter, ascending (rows).
    let ys: [Double]
    /// `index[row][column]`: the point at (`xs[column]`, `ys[row]`).
    let index: [[Int]]

    init?(_ points: [[Double]]) {
        guard !points.isEmpty, points.allSatisfy({ $0.count == 2 && $0[0].isFinite && $0[1].isFinite }) else {
            return nil
        }
        let xs = Set(points.map { $0[0] }).sorted()
        let ys = Set(points.map { $0[1] }).sorted()
        guard xs.count * ys.count == points.count else { return nil }
        let column = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($1, $0) })
        let row = Dictionary(uniqueKeysWithValues: ys.enumerated().map { ($1, $0) })
        var index = Array(repeating: Array(repeating: -1, count: xs.count), count: ys.count)
        for (i, p) in points.enumerated() {
            let (r, c) = (row[p[1]]!, column[p[0]]!)
            guard index[r][c] < 0 else { return nil }
            index[r][c] = i
        }
        self.xs = xs
        self.ys = ys
        self.index = index
    }
}
