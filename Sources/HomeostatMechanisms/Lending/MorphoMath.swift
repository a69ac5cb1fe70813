/// Morpho Blue's fixed-point and share arithmetic on `uint256`, exact (`MathLib`,
/// `SharesMathLib`, `UtilsLib`), each function throwing where the contract's checked
/// arithmetic would revert.
///
/// - `mulDivDown(x, y, d) = ⌊x·y / d⌋`, `mulDivUp(x, y, d) = ⌊(x·y + d − 1) / d⌋` (so the
///   product and the added `d − 1` must both fit 256 bits, as in the contract);
/// - `wMulDown(x, y) = ⌊x·y / 10^18⌋`, `wDivDown(x, y) = ⌊x·10^18 / y⌋`, `wDivUp` rounded up;
/// - shares: 10^6 virtual shares and 1 virtual wei of assets,
///   `toSharesDown(a, A, S) = ⌊a·(S + 10^6) / (A + 1)⌋`, `toAssetsDown(s, A, S) = ⌊s·(A + 1) / (S + 10^6)⌋`
///   and the `Up` variants rounded up;
/// - `wTaylorCompounded(x, n)`: with `t = x·n`, `t + ⌊t²/(2·10^18)⌋ + ⌊⌊t²/(2·10^18)⌋·t/(3·10^18)⌋`,
///   the first three terms of `e^t − 1`.
public enum MorphoMath {
    /// 10^18.
    public static let wad: UInt256 = 1_000_000_000_000_000_000
    /// 10^36, the oracle price scale.
    public static let oraclePriceScale = UInt256.powerOfTen(36)
    /// 10^6 virtual shares.
    public static let virtualShares: UInt256 = 1_000_000
    /// 1 virtual wei of assets.
    public static let virtualAssets: UInt256 = 1
    /// 25% (`MAX_FEE`).
    public static let maxFee: UInt256 = 250_000_000_000_000_000
    /// 0.3 (`LIQUIDATION_CURSOR`).
    public static let liquidationCursor: UInt256 = 300_000_000_000_000_000
    /// 1.15 (`MAX_LIQUIDATION_INCENTIVE_FACTOR`).
    public static let maxLiquidationIncentiveFactor: UInt256 = 1_150_000_000_000_000_000

    @inline(__always)
    static func add(_ a: UInt256, _ b: UInt256) throws(LendingError) -> UInt256 {
        let (v, o) = a.addingReportingOverflow(b)
        if o { throw .arithmeticOverflow }
        return v
    }

    @inline(__always)
    static func sub(_ a: UInt256, _ b: UInt256) throws(LendingError) -> UInt256 {
        let (v, o) = a.subtractingReportingOverflow(b)
        if o { throw .arithmeticOverflow }
        return v
    }

    @inline(__always)
    static func mul(_ a: UInt256, _ b: UInt256) throws(LendingError) -> UInt256 {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        if o { throw .arithmeticOverflow }
        return v
    }

    @inline(__always)
    static func div(_ a: UInt256, _ b: UInt256) throws(LendingError) -> UInt256 {
        if b.isZero { throw .divisionByZero }
        return a.quotientAndRemainder(dividingBy: b).quotient
    }

    /// `max(x − y, 0)` (`zeroFloorSub`).
    public static func zeroFloorSub(_ x: UInt256, _ y: UInt256) -> UInt256 {
        x > y ? x.subtractingReportingOverflow(y).partialValue : .zero
    }

    /// `x`, or `max uint128 exceeded` (`toUint128`).
    public static func toUInt128(_ x: UInt256) throws(LendingError) -> UInt256 {
        if x > .maxUInt128 { throw .maxUInt128Exceeded }
        return x
    }

    /// Adds to a uint128 storage slot: the `toUint128` check on `y`, then checked uint128 addition.
    static func addStored(_ x: UInt256, _ y: UInt256) throws(LendingError) -> UInt256 {
        let y = try toUInt128(y)
        let sum = try add(x, y)
        if sum > .maxUInt128 { throw .arithmeticOverflow }
        return sum
    }

    /// Subtracts from a uint128 storage slot: the `toUint128` check on `y`, then checked subtraction.
    static func subStored(_ x: UInt256, _ y: UInt256) throws(LendingError) -> UInt256 {
        try sub(x, try toUInt128(y))
    }

    public static func mulDivDown(_ x: UInt256, _ y: UInt256, _ d: UInt256) throws(LendingError) -> UInt256 {
        try div(try mul(x, y), d)
    }

    public static func mulDivUp(_ x: UInt256, _ y: UInt256, _ d: UInt256) throws(LendingError) -> UInt256 {
        if d.isZero { throw .arithmeticOverflow }  // `d − 1` underflows first in the contract
        return try div(try add(try mul(x, y), try sub(d, .one)), d)
    }

    public static func wMulDown(_ x: UInt256, _ y: UInt256) throws(LendingError) -> UInt256 {
        try mulDivDown(x, y, wad)
    }

    public static func wDivDown(_ x: UInt256, _ y: UInt256) throws(LendingError) -> UInt256 {
        try mulDivDown(x, wad, y)
    }

    public static func wDivUp(_ x: UInt256, _ y: UInt256) throws(LendingError) -> UInt256 {
        try mulDivUp(x, wad, y)
    }

    /// `e^(x·n) − 1` by three Taylor terms, in WAD.
    public static func wTaylorCompounded(_ x: UInt256, _ n: UInt256) throws(LendingError) -> UInt256 {
        let first = try mul(x, n)
        let second = try mulDivDown(first, first, try mul(2, wad))
        let third = try mulDivDown(second, first, try mul(3, wad))
        return try add(try add(first, second), third)
    }

    public static func toSharesDown(_ assets: UInt256, totalAssets: UInt256, totalShares: UInt256) throws(LendingError) -> UInt256 {
        try mulDivDown(assets, try add(totalShares, virtualShares), try add(totalAssets, virtualAssets))
    }

    public static func toSharesUp(_ assets: UInt256, totalAssets: UInt256, totalShares: UInt256) throws(LendingError) -> UInt256 {
        try mulDivUp(assets, try add(totalShares, virtualShares), try add(totalAssets, virtualAssets))
    }

    public static func toAssetsDown(_ shares: UInt256, totalAssets: UInt256, totalShares: UInt256) throws(LendingError) -> UInt256 {
        try mulDivDown(shares, try add(totalAssets, virtualAssets), try add(totalShares, virtualShares))
    }

    public static func toAssetsUp(_ shares: UInt256, totalAssets: UInt256, totalShares: UInt256) throws(LendingError) -> UInt256 {
        try mulDivUp(shares, try add(totalAssets, virtualAssets), try add(totalShares, virtualShares))
    }

    /// The liquidation incentive factor `min(1.15, 1 / (1 − 0.3·(1 − lltv)))` in WAD, the
    /// inner product and the division rounded down.
    public static func liquidationIncentiveFactor(lltv: UInt256) throws(LendingError) -> UInt256 {
        let discount = try wMulDown(liquidationCursor, try sub(wad, lltv))
        return Swift.min(maxLiquidationIncentiveFactor, try wDivDown(wad, try sub(wad, discount)))
    }
}
