/// Which of a range of agents act today when each acts independently with probability `p`:
/// the gap to the next one that acts is geometric with parameter `p`, drawn by inversion
/// with one logarithm per actor (`⌊ln U / ln(1 − p)⌋`, `U` in (0, 1]), so a day costs
/// O(actors), not O(agents). With a population's largest probability `Q` as `p`, each
/// candidate then accepts with its own `pᵢ/Q` (thinning; `HolderBehaviour` does that).
///
/// Every sampler of the engine draws through this type, so the same stream gives the same
/// agents whichever feature asks.
public struct BernoulliThinning: Sendable {
    /// `1 / ln(1 − p)`, or 0 when every agent acts (`p ≥ 1`).
    public let inverseLogMiss: Double

    /// The sampler of probability `p`, or nil when nobody ever acts (`p ≤ 0`).
    @inlinable
    public init?(probability p: Double) {
        guard p > 0 else { return nil }
        inverseLogMiss = p >= 1 ? 0 : 1 / _log1p(-p)
    }

    /// The next agent after `i` (the range's lower bound − 1 to start) that acts, or nil past
    /// the range's end.
    @inlinable
    public func next(after i: Int, in rows: Range<Int>, rng: inout Xoshiro256StarStar) -> Int? {
        let u = Double((rng.next() >> 11) &+ 1) * 0x1p-53
        let gap = (_log(u) * inverseLogMiss).rounded(.down)
        guard gap < Double(rows.upperBound &- i) else { return nil }
        let next = i &+ Int(gap) &+ 1
        return next < rows.upperBound ? next : nil
    }

    /// Calls `body` with each row of `rows` that acts today, in row order.
    @inlinable
    public func forEach(in rows: Range<Int>, rng: inout Xoshiro256StarStar, _ body: (Int) -> Void) {
        var i = rows.lowerBound &- 1
        while let row = next(after: i, in: rows, rng: &rng) {
            i = row
            body(row)
        }
    }
}
