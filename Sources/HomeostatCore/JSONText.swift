/// JSON text helpers shared by every writer of JSON (reports, replays, comparisons).
public enum JSONText {
    /// `value` as a JSON string literal: `"` and `\` escaped, the usual control characters
    /// as `\n`, `\r`, `\t`, `\b`, `\f`, other control characters as `\u00xx`; everything
    /// else, non-ASCII included, written as UTF-8.
    public static func quoted(_ value: String) -> String {
        var out = ""
        appendQuoted(value, to: &out)
        return out
    }

    /// Appends ``quoted(_:)`` of `value` to `out`.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
