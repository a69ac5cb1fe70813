/// How protocol revenue is divided: lockers, treasury, buyback-and-burn and liquidity
/// providers, as fractions that sum to 1.
///
/// ``split(_:)`` returns amounts that sum to the revenue exactly, bit for bit and in any
/// order: each part is `revenue · fraction` rounded to a multiple of `q = ulp(revenue)`
/// (so within `q/2` of the exact share), except the part with the largest fraction, which
/// is the residual `revenue − Σ others`. Sums of multiples of `q` that stay below `revenue`
/// are exact in Double, so nothing is created or lost by rounding; a part with fraction 0
/// (or a share under `q/2`) is exactly 0.
public struct RevenueSplit: Sendable, Equatable {
    /// Share paid to lockers (the ``FeeDistributor``).
    public let lockers: Double
    /// Share kept by the treasury.
    public let treasury: Double
    /// Share spent buying the native token back and burning it.
    public let buybackAndBurn: Double
    /// Share paid to liquidity providers.
    public let liquidityProviders: Double

    /// A validated split.
    ///
    /// - Throws: ``TreasuryError/invalidParameter(_:)`` for a fraction outside `[0, 1]`,
    ///   ``TreasuryError/splitDoesNotSumToOne(_:)`` when `|Σ − 1| > 1e-9` (room for decimal
    ///   fractions such as 0.1 that Double cannot hold exactly).
    public init(lockers: Double, treasury: Double, buybackAndBurn: Double, liquidityProviders: Double) throws(TreasuryError) {
        for (name, f) in [("lockers", lockers), ("treasury", treasury), ("buybackAndBurn", buybackAndBurn),
                          ("liquidityProviders", liquidityProviders)] {
            guard f >= 0 && f <= 1 else { throw .invalidParameter("revenue split \(name) must be in [0, 1], got \(f)") }
        }
        let sum = lockers + treasury + buybackAndBurn + liquidityProviders
        guard abs(sum - 1) <= 1e-9 else { throw .splitDoesNotSumToOne(sum) }
        self.lockers = lockers
        self.treasury = treasury
        self.buybackAndBurn = buybackAndBurn
        self.liquidityProviders = liquidityProviders
    }

    /// Divides `revenue` (USD, or any unit) into the four parts.
    ///
    /// - Returns: parts with `total == revenue` exactly.
    /// - Throws: ``TreasuryError/invalidAmount(_:)`` for negative, NaN or infinite revenue.
    public func split(_ revenue: Double) throws(TreasuryError) -> RevenueAllocation {
        guard revenue >= 0 && revenue.isFinite else { throw .invalidAmount(revenue) }
        let fractions = [lockers, treasury, buybackAndBurn, liquidityProviders]
        // Every part is a multiple of q = ulp(revenue) and at most `revenue`, so every sum of
        // parts is exact; the largest part is the residual `revenue − Σ others`, also exact.
        let q = revenue.ulp
        var largest = 0
        for i in 1..<4 where fractions[i] > fractions[largest] { largest = i }
        var parts = fractions.map { (revenue * $0 / q).rounded() * q }
        parts[largest] = 0
        var others = 0.0
        for p in parts { others += p }
        parts[largest] = revenue - others
        return RevenueAllocation(
            lockers: parts[0], treasury: parts[1], buybackAndBurn: parts[2], liquidityProviders: parts[3])
    }
}

/// One period's revenue, divided by a ``RevenueSplit``.
public struct RevenueAllocation: Sendable, Equatable {
    /// To lockers.
    public let lockers: Double
    /// To the treasury.
    public let treasury: Double
    /// To buy back and burn.
    public let buybackAndBurn: Double
    /// To liquidity providers.
    public let liquidityProviders: Double

    /// `lockers + treasury + buybackAndBurn + liquidityProviders`; for a ``RevenueSplit/split(_:)``
    /// result it equals the revenue exactly, in any order of summation.
    public var total: Double { lockers + treasury + buybackAndBurn + liquidityProviders }
}
