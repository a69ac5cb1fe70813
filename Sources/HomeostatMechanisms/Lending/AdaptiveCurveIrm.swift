/// Morpho's AdaptiveCurveIrm (`morpho-blue-irm`), exact to the contract's integer arithmetic.
///
/// The borrow rate is `curve(R, err)`: with utilisation `u` (WAD, floored) and target 0.9,
/// `err = (u − 0.9)/(u > 0.9 ? 0.1 : 0.9)` in [−1, 1], and
/// `curve(R, err) = ((err < 0 ? 1 − 1/4 : 4 − 1)·err + 1)·R`, so ¼ of the rate at target
/// `R` when idle and 4× when fully used. `R` adapts between interactions as
/// `R·e^{speed·Δt}` with `speed = 50/year · err`, using ``wExp(_:)`` (an approximation of
/// exp), clamped to [0.1%, 200%]/year; the rate charged over an interval is the curve at the
/// trapezoid average of `R` over it (two intervals). Every step truncates toward zero as
/// Solidity's signed division does. Rates are per second, WAD (`1268391679` = 4%/year).
public struct AdaptiveCurveIrm: Sendable, Hashable {
    /// 0.9 (`TARGET_UTILIZATION`).
    public static let targetUtilization: Int128 = 900_000_000_000_000_000
    /// 4 (`CURVE_STEEPNESS`).
    public static let curveSteepness: Int128 = 4_000_000_000_000_000_000
    /// 50/year per second (`ADJUSTMENT_SPEED`).
    public static let adjustmentSpeed: Int128 = 50_000_000_000_000_000_000 / 31_536_000
    /// 4%/year per second (`INITIAL_RATE_AT_TARGET`).
    public static let initialRateAtTarget: Int128 = 40_000_000_000_000_000 / 31_536_000
    /// 0.1%/year per second (`MIN_RATE_AT_TARGET`).
    public static let minRateAtTarget: Int128 = 1_000_000_000_000_000 / 31_536_000
    /// 200%/year per second (`MAX_RATE_AT_TARGET`).
    public static let maxRateAtTarget: Int128 = 2_000_000_000_000_000_000 / 31_536_000

    static let wad: Int128 = 1_000_000_000_000_000_000
    /// ln 2 in WAD, floored (`LN_2_INT`).
    public static let ln2: Int128 = 693_147_180_559_945_309
    /// ln(10^-18) in WAD (`LN_WEI_INT`): below it wExp is 0.
    public static let lnWei: Int128 = -41_446_531_673_892_822_312
    /// ln(type(int256).max / 10^36) in WAD, floored (`WEXP_UPPER_BOUND`).
    public static let wExpUpperBound: Int128 = 93_859_467_695_000_404_319
    /// wExp at the upper bound (`WEXP_UPPER_VALUE`), 57716089161558943949701069502944508345128.422502756744429568 in WAD.
    public static let wExpUpperValue = UInt256(decimal: "57716089161558943949701069502944508345128422502756744429568")!

    /// The stored rate at target (per second, WAD); 0 before the first call.
    public private(set) var rateAtTarget: Int128 = 0

    public init() {}

    /// An IRM whose stored rate at target is already `rateAtTarget` (per second, WAD).
    public init(rateAtTarget: Int128) {
        self.rateAtTarget = rateAtTarget
    }

    /// `e^x` the way ExpLib approximates it, in WAD (x in WAD): `x = q·ln2 + r` with `q` the
    /// nearest integer to x/ln2 (halves away from zero), `e^r ≈ 1 + r + r²/2` (each
    /// division truncated toward zero), shifted by `q` bits. 0 below ln(10^-18), a fixed
    /// clip value from about 93.86 up.
    public static func wExp(_ x: Int128) -> UInt256 {
        if x < lnWei { return .zero }
        if x >= wExpUpperBound { return wExpUpperValue }
        let adjustment = x < 0 ? -(ln2 / 2) : ln2 / 2
        let q = (x + adjustment) / ln2
        let r = x - q * ln2
        let expR = wad + r + (r * r) / wad / 2
        // |r| ≤ ln2/2, so expR is in (0.6e18, 1.7e18): positive.
        let base = UInt256(UInt128(expR))
        return q >= 0 ? base << Int(q) : base >> Int(-q)
    }

    /// `curve(R, err)` (truncations toward zero); non-negative for R ≥ 0.
    static func curve(_ rateAtTarget: Int128, err: Int128) -> Int128 {
        let coeff = err < 0 ? wad - (wad * wad) / curveSteepness : curveSteepness - wad
        return ((coeff * err) / wad + wad) * rateAtTarget / wad
    }

    /// `clamp(start · wExp(linearAdaptation) / WAD, min, max)`.
    static func newRateAtTarget(_ start: Int128, linearAdaptation: Int128) -> Int128 {
        let grown = UInt256(UInt128(start)).multipliedReportingOverflow(by: wExp(linearAdaptation)).partialValue
        let scaled = grown.quotientAndRemainder(dividingBy: UInt256(UInt128(wad))).quotient
        if scaled > UInt256(UInt128(maxRateAtTarget)) { return maxRateAtTarget }
        let value = Int128(scaled.low)
        return value < minRateAtTarget ? minRateAtTarget : value
    }

    /// The normalised utilisation error in WAD, in [−1e18, 1e18].
    public static func error(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256) -> Int128 {
        var utilization: Int128 = 0
        if !totalSupplyAssets.isZero {
            // Morpho keeps borrow ≤ supply, so u ≤ 1e18; the bound guards odd inputs.
            let u = (try? MorphoMath.wDivDown(totalBorrowAssets, totalSupplyAssets)) ?? MorphoMath.wad
            utilization = Int128(min(u, MorphoMath.wad).low)
        }
        let norm = utilization > targetUtilization ? wad - targetUtilization : targetUtilization
        return (utilization - targetUtilization) * wad / norm
    }

    /// The average rate over `[lastUpdate, now]` and the rate at target at its end
    /// (`_borrowRate`): what `borrowRateView` returns and what `borrowRate` stores.
    ///
    /// - Parameters:
    ///   - totalSupplyAssets, totalBorrowAssets: the market as stored (wei).
    ///   - elapsed: `now − lastUpdate`, seconds.
    /// - Returns: the per-second borrow rate (WAD) and the new rate at target.
    public func rate(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256, elapsed: Int64) -> (borrowRate: Int128, endRateAtTarget: Int128) {
        let err = Self.error(totalSupplyAssets: totalSupplyAssets, totalBorrowAssets: totalBorrowAssets)
        let start = rateAtTarget
        if start == 0 {
            return (Self.curve(Self.initialRateAtTarget, err: err), Self.initialRateAtTarget)
        }
        let speed = Self.adjustmentSpeed * err / Self.wad
        let linearAdaptation = speed * Int128(elapsed)
        if linearAdaptation == 0 { return (Self.curve(start, err: err), start) }
        let end = Self.newRateAtTarget(start, linearAdaptation: linearAdaptation)
        let mid = Self.newRateAtTarget(start, linearAdaptation: linearAdaptation / 2)
        let average = (start + end + 2 * mid) / 4
        return (Self.curve(average, err: err), end)
    }

    /// `borrowRate`: the rate for the period, storing the new rate at target.
    public mutating func borrowRate(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256, elapsed: Int64) -> Int128 {
        let (average, end) = rate(totalSupplyAssets: totalSupplyAssets, totalBorrowAssets: totalBorrowAssets, elapsed: elapsed)
        rateAtTarget = end
        return average
    }
}
