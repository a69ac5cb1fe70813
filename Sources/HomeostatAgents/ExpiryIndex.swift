/// Which agents' locks end on which day, so behaviours find today's expiries without
/// scanning every agent.
///
/// ``Economy/lock(_:amount:unlockDay:)`` adds a row under its new end each time a lock is
/// created or extended. An entry can be stale (the lock was extended since): readers check
/// the row's current end. Days already passed are released with ``discard(through:)``.
public struct ExpiryIndex: Sendable {
    @usableFromInline var buckets: [[Int32]] = []

    public init() {}

    /// Records that `row`'s lock ends on `day`.
    public mutating func add(row: Int, day: Int) {
        precondition(day >= 0)
        if day >= buckets.count { buckets.append(contentsOf: repeatElement([], count: day - buckets.count + 1)) }
        buckets[day].append(Int32(truncatingIfNeeded: row))
    }

    /// Rows recorded as ending on `day` (possibly stale, possibly repeated).
    @inlinable
    public func rows(endingOn day: Int) -> [Int32] {
        day >= 0 && day < buckets.count ? buckets[day] : []
    }

    /// Frees the entries of every day up to `day`.
    public mutating func discard(through day: Int) {
        // No lock recorded yet: nothing to free (and `0...-1` would trap).
        guard !buckets.isEmpty, day >= 0 else { return }
        for d in 0...min(day, buckets.count - 1) where !buckets[d].isEmpty { buckets[d] = [] }
    }
}
