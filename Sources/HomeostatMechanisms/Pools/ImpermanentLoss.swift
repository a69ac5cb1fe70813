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
