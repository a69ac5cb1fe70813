/// The interest-rate model of an isolated lending market: per-second borrow rates in WAD
/// integers (10^18 = 100% per second), as a Morpho Blue IRM returns them.
public enum LendingRateModel: Sendable, Hashable {
    /// Morpho's AdaptiveCurveIrm, with its state.
    case adaptiveCurve(AdaptiveCurveIrm)
    /// Morpho's FixedRateIrm: the same per-second rate on every call, in
    /// `1...FixedRate.maxBorrowRate`.
    case fixed(perSecond: UInt256)
    /// A kinked (two-slope) model, stateless.
    case kinked(KinkedRateModel)

    /// The rate charged over `[lastUpdate, lastUpdate + elapsed]`, updating any state
    /// (`IIrm.borrowRate`).
    public mutating func borrowRate(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256, elapsed: Int64) -> UInt256 {
        switch self {
        case .adaptiveCurve(var irm):
            let r = irm.borrowRate(totalSupplyAssets: totalSupplyAssets, totalBorrowAssets: totalBorrowAssets, elapsed: elapsed)
            self = .adaptiveCurve(irm)
            return UInt256(UInt128(r))
        case .fixed(let rate):
            return rate
        case .kinked(let model):
            return model.rate(totalSupplyAssets: totalSupplyAssets, totalBorrowAssets: totalBorrowAssets)
        }
    }

    /// The same rate without changing state (`IIrm.borrowRateView`).
    public func borrowRateView(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256, elapsed: Int64) -> UInt256 {
        var copy = self
        return copy.borrowRate(totalSupplyAssets: totalSupplyAssets, totalBorrowAssets: totalBorrowAssets, elapsed: elapsed)
    }

    /// The adaptive model's stored rate at target; nil for the others.
    public var rateAtTarget: UInt256? {
        if case .adaptiveCurve(let irm) = self { return UInt256(UInt128(irm.rateAtTarget)) }
        return nil
    }

    /// FixedRateIrm's bound and the conversion of a yearly rate.
    public enum FixedRate {
        /// 800%/year per second (`MAX_BORROW_RATE`), 253,678,335,870 wei.
        public static let maxBorrowRate: UInt256 = 253_678_335_870
        /// `⌊perYear / 31,536,000⌋` for a yearly rate in WAD, checked as `setBorrowRate` does
        /// ("rate zero", "rate too high").
        public static func perSecond(fromYearly perYear: UInt256) throws(LendingError) -> UInt256 {
            let rate = perYear.quotientAndRemainder(dividingBy: UInt256(31_536_000 as UInt128)).quotient
            if rate.isZero { throw .invalidParameter("rate zero") }
            if rate > maxBorrowRate { throw .invalidParameter("rate too high") }
            return rate
        }
    }
}

/// A two-slope rate model (Aave's and Compound's jump-rate shape), per second in WAD:
///
///     u ≤ u*:  r = base + slope1 · u / u*
///     u > u*:  r = base + slope1 + slope2 · (u − u*) / (1 − u*)
///
/// with `u = ⌊borrow · 10^18 / supply⌋` (0 without supply) and each product rounded down.
public struct KinkedRateModel: Sendable, Hashable {
    public var base: UInt256
    public var slope1: UInt256
    public var slope2: UInt256
    /// The kink `u*` in WAD, strictly between 0 and 1.
    public var optimalUtilization: UInt256

    /// From yearly rates in WAD (`0.04e18` = 4%/year), divided by 365 days and floored.
    public init(basePerYear: UInt256, slope1PerYear: UInt256, slope2PerYear: UInt256, optimalUtilization: UInt256) throws(LendingError) {
        guard optimalUtilization > .zero && optimalUtilization < MorphoMath.wad else {
            throw .invalidParameter("optimal utilization must be in (0, 1)")
        }
        let year = UInt256(31_536_000 as UInt128)
        base = basePerYear.quotientAndRemainder(dividingBy: year).quotient
        slope1 = slope1PerYear.quotientAndRemainder(dividingBy: year).quotient
        slope2 = slope2PerYear.quotientAndRemainder(dividingBy: year).quotient
        self.optimalUtilization = optimalUtilization
    }

    /// The per-second borrow rate at the given totals.
    public func rate(totalSupplyAssets: UInt256, totalBorrowAssets: UInt256) -> UInt256 {
        let wad = MorphoMath.wad
        var u = UInt256.zero
        if !totalSupplyAssets.isZero {
            u = min((try? MorphoMath.wDivDown(totalBorrowAssets, totalSupplyAssets)) ?? wad, wad)
        }
        do throws(LendingError) {
            if u <= optimalUtilization {
                return try MorphoMath.add(base, try MorphoMath.mulDivDown(slope1, u, optimalUtilization))
            }
            let excess = try MorphoMath.mulDivDown(slope2, try MorphoMath.sub(u, optimalUtilization), try MorphoMath.sub(wad, optimalUtilization))
            return try MorphoMath.add(try MorphoMath.add(base, slope1), excess)
        } catch {
            return .max  // unreachable with rates below 2^128
        }
    }
}
