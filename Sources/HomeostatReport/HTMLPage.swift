/// Building blocks of the report page: the document shell with its style sheet, tables,
/// figures and sections.
///
/// The page is built as strings rather than from a Mustache template. Nearly all of its
/// content is markup made here (the SVG charts, tables whose cells need classes and
/// tooltips), which a template would have to insert unescaped with `{{{…}}}`, so the
/// template's escaping by default would protect only the few plain strings left, while
/// adding a dependency, a second language and a resource to ship. Instead every piece of
/// outside text goes through one escaper, ``Markup/escape(_:)``, at the point where it
/// enters markup (the functions here take plain text and escape it themselves), and the
/// tests check that a `<script>` in a scenario name comes out inert.
enum HTMLPage {
    /// A table cell: plain text (escaped here), right-aligned when numeric, with an
    /// optional tooltip.
    struct Cell {
        let text: String
        let numeric: Bool
        let hint: String?

        init(_ text: String, numeric: Bool = false, hint: String? = nil) {
            self.text = text
            self.numeric = numeric
            self.hint = hint
        }

        static func number(_ x: Double) -> Cell { Cell(Markup.short(x), numeric: true) }
    }

    /// The whole page: `<!DOCTYPE html>` to `</html>`, style sheet inline, no external URL.
    /// A page whose figures carry data (``figure(id:svg:caption:wide:data:)``) ends with one
    /// small inline ``script`` (no network access, no `src`): a CSV download link under each
    /// such figure and, on charts over time, the values at the day under the pointer.
    ///
    /// - Parameters:
    ///   - title: The document title (browser tab).
    ///   - heading: The `<h1>` text.
    ///   - subtitle: One line under the heading.
    ///   - body: The sections, already markup.
    ///   - footer: Plain text for the footer.
    static func document(title: String, heading: String, subtitle: String, body: String, footer: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Homeostat">
        <title>\(Markup.escape(title))</title>
        <style>
        \(styleSheet)</style>
        </head>
        <body>
        <header>
        <h1>\(Markup.escape(heading))</h1>
        <p>\(Markup.escape(subtitle))</p>
        </header>
        <main>
        \(body)</main>
        <footer>\(Markup.escape(footer))</footer>
        \(body.contains("<pre class=\"chart-data\"") ? "<script>\n" + script + "</script>\n" : "")</body>
        </html>

        """
    }

    /// The page's only script: inline, no network, no `eval`. For every figure with a hidden
    /// `<pre class="chart-data">` (its chart's data as CSV) it adds a "Download data (CSV)" link (a `data:` URI built in the
    /// page) and, when the chart's `<svg>` has `data-x="left right low high"`, a line under
    /// the chart with the values of the row nearest the pointer.
    static let script = """
        (function () {
          document.querySelectorAll("figure > pre.chart-data").forEach(function (data) {
            var figure = data.parentNode;
            var csv = data.textContent;
            var link = document.createElement("a");
            link.textContent = "Download data (CSV)";
            link.className = "download";
            link.setAttribute("download", (figure.id || "chart") + ".csv");
            link.setAttribute("href", "data:text/csv;charset=utf-8," + encodeURIComponent(csv));
            figure.appendChild(link);
            var svg = figure.querySelector("svg");
            var axis = svg && svg.getAttribute("data-x");
            if (!axis) return;
            var p = axis.split(" ").map(Number);
            var lines = csv.trim().split("\\n");
            var head = lines.shift().split(",");
            var rows = lines.map(function (line) { return line.split(","); });
            var tip = document.createElement("div");
            tip.className = "hover";
            tip.textContent = "\\u00a0";
            figure.appendChild(tip);
            svg.addEventListener("mousemove", function (event) {
              var box = svg.getBoundingClientRect();
              var x = (event.clientX - box.left) * svg.viewBox.baseVal.width / box.width;
              if (x < p[0] || x > p[1]) { tip.textContent = "\\u00a0"; return; }
              var value = p[2] + (x - p[0]) / (p[1] - p[0]) * (p[3] - p[2]);
              var best = rows[0], distance = Infinity;
              rows.forEach(function (row) {
                var d = Math.abs(Number(row[0]) - value);
                if (d < distance) { distance = d; best = row; }
              });
              tip.textContent = head.map(function (name, i) { return name + " " + best[i]; }).join("   ");
            });
            svg.addEventListener("mouseleave", function () { tip.textContent = "\\u00a0"; });
          });
        })();

        """

    static let styleSheet = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f4f5f7; color: #222222;
          font: 15px/1.45 "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }
        header { background: #0b2545; color: #ffffff; padding: 16px 32px 14px; }
        header h1 { margin: 0; font-size: 26px; }
        header p { margin: 4px 0 0; color: #c8d5e8; }
        main { max-width: 1320px; margin: 0 auto; padding: 4px 24px 24px; }
        section { background: #ffffff; border: 1px solid #dde1e6; border-radius: 6px; padding: 6px 20px 16px; margin: 16px 0; }
        h2 { font-size: 20px; margin: 10px 0 6px; }
        h3 { font-size: 16px; margin: 10px 0 4px; }
        p.intro, p.note { color: #444444; margin: 4px 0 10px; }
        p.note { font-size: 13px; }
        .tables { display: flex; flex-wrap: wrap; gap: 12px 40px; align-items: flex-start; }
        table { border-collapse: collapse; font-size: 14px; margin: 4px 0 8px; }
        caption { text-align: left; font-weight: bold; padding: 2px 0 4px; }
        th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
        th { background: #eef1f5; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td[title] { text-decoration: underline dotted #999999; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
        figure { margin: 0; }
        figure.wide { grid-column: 1 / -1; }
        figcaption { font-size: 13px; color: #555555; margin-top: 3px; }
        figure a.download { font-size: 12px; color: #08306b; }
        figure .hover { font-size: 12px; color: #222222; font-variant-numeric: tabular-nums; min-height: 1.2em; }
        svg.chart { display: block; max-width: 100%; height: auto; border: 1px solid #eceef1; }
        nav a, footer a { color: #1f5fa8; }
        details summary { cursor: pointer; font-weight: bold; margin: 6px 0; }
        footer { max-width: 1272px; margin: 0 auto 24px; padding: 0 24px; font-size: 13px; color: #666666; }

        """

    /// A `<section>` with a heading, an optional introduction and its content (markup).
    static func section(id: String, heading: String, intro: String? = nil, content: String) -> String {
        var out = "<section id=\"\(Markup.escape(id))\">\n<h2>\(Markup.escape(heading))</h2>\n"
        if let intro { out += "<p class=\"intro\">\(Markup.escape(intro))</p>\n" }
        return out + content + "</section>\n"
    }

    /// A grid of figures (markup).
    static func charts(_ figures: [String]) -> String {
        "<div class=\"charts\">\n" + figures.joined() + "</div>\n"
    }

    /// A `<figure>` holding one chart and a caption.
    static func figure(id: String, svg: String, caption: String?, wide: Bool = false, data: String? = nil) -> String {
        var out = "<figure id=\"\(Markup.escape(id))\"\(wide ? " class=\"wide\"" : "")>\n" + svg
        if let data { out += "<pre class=\"chart-data\" hidden>\(Markup.escape(data))</pre>\n" }
        if let caption, !caption.isEmpty { out += "<figcaption>\(Markup.escape(caption))</figcaption>\n" }
        return out + "</figure>\n"
    }

    /// A table with a caption, a header row and body rows.
    static func table(caption: String?, header: [Cell], rows: [[Cell]], className: String? = nil) -> String {
        var out = "<table" + (className.map { " class=\"\(Markup.escape($0))\"" } ?? "") + ">\n"
        if let caption { out += "<caption>\(Markup.escape(caption))</caption>\n" }
        out += "<thead><tr>" + header.map { cell("th", $0) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.map { cell("td", $0) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A two-column table of names and values.
    static func keyValueTable(caption: String, _ pairs: [(String, String)]) -> String {
        var out = "<table class=\"facts\">\n<caption>\(Markup.escape(caption))</caption>\n<tbody>\n"
        for (key, value) in pairs {
            out += "<tr><th scope=\"row\">\(Markup.escape(key))</th><td>\(Markup.escape(value))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A paragraph of plain text with the given class.
    static func paragraph(_ text: String, className: String = "intro") -> String {
        "<p class=\"\(className)\">\(Markup.escape(text))</p>\n"
    }

    /// A bulleted list of plain-text lines; empty for no lines.
    static func list(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<ul>\n" + lines.map { "<li>\(Markup.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// A line of in-page links (`(id, text)` pairs).
    static func navigation(_ links: [(String, String)]) -> String {
        "<nav>Contents: "
            + links.map { "<a href=\"#\(Markup.escape($0.0))\">\(Markup.escape($0.1))</a>" }
            .joined(separator: " · ") + "</nav>\n"
    }

    private static func cell(_ tag: String, _ cell: Cell) -> String {
        var attributes = ""
        if cell.numeric { attributes += " class=\"num\"" }
        if let hint = cell.hint { attributes += " title=\"\(Markup.escape(hint))\"" }
        return "<\(tag)\(attributes)>\(Markup.escape(cell.text))</\(tag)>"
    }
}

/// Distinct element ids made from arbitrary names: lowercase ASCII letters and digits, other
/// characters as `-`, and a numeric suffix when two names map to the same id.
struct Slugs {
    private var used: Set<String> = []

    mutating func make(_ prefix: String, _ name: String) -> String {
        var slug = ""
        var lastWasDash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug += "-"
                lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        while slug.hasPrefix("-") { slug.removeFirst() }
        let base = prefix + "-" + (slug.isEmpty ? "x" : slug)
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
