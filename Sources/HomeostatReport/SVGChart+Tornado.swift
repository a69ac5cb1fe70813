extension SVGChart {
    /// A tornado chart of sensitivity: one group of horizontal bars per parameter, sorted by
    /// the first series, largest at the top, with optional whiskers.
    ///
    /// Use one series for Morris screening (bar μ*, whiskers μ* ± σ) or two for Sobol
    /// indices (S1 and ST, whiskers their confidence intervals). Rows whose first value is
    /// NaN go last, in input order.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - value: The value axis (`μ*` with the metric's unit, or `Sobol index`).
    ///   - seriesNames: One name per bar of a row (`["μ*"]`, `["S1", "ST"]`).
    ///   - whiskerLabel: What the whiskers are, for the legend (`μ* ± σ`, `95% CI`), or
    ///     `nil` when no bar has whiskers.
    ///   - rows: One row per parameter; each has one bar per series.
    ///   - width: The chart's width; the height follows from the number of rows.
    /// - Returns: One `<svg class="chart tornado">` element.
    public static func tornado(
        title: String, value: ChartAxis, seriesNames: [String], whiskerLabel: String?, rows: [TornadoRow],
        width: Int = 640
    ) -> String {
        precondition(!seriesNames.isEmpty, "tornado chart: at least one series")
        precondition(
            rows.allSatisfy { $0.bars.count == seriesNames.count }, "tornado chart: one bar per series in every row")
        let order = rows.indices.sorted { a, b in
            let (va, vb) = (rows[a].bars[0].value, rows[b].bars[0].value)
            switch (va.isNaN, vb.isNaN) {
            case (false, false): return va != vb ? va > vb : a < b
            case (true, true): return a < b
            default: return vb.isNaN
            }
        }
        let sorted = order.map { rows[$0] }

        let bars = sorted.flatMap(\.bars)
        let extremes = bars.flatMap { [$0.value, $0.lower ?? $0.value, $0.upper ?? $0.value] }.filter(\.isFinite)
        var axis = value
        axis.includesZero = true
        axis.scale = .linear
        let (ticks, _) = axis.ticks(extremes.min() ?? 0, extremes.max() ?? 1)

        var legend: [LegendItem] = []
        if seriesNames.count > 1 {
            for (i, name) in seriesNames.enumerated() {
                legend.append(LegendItem(label: name, swatch: .box(Palette.series(i))))
            }
        }
        if let whiskerLabel {
            legend.append(
                LegendItem(label: "whiskers: \(whiskerLabel)", swatch: .line(Palette.text, width: 1.2, dash: nil)))
        }

        let barHeight = seriesNames.count == 1 ? 16.0 : 11.0
        let rowHeight = barHeight * Double(seriesNames.count) + 12
        let canvasWidth = Double(Swift.max(360, width))
        var probe = SVGCanvas(width: canvasWidth, height: 0)
        let top = ChartFrame.header(&probe, title: title, legend: legend) + 4
        let height = top + rowHeight * Double(sorted.count) + 50
        var canvas = SVGCanvas(width: canvasWidth, height: height)
        _ = ChartFrame.header(&canvas, title: title, legend: legend)
        // Parameter paths are long (populations.mercenaries.sell_propensity): the label column
        // takes up to 45% of the width, and a label wider than that is set on two lines at
        // its last dot, each line shortened from the left with "…" only if it still does not fit.
        let labelWidth = sorted.map { ChartFrame.textWidth($0.label) }.max() ?? 0
        let left = Swift.min(Swift.max(80, labelWidth + 22), canvasWidth * 0.45)
        func labelLines(_ label: String) -> [String] {
            let room = left - 14
            func shorten(_ text: String) -> String {
                var t = Substring(text)
                while ChartFrame.textWidth("…" + t) > room && t.count > 1 { t = t.dropFirst() }
                return ChartFrame.textWidth(text) <= room ? text : "…" + t
            }
            guard ChartFrame.textWidth(label) > room, let dot = label.lastIndex(of: ".") else { return [shorten(label)] }
            return [shorten(String(label[...dot])), shorten(String(label[label.index(after: dot)...]))]
        }
        let right = canvasWidth - 48
        let bottom = top + rowHeight * Double(sorted.count)
        func px(_ v: Double) -> Double { left + ticks.fraction(v) * (right - left) }

        for (v, label) in zip(ticks.values, ticks.labels) {
            let x = px(v)
            canvas.line(x, top, x, bottom, stroke: Palette.grid)
            canvas.line(x, bottom, x, bottom + 4, stroke: Palette.axis)
            canvas.text(label, x: x, y: bottom + 16, anchor: .middle)
        }
        canvas.line(left, bottom, right, bottom, stroke: Palette.axis)
        canvas.text(value.title, x: (left + right) / 2, y: bottom + 34, anchor: .middle)

        var summaries: [String] = []
        for (i, row) in sorted.enumerated() {
            let rowTop = top + Double(i) * rowHeight + 6
            let lines = labelLines(row.label)
            let middle = rowTop + barHeight * Double(seriesNames.count) / 2 + 4
            for (k, line) in lines.enumerated() {
                canvas.text(line, x: left - 8, y: middle + (Double(k) - Double(lines.count - 1) / 2) * 12, anchor: .end)
            }
            var parts: [String] = []
            for (k, bar) in row.bars.enumerated() {
                let y0 = rowTop + Double(k) * barHeight
                let cy = y0 + barHeight / 2
                let name = seriesNames[k]
                guard bar.value.isFinite else {
                    canvas.text("n/a", x: px(0) + 4, y: cy + 4, size: 9, fill: Palette.mutedText)
                    parts.append("\(name) n/a")
                    continue
                }
                let (a, b) = (px(Swift.min(0, bar.value)), px(Swift.max(0, bar.value)))
                var tooltip = "\(row.label): \(name) = \(Markup.short(bar.value))"
                let low = bar.lower.flatMap { $0.isFinite ? $0 : nil }
                let high = bar.upper.flatMap { $0.isFinite ? $0 : nil }
                if low != nil || high != nil {
                    tooltip += " [\(Markup.short(low ?? bar.value)), \(Markup.short(high ?? bar.value))]"
                }
                canvas.rect(
                    x: a, y: y0 + 1, width: b - a, height: barHeight - 2, fill: Palette.series(k), tooltip: tooltip)
                var end = Swift.max(a, b)
                if low != nil || high != nil {
                    let (w0, w1) = (px(low ?? bar.value), px(high ?? bar.value))
                    canvas.line(w0, cy, w1, cy, stroke: Palette.text, width: 1.2)
                    canvas.line(w0, cy - 3, w0, cy + 3, stroke: Palette.text, width: 1.2)
                    canvas.line(w1, cy - 3, w1, cy + 3, stroke: Palette.text, width: 1.2)
                    end = Swift.max(end, w0, w1)
                }
                canvas.text(Markup.short(bar.value), x: end + 4, y: cy + 3.5, size: 9, fill: Palette.mutedText)
                parts.append("\(name) \(Markup.short(bar.value))")
            }
            summaries.append("\(row.label): " + parts.joined(separator: ", "))
        }
        let zeroX = px(0)
        canvas.line(zeroX, top, zeroX, bottom, stroke: Palette.zero)

        let description =
            "Tornado chart of \(value.title) per parameter, largest first"
            + (summaries.isEmpty ? "." : ": " + summaries.joined(separator: "; ") + ".")
        return canvas.document(kind: "tornado", title: title, description: description)
    }
}

/// One bar of a ``TornadoRow``: a value and optional whisker ends.
public struct TornadoBar: Sendable, Equatable {
    /// The bar's length (μ*, S1, ST, …).
    public var value: Double
    /// The whisker's left end, or `nil`.
    public var lower: Double?
    /// The whisker's right end, or `nil`.
    public var upper: Double?

    /// Creates a bar.
    public init(value: Double, lower: Double? = nil, upper: Double? = nil) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// One parameter of a tornado chart (``SVGChart/tornado(title:value:seriesNames:whiskerLabel:rows:width:)``).
public struct TornadoRow: Sendable, Equatable {
    /// The parameter's name.
    public var label: String
    /// One bar per series, in the order of the chart's series names.
    public var bars: [TornadoBar]

    /// Creates a row.
    public init(label: String, bars: [TornadoBar]) {
        self.label = label
        self.bars = bars
    }
}
