/// Text helpers shared by the SVG charts and the HTML page: escaping and the fixed number
/// formats that keep the output byte-for-byte reproducible.
enum Markup {
    /// `text` made safe for an HTML or XML text node *and* a double- or single-quoted
    /// attribute value: `&`, `<`, `>`, `"` and `'` become character references, and control
    /// characters that XML 1.0 forbids (everything below U+0020 except tab, line feed and
    /// carriage return) become U+FFFD, so a chart stays a well-formed SVG file on its own.
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate or length in user units, rounded to hundredths and written without
    /// trailing zeros (`12`, `12.5`, `-0.25`). Integer arithmetic only, so the text does not
    /// depend on the C library. Non-finite values are written `0`; magnitudes are clamped to
    /// 1e9, far outside any chart.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let clamped = Swift.min(Swift.max(x, -1e9), 1e9)
        let hundredths = Int((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        var text = hundredths < 0 ? "-" : ""
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += "."
            if fraction < 10 { text += "0" }
            text += fraction % 10 == 0 ? String(fraction / 10) : String(fraction)
        }
        return text
    }

    /// ``NumberFormat/human(_:)`` without trailing zeros in the mantissa (`0.2500` → `0.25`,
    /// `1.50k` → `1.5k`, `2.00e-04` → `2e-04`), for tick labels and chart annotations.
    static func short(_ x: Double) -> String {
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        return trimZeros(NumberFormat.human(x))
    }

    /// `short(x)` with a leading `+` for positive values, for differences.
    static func signed(_ x: Double) -> String {
        x > 0 ? "+" + short(x) : short(x)
    }

    /// A fraction as a whole percentage (`0.734` → `73%`); NaN → `nan`.
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return NumberFormat.human(fraction) }
        return String(Int((fraction * 100).rounded())) + "%"
    }

    /// Removes trailing zeros (and a trailing point) from the mantissa of a number written
    /// by ``NumberFormat/human(_:)``, keeping any suffix letter or exponent.
    static func trimZeros(_ text: String) -> String {
        let mantissaEnd = text.firstIndex { !($0.isNumber || $0 == "." || $0 == "-") } ?? text.endIndex
        var mantissa = text[..<mantissaEnd]
        guard mantissa.contains(".") else { return text }
        while mantissa.last == "0" { mantissa.removeLast() }
        if mantissa.last == "." { mantissa.removeLast() }
        return String(mantissa) + text[mantissaEnd...]
    }

    /// `1 run`, `4 runs`: a count and a noun, plural by adding `s`.
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    /// A metric or parameter name with its unit in parentheses, or the name alone.
    static func labelled(_ name: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return name }
        return "\(name) (\(unit))"
    }
}
