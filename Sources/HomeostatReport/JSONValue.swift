internal import HomeostatCore
/// A JSON document to be written deterministically: object keys sorted by Unicode code
/// point, two-space indentation, numbers in ``NumberFormat/roundTrip(_:)`` form, non-finite
/// numbers as `null`.
enum JSONValue: Sendable {
    case null
    case int(Int64)
    case uint(UInt64)
    case number(Double)
    case string(String)
    case object([String: JSONValue])

    /// The document's text, ending in a newline.
    func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .int(i): out += String(i)
        case let .uint(u): out += String(u)
        case let .number(x): out += x.isFinite ? NumberFormat.roundTrip(x) : "null"
        case let .string(s): Self.writeString(s, to: &out)
        case let .object(members):
            if members.isEmpty {
                out += "{}"
                return
            }
            // UTF-8 byte order is code point order, the order Python's sort_keys gives.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            out += "{\n"
            for (i, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                Self.writeString(key, to: &out)
                out += ": "
                members[key]!.write(to: &out, indent: indent + 2)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// A JSON string literal (``JSONText/quoted(_:)``).
    private static func writeString(_ s: String, to out: inout String) {
        JSONText.appendQuoted(s, to: &out)
    }
}
