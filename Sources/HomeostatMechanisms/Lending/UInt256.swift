/// An unsigned 256-bit integer: the EVM's `uint256`, for the exact lending models.
///
/// Two `UInt128` halves. Only what a Solidity contract's checked arithmetic needs is
/// provided: comparison, addition, subtraction and multiplication that report overflow
/// (the contract's `panic 0x11`), division with remainder, shifts by a bit count, and
/// decimal conversion. The project had no wide-integer type before this one.
public struct UInt256: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The upper 128 bits.
    public var high: UInt128
    /// The lower 128 bits.
    public var low: UInt128

    /// `high · 2^128 + low`.
    public init(high: UInt128, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// A value below 2^128.
    public init(_ value: UInt128) {
        self.init(high: 0, low: value)
    }

    /// A non-negative `Int`, `Int64`, … .
    public init<T: BinaryInteger>(_ value: T) {
        precondition(value >= 0, "UInt256 from a negative value")
        self.init(high: 0, low: UInt128(value))
    }

    public static let zero = UInt256(high: 0, low: 0)
    public static let one = UInt256(high: 0, low: 1)
    /// 2^256 − 1.
    public static let max = UInt256(high: .max, low: .max)
    /// `type(uint128).max`.
    public static let maxUInt128 = UInt256(high: 0, low: .max)

    public var isZero: Bool { high == 0 && low == 0 }

    /// The value as `UInt128`, nil when it does not fit.
    public var uint128: UInt128? { high == 0 ? low : nil }

    public static func < (a: UInt256, b: UInt256) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// `self + other` and whether it wrapped.
    public func addingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (l, c) = low.addingReportingOverflow(other.low)
        let (h1, o1) = high.addingReportingOverflow(other.high)
        let (h2, o2) = h1.addingReportingOverflow(c ? 1 : 0)
        return (UInt256(high: h2, low: l), o1 || o2)
    }

    /// `self − other` and whether it wrapped (other > self).
    public func subtractingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (l, b) = low.subtractingReportingOverflow(other.low)
        let (h1, o1) = high.subtractingReportingOverflow(other.high)
        let (h2, o2) = h1.subtractingReportingOverflow(b ? 1 : 0)
        return (UInt256(high: h2, low: l), o1 || o2)
    }

    /// `self · other` and whether the product needs more than 256 bits.
    public func multipliedReportingOverflow(by other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let full = multipliedFullWidth(by: other)
        return (full.low, !full.high.isZero)
    }

    /// The exact 512-bit product as (high, low) 256-bit halves.
    func multipliedFullWidth(by other: UInt256) -> (high: UInt256, low: UInt256) {
        // Schoolbook on 128-bit limbs: a = a1·B + a0, b = b1·B + b0, B = 2^128.
        let p00 = low.multipliedFullWidth(by: other.low)
        let p01 = low.multipliedFullWidth(by: other.high)
        let p10 = high.multipliedFullWidth(by: other.low)
        let p11 = high.multipliedFullWidth(by: other.high)
        // limb0 = p00.low
        // limb1 = p00.high + p01.low + p10.low
        // limb2 = p01.high + p10.high + p11.low + carries
        // limb3 = p11.high + carries
        let limb0 = p00.low
        var carry: UInt128 = 0
        var (limb1, c) = p00.high.addingReportingOverflow(p01.low)
        carry += c ? 1 : 0
        (limb1, c) = limb1.addingReportingOverflow(p10.low)
        carry += c ? 1 : 0
        var carry2: UInt128 = 0
        var (limb2, d) = p01.high.addingReportingOverflow(p10.high)
        carry2 += d ? 1 : 0
        (limb2, d) = limb2.addingReportingOverflow(p11.low)
        carry2 += d ? 1 : 0
        (limb2, d) = limb2.addingReportingOverflow(carry)
        carry2 += d ? 1 : 0
        let limb3 = p11.high &+ carry2
        return (UInt256(high: limb3, low: limb2), UInt256(high: limb1, low: limb0))
    }

    /// Quotient and remainder; `divisor` must not be zero.
    public func quotientAndRemainder(dividingBy divisor: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        precondition(!divisor.isZero, "UInt256 division by zero")
        if divisor.high == 0 {
            let d = divisor.low
            let qh = high / d
            let rh = high % d
            let (ql, r) = d.dividingFullWidth((high: rh, low: low))
            return (UInt256(high: qh, low: ql), UInt256(r))
        }
        if self < divisor { return (.zero, self) }
        // The divisor has 129+ bits, so the quotient has at most 128: shift-subtract from the
        // quotient's highest possible bit.
        let shift = divisor.leadingZeroBitCount - leadingZeroBitCount
        var remainder = self
        var shifted = divisor << shift
        var quotient: UInt128 = 0
        for bit in stride(from: shift, through: 0, by: -1) {
            if remainder >= shifted {
                remainder = remainder.subtractingReportingOverflow(shifted).partialValue
                quotient |= UInt128(1) << UInt128(bit)
            }
            shifted = shifted >> 1
        }
        return (UInt256(quotient), remainder)
    }

    /// ⌊(self · b) / d⌋ on the exact 512-bit product; nil when the quotient needs more
    /// than 256 bits. Used where the output is a ratio no contract computes in one step
    /// (the `health` a replay query prints), not to imitate `mulDiv`, which overflows.
    public func multipliedFullWidthDivided(by b: UInt256, dividingBy d: UInt256) -> UInt256? {
        precondition(!d.isZero, "UInt256 division by zero")
        let product = multipliedFullWidth(by: b)
        if product.high.isZero { return product.low.quotientAndRemainder(dividingBy: d).quotient }
        if product.high >= d { return nil }
        // Long division, one bit at a time, of the 512-bit product by d (remainder < d).
        var remainder = product.high
        var quotient = UInt256.zero
        for index in stride(from: 255, through: 0, by: -1) {
            let top = remainder.high >> 127 == 1
            remainder = remainder << 1
            if product.low.bit(index) { remainder.low |= 1 }
            quotient = quotient << 1
            if top || remainder >= d {
                remainder = remainder.subtractingReportingOverflow(d).partialValue
                quotient.low |= 1
            }
        }
        return quotient
    }

    func bit(_ index: Int) -> Bool {
        index >= 128 ? (high >> UInt128(index - 128)) & 1 == 1 : (low >> UInt128(index)) & 1 == 1
    }

    /// Leading zero bits (256 for zero).
    public var leadingZeroBitCount: Int {
        high != 0 ? high.leadingZeroBitCount : 128 + low.leadingZeroBitCount
    }

    /// Shift left by `n` bits, dropping bits past 256 (Solidity's `<<` on uint256).
    public static func << (value: UInt256, n: Int) -> UInt256 {
        if n <= 0 { return n == 0 ? value : value >> -n }
        if n >= 256 { return .zero }
        if n >= 128 { return UInt256(high: value.low << UInt128(n - 128), low: 0) }
        return UInt256(high: (value.high << UInt128(n)) | (value.low >> UInt128(128 - n)), low: value.low << UInt128(n))
    }

    /// Shift right by `n` bits.
    public static func >> (value: UInt256, n: Int) -> UInt256 {
        if n <= 0 { return n == 0 ? value : value << -n }
        if n >= 256 { return .zero }
        if n >= 128 { return UInt256(value.high >> UInt128(n - 128)) }
        return UInt256(high: value.high >> UInt128(n), low: (value.low >> UInt128(n)) | (value.high << UInt128(128 - n)))
    }

    /// 10^k for k in 0...77.
    public static func powerOfTen(_ k: Int) -> UInt256 {
        precondition((0...77).contains(k), "10^\(k) does not fit 256 bits")
        return powersOfTen[k]
    }

    private static let powersOfTen: [UInt256] = {
        var table = [UInt256.one]
        for _ in 1...77 { table.append(table[table.count - 1].multipliedReportingOverflow(by: UInt256(10 as UInt128)).partialValue) }
        return table
    }()

    /// The decimal digits.
    public var description: String {
        if isZero { return "0" }
        var digits: [String] = []
        var rest = self
        let chunk = UInt256(UInt128(10_000_000_000_000_000_000 as UInt128))  // 10^19
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: chunk)
            digits.append(String(r.low))
            rest = q
        }
        var text = digits.removeLast()
        for part in digits.reversed() { text += String(repeating: "0", count: 19 - part.count) + part }
        return text
    }

    /// Parses decimal digits (no sign, no blanks); nil for anything else or above 2^256 − 1.
    public init?(decimal text: some StringProtocol) {
        guard !text.isEmpty else { return nil }
        var value = UInt256.zero
        let ten = UInt256(10 as UInt128)
        for byte in text.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: ten)
            let (sum, o2) = times.addingReportingOverflow(UInt256(UInt128(byte - UInt8(ascii: "0"))))
            if o1 || o2 { return nil }
            value = sum
        }
        self = value
    }

    /// The value as a Double (correctly rounded only below 2^128; within an ulp above).
    public var doubleValue: Double {
        Double(high) * 0x1p128 + Double(low)
    }
}

extension UInt256: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: UInt64) {
        self.init(high: 0, low: UInt128(value))
    }
}
