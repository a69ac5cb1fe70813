/// One entry of a chart legend: a small sample of the mark and its label.
struct LegendItem {
    enum Swatch {
        /// A filled box (bands, bars, heat-map cells).
        case box(String)
        /// A line segment, optionally dashed.
        case line(String, width: Double, dash: String?)
        /// A dot with a vertical error bar through it.
        case pointWithBar(String)
        /// A thick horizontal bar (interval).
        case interval(String, width: Double)
        /// A dot.
        case point(String)
    }

    let label: String
    let swatch: Swatch
}

/// Title, legend and axes shared by the charts.
enum ChartFrame {
    static let titleBaseline = 22.0
    static let legendRowHeight = 18.0
    static let characterWidth = 6.2

    /// Estimated width of `text` at 11 px; the charts use it to lay out legends and margins,
    /// so it errs on the wide side.
    static func textWidth(_ text: String, size: Double = 11) -> Double {
        Double(text.count) * characterWidth * size / 11
    }

    /// Draws the title and the legend, wrapping legend entries onto new rows when they do not
    /// fit in `width`.
    ///
    /// - Returns: The y coordinate where the plot area may begin.
    static func header(_ canvas: inout SVGCanvas, title: String, legend: [LegendItem]) -> Double {
        canvas.text(title, x: 12, y: titleBaseline, size: 15, bold: true)
        guard !legend.isEmpty else { return titleBaseline + 18 }
        var x = 12.0
        var baseline = titleBaseline + 20
        for item in legend {
            let itemWidth = 24 + textWidth(item.label) + 16
            if x > 12, x + itemWidth > canvas.width - 8 {
                x = 12
                baseline += legendRowHeight
            }
            drawSwatch(&canvas, item.swatch, x: x, baseline: baseline)
            canvas.text(item.label, x: x + 22, y: baseline)
            x += itemWidth
        }
        return baseline + 16
    }

    private static func drawSwatch(
        _ canvas: inout SVGCanvas, _ swatch: LegendItem.Swatch, x: Double, baseline: Double
    ) {
        let middle = baseline - 4
        switch swatch {
        case let .box(colour):
            canvas.rect(x: x, y: baseline - 10, width: 16, height: 11, fill: colour)
        case let .line(colour, width, dash):
            canvas.line(x, middle, x + 16, middle, stroke: colour, width: width, dash: dash)
        case let .pointWithBar(colour):
            canvas.line(x + 8, baseline - 11, x + 8, baseline + 3, stroke: colour, width: 1.2)
            canvas.line(x + 5, baseline - 11, x + 11, baseline - 11, stroke: colour, width: 1.2)
            canvas.line(x + 5, baseline + 3, x + 11, baseline + 3, stroke: colour, width: 1.2)
            canvas.circle(x: x + 8, y: middle, radius: 3, fill: colour)
        case let .interval(colour, width):
            canvas.line(x, middle, x + 16, middle, stroke: colour, width: width)
        case let .point(colour):
            canvas.circle(x: x + 8, y: middle, radius: 3.5, fill: colour)
        }
    }
}

/// The plot area of a chart with two value axes: maps data to pixels and draws the grid,
/// the ticks, the tick labels and the axis titles.
struct XYFrame {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    let xTicks: AxisTicks
    let yTicks: AxisTicks

    /// Draws title, legend, grid and axes on `canvas` and returns the frame to plot into.
    ///
    /// - Parameter note: A footnote under the x axis (values left out, a scale that fell
    ///   back to linear), or `nil`.
    init(
        _ canvas: inout SVGCanvas, title: String, legend: [LegendItem],
        xAxis: ChartAxis, yAxis: ChartAxis, xTicks: AxisTicks, yTicks: AxisTicks, note: String?
    ) {
        let widestLabel = yTicks.labels.map { ChartFrame.textWidth($0) }.max() ?? 0
        left = Swift.max(56, 34 + widestLabel)
        right = canvas.width - 18
        top = ChartFrame.header(&canvas, title: title, legend: legend)
        bottom = canvas.height - (note == nil ? 44 : 60)
        self.xTicks = xTicks
        self.yTicks = yTicks

        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let y = self.y(value)
            canvas.line(left, y, right, y, stroke: Palette.grid)
            canvas.text(label, x: left - 6, y: y + 4, anchor: .end)
        }
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            let x = self.x(value)
            canvas.line(x, bottom, x, bottom + 4, stroke: Palette.axis)
            canvas.text(label, x: x, y: bottom + 16, anchor: .middle)
        }
        canvas.line(left, top, left, bottom, stroke: Palette.axis)
        canvas.line(left, bottom, right, bottom, stroke: Palette.axis)
        canvas.text(xAxis.title, x: (left + right) / 2, y: bottom + 34, anchor: .middle)
        canvas.text(yAxis.title, x: 16, y: (top + bottom) / 2, anchor: .middle, rotated: true)
        if let note {
            canvas.text(note, x: left, y: canvas.height - 8, size: 10, fill: Palette.mutedText)
        }
    }

    /// The pixel column of the value `v` on the x axis.
    func x(_ v: Double) -> Double { left + xTicks.fraction(v) * (right - left) }

    /// The pixel row of the value `v` on the y axis (up is larger).
    func y(_ v: Double) -> Double { bottom - yTicks.fraction(v) * (bottom - top) }
}
