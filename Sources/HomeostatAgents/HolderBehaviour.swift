public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// BM-1's holder: each day an agent with patience `h` first withdraws an expired lock,
/// then with probability `lockPropensity · h` locks `lockFraction` of its free balance for
/// `round(h · maxLockDays)` days (extending an existing lock if that is later); otherwise,
/// with probability `sellPropensity · (1 − h)`, sells `sellFraction` of its free balance to
/// the outside market at the day's price (BM-1 steps 1 and 2).
///
/// A step decides first and applies after (STYLE §2): one read-only pass over the columns
/// draws every agent's decision and lists the few agents that act; then the listed actions
/// go through the escrow and the ledger. Each agent-step costs one 64-bit draw — its high
/// and low 32 bits are the two independent uniforms `x` (lock) and `y` (sell) of BM-1, at
/// 2⁻³² resolution, which is far finer than any propensity — and a handful of
/// floating-point operations, with no allocation once the action list has grown.
public struct HolderBehaviour: Behaviour {
    /// Patience `h` per agent (population-local index).
    public let patience: [Double]
    /// `ceil(p · 2³²)` for the lock and sell probabilities `p`: a 32-bit uniform integer `X`
    /// is below it exactly when the uniform `X / 2³²` is below `p`, so the hot loop compares
    /// integers and never converts to floating point.
    @usableFromInline let lockThreshold: [UInt64]
    @usableFromInline let sellThreshold: [UInt64]
    @usableFromInline let lockDays: [Int64]
    public let lockFraction: Double
    public let sellFraction: Double
    /// Agents that act this step, in row order (reused across steps).
    @usableFromInline var actions: [Action] = []

    @usableFromInline
    struct Action: Sendable {
        @usableFromInline var row: Int32
        @usableFromInline var kind: UInt8  // bit 0: withdraw first; bit 1: lock; bit 2: sell
        @usableFromInline init(row: Int32, kind: UInt8) { self.row = row; self.kind = kind }
    }

    /// - Parameters:
    ///   - patience: one value in [0, 1] per agent.
    ///   - maxLockDays: the escrow's longest lock in days.
    public init(
        patience: [Double], maxLockDays: Int, lockPropensity: Double, lockFraction: Double,
        sellPropensity: Double, sellFraction: Double
    ) {
        self.patience = patience
        self.lockThreshold = patience.map { Self.threshold(lockPropensity * $0) }
        self.sellThreshold = patience.map { Self.threshold(sellPropensity * (1 - $0)) }
        // Round half away from zero, as BM-1 specifies (h >= 0, so floor(x + 0.5)).
        self.lockDays = patience.map { Int64(($0 * Double(maxLockDays) + 0.5).rounded(.down)) }
        self.lockFraction = lockFraction
        self.sellFraction = sellFraction
        self.actions.reserveCapacity(max(16, patience.count / 8))
    }

    /// The integer threshold of probability `p` for 32-bit uniform integers.
    static func threshold(_ p: Double) -> UInt64 {
        let scaled = (min(max(p, 0), 1) * 0x1p32).rounded(.up)
        return UInt64(scaled)
    }

    public mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {
        let today = Int64(economy.day)
        decide(rows: rows, economy: economy, rng: &rng)
        let price = economy.market.price
        let base = rows.lowerBound
        var withdrawn = 0.0
        var locked = 0.0
        var sold = 0.0
        for action in actions {
            let i = Int(action.row)
            economy.claimRewards(i)
            if action.kind & 1 != 0 { withdrawn += economy.withdrawIfExpired(i) }
            let free = economy.tokens[i]
            // A lock drawn with nothing free falls through to BM-1's sell branch, which
            // would sell nothing: no action either way.
            guard free > 0 else { continue }
            if action.kind & 2 != 0 {
                let q = lockFraction * free
                if economy.lock(i, amount: q, unlockDay: today &+ lockDays[i &- base]) { locked += q }
            } else if action.kind & 4 != 0 {
                let s = sellFraction * free
                economy.tokens[i] = free - s
                economy.cash[i] += s * price
                sold += s
            }
        }
        economy.settleWithdrawals(population: account, amount: withdrawn)
        economy.settleLocks(population: account, amount: locked)
        economy.settleSales(population: account, tokens: sold, proceeds: sold * price)
    }

    /// The read-only pass: fills ``actions`` with the agents that withdraw, lock or sell today.
    @inlinable
    mutating func decide(rows: Range<Int>, economy: Economy, rng: inout Xoshiro256StarStar) {
        let today = Int64(economy.day)
        let base = rows.lowerBound
        var generator = rng
        var list = actions
        actions = []
        list.removeAll(keepingCapacity: true)
        economy.escrow.withColumns { _, end in
                lockThreshold.withUnsafeBufferPointer { lockAt in
                    sellThreshold.withUnsafeBufferPointer { sellAt in
                        for i in rows {
                            let k = i &- base
                            // Branch-free: which agents hold locks is a random pattern the
                            // branch predictor cannot learn. A row has a lock exactly when
                            // its end is non-zero, so `1 <= end <= today` means expired.
                            let expired = UInt64(bitPattern: end[i] &- 1) < UInt64(bitPattern: today)
                            let bits = generator.next()
                            var kind: UInt8 = expired ? 1 : 0
                            // Whether there is anything free to lock or sell is checked when
                            // the action is applied, after the agent's rewards are claimed.
                            if bits >> 32 < lockAt[k] {
                                kind |= 2
                            } else if bits & 0xFFFF_FFFF < sellAt[k] {
                                kind |= 4
                            }
                            if kind != 0 { list.append(Action(row: Int32(truncatingIfNeeded: i), kind: kind)) }
                        }
                    }
                }
        }
        actions = list
        rng = generator
    }
}
