/// Decimal strings of token units, the only way amounts enter and leave a replay.
///
/// Input: one or more digits, optionally a point and one or more digits (`"1234.5"`,
/// `"0.000000000056654243"`); no sign, exponent, blanks or JSON number. The value is the
/// Double nearest to the decimal (the standard library's correctly rounded conversion).
///
/// Output: the shortest decimal that reads back as the same Double (the digits of Swift's
/// `description`, at most 17 significant), written out positionally without an exponent:
/// `1000`, `0.1`, `0.00000012345`, `516.79322491652352`. Zero (either sign) is `"0"`.
/// Shortest digits keep an input amount readable on the way out (`"653.9907"` stays
/// `"653.9907"`) while every printed value still round-trips exactly.
enum ReplayDecimal {
    /// The largest amount a script may give: far above any real supply in token units
    /// (uint128's 3.4e38 wei is 3.4e20 tokens of 18 decimals), low enough that pool products
    /// (x·y, StableSwap's D^(n+1)) and sums of many amounts stay finite.
    static let maxAmount = 1e40

    /// The value of a decimal string, or nil if `text` is not one (or overflows a Double).
    static func parse(_ text: String) -> Double? {
        var sawDigit = false
        var sawPoint = false
        var digitsAfterPoint = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if sawPoint { digitsAfterPoint += 1 }
            case UInt8(ascii: "."):
                if sawPoint || !sawDigit { return nil }
                sawPoint = true
            default:
                return nil
            }
        }
        guard sawDigit, !sawPoint || digitsAfterPoint > 0 else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `value` as a plain decimal string (see the type's discussion). Non-finite values,
    /// which no mechanism produces, are written as Swift describes them (`nan`, `inf`).
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        guard value.isFinite else { return value.description }
        let text = value.magnitude.description
        let mantissa: Substring
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        } else {
            mantissa = text[...]
        }
        var digits = Array(mantissa.utf8.filter { $0 != UInt8(ascii: ".") })
        // Position of the decimal point within `digits`.
        var point = (mantissa.utf8.firstIndex(of: UInt8(ascii: ".")).map { mantissa.utf8.distance(from: mantissa.utf8.startIndex, to: $0) }
            ?? digits.count) + exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        if point <= 0 {
            out += [zero, UInt8(ascii: ".")]
            out += repeatElement(zero, count: -point)
            out += digits
        } else if point >= digits.count {
            out += digits
            out += repeatElement(zero, count: point - digits.count)
        } else {
            out += digits[..<point]
            out.append(UInt8(ascii: "."))
            out += digits[point...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
