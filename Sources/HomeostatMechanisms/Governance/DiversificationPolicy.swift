/// How many native tokens the treasury sells each period to diversify into stables.
///
/// Per period, at the native price `P`:
///
///     q = 0                                   if P <= minimumPrice
///     q = min(tokensPerPeriod, N, q_cap)      otherwise
///     q_cap = max(0, (c·(N·P + S) − S) / P)   (∞ when maxStableShare c = 1)
///
/// `q_cap` stops the sales once the stable share would pass `c` at the spot price. The
/// price test is strict: at exactly ``minimumPrice`` nothing is sold. The policy only
/// decides; the engine sells `q` through a pool (the proceeds are the pool's output, below
/// `q·P`) and records it with ``Treasury/recordSale(sold:proceeds:)``.
public struct DiversificationPolicy: Sendable, Equatable {
    /// Native tokens to sell per period (the engine's period: a day in BM-1).
    public let tokensPerPeriod: Double
    /// Sell only when the price is strictly above this (0: at any positive price).
    public let minimumPrice: Double
    /// Stop once stables would exceed this share of the treasury's value, in `(0, 1]`.
    public let maxStableShare: Double

    /// A validated policy.
    ///
    /// - Throws: ``TreasuryError/invalidParameter(_:)`` for a negative or non-finite amount
    ///   or price, or `maxStableShare ∉ (0, 1]`.
    public init(tokensPerPeriod: Double, minimumPrice: Double = 0, maxStableShare: Double = 1) throws(TreasuryError) {
        guard tokensPerPeriod >= 0 && tokensPerPeriod.isFinite else {
            throw .invalidParameter("tokensPerPeriod must be a finite number >= 0, got \(tokensPerPeriod)")
        }
        guard minimumPrice >= 0 && minimumPrice.isFinite else {
            throw .invalidParameter("minimumPrice must be a finite number >= 0, got \(minimumPrice)")
        }
        guard maxStableShare > 0 && maxStableShare <= 1 else {
            throw .invalidParameter("maxStableShare must be in (0, 1], got \(maxStableShare)")
        }
        self.tokensPerPeriod = tokensPerPeriod
        self.minimumPrice = minimumPrice
        self.maxStableShare = maxStableShare
    }

    /// Native tokens to sell this period (see the type's formula).
    public func amountToSell(from treasury: Treasury, price: Double) -> Double {
        guard price > minimumPrice && price > 0 && price.isFinite else { return 0 }
        var q = min(tokensPerPeriod, treasury.native)
        if maxStableShare < 1 {
            let cap = (maxStableShare * treasury.value(at: price) - treasury.stables) / price
            q = min(q, max(0, cap))
        }
        return q
    }
}
