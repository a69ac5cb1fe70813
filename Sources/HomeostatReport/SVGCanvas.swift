/// An SVG document under construction: one element per line, every number written by
/// ``Markup/number(_:)`` and every text escaped by ``Markup/escape(_:)``, so the same
/// drawing calls give the same bytes.
struct SVGCanvas {
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    init(_ size: ChartSize) {
        self.init(width: Double(size.width), height: Double(size.height))
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        stroke: String? = nil, opacity: Double? = nil, tooltip: String? = nil
    ) {
        var element =
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(Swift.max(0, width)))\" "
            + "height=\"\(n(Swift.max(0, height)))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"0.5\"" }
        if let opacity { element += " fill-opacity=\"\(n(opacity))\"" }
        if let tooltip {
            element += "><title>\(Markup.escape(tooltip))</title></rect>"
        } else {
            element += "/>"
        }
        body += element + "\n"
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
        stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var element =
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        body += element + "/>\n"
    }

    /// A path; `fill` `none` draws only the stroke.
    mutating func path(_ d: String, fill: String, stroke: String? = nil, width: Double = 1.5) {
        var element = "<path d=\"\(d)\" fill=\"\(fill)\""
        if let stroke {
            element += " stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
        }
        body += element + "/>\n"
    }

    mutating func circle(
        x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil, tooltip: String? = nil
    ) {
        var element = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        if let tooltip {
            element += "><title>\(Markup.escape(tooltip))</title></circle>"
        } else {
            element += "/>"
        }
        body += element + "\n"
    }

    /// Text with its baseline at `y`; `rotated` turns it a quarter counter-clockwise about
    /// its anchor point (vertical axis titles).
    mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11,
        bold: Bool = false, fill: String = Palette.text, rotated: Bool = false
    ) {
        var element = "<text x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        if size != 11 { element += " font-size=\"\(n(size))\"" }
        if bold { element += " font-weight=\"bold\"" }
        if fill != Palette.text { element += " fill=\"\(fill)\"" }
        if rotated { element += " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" }
        body += element + ">\(Markup.escape(text))</text>\n"
    }

    /// The finished `<svg>` element with its accessible `<title>` and `<desc>`.
    ///
    /// - Parameters:
    ///   - kind: The chart's kind, added to the `class` attribute (`chart fan`) so a page
    ///     and its tests can find charts by kind.
    ///   - title: The chart's title, also its accessible name.
    ///   - description: A sentence or two saying what the chart shows, for screen readers.
    func document(kind: String, title: String, description: String, hoverAxis: String? = nil) -> String {
        let hover = hoverAxis.map { " data-x=\"\(Markup.escape($0))\"" } ?? ""
        return """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart \(kind)"\(hover) width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-label="\(Markup.escape(title))" \
        font-family="Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif" font-size="11" fill="\(Palette.text)">
        <title>\(Markup.escape(title))</title>
        <desc>\(Markup.escape(description))</desc>
        <rect width="100%" height="100%" fill="#ffffff"/>
        \(body)</svg>

        """
    }

    private func n(_ x: Double) -> String { Markup.number(x) }
}

/// `M x y L x y …` path data from points, skipping none.
struct PathData {
    private(set) var text = ""

    mutating func move(_ x: Double, _ y: Double) {
        text += (text.isEmpty ? "M" : " M") + Markup.number(x) + " " + Markup.number(y)
    }

    mutating func line(_ x: Double, _ y: Double) {
        text += " L" + Markup.number(x) + " " + Markup.number(y)
    }

    mutating func close() { text += " Z" }

    var isEmpty: Bool { text.isEmpty }
}

/// The chart colours: a neutral frame, blues for distributions and a categorical palette
/// (Tableau 10) for series.
enum Palette {
    static let text = "#222222"
    static let mutedText = "#555555"
    static let grid = "#e4e4e4"
    static let axis = "#888888"
    static let zero = "#444444"
    static let outerBand = "#c6dbef"
    static let innerBand = "#6baed6"
    static let median = "#08306b"
    static let bar = "#4a90c8"
    static let missing = "#d9d9d9"
    static let unpaired = "#bdbdbd"
    static let series = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    static func series(_ index: Int) -> String { series[index % series.count] }

    /// Viridis, sampled at ten points and interpolated linearly: dark blue (low) to yellow
    /// (high), readable in grey scale and by most colour-blind readers.
    private static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// The colour of `t` in `0...1` on the viridis scale, as `#rrggbb`.
    static func sequential(_ t: Double) -> String {
        let (r, g, b) = sequentialRGB(t)
        return hex(r, g, b)
    }

    /// Whether text on the sequential colour of `t` should be white (dark background).
    static func sequentialIsDark(_ t: Double) -> Bool {
        let (r, g, b) = sequentialRGB(t)
        return 0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b) < 140
    }

    private static func sequentialRGB(_ t: Double) -> (Int, Int, Int) {
        let clamped = t.isFinite ? Swift.min(Swift.max(t, 0), 1) : 0
        let position = clamped * Double(viridis.count - 1)
        let i = Swift.min(Int(position), viridis.count - 2)
        let f = position - Double(i)
        let (a, b) = (viridis[i], viridis[i + 1])
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for v in [r, g, b] {
            text.append(digits[v / 16])
            text.append(digits[v % 16])
        }
        return text
    }
}
