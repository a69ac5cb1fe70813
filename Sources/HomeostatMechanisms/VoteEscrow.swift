public import HomeostatCore

/// A vote-escrow operation the contract would revert, with Curve VotingEscrow's reason.
public enum VoteEscrowError: Error, Sendable, Equatable, CustomStringConvertible {
    case zeroValue
    case withdrawOldTokensFirst
    case lockNotInFuture
    case lockTooLong
    case noExistingLock
    case addToExpiredLock
    case lockExpired
    case nothingLocked
    case canOnlyIncreaseDuration
    case lockNotExpired

    /// The revert string of `curvefi/curve-dao-contracts:contracts/VotingEscrow.vy`.
    public var description: String {
        switch self {
        case .zeroValue: "need non-zero value"
        case .withdrawOldTokensFirst: "Withdraw old tokens first"
        case .lockNotInFuture: "Can only lock until time in the future"
        case .lockTooLong: "Voting lock can be 4 years max"
        case .noExistingLock: "No existing lock found"
        case .addToExpiredLock: "Cannot add to expired lock. Withdraw"
        case .lockExpired: "Lock expired"
        case .nothingLocked: "Nothing is locked"
        case .canOnlyIncreaseDuration: "Can only increase lock duration"
        case .lockNotExpired: "The lock didn't expire"
        }
    }
}

/// Vote-escrow locking with Curve `VotingEscrow` semantics, for many accounts at once.
///
/// An account locks `a` tokens until `end` (rounded down to a multiple of
/// ``Parameters/roundingPeriod``, at most ``Parameters/maxTime`` ahead) and holds voting
/// power `ve(t) = a · max(end − t, 0) / maxTime`, decaying linearly to zero at `end`
/// (BM-1 step 3). There is no early exit: tokens come back only through ``withdraw(_:now:)``
/// once `now >= end`.
///
/// Accounts are rows of columns (`amount`, `end`), so populations of thousands of agents
/// keep their locks in contiguous memory. The total supply of voting power is also kept
/// the way the contract keeps it — a global (bias, slope) point moved forward period by
/// period with scheduled slope changes at lock ends — so ``totalSupply(at:)`` costs O(periods
/// since the last checkpoint), and the invariant `totalSupply == Σ balance` (Curve I3) is
/// checkable every step.
///
/// Differences from the contract: amounts are Double, not wei, so `slope = a / maxTime` is
/// not truncated: the contract's `ve` is lower by less than one wei per second of remaining
/// lock, at most `MAXTIME` wei (1.3e-10 tokens) per lock, which is under 1e-12 relative for
/// locks of 100 tokens or more, and a lock under `MAXTIME` wei has no power at all in the
/// contract; the 255-iteration cap of the contract's checkpoint walk is not applied.
/// The global point is a running Double sum, so it also counts the locks that have not
/// ended: once none is left, total power is exactly 0, as in the contract, instead of the
/// few ulps of rounding the running sum would otherwise keep.
/// Time is an integer tick: Unix seconds in replays, days in simulations.
public struct VoteEscrow: Sendable {
    /// Time constants of an escrow.
    public struct Parameters: Sendable, Equatable {
        /// The longest lock, in ticks (Curve: `4 * 365 * 86400` seconds).
        public var maxTime: Int64
        /// Unlock times are rounded down to a multiple of this (Curve: one week). 1 = no rounding.
        public var roundingPeriod: Int64

        public init(maxTime: Int64, roundingPeriod: Int64) {
            precondition(maxTime > 0 && roundingPeriod > 0)
            self.maxTime = maxTime
            self.roundingPeriod = roundingPeriod
        }

        /// Curve's constants in Unix seconds: MAXTIME four years, WEEK rounding.
        public static let curve = Parameters(maxTime: 4 * 365 * 86_400, roundingPeriod: 7 * 86_400)

        /// Day ticks: `maxDays` longest lock, optional rounding to 7-day weeks counted from day 0.
        public static func days(maxDays: Int, weekRounding: Bool) -> Parameters {
            Parameters(maxTime: Int64(maxDays), roundingPeriod: weekRounding ? 7 : 1)
        }
    }

    public let parameters: Parameters
    /// Locked amount per account.
    public var amount: [Double] { _amount }
    /// Unlock time per account (a multiple of the rounding period), 0 with no lock.
    public var end: [Int64] { _end }
    /// Voting power per account at the time of the last ``snapshotPower(at:)``.
    public var power: [Double] { _power }
    /// Tokens held by the escrow, expired but unwithdrawn locks included (Curve `supply`).
    public var supply: Double { _supply }

    @usableFromInline var _amount: [Double] = []
    @usableFromInline var _end: [Int64] = []
    @usableFromInline var _power: [Double] = []
    @usableFromInline var _supply: Double = 0

    @usableFromInline let inverseMaxTime: Double
    // Global point (Curve `point_history[epoch]`), advanced lazily.
    @usableFromInline var pointBias: Double = 0
    @usableFromInline var pointSlope: Double = 0
    @usableFromInline var pointTime: Int64 = 0
    @usableFromInline var slopeChanges = BoundarySchedule(empty: SlopeChange())
    /// Locks whose end is after `pointTime` (the global point's non-zero slopes).
    @usableFromInline var activeLocks = 0

    /// Creates an escrow with no accounts, its global point at `startTime`.
    public init(parameters: Parameters, startTime: Int64 = 0) {
        self.parameters = parameters
        self.inverseMaxTime = 1.0 / Double(parameters.maxTime)
        self.pointTime = startTime
    }

    /// Number of accounts.
    public var accountCount: Int { _amount.count }

    /// Adds `count` accounts with no lock and returns their rows.
    public mutating func addAccounts(_ count: Int) -> Range<Int> {
        let start = _amount.count
        _amount.append(contentsOf: repeatElement(0, count: count))
        _end.append(contentsOf: repeatElement(0, count: count))
        _power.append(contentsOf: repeatElement(0, count: count))
        return start..<(start + count)
    }

    /// `t` rounded down to the rounding period.
    @inlinable
    public func roundDown(_ t: Int64) -> Int64 {
        let p = parameters.roundingPeriod
        return p == 1 ? t : floorDiv(t, p) * p
    }

    /// Locked amount of `row`.
    @inlinable public func lockedAmount(_ row: Int) -> Double { _amount[row] }

    /// Unlock time of `row` (0 with no lock).
    @inlinable public func lockEnd(_ row: Int) -> Int64 { _end[row] }


    /// Moves the global point to `now` and returns the total voting power there, in O(periods
    /// since the last checkpoint) rather than O(accounts).
    @inlinable
    public mutating func checkpointedTotal(now: Int64) -> Double {
        advanceGlobalPoint(to: now)
        return pointBias
    }

    /// `1 / maxTime`, the factor from `amount · remaining` to voting power.
    @inlinable public var powerPerAmountTick: Double { inverseMaxTime }

    /// Voting power of `row` at the last ``snapshotPower(at:)``.
    @inlinable public func snapshotPower(_ row: Int) -> Double { _power[row] }


    /// Voting power of `row` at time `t`.
    @inlinable
    public func balance(_ row: Int, at t: Int64) -> Double {
        let remaining = _end[row] - t
        return remaining > 0 ? _amount[row] * Double(remaining) * inverseMaxTime : 0
    }

    // MARK: Operations (checks in the contract's order)

    /// `create_lock(value, unlock_time)`.
    @inlinable
    public mutating func createLock(_ row: Int, amount value: Double, unlockTime: Int64, now: Int64) throws(VoteEscrowError) {
        let rounded = roundDown(unlockTime)
        guard value > 0 else { throw .zeroValue }
        guard _amount[row] == 0 else { throw .withdrawOldTokensFirst }
        guard rounded > now else { throw .lockNotInFuture }
        guard rounded <= now + parameters.maxTime else { throw .lockTooLong }
        applyLockChange(row, newAmount: value, newEnd: rounded, now: now)
        _supply += value
    }

    /// `increase_amount(value)`: adds to an unexpired lock, end unchanged.
    @inlinable
    public mutating func increaseAmount(_ row: Int, amount value: Double, now: Int64) throws(VoteEscrowError) {
        guard value > 0 else { throw .zeroValue }
        guard _amount[row] > 0 else { throw .noExistingLock }
        guard _end[row] > now else { throw .addToExpiredLock }
        applyLockChange(row, newAmount: _amount[row] + value, newEnd: _end[row], now: now)
        _supply += value
    }

    /// `increase_unlock_time(unlock_time)`.
    @inlinable
    public mutating func increaseUnlockTime(_ row: Int, unlockTime: Int64, now: Int64) throws(VoteEscrowError) {
        let rounded = roundDown(unlockTime)
        guard _end[row] > now else { throw .lockExpired }
        guard _amount[row] > 0 else { throw .nothingLocked }
        guard rounded > _end[row] else { throw .canOnlyIncreaseDuration }
        guard rounded <= now + parameters.maxTime else { throw .lockTooLong }
        applyLockChange(row, newAmount: _amount[row], newEnd: rounded, now: now)
    }

    /// `withdraw()`: returns the whole amount once `now >= end`. With no lock it succeeds
    /// and returns 0, as the contract does.
    @inlinable
    @discardableResult
    public mutating func withdraw(_ row: Int, now: Int64) throws(VoteEscrowError) -> Double {
        guard now >= _end[row] else { throw .lockNotExpired }
        let value = _amount[row]
        if value == 0 && _end[row] == 0 { return 0 }
        applyLockChange(row, newAmount: 0, newEnd: 0, now: now)
        _supply -= value
        if _supply < 0 { _supply = 0 }
        return value
    }

    /// Moves the global point forward to `now` (Curve `checkpoint()`).
    @inlinable
    public mutating func checkpoint(now: Int64) {
        advanceGlobalPoint(to: now)
    }

    /// Total voting power at `t >= ` the last checkpoint, extrapolated from the global
    /// point through the scheduled slope changes (Curve `totalSupply(t)`).
    public func totalSupply(at t: Int64) -> Double {
        var copy = self
        copy.advanceGlobalPoint(to: max(t, pointTime))
        return copy.pointBias
    }

    /// Computes every account's voting power at `t` into ``power`` and returns the sum.
    ///
    /// - Complexity: O(accounts), one pass over contiguous columns.
    @inlinable
    @discardableResult
    public mutating func snapshotPower(at t: Int64) -> Double {
        var total = 0.0
        let scale = inverseMaxTime
        _amount.withUnsafeBufferPointer { a in
            _end.withUnsafeBufferPointer { e in
                _power.withUnsafeMutableBufferPointer { v in
                    for i in 0..<a.count {
                        let remaining = e[i] &- t
                        let p = remaining > 0 ? a[i] * Double(remaining) * scale : 0
                        v[i] = p
                        total += p
                    }
                }
            }
        }
        return total
    }

    // MARK: Checkpoint arithmetic

    @inlinable
    mutating func applyLockChange(_ row: Int, newAmount: Double, newEnd: Int64, now: Int64) {
        advanceGlobalPoint(to: now)
        let oldAmount = _amount[row]
        let oldEnd = _end[row]
        let oldSlope = oldEnd > now ? oldAmount * inverseMaxTime : 0
        let newSlope = newEnd > now ? newAmount * inverseMaxTime : 0
        // A slope is zero unless its lock ends after `now`, so each product is the lock's bias.
        pointBias += newSlope * Double(newEnd - now) - oldSlope * Double(oldEnd - now)
        pointSlope += newSlope - oldSlope
        if pointBias < 0 { pointBias = 0 }
        if pointSlope < 0 { pointSlope = 0 }
        if oldEnd > now {
            slopeChanges.update(oldEnd / parameters.roundingPeriod) { $0.slope += oldSlope; $0.locks -= 1 }
            activeLocks -= 1
        }
        if newEnd > now {
            slopeChanges.update(newEnd / parameters.roundingPeriod) { $0.slope -= newSlope; $0.locks += 1 }
            activeLocks += 1
        }
        if activeLocks == 0 {
            pointBias = 0
            pointSlope = 0
        }
        _amount[row] = newAmount
        _end[row] = newEnd
    }

    @inlinable
    mutating func advanceGlobalPoint(to now: Int64) {
        guard now > pointTime else { return }
        let period = parameters.roundingPeriod
        var t = pointTime
        while t < now {
            var next = roundDown(t) + period
            let atBoundary = next <= now
            if !atBoundary { next = now }
            pointBias -= pointSlope * Double(next - t)
            if atBoundary {
                let change = slopeChanges.entry(next / period)
                pointSlope += change.slope
                activeLocks -= change.locks
            }
            if pointBias < 0 { pointBias = 0 }
            if pointSlope < 0 { pointSlope = 0 }
            // Every lock has ended: the exact bias and slope are 0, whatever rounding is left.
            if activeLocks == 0 {
                pointBias = 0
                pointSlope = 0
            }
            t = next
        }
        pointTime = now
    }

    /// Checks Curve's invariants I1, I3 and I4 at time `t` (after a checkpoint to `t`).
    public func checkInvariants(at t: Int64, tolerance: Double = 1e-9) -> [InvariantViolation] {
        var found: [InvariantViolation] = []
        var sumAmount = 0.0
        var sumPower = 0.0
        for row in _amount.indices {
            let a = _amount[row]
            if a < 0 { found.append(InvariantViolation("vote-escrow: negative lock \(a) at row \(row)")) }
            let v = balance(row, at: t)
            if v > a * (1 + tolerance) {
                found.append(InvariantViolation("vote-escrow: voting power \(v) exceeds lock \(a) at row \(row)"))
            }
            if _end[row] != 0 && _end[row] % parameters.roundingPeriod != 0 {
                found.append(InvariantViolation("vote-escrow: unlock time \(_end[row]) is not on a period boundary"))
            }
            sumAmount += a
            sumPower += v
        }
        let total = totalSupply(at: t)
        if abs(total - sumPower) > tolerance * (sumAmount + 1) {
            found.append(InvariantViolation(
                "vote-escrow: checkpointed total power \(total) differs from the sum of balances \(sumPower)"))
        }
        if abs(_supply - sumAmount) > tolerance * (sumAmount + 1) {
            found.append(InvariantViolation("vote-escrow: supply \(_supply) differs from the sum of locks \(sumAmount)"))
        }
        return found
    }
}

/// What changes at a lock-end boundary: the global slope (Curve `slope_changes[t]`) and
/// the number of locks that end there.
@usableFromInline
struct SlopeChange: Sendable {
    @usableFromInline var slope: Double = 0
    @usableFromInline var locks: Int = 0
    @usableFromInline init() {}
}
