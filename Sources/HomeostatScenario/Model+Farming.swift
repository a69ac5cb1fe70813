public import HomeostatCore

/// Mercenary farmers (`behaviour: mercenary_farmer`): capital that chases the best gauge
/// reward APR, sells every reward at once and leaves when the APR falls.
///
/// An agent's capital is its USD (`initial_cash`). Each day an agent out of the farms
/// enters the gauge whose reward APR *for it* is the highest, if that APR beats its
/// `outsideAPR`: it buys tokens with part of its capital through the router (a zap: the part
/// after which the rest matches the tokens at the pool's price; half for a StableSwap
/// pool), deposits them with the rest in the gauge's pool and stakes the LP shares. A staked agent claims its
/// rewards every `claimEveryDays` days and sells them at once; it leaves when its own
/// reward APR falls below its `exitAPR` (or `outsideAPR` when absent): it claims, unstakes,
/// withdraws its liquidity and sells every token it holds. Entry and exit each cost
/// `gasUSD`.
public struct MercenaryFarmerSpec: Sendable, Equatable {
    /// Per agent: the yearly return available elsewhere; the agent enters a gauge only above it.
    public var outsideAPR: Distribution = .constant(0.1)
    /// Per agent: the reward APR below which a staked agent leaves; nil: its `outsideAPR`.
    public var exitAPR: Distribution? = nil
    /// Days between claims (and sales) of a staked agent's rewards.
    public var claimEveryDays: Int = 1
    /// Gas paid on entry and on exit, USD (to the outside market).
    public var gasUSD: Double = 0
    /// The defaults.
    public init() {}
}

/// Long-term farmers (`behaviour: long_term_farmer`): provide liquidity to one gauge's
/// pool and stake it, claim the rewards every `claimEveryDays` days and lock them (with
/// any other free tokens) in the vote-escrow until `lockDays` from the claim, which raises
/// their boost; they do not leave on APR.
public struct LongTermFarmerSpec: Sendable, Equatable {
    /// The gauge (a name in `mechanisms.gauges.list`, with a pool).
    public var gauge: String
    /// Per agent: lock duration in days; nil: the longest lock (`max_lock_days`).
    public var lockDays: Distribution? = nil
    /// Days between claims (each followed by a lock).
    public var claimEveryDays: Int = 7
    /// Gas paid on entry, USD.
    public var gasUSD: Double = 0
    /// A long-term farmer of `gauge`.
    public init(gauge: String) { self.gauge = gauge }
}
