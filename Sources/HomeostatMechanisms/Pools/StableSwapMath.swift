/// Fixed-size storage for the per-coin values of a StableSwap pool (at most 8 coins, the
/// stableswap-ng maximum), so pool operations allocate nothing.
@usableFromInline typealias CoinVector = InlineArray<8, Double>

/// Curve StableSwap's invariant solvers (stableswap-ng `get_D`, `get_y`, `get_y_D`) and its
/// dynamic fee, in Double.
///
/// Invariant for `n` coins with normalised balances `x_i` (whitepaper form, `A_wp` the
/// whitepaper amplification):
///
///     A_wp·nⁿ·Σx_i + D = A_wp·nⁿ·D + D^(n+1) / (nⁿ·Π x_i)
///
/// The functions take the contract's `A` (`A = A_wp·n^(n−1)`, what `A()` returns) and, as
/// the contract does, work with `amp = A·A_PRECISION` (`A_PRECISION = 100`) and
/// `Ann = amp·n`, so that `Ann / A_PRECISION = A_wp·nⁿ`.
///
/// Iteration rule: the contract's Newton updates, at most 255 iterations, stopping when an
/// update moves the value by at most one wei (1e-18 token units). Double cannot resolve one
/// wei of a realistic D (about 1e-24 relative), so the stop rule here is
/// `|new − old| <= max(1e-14·new, 1e-18)`; since Newton converges quadratically, the value
/// after that last update is accurate to a few ulps. Not converging in 255 iterations throws
/// ``PoolError/didNotConverge``, where the contract raises.
///
/// Differences from the contract: no floor divisions (every `//` is an exact Double
/// division), so D and y differ from the contract's by a few wei plus Double rounding
/// (about 1e-16 relative).
public enum StableSwapMath {
    /// stableswap-ng `A_PRECISION`.
    public static let aPrecision = 100.0
    /// Largest number of Newton iterations (the contract's `range(255)`).
    public static let maxIterations = 255
    /// Relative stop tolerance of the Newton iterations.
    public static let relativeTolerance = 1e-14
    /// One wei in token units, the contract's absolute stop tolerance.
    static let wei = 1e-18

    @inline(__always)
    static func converged(_ new: Double, _ old: Double) -> Bool {
        abs(new - old) <= max(relativeTolerance * new, wei)
    }

    // MARK: Public array interface

    /// The invariant D of normalised balances `xp` (stableswap-ng `get_D`).
    ///
    /// Newton iteration from `D = Σx`:
    /// `D_P = D^(n+1) / (nⁿ·Πx)`,
    /// `D ← (Ann·S/A_P + n·D_P)·D / ((Ann − A_P)·D/A_P + (n+1)·D_P)`.
    /// - Parameters:
    ///   - xp: balances in token units (all coins valued 1), `2...8` of them.
    ///   - A: the contract's A (`A_wp·n^(n−1)`), `> 0`.
    /// - Returns: D, 0 when every balance is 0.
    /// - Throws: ``PoolError/coinBalanceZero(_:)`` when some but not all balances are 0,
    ///   ``PoolError/didNotConverge``, ``PoolError/invalidParameter(_:)`` for a bad `xp` or `A`.
    public static func getD(xp: [Double], A: Double) throws(PoolError) -> Double {
        let v = try vector(xp, A: A)
        return try getD(v, n: xp.count, amp: A * aPrecision)
    }

    /// The balance of coin `j` that keeps D when coin `i` is set to `x` (stableswap-ng `get_y`).
    ///
    /// With `S' = Σ_{k≠j} x'_k` and `c = D^(n+1)·A_P / (Π_{k≠j} x'_k · nⁿ · Ann)` (`x'_i = x`),
    /// `b = S' + D·A_P/Ann`, iterate `y ← (y² + c) / (2y + b − D)` from `y = D`.
    /// - Throws: ``PoolError/sameCoin(_:)``, ``PoolError/coinIndexOutOfRange(index:coinCount:)``,
    ///   ``PoolError/didNotConverge``, ``PoolError/invalidParameter(_:)``.
    public static func getY(i: Int, j: Int, x: Double, xp: [Double], A: Double, D: Double) throws(PoolError) -> Double {
        let v = try vector(xp, A: A)
        try checkPair(i: i, j: j, n: xp.count)
        return try getY(i: i, j: j, x: x, xp: v, n: xp.count, amp: A * aPrecision, D: D)
    }

    /// The balance of coin `i` that gives invariant `D` with the other balances fixed
    /// (stableswap-ng `get_y_D`, used by one-coin withdrawals).
    ///
    /// Same iteration as ``getY(i:j:x:xp:A:D:)`` with every coin but `i` at its balance in `xp`.
    /// - Throws: ``PoolError/coinIndexOutOfRange(index:coinCount:)``, ``PoolError/didNotConverge``,
    ///   ``PoolError/invalidParameter(_:)``.
    public static func getYD(i: Int, xp: [Double], A: Double, D: Double) throws(PoolError) -> Double {
        let v = try vector(xp, A: A)
        guard i >= 0 && i < xp.count else { throw .coinIndexOutOfRange(index: i, coinCount: xp.count) }
        return try getYD(i: i, xp: v, n: xp.count, amp: A * aPrecision, D: D)
    }

    /// stableswap-ng `FEE_DENOMINATOR`: fee rates are integers in units of 1e-10.
    public static let feeDenominator = 1e10

    /// stableswap-ng `_dynamic_fee`: the fee at normalised balances `xpi`, `xpj`.
    ///
    ///     fee_dyn = m·fee / ((m − 1)·4·xpi·xpj/(xpi + xpj)² + 1)    (m > 1)
    ///     fee_dyn = fee                                            (m <= 1)
    ///
    /// At balance (`xpi == xpj`) it equals `fee`; it rises towards `m·fee` as the pool goes
    /// off peg. Like the contract, the rate is an integer number of 1e-10 (`fee` and `m` are
    /// rounded to 1e-10 and both floor divisions are kept): unquantised, the rate would
    /// differ from the contract's by up to 1e-10 absolute, i.e. 2e-7 of a 0.04% fee.
    /// - Parameters:
    ///   - fee: the base fee fraction.
    ///   - offpegFeeMultiplier: `m`, the contract's `offpeg_fee_multiplier / 1e10`.
    /// - Returns: the fee fraction.
    public static func dynamicFee(xpi: Double, xpj: Double, fee: Double, offpegFeeMultiplier m: Double) -> Double {
        dynamicFeeUnits(
            xpi: xpi, xpj: xpj, feeUnits: (fee * feeDenominator).rounded(),
            multiplierUnits: (m * feeDenominator).rounded()) / feeDenominator
    }

    /// `_dynamic_fee` on fee units (integers in 1e-10): the contract's two floor divisions.
    @inline(__always)
    static func dynamicFeeUnits(xpi: Double, xpj: Double, feeUnits: Double, multiplierUnits m: Double) -> Double {
        if m <= feeDenominator { return feeUnits }
        let s = xpi + xpj
        guard s > 0 else { return feeUnits }
        let offPeg = ((m - feeDenominator) * 4 * xpi * xpj / (s * s)).rounded(.down)
        return (m * feeUnits / (offPeg + feeDenominator)).rounded(.down)
    }

    static func vector(_ xp: [Double], A: Double) throws(PoolError) -> CoinVector {
        guard (2...8).contains(xp.count) else {
            throw .invalidParameter("a StableSwap pool has 2...8 coins, got \(xp.count)")
        }
        guard A > 0 && A.isFinite else { throw .invalidParameter("A must be finite and > 0, got \(A)") }
        var v = CoinVector(repeating: 0)
        for k in xp.indices {
            guard xp[k] >= 0 && xp[k].isFinite else { throw .invalidAmount(xp[k]) }
            v[k] = xp[k]
        }
        return v
    }

    static func checkPair(i: Int, j: Int, n: Int) throws(PoolError) {
        guard i >= 0 && i < n else { throw .coinIndexOutOfRange(index: i, coinCount: n) }
        guard j >= 0 && j < n else { throw .coinIndexOutOfRange(index: j, coinCount: n) }
        guard i != j else { throw .sameCoin(i) }
    }

    // MARK: Fixed-size kernels

    static func getD(_ xp: CoinVector, n: Int, amp: Double) throws(PoolError) -> Double {
        var s = 0.0
        for k in 0..<n { s += xp[k] }
        if s == 0 { return 0 }
        for k in 0..<n where xp[k] == 0 { throw .coinBalanceZero(k) }
        let nd = Double(n)
        var nn = 1.0
        for _ in 0..<n { nn *= nd }
        let ann = amp * nd
        var d = s
        for _ in 0..<maxIterations {
            var dP = d
            for k in 0..<n { dP = dP * d / xp[k] }
            dP /= nn
            let dPrev = d
            d = (ann * s / aPrecision + dP * nd) * d / ((ann - aPrecision) * d / aPrecision + (nd + 1) * dP)
            if converged(d, dPrev) { return d }
        }
        throw .didNotConverge
    }

    static func getY(i: Int, j: Int, x: Double, xp: CoinVector, n: Int, amp: Double, D: Double) throws(PoolError) -> Double {
        let nd = Double(n)
        let ann = amp * nd
        var c = D
        var sPrime = 0.0
        for k in 0..<n where k != j {
            let xk = k == i ? x : xp[k]
            sPrime += xk
            c = c * D / (xk * nd)
        }
        c = c * D * aPrecision / (ann * nd)
        return try solveY(b: sPrime + D * aPrecision / ann, c: c, D: D)
    }

    static func getYD(i: Int, xp: CoinVector, n: Int, amp: Double, D: Double) throws(PoolError) -> Double {
        let nd = Double(n)
        let ann = amp * nd
        var c = D
        var sPrime = 0.0
        for k in 0..<n where k != i {
            sPrime += xp[k]
            c = c * D / (xp[k] * nd)
        }
        c = c * D * aPrecision / (ann * nd)
        return try solveY(b: sPrime + D * aPrecision / ann, c: c, D: D)
    }

    /// Newton for `y² + (b − D)·y = c` from `y = D`.
    @inline(__always)
    static func solveY(b: Double, c: Double, D: Double) throws(PoolError) -> Double {
        var y = D
        for _ in 0..<maxIterations {
            let yPrev = y
            y = (y * y + c) / (2 * y + b - D)
            if converged(y, yPrev) { return y }
        }
        throw .didNotConverge
    }
}
