/// An early exit whose redistributed part is paid by the caller through a pro-rata
/// accumulator instead of per account.
public struct PooledEarlyExit: Sendable, Equatable {
    /// Tokens that were locked.
    public let locked: Double
    /// Penalty fraction applied (``ExitPenalty/fraction(remaining:maxTime:)``).
    public let fraction: Double
    /// `locked · fraction`.
    public let penalty: Double
    /// `locked − penalty`, paid back to the exiting account.
    public let returned: Double
    /// `penalty · redistributedShare`: owed to the remaining lockers.
    public let toRedistribute: Double
    /// `penalty − toRedistribute`: to burn.
    public let burned: Double
}

extension VoteEscrow {
    /// ``withdrawEarly(_:now:penalty:)`` without the O(accounts) split of the redistributed
    /// part: the lock is removed the same way and the same penalty is charged, and the
    /// caller shares ``PooledEarlyExit/toRedistribute`` over the remaining lockers pro-rata
    /// to voting power (the engine does it through ``RewardAccrual``, which pays each day's
    /// amount by each account's power that day — ``ExitPenalty/Basis/votingPower``).
    ///
    /// - Returns: `returned + toRedistribute + burned == locked` up to Double rounding.
    /// - Throws: ``VoteEscrowError/nothingLocked`` when `row` holds no lock.
    /// - Complexity: O(1) amortised (the escrow's checkpoint).
    public mutating func withdrawEarlyPooled(_ row: Int, now: Int64, penalty: ExitPenalty) throws(VoteEscrowError) -> PooledEarlyExit {
        let locked = _amount[row]
        guard locked > 0 else { throw .nothingLocked }
        let fraction = penalty.fraction(remaining: _end[row] - now, maxTime: parameters.maxTime)
        applyLockChange(row, newAmount: 0, newEnd: 0, now: now)
        _supply -= locked
        if _supply < 0 { _supply = 0 }
        let paid = locked * fraction
        let shared = paid * penalty.redistributedShare
        return PooledEarlyExit(
            locked: locked, fraction: fraction, penalty: paid, returned: locked - paid, toRedistribute: shared, burned: paid - shared)
    }
}
