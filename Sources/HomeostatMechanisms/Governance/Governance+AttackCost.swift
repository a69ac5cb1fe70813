/// What it costs an outsider to take a majority of voting power by buying tokens and locking
/// them for the longest time.
public struct AttackCost: Sendable, Equatable {
    /// Tokens to buy and lock: the least amount that reaches the majority (any amount above
    /// it gives a strict majority).
    public let tokens: Double
    /// USD the market charges for ``tokens`` (the depth function at ``tokens``).
    public let usd: Double
    /// The attacker's voting power after locking ``tokens``.
    public let attackerPower: Double
    /// Everyone else's voting power.
    public let otherPower: Double
}

extension Governance {
    /// The cheapest way to buy a majority: tokens `x` to buy and lock for the maximum time,
    /// and their USD cost through the market's depth.
    ///
    /// With existing voting power `v_i` (total `V`), the attacker's own existing power `a₀`
    /// (row `attacker`, or 0), power per locked token `k` (1 for a maximum ve lock; Curve's
    /// week rounding makes it between 0.9952 and 1) and the majority fraction `m`, the
    /// attacker wins once `a₀ + k·x > m·(V + k·x)`, so
    ///
    ///     x* = max(0, (m·V − a₀) / ((1 − m)·k)),      usd = cost(x*)
    ///
    /// where `cost(x)` is the USD needed to buy `x` tokens — for a Uniswap v2 pool,
    /// `{ try pool.getAmountIn(i: usdCoin, dy: $0) }`, which throws
    /// ``PoolError/insufficientLiquidity`` when the pool cannot supply `x*` at any price.
    /// `x*` is the infimum: the attacker needs `x*` plus any positive amount.
    ///
    /// Monotonicity: the result is non-decreasing in every other holder's power and in the
    /// price (through `cost`), and non-increasing in `k` and in the attacker's own power.
    /// In depth it is **non-increasing**: at a fixed spot price `P`, a deeper pool charges
    /// less slippage for the same `x*` (constant product with token reserve `X`:
    /// `cost = P·X·x*/((X − x*)·(1 − f))`, falling toward `P·x*/(1 − f)` as `X → ∞`), so thin
    /// liquidity is what makes a governance attack expensive, and deepening the pool lowers
    /// the bar — the Nov 2022 Aave/CRV episode (MECHANISMS.md §11) shows the same effect on
    /// the sell side.
    ///
    /// - Parameters:
    ///   - votingPower: every holder's voting power at the time of the attack.
    ///   - attacker: the attacker's row in `votingPower`, if it already holds power.
    ///   - powerPerLockedToken: voting power of one token locked for the maximum time.
    ///   - majority: the fraction of all voting power to exceed, in `(0, 1)` (0.5: a majority;
    ///     a proposal's threshold when everyone else votes against).
    ///   - cost: USD to buy a given amount of tokens; must be non-decreasing.
    /// - Returns: the tokens, their cost and both sides' power.
    /// - Throws: whatever `cost` throws.
    /// - Precondition: powers finite and `>= 0`, `powerPerLockedToken > 0`, `0 < majority < 1`.
    /// - Complexity: O(holders) plus one call of `cost`.
    public static func costOfMajority<E: Error>(
        votingPower: [Double], attacker: Int? = nil, powerPerLockedToken: Double = 1, majority: Double = 0.5,
        cost: (Double) throws(E) -> Double
    ) throws(E) -> AttackCost {
        precondition(powerPerLockedToken > 0 && powerPerLockedToken.isFinite, "powerPerLockedToken must be > 0")
        precondition(majority > 0 && majority < 1, "majority must be in (0, 1)")
        var total = 0.0
        for v in votingPower {
            precondition(v >= 0 && v.isFinite, "voting power must be finite and >= 0")
            total += v
        }
        let own = attacker.map { votingPower[$0] } ?? 0
        let others = total - own
        let tokens = max(0, (majority * total - own) / ((1 - majority) * powerPerLockedToken))
        let usd = tokens > 0 ? try cost(tokens) : 0
        return AttackCost(tokens: tokens, usd: usd, attackerPower: own + tokens * powerPerLockedToken, otherPower: others)
    }
}
