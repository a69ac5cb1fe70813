public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// BM-1's holder: each day an agent with patience `h` first withdraws an expired lock,
/// then with probability `pL = lockPropensity · h` locks `lockFraction` of its free balance
/// for `round(h · maxLockDays)` days (extending an existing lock if that is later);
/// otherwise, with probability `pS = sellPropensity · (1 − h)`, sells `sellFraction` of its
/// free balance to the outside market at the day's price (BM-1 steps 1 and 2). In a
/// scenario with pools the sales are routed through the pools instead, as one order per
/// population and day, each seller paid the order's average price.
///
/// A step decides first and applies after (STYLE §2). Deciding costs O(agents · Q), not
/// O(agents): an agent acts on a day with probability `q = pL + (1 − pL) · pS`, at most `Q`
/// over the population, so candidates are drawn by *thinning* — the gap to the next
/// candidate is geometric with parameter `Q` (one logarithm per candidate), and a
/// candidate acts with probability `q / Q`, then locks with probability `pL / q` and sells
/// otherwise. This is the same distribution as a draw per agent per day (BM-1's `x` and
/// `y`), at a twentieth of the random numbers when `Q ≈ 0.05`. Expired locks are found
/// through the economy's expiry index, not by scanning. Probabilities are compared as
/// 32-bit integers (`ceil(p · 2³²)`), far finer than any propensity.
public struct HolderBehaviour: Behaviour {
    /// Patience `h` per agent (population-local index).
    public let patience: [Double]
    /// `ceil(2³² · q / Q)`: a candidate acts when the high 32 bits of a draw fall below it.
    @usableFromInline let actThreshold: [UInt64]
    /// `ceil(2³² · pL / q)`: an acting agent locks when the low 32 bits fall below it.
    @usableFromInline let lockThreshold: [UInt64]
    @usableFromInline let lockDays: [Int64]
    /// Candidates: each agent with probability `Q`; nil when nobody ever acts.
    @usableFromInline let candidates: BernoulliThinning?
    public let lockFraction: Double
    public let sellFraction: Double
    /// Agents that act this step, withdrawals first, then in row order (reused across steps).
    @usableFromInline var actions: [Action] = []
    /// Sellers of the day and their amounts, when sales go through pools (reused across steps).
    var saleRows: [Int32] = []
    var saleAmounts: [Double] = []

    @usableFromInline
    struct Action: Sendable {
        @usableFromInline var row: Int32
        @usableFromInline var kind: UInt8  // 1: withdraw an expired lock; 2: lock; 4: sell
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
        let pLock = patience.map { min(max(lockPropensity * $0, 0), 1) }
        let pSell = patience.map { min(max(sellPropensity * (1 - $0), 0), 1) }
        let pAct = zip(pLock, pSell).map { $0 + (1 - $0) * $1 }
        let bound = pAct.max() ?? 0
        self.actThreshold = pAct.map { bound > 0 ? Self.threshold($0 / bound) : 0 }
        self.lockThreshold = zip(pLock, pAct).map { $1 > 0 ? Self.threshold($0 / $1) : 0 }
        // Round half away from zero, as BM-1 specifies (h >= 0, so floor(x + 0.5)).
        self.lockDays = patience.map { Int64(($0 * Double(maxLockDays) + 0.5).rounded(.down)) }
        self.candidates = BernoulliThinning(probability: bound)
        self.lockFraction = lockFraction
        self.sellFraction = sellFraction
        self.actions.reserveCapacity(max(16, patience.count / 8))
    }

    /// The integer threshold of probability `p` for 32-bit uniform integers.
    static func threshold(_ p: Double) -> UInt64 {
        UInt64((min(max(p, 0), 1) * 0x1p32).rounded(.up))
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        // With pools the day's sales are routed through them (see `sellIntoPools`); without,
        // they go to the outside market at the day's price, BM-1's rule.
        let intoPools = !venues.exchange.pools.isEmpty
        let today = Int64(economy.day)
        decide(rows: rows, economy: economy, rng: &rng)
        let price = economy.market.price
        let base = rows.lowerBound
        var withdrawn = 0.0
        var locked = 0.0
        var sold = 0.0
        for action in actions {
            let i = Int(action.row)
            if action.kind == 1 {
                withdrawn += economy.withdrawIfExpired(i)
                continue
            }
            economy.claimRewards(i)
            let free = economy.tokens[i]
            // A lock drawn with nothing free falls through to BM-1's sell branch, which
            // would sell nothing: no action either way.
            guard free > 0 else { continue }
            if action.kind == 2 {
                let q = lockFraction * free
                if economy.lock(i, amount: q, unlockDay: today &+ lockDays[i &- base]) { locked += q }
            } else {
                let s = sellFraction * free
                economy.tokens[i] = free - s
                if intoPools {
                    saleRows.append(Int32(truncatingIfNeeded: i))
                    saleAmounts.append(s)
                } else {
                    economy.cash[i] += s * price
                }
                economy.noteSale(i, tokens: s)
                sold += s
            }
        }
        economy.settleWithdrawals(population: account, amount: withdrawn)
        economy.settleLocks(population: account, amount: locked)
        if intoPools {
            sellIntoPools(sold, account: account, economy: &economy, exchange: &venues.exchange)
        } else {
            economy.settleSales(population: account, tokens: sold, proceeds: sold * price)
        }
    }

    /// Sells the day's sales as one routed order (``Exchange/sellTokens(_:from:flow:economy:)``) and
    /// pays each seller its pro-rata part of the proceeds: every seller of a day gets the
    /// batch's average price.
    mutating func sellIntoPools(_ sold: Double, account: AccountID, economy: inout Economy, exchange: inout Exchange) {
        defer {
            saleRows.removeAll(keepingCapacity: true)
            saleAmounts.removeAll(keepingCapacity: true)
        }
        guard sold > 0 else { return }
        let proceeds = exchange.sellTokens(sold, from: account, flow: .holder, economy: &economy)
        let perToken = proceeds / sold
        for (n, row) in saleRows.enumerated() { economy.cash[Int(row)] += saleAmounts[n] * perToken }
    }

    /// Fills ``actions``: today's expiries among `rows`, then the agents that lock or sell.
    @inlinable
    mutating func decide(rows: Range<Int>, economy: Economy, rng: inout Xoshiro256StarStar) {
        var list = actions
        actions = []
        list.removeAll(keepingCapacity: true)
        for row in economy.expiries.rows(endingOn: economy.day) {
            let i = Int(row)
            if rows.contains(i) && economy.escrow.lockEnd(i) == Int64(economy.day) && economy.escrow.lockedAmount(i) > 0 {
                list.append(Action(row: row, kind: 1))
            }
        }
        if let candidates {
            var generator = rng
            let base = rows.lowerBound
            actThreshold.withUnsafeBufferPointer { actAt in
                lockThreshold.withUnsafeBufferPointer { lockAt in
                    var i = base &- 1
                    while let next = candidates.next(after: i, in: rows, rng: &generator) {
                        i = next
                        let k = i &- base
                        let bits = generator.next()
                        if bits >> 32 < actAt[k] {
                            let kind: UInt8 = bits & 0xFFFF_FFFF < lockAt[k] ? 2 : 4
                            list.append(Action(row: Int32(truncatingIfNeeded: i), kind: kind))
                        }
                    }
                }
            }
            rng = generator
        }
        actions = list
    }
}
