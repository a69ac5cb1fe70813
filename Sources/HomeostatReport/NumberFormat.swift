import Foundation

/// The number formats of the report files and the terminal.
public enum NumberFormat {
    /// The shortest decimal text that reads back as exactly `x`, laid out like JavaScript's
    /// `Number.prototype.toString` (so like `JSON.stringify`).
    ///
    /// The digits are Swift's shortest round-trip digits (`Double.description`); only their
    /// layout changes. Plain positional notation is used for `1e-7 ≤ |x| < 1e21`
    /// (`0.0001`, `0.000001`, `123456789`, `1e+21` is the first exponent form), exponent
    /// notation outside it (`1e-7`, `1.5e+21`). Integral values carry no fraction
    /// (`3`, not `3.0`). Minus zero is written `-0`, so the sign bit survives a round trip.
    /// Every finite `x` satisfies `Double(roundTrip(x)) == x` bit for bit, and Python,
    /// pandas and R read the same value.
    ///
    /// Non-finite values are written `nan`, `inf` and `-inf` (accepted by Swift's
    /// `Double(_:)`, Python's `float` and R); the CSV and JSON writers replace them first
    /// (an empty field, `null`).
    ///
    /// - Parameter x: The number.
    /// - Returns: Its text, ASCII only.
    public static func roundTrip(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        // Split Swift's shortest representation ("123.45", "1.5e-07", "1e+21") into a digit
        // string d1…dk and an exponent n with |x| = 0.d1…dk × 10^n.
        var text = Substring(x.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = text[..<e]
        }
        var digits = [UInt8]()
        var pointPosition: Int? = nil
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
        }
        var n = (pointPosition ?? digits.count) + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count

        var out = [UInt8]()
        out.reserveCapacity(k + 8)
        if negative { out.append(UInt8(ascii: "-")) }
        if k <= n && n <= 21 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: n - k)
        } else if 0 < n && n <= 21 {
            out += digits[..<n]
            out.append(UInt8(ascii: "."))
            out += digits[n...]
        } else if -6 < n && n <= 0 {
            out += Array("0.".utf8)
            out += repeatElement(UInt8(ascii: "0"), count: -n)
            out += digits
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out += digits[1...]
            }
            out.append(UInt8(ascii: "e"))
            out += Array((n - 1 < 0 ? "-" : "+").utf8)
            out += Array(String(abs(n - 1)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A short human-readable form for tables: three or four significant digits and a
    /// thousands suffix.
    ///
    /// - `|x| ≥ 1000`: three significant digits and `k`, `M`, `B` or `T`
    ///   (`15.9k`, `1.23M`, `999999` → `1.00M`); from `1e15` on, exponent form (`1.23e+15`).
    /// - `0.001 ≤ |x| < 1000`: integers as they are (`365`), others with four significant
    ///   digits (`0.9172`, `12.35`, `1.000` only for a non-integer that rounds to it).
    /// - `0 < |x| < 0.001`: exponent form with three significant digits (`1.23e-04`).
    /// - `0` → `0`; NaN → `nan`; infinities → `inf`, `-inf`.
    ///
    /// Rounding is to nearest (the C library's `printf`), so the form is for reading, not for
    /// reading back; the files use ``roundTrip(_:)``.
    ///
    /// - Parameter x: The number.
    /// - Returns: Its short form, ASCII only.
    public static func human(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let sign = x < 0 ? "-" : ""
        let a = abs(x)
        if a < 1e-3 { return String(format: "%.2e", x) }
        if a < 1000 {
            if a == a.rounded() { return sign + String(format: "%.0f", a) }
            let s = significant(a, digits: 4)
            if Double(s)! < 1000 { return sign + s }
        }
        let suffixes = ["k", "M", "B", "T"]
        // log10 may land just below or above a power of 1000; correct by one tier.
        var tier = Swift.max(1, Int((Foundation.log10(a) / 3).rounded(.down)))
        if tier > 1 && a < Foundation.pow(1000, Double(tier)) { tier -= 1 }
        if a >= Foundation.pow(1000, Double(tier + 1)) { tier += 1 }
        // A carry in rounding (999.96k → "1000") moves to the next tier ("1.00M").
        while tier <= suffixes.count {
            let s = significant(a / Foundation.pow(1000, Double(tier)), digits: 3)
            if Double(s)! < 1000 { return sign + s + suffixes[tier - 1] }
            tier += 1
        }
        return String(format: "%.2e", x)
    }

    /// `v > 0` rounded to `digits` significant digits in fixed notation (`%.Nf`).
    static func significant(_ v: Double, digits: Int) -> String {
        let magnitude = Int(Foundation.log10(v).rounded(.down))
        let decimals = Swift.max(0, digits - 1 - magnitude)
        let s = String(format: "%.\(decimals)f", v)
        // Rounding may carry into a new leading digit (9.9996 → "10.000"); drop one decimal.
        if decimals > 0, Double(s)! >= Foundation.pow(10, Double(magnitude + 1)) {
            return String(format: "%.\(decimals - 1)f", v)
        }
        return s
    }
}
