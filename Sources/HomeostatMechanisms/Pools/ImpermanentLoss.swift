/// Impermanent (divergence) loss: the value of an LP position relative to holding the
/// coins it was opened with, after the price moves, with no fees (MECHANISMS.md §7).
public enum ImpermanentLoss {
    /// Divergence loss of a constant-product (Uniswap v2) position when the price of the
    /// risky coin changes by the factor `r = P1/P0`:
    ///
    ///     IL(r) = 2·√r / (1 + r) − 1
    ///
    /// It is `<= 0`, zero only at `r = 1`, and symmetric under `r ↔ 1/r`:
    /// `IL(2) = 2√2/3 − 1 ≈ −5.719%`, `IL(4) = −20%`.
    /// - Parameter priceRatio: `r > 0`.
    /// - Returns: `V_LP / V_hold − 1`, or NaN for `r <= 0` or NaN.
    @inlinable
    public static func constantProduct(priceRatio r: Double) -> Double {
        guard r > 0 else { return .nan }
        return 2 * r.squareRoot() / (1 + r) - 1
    }
}

extension ImpermanentLoss {
    /// Divergence loss of a concentrated-liquidity (Uniswap v3) position on the price range
    /// `[p_a, p_b]`, opened at price `P0`, when the price moves to `P1 = r·P0`:
    ///
    ///     V(P) = L·(2√P − √p_a − P/√p_b)        for p_a <= P <= p_b
    ///          = L·P·(1/√p_a − 1/√p_b)           for P < p_a (all token0)
    ///          = L·(√p_b − √p_a)                 for P > p_b (all token1)
    ///     hold = x0·P1 + y0,  (x0, y0) the position's amounts at P0 (same formulas)
    ///     IL   = V(P1) / hold − 1
    ///
    /// Prices are scaled by `P0`: `lower = p_a/P0`, `upper = p_b/P0`, so the result depends
    /// only on `r`, `lower` and `upper`. With `P0` inside the range and `P1` inside too,
    /// writing `s = √r`, `a = √lower`, `b = √upper`:
    /// `IL = (2s − a − s²/b) / ((1 − 1/b)·s² + 1 − a) − 1`. It tends to
    /// ``constantProduct(priceRatio:)`` as `lower → 0`, `upper → ∞`, and is larger in
    /// magnitude the narrower the range (the same liquidity concentrated). Outside the range
    /// the position holds one coin; a move that stays outside on the same side costs nothing.
    /// - Parameters:
    ///   - r: `P1/P0 > 0`.
    ///   - lower: `p_a/P0 > 0`.
    ///   - upper: `p_b/P0 > lower`.
    /// - Returns: `V_LP / V_hold − 1` (`<= 0`), or NaN for parameters outside those ranges.
    public static func concentrated(priceRatio r: Double, lower: Double, upper: Double) -> Double {
        guard r > 0, lower > 0, upper > lower, upper.isFinite else { return .nan }
        let a = lower.squareRoot()
        let b = upper.squareRoot()
        // Amounts per unit liquidity at √P (P relative to P0).
        func amounts(_ s: Double) -> (x: Double, y: Double) {
            let c = min(max(s, a), b)
            return (1 / c - 1 / b, c - a)
        }
        let start = amounts(1)
        let end = amounts(r.squareRoot())
        let value = end.x * r + end.y
        let hold = start.x * r + start.y
        return value / hold - 1
    }
}
