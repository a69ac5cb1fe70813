import Foundation

extension Statistics {
    /// The `p`-quantile of Student's t distribution with `degreesOfFreedom` degrees of
    /// freedom: the `t` with `P(T ≤ t) = p`. For a 95% two-sided interval use `p = 0.975`
    /// (`df = 4` gives 2.776).
    ///
    /// Computed, not read from a table:
    /// - `df = 1` (Cauchy) and `df = 2` in closed form, `tan(π(p − ½))` and
    ///   `(2p − 1) / √(2p(1 − p))`;
    /// - `2 < df ≤ 10⁶`: the Cornish–Fisher expansion around the normal quantile
    ///   (Abramowitz & Stegun 26.7.5) as a first guess, refined by Newton's method on the log
    ///   of the tail probability, which is `½ · I_{df/(df+t²)}(df/2, ½)` with `I` the
    ///   regularized incomplete beta function (Lentz's continued fraction). The iteration
    ///   is bracketed, so it cannot diverge;
    /// - `df > 10⁶`: the Cornish–Fisher expansion alone (its truncation error there is far
    ///   below one ulp for any `p` a confidence interval uses);
    /// - `df = +∞`: the normal quantile, ``normalQuantile(_:)``.
    ///
    /// `df` need not be an integer. Accuracy, checked against the exact quantile (mpmath,
    /// 40 digits) for `1 ≤ df ≤ 10⁵` and `10⁻¹⁵ ≤ p ≤ 1 − 10⁻⁹`: relative error below 1e-12
    /// (about 1e-16 in absolute terms near `p = ½`, where the quantile itself is tiny).
    ///
    /// - Parameters:
    ///   - p: The probability, in `0...1`; 0 gives `−∞`, 1 gives `+∞`.
    ///   - degreesOfFreedom: `df > 0`.
    /// - Returns: The quantile, or NaN when `p` is outside `0...1` or `df` is not positive.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        guard p >= 0, p <= 1, df > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df == .infinity { return normalQuantile(p) }
        // Work with the smaller tail, q = P(T > |t|) < ½, then put the sign back.
        let upper = p > 0.5
        let q = upper ? 1 - p : p
        let magnitude: Double
        if df == 1 {
            // tan(π(½ − q)) = 1/tan(πq); take whichever argument is exact-ish and away from
            // the pole (½ − q is exact for q ≥ ¼).
            magnitude = q < 0.25 ? 1 / Foundation.tan(Double.pi * q) : Foundation.tan(Double.pi * (0.5 - q))
        } else if df == 2 {
            magnitude = (1 - 2 * q) / (2 * q * (1 - q)).squareRoot()
        } else {
            let guess = cornishFisherT(z: -normalQuantile(q), df: df)
            magnitude = df > 1e6 ? guess : refineStudentT(tail: q, df: df, guess: guess)
        }
        return upper ? magnitude : -magnitude
    }

    /// The `p`-quantile of the standard normal distribution.
    ///
    /// Acklam's rational approximation (relative error below 1.2e-9), followed by one
    /// Halley step on `erfc`, which brings it to within a few ulps; the lower tail is
    /// computed directly and the upper tail by symmetry, so small tails keep their
    /// precision.
    ///
    /// - Parameter p: The probability, in `0...1`; 0 gives `−∞`, 1 gives `+∞`.
    /// - Returns: The quantile, or NaN when `p` is outside `0...1`.
    public static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return -normalQuantile(1 - p) }
        var x: Double
        if p < 0.02425 {
            let q = (-2 * Foundation.log(p)).squareRoot()
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1)
        }
        // One Halley step: e = Φ(x) − p, u = e / φ(x).
        let e = 0.5 * Foundation.erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Cornish–Fisher expansion of the t quantile from the normal quantile `z`
    /// (Abramowitz & Stegun 26.7.5), four correction terms.
    static func cornishFisherT(z: Double, df: Double) -> Double {
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
    }

    /// Solves `P(T > t) = tail` for `t > 0` by Newton's method on `log P(T > t)`, kept inside
    /// a bracket that shrinks every step (geometric bisection when Newton would leave it).
    static func refineStudentT(tail q: Double, df: Double, guess: Double) -> Double {
        let logQ = Foundation.log(q)
        var lo = 0.0  // P(T > lo) ≥ q
        var hi = Double.infinity  // P(T > hi) < q
        var t = guess.isFinite && guess > 0 ? guess : 1
        for _ in 0..<200 {
            let upperTail = studentTUpperTail(t, df: df)
            if upperTail == q { return t }
            if upperTail > q { lo = t } else { hi = t }
            let g = Foundation.log(upperTail) - logQ
            // d/dt log P(T > t) = −f(t) / P(T > t).
            let slope = -Foundation.exp(logStudentTDensity(t, df: df)) / upperTail
            var next = t - g / slope
            if !(next > lo && next < hi) || !next.isFinite {
                next = hi.isFinite ? (lo > 0 ? (lo * hi).squareRoot() : hi / 2) : t * 2
            }
            if abs(next - t) <= 1e-15 * t {
                return next
            }
            t = next
        }
        return t
    }

    /// `P(T > t)` for `t ≥ 0`: `½ · I_x(df/2, ½)` with `x = df/(df + t²)`.
    static func studentTUpperTail(_ t: Double, df: Double) -> Double {
        let t2 = t * t
        let x = df / (df + t2)
        let y = t2 / (df + t2)
        return 0.5 * regularizedIncompleteBetaHalf(a: df / 2, x: x, y: y)
    }

    /// `log f(t)` for Student's t density `f`.
    static func logStudentTDensity(_ t: Double, df: Double) -> Double {
        logGammaRatioHalf(df / 2) - 0.5 * Foundation.log(df * Double.pi)
            - (df + 1) / 2 * Foundation.log1p(t * t / df)
    }

    /// `I_x(a, ½)`, the regularized incomplete beta function with `b = ½`, given `x` and
    /// `y = 1 − x` separately so neither loses digits to cancellation.
    static func regularizedIncompleteBetaHalf(a: Double, x: Double, y: Double) -> Double {
        let b = 0.5
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        // log(x^a y^b / B(a, b)), with log Γ(a + ½) − log Γ(a) taken without cancellation.
        // Whichever of x and y is small is the accurate one; take each logarithm from it.
        let logX = x < 0.5 ? Foundation.log(x) : Foundation.log1p(-y)
        let logY = y < 0.5 ? Foundation.log(y) : Foundation.log1p(-x)
        let logFront = logGammaRatioHalf(a) - 0.5 * Foundation.log(Double.pi) + a * logX + b * logY
        let front = Foundation.exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * betaContinuedFraction(a: b, b: a, x: y) / b
    }

    /// `log Γ(a + ½) − log Γ(a)`; for `a ≥ 10` from the difference of the two Stirling series,
    /// which keeps absolute precision where the two `lgamma` values are large.
    static func logGammaRatioHalf(_ a: Double) -> Double {
        if a < 10 {
            return Foundation.lgamma(a + 0.5) - Foundation.lgamma(a)
        }
        // log Γ(z) = (z − ½) log z − z + ½ log 2π + s(z), s(z) = 1/(12z) − 1/(360z³) + ….
        func s(_ z: Double) -> Double {
            let r = 1 / (z * z)
            return (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r / 1188)))) / z
        }
        let c = a + 0.5
        // (c − ½) log c − (a − ½) log a − ½ = a·log(1 + 1/(2a)) + ½ log a − ½.
        return a * Foundation.log1p(0.5 / a) - 0.5 + 0.5 * Foundation.log(a) + s(c) - s(a)
    }

    /// The continued fraction of the incomplete beta function, evaluated by the modified
    /// Lentz method (Numerical Recipes, `betacf`).
    static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
