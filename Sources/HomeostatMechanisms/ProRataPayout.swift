/// Payment of two streams (tokens and cash) to accounts pro-rata to their voting power.
extension VoteEscrow {
    /// Adds `tokensPerPower · ve_i(now)` to `tokens[i]` and `cashPerPower · ve_i(now)` to
    /// `cash[i]` for every row `i` in `rows`, computing each account's power on the fly, and
    /// returns `Σ ve_i(now)` over the rows, so the caller can settle exactly what was paid.
    ///
    /// No branch on who holds a live lock (that pattern is random), and four partial sums
    /// instead of one serial chain of additions. (Explicit `SIMD4` was measured slower here:
    /// the portable x86-64 target has no packed 64-bit integer compare or conversion.)
    /// The result can differ from a row-by-row sum in the last bits.
    ///
    /// - Complexity: O(rows), one pass over four contiguous columns.
    @inlinable
    public func payProRata(
        rows: Range<Int>, now: Int64, tokensPerPower: Double, cashPerPower: Double,
        tokens: inout [Double], cash: inout [Double]
    ) -> Double {
        precondition(rows.upperBound <= tokens.count && rows.upperBound <= cash.count && rows.upperBound <= accountCount)
        let tokenRate = tokensPerPower * inverseMaxTime
        let cashRate = cashPerPower * inverseMaxTime
        var sums = (0.0, 0.0, 0.0, 0.0)
        _amount.withUnsafeBufferPointer { amount in
            _end.withUnsafeBufferPointer { end in
                tokens.withUnsafeMutableBufferPointer { tokens in
                    cash.withUnsafeMutableBufferPointer { cash in
                        @inline(__always) func pay(_ i: Int) -> Double {
                            // max, not a branch: which accounts hold live locks is unpredictable.
                            let w = amount[i] * Double(max(end[i] &- now, 0))
                            tokens[i] += w * tokenRate
                            cash[i] += w * cashRate
                            return w
                        }
                        var i = rows.lowerBound
                        while i &+ 4 <= rows.upperBound {
                            sums.0 += pay(i)
                            sums.1 += pay(i &+ 1)
                            sums.2 += pay(i &+ 2)
                            sums.3 += pay(i &+ 3)
                            i &+= 4
                        }
                        while i < rows.upperBound {
                            sums.0 += pay(i)
                            i &+= 1
                        }
                    }
                }
            }
        }
        return ((sums.0 + sums.1) + (sums.2 + sums.3)) * inverseMaxTime
    }
}
