/// Charts as self-contained SVG text, drawn by hand (no dependency, no script).
///
/// Every chart has a title (also its accessible name, with a `<desc>` saying what it
/// shows), axis titles with units and a legend when it shows more than one kind of mark.
/// The output is a pure function of the arguments: coordinates are rounded to hundredths
/// with integer arithmetic and labels use ``NumberFormat/human(_:)`` without trailing
/// zeros, so charts can be compared with golden files. All text is escaped. Each chart is
/// one `<svg>` element with `xmlns`, valid inline in HTML and as a file of its own, and
/// carries `class="chart <kind>"` (`fan`, `histogram`, `line`, `heatmap`,
/// `paired-difference`, `tornado`).
public enum SVGChart {
    /// Most points drawn per line or band; longer series are thinned to every k-th row
    /// (the last row always kept), and the chart says so.
    static let maximumPoints = 720

    // MARK: Fan chart

    /// A fan chart of a quantity over time: the 5–95 % and 25–75 % bands over runs and the
    /// median line.
    ///
    /// Rows where a quantile or the step is NaN are left as gaps. The time axis ends at the
    /// first and last step drawn. A requested logarithmic y axis falls back to linear when a
    /// quantile is ≤ 0.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - x: The time axis, for example `ChartAxis("day")`.
    ///   - y: The quantity's axis, with its unit.
    ///   - steps: The x value of each row; as many as `bands` has rows.
    ///   - bands: Quantiles over runs per row (``EnsembleSummary`` computes them).
    ///   - size: The chart's size; ``ChartSize/standard`` by default.
    /// - Returns: One `<svg class="chart fan">` element.
    /// - Complexity: O(rows).
    public static func fan(
        title: String, x: ChartAxis, y: ChartAxis, steps: [Double], bands: QuantileBands,
        size: ChartSize = .standard, markers: [ChartMarker] = []
    ) -> String {
        precondition(steps.count == bands.p50.count, "fan chart: \(steps.count) steps for \(bands.p50.count) rows")
        let rows = sampledRows(steps.count)
        // A row is drawn when its median is a number; a band edge at ±∞ (some runs infinite,
        // e.g. an attack cost no pool can supply) runs to the edge of the plot rather than
        // ending the chart there.
        func drawable(_ r: Int) -> Bool {
            steps[r].isFinite && bands.p50[r].isFinite && !bands.p5[r].isNaN && !bands.p25[r].isNaN
                && !bands.p75[r].isNaN && !bands.p95[r].isNaN
        }
        let shown = rows.filter(drawable)
        var notes: [String] = []
        if rows.count < steps.count {
            notes.append("one row in \(rows[1] - rows[0]) of \(steps.count) drawn")
        }
        let gaps = steps.indices.filter { !drawable($0) }.count
        if gaps > 0 { notes.append("\(gaps) of \(steps.count) rows with no finite quantiles left as gaps") }
        let infinite = steps.indices.filter { r in
            [bands.p5[r], bands.p25[r], bands.p50[r], bands.p75[r], bands.p95[r]].contains { $0.isInfinite }
        }
        if let first = infinite.first {
            notes.append(
                "some runs are ±∞ on \(infinite.count) of \(steps.count) rows (from \(x.label) \(NumberFormat.human(steps[first]))); "
                    + "bands reaching ∞ run to the edge")
        }
        if let withNaN = bands.nanCounts.max(), withNaN > 0 {
            notes.append("some runs are NaN (up to \(withNaN) in a row); quantiles are over the rest")
        }

        let xLow = shown.map { steps[$0] }.min() ?? .nan
        let xHigh = shown.map { steps[$0] }.max() ?? .nan
        let lows = shown.flatMap { [bands.p5[$0], bands.p50[$0]] }.filter(\.isFinite)
        let highs = shown.flatMap { [bands.p95[$0], bands.p50[$0]] }.filter(\.isFinite)
        let yLow = lows.min() ?? .nan
        let yHigh = highs.max() ?? .nan
        let (xTicks, xFellBack) = x.ticks(xLow, xHigh, tight: true)
        let (yTicks, yFellBack) = y.ticks(yLow, yHigh)
        if xFellBack || yFellBack { notes.append("log scale impossible with values ≤ 0; linear scale used") }

        var canvas = SVGCanvas(size)
        let legend = [
            LegendItem(label: "5–95% of runs", swatch: .box(Palette.outerBand)),
            LegendItem(label: "25–75% of runs", swatch: .box(Palette.innerBand)),
            LegendItem(label: "median", swatch: .line(Palette.median, width: 2, dash: nil)),
        ]
        let frame = XYFrame(
            &canvas, title: title, legend: legend, xAxis: x, yAxis: y, xTicks: xTicks, yTicks: yTicks,
            note: notes.isEmpty ? nil : notes.joined(separator: "; "))

        var outer = PathData()
        var inner = PathData()
        var median = PathData()
        for segment in segments(rows, where: drawable) {
            appendBand(&outer, segment, frame: frame, x: steps, low: bands.p5, high: bands.p95)
            appendBand(&inner, segment, frame: frame, x: steps, low: bands.p25, high: bands.p75)
            for (k, r) in segment.enumerated() {
                if k == 0 {
                    median.move(frame.x(steps[r]), frame.y(bands.p50[r]))
                } else {
                    median.line(frame.x(steps[r]), frame.y(bands.p50[r]))
                }
            }
            if segment.count == 1 {
                let r = segment[0]
                canvas.circle(x: frame.x(steps[r]), y: frame.y(bands.p50[r]), radius: 2.5, fill: Palette.median)
            }
        }
        if !outer.isEmpty { canvas.path(outer.text, fill: Palette.outerBand, stroke: Palette.outerBand, width: 1) }
        if !inner.isEmpty { canvas.path(inner.text, fill: Palette.innerBand, stroke: Palette.innerBand, width: 1) }
        if !median.isEmpty { canvas.path(median.text, fill: "none", stroke: Palette.median, width: 2) }
        if shown.isEmpty { drawEmpty(&canvas, frame: frame) }
        // Scripted events: a dashed line at the day and a short label at the top.
        for marker in markers where xLow.isFinite && marker.x >= xLow && marker.x <= xHigh {
            let mx = frame.x(marker.x)
            canvas.line(mx, frame.top, mx, frame.bottom, stroke: Palette.axis, width: 1, dash: "2 3")
            canvas.text(marker.label, x: mx + 3, y: frame.top + 10, size: 9, fill: Palette.mutedText)
        }

        var description = "Fan chart of \(y.title) against \(x.title): "
        if let first = shown.first, let last = shown.last {
            description +=
                "the median goes from \(Markup.short(bands.p50[first])) at \(Markup.short(steps[first])) "
                + "to \(Markup.short(bands.p50[last])) at \(Markup.short(steps[last])), where 90% of runs lie "
                + "between \(Markup.short(bands.p5[last])) and \(Markup.short(bands.p95[last]))."
        } else {
            description += "no finite values."
        }
        if !markers.isEmpty {
            description += " Events: " + markers.map { "\($0.label) at \(Markup.short($0.x))" }.joined(separator: ", ") + "."
        }
        // For the page's hover script: the plot's left and right edge and the x values there.
        let hover = xLow.isFinite && xHigh > xLow
            ? "\(Markup.number(frame.x(xLow))) \(Markup.number(frame.x(xHigh))) \(Markup.number(xLow)) \(Markup.number(xHigh))" : nil
        return canvas.document(kind: "fan", title: title, description: description, hoverAxis: hover)
    }

    // MARK: Histogram

    /// A histogram of a sample (final values over runs), with an optional median marker.
    ///
    /// The value axis is always linear (the bins are of equal width). Values that are NaN or
    /// fall outside the bins are not drawn, and a note under the chart counts them.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - x: The value axis, with its unit.
    ///   - histogram: The binned sample.
    ///   - median: Where to draw a dashed median line, or `nil` for none.
    ///   - countLabel: What one count is, for the y axis (`runs`).
    ///   - size: The chart's size.
    /// - Returns: One `<svg class="chart histogram">` element.
    public static func histogram(
        title: String, x: ChartAxis, histogram: Histogram, median: Double? = nil, countLabel: String = "runs",
        size: ChartSize = .standard
    ) -> String {
        var edges = histogram.edges
        var counts = histogram.counts
        let total = counts.reduce(0, +)
        var notes: [String] = []
        // Every value equal (or a few ulps apart): numpy's ±½ range around 232,473 gives an
        // axis of 232472.8 … 232474.0 in tenths. Draw one bar on an axis ±5% around the value
        // (±½ around 0) and say so.
        let span = edges[edges.count - 1] - edges[0]
        let magnitude = Swift.max(abs(edges[0]), abs(edges[edges.count - 1]))
        let occupied = counts.indices.filter { counts[$0] > 0 }
        if total > 0, let first = occupied.first, let last = occupied.last,
            span <= magnitude * 1e-6 || (first == last && counts.count > 1 && span <= 1 && histogram.outOfRangeCount == 0)
        {
            let value = edges[0] / 2 + edges[edges.count - 1] / 2
            let pad = value == 0 ? 0.5 : abs(value) * 0.05
            edges = [value - pad / 40, value + pad / 40]
            counts = [total]
            let (wide, _) = ChartAxis(x.label, unit: x.unit).ticks(value - pad, value + pad)
            notes.append("all \(total) \(countLabel) ≈ \(Markup.short(value))")
            return histogramDocument(
                title: title, x: x, edges: edges, counts: counts, total: total, xTicks: wide, notes: notes,
                median: median, countLabel: countLabel, histogram: histogram, size: size)
        }
        let (xTicks, _) = ChartAxis(x.label, unit: x.unit).ticks(edges[0], edges[edges.count - 1])
        return histogramDocument(
            title: title, x: x, edges: edges, counts: counts, total: total, xTicks: xTicks, notes: notes,
            median: median, countLabel: countLabel, histogram: histogram, size: size)
    }

    private static func histogramDocument(
        title: String, x: ChartAxis, edges: [Double], counts: [Int], total: Int, xTicks: AxisTicks, notes: [String],
        median: Double?, countLabel: String, histogram: Histogram, size: ChartSize
    ) -> String {
        var notes = notes
        let (yTicks, _) = ChartAxis(countLabel, includesZero: true).ticks(0, Double(counts.max() ?? 0), integer: true)
        if histogram.nanCount > 0 { notes.append("\(histogram.nanCount) NaN not shown") }
        if histogram.outOfRangeCount > 0 {
            notes.append("\(histogram.outOfRangeCount) infinite or out-of-range not shown")
        }
        let medianValue = median.flatMap { $0.isFinite ? $0 : nil }
        var legend = [LegendItem(label: "\(countLabel) per bin", swatch: .box(Palette.bar))]
        if let medianValue {
            legend.append(
                LegendItem(
                    label: "median \(Markup.short(medianValue))", swatch: .line(Palette.median, width: 2, dash: "5 3")))
        }

        var canvas = SVGCanvas(size)
        let frame = XYFrame(
            &canvas, title: title, legend: legend, xAxis: x, yAxis: ChartAxis(countLabel),
            xTicks: xTicks, yTicks: yTicks, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        for (i, count) in counts.enumerated() where count > 0 {
            let x0 = frame.x(edges[i])
            let x1 = frame.x(edges[i + 1])
            let top = frame.y(Double(count))
            let closing = i == counts.count - 1 ? "]" : ")"
            canvas.rect(
                x: x0 + 0.5, y: top, width: x1 - x0 - 1, height: frame.bottom - top, fill: Palette.bar,
                tooltip: "[\(Markup.short(edges[i])), \(Markup.short(edges[i + 1]))\(closing): \(count) \(countLabel)")
        }
        if let medianValue, medianValue >= xTicks.lower, medianValue <= xTicks.upper {
            let mx = frame.x(medianValue)
            canvas.line(mx, frame.top, mx, frame.bottom, stroke: Palette.median, width: 2, dash: "5 3")
        }
        if total == 0 { drawEmpty(&canvas, frame: frame) }

        var description =
            "Histogram of \(x.title): \(total) \(countLabel) in \(counts.count) bins "
            + "from \(Markup.short(edges[0])) to \(Markup.short(edges[edges.count - 1]))"
        if let medianValue { description += ", median \(Markup.short(medianValue))" }
        description += notes.isEmpty ? "." : " (" + notes.joined(separator: "; ") + ")."
        return canvas.document(kind: "histogram", title: title, description: description)
    }

    // MARK: Line chart with error bars

    /// A line chart of one or more series against a parameter, with optional error bars
    /// (a sweep's mean and confidence interval per point).
    ///
    /// Points are joined in order of x (unless the series says not to); a point with a
    /// non-finite x or y is left out (and breaks its line). The legend lists the series when there are several, and the
    /// interval's meaning when any point has one.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - x: The parameter's axis.
    ///   - y: The metric's axis, with its unit.
    ///   - series: The series, drawn in the categorical palette's order.
    ///   - intervalLabel: What the error bars are, for the legend (`95% CI of the mean`).
    ///   - size: The chart's size.
    /// - Returns: One `<svg class="chart line">` element.
    public static func line(
        title: String, x: ChartAxis, y: ChartAxis, series: [LineSeries],
        intervalLabel: String = "95% CI of the mean", size: ChartSize = .standard
    ) -> String {
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let hasIntervals = points.contains { $0.lower != nil || $0.upper != nil }
        let ys = points.flatMap { [$0.y, $0.lower ?? $0.y, $0.upper ?? $0.y] }.filter(\.isFinite)
        let (xTicks, xFellBack) = x.ticks(points.map(\.x).min() ?? .nan, points.map(\.x).max() ?? .nan)
        let (yTicks, yFellBack) = y.ticks(ys.min() ?? .nan, ys.max() ?? .nan)
        var notes: [String] = []
        if xFellBack || yFellBack { notes.append("log scale impossible with values ≤ 0; linear scale used") }
        let dropped = series.reduce(0) { $0 + $1.points.count } - points.count
        if dropped > 0 { notes.append("\(Markup.count(dropped, "point")) with NaN left out") }

        var legend: [LegendItem] = []
        if series.count > 1 {
            for (i, s) in series.enumerated() {
                let colour = Palette.series(i)
                legend.append(
                    LegendItem(label: s.name, swatch: s.joined ? .line(colour, width: 2, dash: nil) : .point(colour)))
            }
        }
        if hasIntervals {
            legend.append(LegendItem(label: "error bars: \(intervalLabel)", swatch: .pointWithBar(Palette.mutedText)))
        }

        var canvas = SVGCanvas(size)
        let frame = XYFrame(
            &canvas, title: title, legend: legend, xAxis: x, yAxis: y, xTicks: xTicks, yTicks: yTicks,
            note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        for (i, s) in series.enumerated() {
            let colour = Palette.series(i)
            let sorted = s.points.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(
                \.element)
            var path = PathData()
            var broken = true
            for p in sorted {
                guard p.x.isFinite, p.y.isFinite else {
                    broken = true
                    continue
                }
                if broken { path.move(frame.x(p.x), frame.y(p.y)) } else { path.line(frame.x(p.x), frame.y(p.y)) }
                broken = false
            }
            if s.joined, !path.isEmpty { canvas.path(path.text, fill: "none", stroke: colour, width: 2) }
            for p in sorted where p.x.isFinite && p.y.isFinite {
                let px = frame.x(p.x)
                var tooltip = "\(s.name): \(Markup.short(p.y)) at \(x.label) = \(Markup.short(p.x))"
                let low = p.lower.flatMap { $0.isFinite ? $0 : nil }
                let high = p.upper.flatMap { $0.isFinite ? $0 : nil }
                if low != nil || high != nil {
                    let (y0, y1) = (frame.y(low ?? p.y), frame.y(high ?? p.y))
                    canvas.line(px, y0, px, y1, stroke: colour, width: 1.2)
                    canvas.line(px - 4, y0, px + 4, y0, stroke: colour, width: 1.2)
                    canvas.line(px - 4, y1, px + 4, y1, stroke: colour, width: 1.2)
                    tooltip += " [\(Markup.short(low ?? p.y)), \(Markup.short(high ?? p.y))]"
                }
                canvas.circle(x: px, y: frame.y(p.y), radius: 3.5, fill: colour, tooltip: tooltip)
            }
        }
        if points.isEmpty { drawEmpty(&canvas, frame: frame) }

        let names = series.map(\.name).joined(separator: ", ")
        let description =
            "Line chart of \(y.title) against \(x.title)"
            + (series.isEmpty ? "" : " for \(names)") + ": \(points.count) points"
            + (hasIntervals ? ", with error bars (\(intervalLabel))." : ".")
        return canvas.document(kind: "line", title: title, description: description)
    }

    // MARK: Helpers

    /// Row indices to draw: all of them, or every k-th plus the last when there are more than
    /// ``maximumPoints``.
    static func sampledRows(_ count: Int) -> [Int] {
        guard count > maximumPoints else { return Array(0..<count) }
        let stride = (count + maximumPoints - 1) / maximumPoints
        var rows = Array(Swift.stride(from: 0, to: count, by: stride))
        if rows.last != count - 1 { rows.append(count - 1) }
        return rows
    }

    /// Maximal runs of consecutive entries of `rows` that satisfy `include`.
    static func segments(_ rows: [Int], where include: (Int) -> Bool) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for r in rows {
            if include(r) {
                current.append(r)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Adds the closed outline of a band between `low` and `high` over `segment`.
    private static func appendBand(
        _ path: inout PathData, _ segment: [Int], frame: XYFrame, x: [Double], low: [Double], high: [Double]
    ) {
        // ±∞ is drawn at the plot's edge.
        func y(_ v: Double) -> Double {
            v == .infinity ? frame.top : v == -.infinity ? frame.bottom : frame.y(v)
        }
        for (k, r) in segment.enumerated() {
            if k == 0 { path.move(frame.x(x[r]), y(high[r])) } else { path.line(frame.x(x[r]), y(high[r])) }
        }
        for r in segment.reversed() { path.line(frame.x(x[r]), y(low[r])) }
        path.close()
    }

    static func drawEmpty(_ canvas: inout SVGCanvas, frame: XYFrame) {
        canvas.text(
            "no finite values", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2,
            anchor: .middle, size: 13, fill: Palette.mutedText)
    }
}

/// A vertical marker on a chart over time: a scripted event on its day.
public struct ChartMarker: Sendable, Equatable {
    /// Where on the x axis (the day).
    public var x: Double
    /// A short label (`price shock −50%`).
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// One point of a ``LineSeries``: a value and an optional interval around it.
public struct LinePoint: Sendable, Equatable {
    /// The parameter value.
    public var x: Double
    /// The metric value (a mean).
    public var y: Double
    /// The interval's lower end, or `nil` for no error bar below.
    public var lower: Double?
    /// The interval's upper end, or `nil` for no error bar above.
    public var upper: Double?

    /// Creates a point.
    public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }
}

/// A named series of a line chart (``SVGChart/line(title:x:y:series:intervalLabel:size:)``).
public struct LineSeries: Sendable, Equatable {
    /// The series' name, for the legend.
    public var name: String
    /// Its points, in any order (the chart joins them in order of x).
    public var points: [LinePoint]
    /// Whether a line joins the points; `false` draws only the points (a scatter, for
    /// points that differ in other parameters than the one on the x axis).
    public var joined: Bool

    /// Creates a series.
    public init(name: String, points: [LinePoint], joined: Bool = true) {
        self.name = name
        self.points = points
        self.joined = joined
    }
}
