/// Root bracketing for monotone predicates: the smallest `x > 0` at which a predicate that
/// is false below some threshold and true above it first holds.
public enum Bisection {
    /// The smallest `x` (to `relativeTolerance`) at which `holds(x)` is true, for a
    /// predicate that is monotone in `x` (false, then true).
    ///
    /// Brackets by doubling from `start` (at most 200 doublings, so up to 2²⁰⁰ × `start`),
    /// then bisects at most 100 times. The result is the upper end of the final bracket, so
    /// `holds(result)` is true.
    ///
    /// - Returns: nil when no bracket is found (the predicate never holds, or `x` would
    ///   overflow).
    public static func smallestSatisfying(
        from start: Double, relativeTolerance: Double = 1e-12, _ holds: (Double) -> Bool
    ) -> Double? {
        var low = 0.0
        var high = max(start, .leastNormalMagnitude)
        var reached = false
        for _ in 0..<200 {
            if holds(high) {
                reached = true
                break
            }
            low = high
            high *= 2
            guard high.isFinite else { break }
        }
        guard reached else { return nil }
        for _ in 0..<100 where high - low > relativeTolerance * high {
            let mid = (low + high) / 2
            if holds(mid) { high = mid } else { low = mid }
        }
        return high
    }
}
