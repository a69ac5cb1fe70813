public import HomeostatCore

/// Who leaves an unexpired lock early today: each agent of a population with probability
/// `early_exit_propensity`, independently every day (``BernoulliThinning`` over the rows).
/// The exit itself and its penalty are the exit-penalty module's.
public struct EarlyExitPolicy: Sendable {
    @usableFromInline let sampler: BernoulliThinning

    /// The policy of daily probability `propensity`, or nil when nobody ever exits early.
    public init?(propensity: Double) {
        guard let sampler = BernoulliThinning(probability: propensity) else { return nil }
        self.sampler = sampler
    }

    /// Calls `exit` with each row of `rows` that exits today, in row order.
    @inlinable
    public func forEachExit(in rows: Range<Int>, rng: inout Xoshiro256StarStar, _ exit: (Int) -> Void) {
        sampler.forEach(in: rows, rng: &rng, exit)
    }
}
