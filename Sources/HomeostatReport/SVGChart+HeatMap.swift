extension SVGChart {
    /// A heat map of a metric over a grid of two parameters, with a colour legend.
    ///
    /// Cells are equal-sized and labelled by the parameter values (the grid need not be
    /// evenly spaced); colour runs over the viridis scale from the smallest finite value
    /// (dark blue) to the largest (yellow). Cells large enough show their value; every cell
    /// has a tooltip. NaN cells are grey.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - x: The first parameter's axis (columns).
    ///   - y: The second parameter's axis (rows, the first value at the bottom).
    ///   - xValues: The first parameter's values, one per column.
    ///   - yValues: The second parameter's values, one per row.
    ///   - values: `values[row][column]`, the metric at (`xValues[column]`, `yValues[row]`).
    ///   - value: The metric's axis (label and unit), for the colour legend.
    ///   - size: The chart's size; 640 × 360 by default.
    /// - Returns: One `<svg class="chart heatmap">` element.
    public static func heatMap(
        title: String, x: ChartAxis, y: ChartAxis, xValues: [Double], yValues: [Double],
        values: [[Double]], value: ChartAxis, size: ChartSize = ChartSize(width: 640, height: 360)
    ) -> String {
        precondition(
            values.count == yValues.count && values.allSatisfy { $0.count == xValues.count },
            "heat map: values must have one row per y value and one column per x value")
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        func position(_ v: Double) -> Double { high > low ? (v - low) / (high - low) : 0.5 }
        let xLabels = xValues.map(Markup.short)
        let yLabels = yValues.map(Markup.short)
        let missing = values.flatMap { $0 }.count - finite.count

        var canvas = SVGCanvas(size)
        let top = ChartFrame.header(&canvas, title: title, legend: [])
        let left = Swift.max(56, 34 + (yLabels.map { ChartFrame.textWidth($0) }.max() ?? 0))
        let right = canvas.width - 104
        let bottom = canvas.height - (missing > 0 ? 60 : 44)
        let columns = Swift.max(1, xValues.count)
        let rows = Swift.max(1, yValues.count)
        let cellWidth = (right - left) / Double(columns)
        let cellHeight = (bottom - top) / Double(rows)

        for (row, rowValues) in values.enumerated() {
            for (column, v) in rowValues.enumerated() {
                let cx = left + Double(column) * cellWidth
                let cy = bottom - Double(row + 1) * cellHeight
                let fill = v.isFinite ? Palette.sequential(position(v)) : Palette.missing
                canvas.rect(
                    x: cx, y: cy, width: cellWidth, height: cellHeight, fill: fill, stroke: "#ffffff",
                    tooltip: "\(x.label) = \(xLabels[column]), \(y.label) = \(yLabels[row]): \(Markup.short(v))")
                if cellWidth >= 40, cellHeight >= 18 {
                    let dark = v.isFinite && Palette.sequentialIsDark(position(v))
                    canvas.text(
                        v.isFinite ? Markup.short(v) : "n/a", x: cx + cellWidth / 2, y: cy + cellHeight / 2 + 4,
                        anchor: .middle, size: 10, fill: dark ? "#ffffff" : Palette.text)
                }
            }
        }

        // Category labels, thinned so that they do not overlap.
        let widest = (xLabels.map { ChartFrame.textWidth($0) }.max() ?? 0) + 8
        let xEvery = Swift.max(1, Int((widest / cellWidth).rounded(.up)))
        for (column, label) in xLabels.enumerated() where column % xEvery == 0 {
            let cx = left + (Double(column) + 0.5) * cellWidth
            canvas.line(cx, bottom, cx, bottom + 4, stroke: Palette.axis)
            canvas.text(label, x: cx, y: bottom + 16, anchor: .middle)
        }
        let yEvery = Swift.max(1, Int((14 / cellHeight).rounded(.up)))
        for (row, label) in yLabels.enumerated() where row % yEvery == 0 {
            let cy = bottom - (Double(row) + 0.5) * cellHeight
            canvas.line(left - 4, cy, left, cy, stroke: Palette.axis)
            canvas.text(label, x: left - 6, y: cy + 4, anchor: .end)
        }
        canvas.text(x.title, x: (left + right) / 2, y: bottom + 34, anchor: .middle)
        canvas.text(y.title, x: 16, y: (top + bottom) / 2, anchor: .middle, rotated: true)
        if missing > 0 {
            canvas.text(
                "grey cells: no finite value (\(missing))", x: left, y: canvas.height - 8, size: 10,
                fill: Palette.mutedText)
        }

        // Colour legend: a stepped bar with ticks at round values inside the data's range.
        let barLeft = canvas.width - 88
        let steps = 40
        let stepHeight = (bottom - top) / Double(steps)
        for s in 0..<steps {
            let t = (Double(s) + 0.5) / Double(steps)
            canvas.rect(
                x: barLeft, y: bottom - Double(s + 1) * stepHeight, width: 14, height: stepHeight + 0.3,
                fill: Palette.sequential(t))
        }
        let legendTicks = AxisTicks.linear(low, high)
        for (v, label) in zip(legendTicks.values, legendTicks.labels)
        where high > low ? (v >= low && v <= high) : v == low {
            let ty = bottom - position(v) * (bottom - top)
            canvas.line(barLeft + 14, ty, barLeft + 18, ty, stroke: Palette.axis)
            canvas.text(label, x: barLeft + 20, y: ty + 4)
        }
        if high == low, !finite.isEmpty {
            canvas.text(Markup.short(low), x: barLeft + 20, y: (top + bottom) / 2 + 4)
        }
        canvas.text(value.title, x: canvas.width - 10, y: (top + bottom) / 2, anchor: .middle, rotated: true)

        var description =
            "Heat map of \(value.title) over \(x.title) (\(xValues.count) values) "
            + "and \(y.title) (\(yValues.count) values)"
        if let (lowCell, highCell) = extremeCells(values) {
            description +=
                ": lowest \(Markup.short(low)) at \(x.label) = \(xLabels[lowCell.column]), "
                + "\(y.label) = \(yLabels[lowCell.row]); highest \(Markup.short(high)) at "
                + "\(x.label) = \(xLabels[highCell.column]), \(y.label) = \(yLabels[highCell.row])."
        } else {
            description += ": no finite values."
        }
        return canvas.document(kind: "heatmap", title: title, description: description)
    }

    /// The cells of the smallest and largest finite value (the first of equals), or `nil`.
    private static func extremeCells(_ values: [[Double]]) -> ((row: Int, column: Int), (row: Int, column: Int))? {
        var lowest: (row: Int, column: Int, value: Double)? = nil
        var highest: (row: Int, column: Int, value: Double)? = nil
        for (row, rowValues) in values.enumerated() {
            for (column, v) in rowValues.enumerated() where v.isFinite {
                if lowest == nil || v < lowest!.value { lowest = (row, column, v) }
                if highest == nil || v > highest!.value { highest = (row, column, v) }
            }
        }
        guard let lowest, let highest else { return nil }
        return ((lowest.row, lowest.column), (highest.row, highest.column))
    }
}
