public import HomeostatScenario
extension SVGChart {
    /// A paired-difference chart of a comparison of designs A and B: one row per metric with
    /// the mean of B − A over paired runs, its confidence interval, a zero line, and how
    /// often B beat A.
    ///
    /// Metrics have different units, so each row has its own scale, symmetric about zero
    /// (labelled at both ends): the zero line is shared and a row's interval is read
    /// against it. When a row gives the half-width an *unpaired* comparison would have had,
    /// a wide grey bar shows it around the mean, so the gain from common random numbers is
    /// visible.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - nameA: The first design's name (the baseline).
    ///   - nameB: The second design's name.
    ///   - rows: One row per metric, drawn in order.
    ///   - confidenceLevel: The intervals' level, for the legend; 0.95 by default.
    ///   - width: The chart's width; the height follows from the number of rows.
    /// - Returns: One `<svg class="chart paired-difference">` element.
    public static func pairedDifference(
        title: String, nameA: String, nameB: String, rows: [PairedDifferenceRow],
        confidenceLevel: Double = 0.95, width: Int = 760
    ) -> String {
        let level = Markup.percent(confidenceLevel)
        let hasUnpaired = rows.contains { $0.unpairedHalfWidth?.isFinite == true }
        var legend = [
            LegendItem(label: "mean of \(nameB) − \(nameA)", swatch: .point(Palette.median)),
            LegendItem(label: "\(level) CI, paired runs", swatch: .interval(Palette.median, width: 4)),
        ]
        if hasUnpaired {
            legend.append(
                LegendItem(label: "\(level) CI if not paired", swatch: .interval(Palette.unpaired, width: 10)))
        }
        let rowHeight = 46.0
        let probe = SVGCanvas(width: Double(Swift.max(360, width)), height: 0)
        var headerCanvas = probe
        let headerBottom = ChartFrame.header(&headerCanvas, title: title, legend: legend)
        let height = headerBottom + 22 + rowHeight * Double(rows.count) + 10
        var canvas = SVGCanvas(width: probe.width, height: height)
        let top = ChartFrame.header(&canvas, title: title, legend: legend) + 22

        func beatsText(_ row: PairedDifferenceRow) -> String {
            let ties = row.fractionTied > 0 ? ", tied in \(Markup.percent(row.fractionTied))" : ""
            return switch row.direction {
            case .higherIsBetter: "\(nameB) better (higher) in \(Markup.percent(row.fractionBBeatsA)) of runs\(ties)"
            case .lowerIsBetter: "\(nameB) better (lower) in \(Markup.percent(row.fractionBBeatsA)) of runs\(ties)"
            // No direction declared: "beats" is "is higher" (ties apart).
            case .none: "\(nameB) beats \(nameA) in \(Markup.percent(row.fractionBBeatsA)) of runs\(ties)"
            }
        }
        func intervalText(_ row: PairedDifferenceRow) -> String {
            "Δ \(Markup.signed(row.meanDifference)) [\(Markup.signed(row.lower)), \(Markup.signed(row.upper))]"
        }
        let labelWidth = rows.map { ChartFrame.textWidth($0.metric) }.max() ?? 0
        let left = Swift.min(Swift.max(120, labelWidth + 24), canvas.width * 0.3)
        let textWidth =
            rows.map {
                Swift.max(ChartFrame.textWidth(beatsText($0)), ChartFrame.textWidth(intervalText($0), size: 10))
            }
            .max() ?? 0
        let textLeft = canvas.width - Swift.min(Swift.max(160, textWidth + 12), canvas.width * 0.4)
        let right = textLeft - 24
        let zero = (left + right) / 2
        let bottom = top + rowHeight * Double(rows.count)

        canvas.text("← \(nameA) higher", x: left, y: top - 6, size: 10, fill: Palette.mutedText)
        canvas.text("\(nameB) higher →", x: right, y: top - 6, anchor: .end, size: 10, fill: Palette.mutedText)
        canvas.line(zero, top - 2, zero, bottom, stroke: Palette.zero, width: 1, dash: "4 3")

        var summaries: [String] = []
        for (i, row) in rows.enumerated() {
            let rowTop = top + Double(i) * rowHeight
            let cy = rowTop + 18
            if i > 0 { canvas.line(12, rowTop, canvas.width - 12, rowTop, stroke: Palette.grid) }
            canvas.text(row.metric, x: 12, y: cy + 4, bold: true)
            if let unit = row.unit, !unit.isEmpty {
                canvas.text(unit, x: 12, y: cy + 18, size: 10, fill: Palette.mutedText)
            }

            let half = row.unpairedHalfWidth.flatMap { $0.isFinite ? $0 : nil }
            let extent =
                [row.lower, row.upper, row.meanDifference]
                .map { abs($0) }.filter(\.isFinite).max() ?? 0
            let unpairedExtent = half.map { abs(row.meanDifference) + $0 } ?? 0
            let reach = Swift.max(extent, unpairedExtent.isFinite ? unpairedExtent : 0)
            let scale = reach > 0 ? AxisTicks.linear(-reach, reach, target: 2).upper : 1
            func px(_ v: Double) -> Double {
                zero + Swift.min(Swift.max(v / scale, -1), 1) * (right - left) / 2
            }

            // Row scale: marks at ±scale and ±scale/2, labels at the ends.
            for f in [-1.0, -0.5, 0.5, 1.0] {
                let tx = px(f * scale)
                canvas.line(tx, cy + 12, tx, cy + 16, stroke: Palette.axis)
            }
            canvas.line(left, cy + 14, right, cy + 14, stroke: Palette.grid)
            canvas.text(Markup.signed(-scale), x: left, y: cy + 26, anchor: .start, size: 9, fill: Palette.mutedText)
            canvas.text(Markup.signed(scale), x: right, y: cy + 26, anchor: .end, size: 9, fill: Palette.mutedText)

            if row.meanDifference.isFinite {
                if let half {
                    canvas.line(
                        px(row.meanDifference - half), cy, px(row.meanDifference + half), cy,
                        stroke: Palette.unpaired, width: 10)
                }
                if row.lower.isFinite, row.upper.isFinite {
                    canvas.line(px(row.lower), cy, px(row.upper), cy, stroke: Palette.median, width: 4)
                }
                canvas.circle(
                    x: px(row.meanDifference), y: cy, radius: 4.5, fill: Palette.median, stroke: "#ffffff",
                    tooltip: "\(row.metric): \(nameB) − \(nameA) = \(Markup.signed(row.meanDifference)) "
                        + "[\(Markup.signed(row.lower)), \(Markup.signed(row.upper))]")
            } else {
                canvas.text("no finite difference", x: zero + 6, y: cy + 4, size: 10, fill: Palette.mutedText)
            }

            let beats = beatsText(row)
            canvas.text(beats, x: textLeft, y: cy + 4, size: 11)
            let interval = intervalText(row)
            canvas.text(interval, x: textLeft, y: cy + 18, size: 10, fill: Palette.mutedText)
            summaries.append("\(row.metric): \(interval), \(beats)")
        }
        let description =
            "Mean paired difference \(nameB) − \(nameA) per metric with its \(level) confidence "
            + "interval, each row on its own scale around a shared zero line"
            + (summaries.isEmpty ? "." : ". " + summaries.joined(separator: "; ") + ".")
        return canvas.document(kind: "paired-difference", title: title, description: description)
    }
}

/// One metric of a paired comparison (``SVGChart/pairedDifference(title:nameA:nameB:rows:confidenceLevel:width:)``).
public struct PairedDifferenceRow: Sendable, Equatable {
    /// The metric's name.
    public var metric: String
    /// Its unit, or `nil`.
    public var unit: String?
    /// Mean over paired runs of B's value minus A's.
    public var meanDifference: Double
    /// Lower end of the confidence interval of ``meanDifference``.
    public var lower: Double
    /// Upper end of the confidence interval of ``meanDifference``.
    public var upper: Double
    /// Fraction of paired runs in which B did better than A, in `0...1`: B lower for a metric
    /// where lower is better, B higher otherwise (ties excluded: see ``fractionTied``).
    public var fractionBBeatsA: Double
    /// Fraction of paired runs in which A and B were equal.
    public var fractionTied: Double
    /// Which way is better for the metric (``HomeostatScenario/MetricSemantics/Direction``).
    public var direction: MetricSemantics.Direction
    /// Half-width the interval would have had from unpaired runs, or `nil` if not known.
    public var unpairedHalfWidth: Double?

    /// Creates a row.
    public init(
        metric: String, unit: String?, meanDifference: Double, lower: Double, upper: Double,
        fractionBBeatsA: Double, unpairedHalfWidth: Double? = nil, fractionTied: Double = 0,
        direction: MetricSemantics.Direction = .none
    ) {
        self.fractionTied = fractionTied
        self.direction = direction
        self.metric = metric
        self.unit = unit
        self.meanDifference = meanDifference
        self.lower = lower
        self.upper = upper
        self.fractionBBeatsA = fractionBBeatsA
        self.unpairedHalfWidth = unpairedHalfWidth
    }
}
