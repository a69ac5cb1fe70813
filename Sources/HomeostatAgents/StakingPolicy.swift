public import HomeostatCore

/// Which agents of a population stake or ask to unstake today (`stake_propensity`,
/// `unstake_propensity`): each independently with its daily probability
/// (``BernoulliThinning`` over the rows), staking `stake_fraction` of its free balance. The
/// stake itself, the queue and the rewards are the staking module's.
public struct StakingPolicy: Sendable {
    @usableFromInline let staking: BernoulliThinning?
    @usableFromInline let unstaking: BernoulliThinning?
    /// Share of the free balance an agent stakes.
    public let stakeFraction: Double

    /// The policy of the given daily probabilities.
    public init(stakePropensity: Double, unstakePropensity: Double, stakeFraction: Double) {
        staking = BernoulliThinning(probability: stakePropensity)
        unstaking = BernoulliThinning(probability: unstakePropensity)
        self.stakeFraction = stakeFraction
    }

    /// Whether anyone of the population ever stakes.
    public var stakes: Bool { staking != nil }
    /// Whether anyone of the population ever asks to unstake.
    public var unstakes: Bool { unstaking != nil }

    /// Calls `body` with each row of `rows` that stakes today, in row order.
    @inlinable
    public func forEachStaker(in rows: Range<Int>, rng: inout Xoshiro256StarStar, _ body: (Int) -> Void) {
        staking?.forEach(in: rows, rng: &rng, body)
    }

    /// Calls `body` with each row of `rows` that asks to unstake today, in row order.
    @inlinable
    public func forEachUnstaker(in rows: Range<Int>, rng: inout Xoshiro256StarStar, _ body: (Int) -> Void) {
        unstaking?.forEach(in: rows, rng: &rng, body)
    }
}
