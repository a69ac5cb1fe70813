/// A number carried as an unevaluated sum of two Doubles (`hi + lo`, `|lo| <= ulp(hi)/2`):
/// about 106 significant bits, with Double's exponent range. Reference arithmetic for tests
/// that need results more accurate than Double itself; every Double converts exactly.
///
/// Operations are the classical error-free transformations (Knuth's TwoSum, TwoProd by
/// fused multiply-add) with one renormalisation; each result carries a relative error of a
/// few units of 2⁻¹⁰⁴.
struct DoubleDouble: Comparable, CustomStringConvertible {
    var hi: Double
    var lo: Double

    init(_ value: Double) {
        hi = value
        lo = 0
    }

    init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// The nearest Double.
    var double: Double { hi + lo }

    var description: String { "\(hi) + \(lo)" }

    /// `a + b` exactly, as a rounded sum and its error.
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return DoubleDouble(hi: s, lo: e)
    }

    /// `a·b` exactly, as a rounded product and its error.
    static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
    }

    static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        let u = quickTwoSum(s.hi, s.lo + t.hi)
        return quickTwoSum(u.hi, u.lo + t.lo)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -a.hi, lo: -a.lo) }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(a.hi, b.hi)
        return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
    }

    static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        // Long division: a first quotient, then one correction from the exact remainder.
        let q1 = a.hi / b.hi
        let r = a - b * DoubleDouble(q1)
        let q2 = r.hi / b.hi
        let r2 = r - b * DoubleDouble(q2)
        let q3 = r2.hi / b.hi
        let q = quickTwoSum(q1, q2)
        return q + DoubleDouble(q3)
    }

    static func < (a: DoubleDouble, b: DoubleDouble) -> Bool {
        a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
    }
}
