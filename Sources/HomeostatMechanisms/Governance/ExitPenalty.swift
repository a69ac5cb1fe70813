/// An invalid exit-penalty rule.
public enum ExitPenaltyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter out of range; the message says which and what is allowed.
    case invalidParameter(String)

    /// What was wrong.
    public var description: String {
        switch self {
        case .invalidParameter(let message): message
        }
    }
}

/// The early-exit rule of a vote-escrow lock, veYFI style: leave before the lock ends and
/// give up a share of the tokens that shrinks with the time left.
///
/// For a lock of `a` tokens ending at `end`, exiting at `now` with `r = end − now` ticks left
/// (yearn/veYFI `contracts/VotingYFI.vy`, `withdraw()`):
///
///     fraction = min(min(r, maxTime) / maxTime, maxPenaltyFraction)    (0 if r <= 0)
///     penalty  = a · fraction,         returned = a − penalty
///
/// veYFI: `maxPenaltyFraction = 0.75`, `maxTime` four years, so the penalty is 75% with
/// three years or more left and falls linearly to 0 at the end. The penalty is split:
///
///     redistributed = penalty · redistributedShare   (to the remaining lockers, pro-rata)
///     burned        = penalty − redistributed
///
/// veYFI sends the whole penalty to its `RewardPool` (`redistributedShare = 1`), which pays it
/// to veYFI holders by balance. Conservation: `returned + burned + Σ redistributed_i +
/// undistributed == a` (exact up to Double rounding; see ``EarlyExit``).
///
/// Differences from the contract: the ratio is a Double, not floored to 1e-18
/// (`time_left·SCALE // MAX_LOCK_DURATION`), and the penalty is not floored to a wei; the
/// reward pool pays per weekly epoch, while ``VoteEscrow/withdrawEarly(_:now:penalty:)``
/// returns the pro-rata amounts at the exit time (pass ``EarlyExit/redistributedTotal`` to a
/// ``FeeDistributor`` instead for the weekly timing).
public struct ExitPenalty: Sendable, Equatable {
    /// Whose share of the redistributed penalty is proportional to what.
    public enum Basis: Sendable, Hashable {
        /// Voting power at the exit time (veYFI's reward pool pays by veYFI balance).
        case votingPower
        /// Locked amount of the locks that have not ended.
        case lockedAmount
    }

    /// The cap on the penalty fraction, in `[0, 1]` (veYFI: 0.75).
    public let maxPenaltyFraction: Double
    /// Fraction of the penalty paid to the remaining lockers, in `[0, 1]`; the rest is burned.
    public let redistributedShare: Double
    /// What the redistribution is pro-rata to.
    public let basis: Basis

    /// A validated rule.
    ///
    /// - Throws: ``ExitPenaltyError/invalidParameter(_:)`` for a fraction outside `[0, 1]`.
    public init(maxPenaltyFraction: Double = 0.75, redistributedShare: Double = 1, basis: Basis = .votingPower) throws(ExitPenaltyError) {
        guard maxPenaltyFraction >= 0 && maxPenaltyFraction <= 1 else {
            throw .invalidParameter("maxPenaltyFraction must be in [0, 1], got \(maxPenaltyFraction)")
        }
        guard redistributedShare >= 0 && redistributedShare <= 1 else {
            throw .invalidParameter("redistributedShare must be in [0, 1], got \(redistributedShare)")
        }
        self.maxPenaltyFraction = maxPenaltyFraction
        self.redistributedShare = redistributedShare
        self.basis = basis
    }

    /// veYFI: 75% cap, everything to the remaining lockers by voting power.
    public static let veYFI = ExitPenalty(uncheckedMax: 0.75, share: 1, basis: .votingPower)

    private init(uncheckedMax: Double, share: Double, basis: Basis) {
        self.maxPenaltyFraction = uncheckedMax
        self.redistributedShare = share
        self.basis = basis
    }

    /// The penalty fraction with `remaining` ticks left on a lock whose maximum is `maxTime`:
    /// `min(min(remaining, maxTime) / maxTime, maxPenaltyFraction)`, 0 when `remaining <= 0`.
    ///
    /// Non-decreasing in `remaining`; linear below `maxPenaltyFraction · maxTime`, flat above.
    public func fraction(remaining: Int64, maxTime: Int64) -> Double {
        precondition(maxTime > 0)
        guard remaining > 0 else { return 0 }
        return min(Double(min(remaining, maxTime)) / Double(maxTime), maxPenaltyFraction)
    }
}

/// The outcome of an early exit: where each of the lock's tokens goes.
public struct EarlyExit: Sendable, Equatable {
    /// The exiting row.
    public let row: Int
    /// Tokens that were locked.
    public let locked: Double
    /// Penalty fraction applied (``ExitPenalty/fraction(remaining:maxTime:)``).
    public let fraction: Double
    /// `locked · fraction`.
    public let penalty: Double
    /// Tokens paid back to the exiting account, `locked − penalty`.
    public let returned: Double
    /// Tokens to burn, `penalty − redistributedTotal − undistributed`.
    public let burned: Double
    /// Tokens owed to each row (one entry per escrow account; 0 for the exiting row and for
    /// rows with no basis).
    public let redistributed: [Double]
    /// The share meant for redistribution that had nobody to go to (no remaining basis);
    /// the engine keeps it in the distributor, as ``FeeDistributor/unclaimable`` keeps revenue.
    public let undistributed: Double

    /// `Σ redistributed`.
    public var redistributedTotal: Double {
        var total = 0.0
        for x in redistributed { total += x }
        return total
    }
}
