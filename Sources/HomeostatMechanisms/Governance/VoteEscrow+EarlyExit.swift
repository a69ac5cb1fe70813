extension VoteEscrow {
    /// Ends `row`'s lock now, before its end if need be, and pays out under `penalty`
    /// (veYFI `withdraw()`; see ``ExitPenalty`` for the formula).
    ///
    /// The lock is removed as ``withdraw(_:now:)`` removes it (global point and scheduled
    /// slope updated, ``supply`` reduced by the whole amount); a lock that has already ended
    /// pays no penalty. The redistributed part is split pro-rata over the other rows by
    /// ``ExitPenalty/basis`` measured at `now` after the exit: `share_i = R · w_i / Σ w`.
    /// The escrow only computes the amounts; the engine moves the tokens.
    ///
    /// - Returns: the split of the locked amount, with
    ///   `returned + burned + Σ redistributed + undistributed == locked` up to Double
    ///   rounding (a few ulps of `locked` per account; tests hold it to 1e-12 relative).
    /// - Throws: ``VoteEscrowError/nothingLocked`` when `row` holds no lock.
    /// - Complexity: O(accounts) for the redistribution.
    public mutating func withdrawEarly(_ row: Int, now: Int64, penalty: ExitPenalty) throws(VoteEscrowError) -> EarlyExit {
        let exit = try withdrawEarlyPooled(row, now: now, penalty: penalty)
        let toRedistribute = exit.toRedistribute
        var shares = [Double](repeating: 0, count: _amount.count)
        var basisTotal = 0.0
        for i in _amount.indices where i != row {
            let w: Double
            switch penalty.basis {
            case .votingPower: w = balance(i, at: now)
            case .lockedAmount: w = _end[i] > now ? _amount[i] : 0
            }
            shares[i] = w
            basisTotal += w
        }
        var undistributed = 0.0
        if toRedistribute > 0 && basisTotal > 0 {
            let perUnit = toRedistribute / basisTotal
            for i in shares.indices { shares[i] *= perUnit }
        } else {
            for i in shares.indices { shares[i] = 0 }
            undistributed = toRedistribute
        }
        return EarlyExit(
            row: row, locked: exit.locked, fraction: exit.fraction, penalty: exit.penalty, returned: exit.returned,
            burned: exit.burned, redistributed: shares, undistributed: undistributed)
    }
}
