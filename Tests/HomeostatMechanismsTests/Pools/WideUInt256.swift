/// An unsigned 256-bit integer for contract models in tests (Vyper's and Solidity's
/// `uint256`): two `UInt128` halves, arithmetic that traps where the contract would revert
/// (overflow, underflow, division by zero), and floor division.
///
/// Only what the models need: `+`, `−`, `*`, `/`, `%`, comparison, and conversion to
/// Double. Division by a divisor below 2^128 uses the standard library's full-width
/// division; a larger divisor (its quotient then fits in 128 bits) uses shift-and-subtract.
struct WideUInt256: Comparable, Hashable, CustomStringConvertible {
    var hi: UInt128
    var lo: UInt128

    init(hi: UInt128, lo: UInt128) {
        self.hi = hi
        self.lo = lo
    }

    init(_ value: UInt128) {
        hi = 0
        lo = value
    }

    init(_ value: Int) {
        precondition(value >= 0, "WideUInt256 from a negative Int")
        self.init(UInt128(value))
    }

    static let zero = WideUInt256(0)
    static let one = WideUInt256(1)

    /// `10^k`.
    static func pow10(_ k: Int) -> WideUInt256 {
        var r = WideUInt256.one
        for _ in 0..<k { r = r * WideUInt256(10) }
        return r
    }

    /// The nearest Double (to within an ulp).
    var double: Double { Double(hi) * 0x1p128 + Double(lo) }

    var description: String {
        if hi == 0 { return String(lo) }
        // Decimal digits by repeated division by 10^19.
        var digits: [String] = []
        var n = self
        let chunk = WideUInt256(UInt128(10_000_000_000_000_000_000 as UInt64))
        while n > .zero {
            let (q, r) = n.quotientAndRemainder(dividingBy: chunk)
            digits.append(String(r.lo))
            n = q
        }
        var text = digits.removeLast()
        for d in digits.reversed() { text += String(repeating: "0", count: 19 - d.count) + d }
        return text
    }

    static func < (a: WideUInt256, b: WideUInt256) -> Bool { a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

    static func + (a: WideUInt256, b: WideUInt256) -> WideUInt256 {
        let (lo, carry) = a.lo.addingReportingOverflow(b.lo)
        let (hi1, o1) = a.hi.addingReportingOverflow(b.hi)
        let (hi, o2) = hi1.addingReportingOverflow(carry ? 1 : 0)
        precondition(!o1 && !o2, "uint256 overflow")
        return WideUInt256(hi: hi, lo: lo)
    }

    static func - (a: WideUInt256, b: WideUInt256) -> WideUInt256 {
        precondition(a >= b, "uint256 underflow")
        let (lo, borrow) = a.lo.subtractingReportingOverflow(b.lo)
        return WideUInt256(hi: a.hi - b.hi - (borrow ? 1 : 0), lo: lo)
    }

    static func * (a: WideUInt256, b: WideUInt256) -> WideUInt256 {
        precondition(a.hi == 0 || b.hi == 0, "uint256 overflow")
        let low = a.lo.multipliedFullWidth(by: b.lo)
        let (c1, o1) = a.hi.multipliedReportingOverflow(by: b.lo)
        let (c2, o2) = a.lo.multipliedReportingOverflow(by: b.hi)
        let (c, o3) = c1.addingReportingOverflow(c2)
        let (hi, o4) = low.high.addingReportingOverflow(c)
        precondition(!(o1 || o2 || o3 || o4), "uint256 overflow")
        return WideUInt256(hi: hi, lo: low.low)
    }

    static func / (a: WideUInt256, b: WideUInt256) -> WideUInt256 { a.quotientAndRemainder(dividingBy: b).quotient }

    static func % (a: WideUInt256, b: WideUInt256) -> WideUInt256 { a.quotientAndRemainder(dividingBy: b).remainder }

    static func << (a: WideUInt256, s: Int) -> WideUInt256 {
        if s == 0 { return a }
        if s >= 128 { return WideUInt256(hi: a.lo << UInt128(s - 128), lo: 0) }
        return WideUInt256(hi: (a.hi << UInt128(s)) | (a.lo >> UInt128(128 - s)), lo: a.lo << UInt128(s))
    }

    static func >> (a: WideUInt256, s: Int) -> WideUInt256 {
        if s == 0 { return a }
        if s >= 128 { return WideUInt256(hi: 0, lo: a.hi >> UInt128(s - 128)) }
        return WideUInt256(hi: a.hi >> UInt128(s), lo: (a.lo >> UInt128(s)) | (a.hi << UInt128(128 - s)))
    }

    var bitWidth: Int { hi != 0 ? 256 - hi.leadingZeroBitCount : 128 - lo.leadingZeroBitCount }

    func quotientAndRemainder(dividingBy d: WideUInt256) -> (quotient: WideUInt256, remainder: WideUInt256) {
        precondition(d != .zero, "division by zero")
        if self < d { return (.zero, self) }
        if d.hi == 0 {
            // Two steps of full-width division by a 128-bit divisor.
            let qHigh = hi / d.lo
            let r = hi % d.lo
            let (qLow, rem) = d.lo.dividingFullWidth((high: r, low: lo))
            return (WideUInt256(hi: qHigh, lo: qLow), WideUInt256(rem))
        }
        // The quotient has at most bitWidth − d.bitWidth + 1 bits, fewer than 129.
        let shift = bitWidth - d.bitWidth
        var rem = self
        var divisor = d << shift
        var q: UInt128 = 0
        for bit in stride(from: shift, through: 0, by: -1) {
            if rem >= divisor {
                rem = rem - divisor
                q |= UInt128(1) << UInt128(bit)
            }
            divisor = divisor >> 1
        }
        return (WideUInt256(q), rem)
    }
}
