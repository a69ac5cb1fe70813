public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// BM-1's holder: each day an agent with patience `h` first withdraws an expired lock,
/// then with probability `lockPropensity · h` locks `lockFraction` of its free balance for
/// `round(h · maxLockDays)` days (extending an existing lock if that is later); otherwise,
/// with probability `sellPropensity · (1 − h)`, sells `sellFraction` of its free balance to
/// the outside market at the day's price (BM-1 steps 1 and 2).
///
/// Per-agent columns are precomputed from patience once, so a step costs one or two
/// uniform draws and a handful of floating-point operations per agent, with no allocation.
public struct HolderBehaviour: Behaviour {
    /// Patience `h` per agent (population-local index).
    public let patience: [Double]
    @usableFromInline let lockThreshold: [Double]
    @usableFromInline let sellThreshold: [Double]
    @usableFromInline let lockDays: [Int64]
    public let lockFraction: Double
    public let sellFraction: Double

    /// - Parameters:
    ///   - patience: one value in [0, 1] per agent.
    ///   - maxLockDays: the escrow's longest lock in days.
    public init(
        patience: [Double], maxLockDays: Int, lockPropensity: Double, lockFraction: Double,
        sellPropensity: Double, sellFraction: Double
    ) {
        self.patience = patience
        self.lockThreshold = patience.map { lockPropensity * $0 }
        self.sellThreshold = patience.map { sellPropensity * (1 - $0) }
        // Round half away from zero, as BM-1 specifies (h >= 0, so floor(x + 0.5)).
        self.lockDays = patience.map { Int64(($0 * Double(maxLockDays) + 0.5).rounded(.down)) }
        self.lockFraction = lockFraction
        self.sellFraction = sellFraction
    }

    public mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {
        let today = Int64(economy.day)
        let price = economy.market.price
        let base = rows.lowerBound
        var withdrawn = 0.0
        var locked = 0.0
        var sold = 0.0
        for i in rows {
            let k = i &- base
            withdrawn += economy.withdrawIfExpired(i)
            let free = economy.tokens[i]
            if rng.uniform() < lockThreshold[k] && free > 0 {
                let q = lockFraction * free
                if economy.lock(i, amount: q, unlockDay: today &+ lockDays[k]) { locked += q }
            } else if rng.uniform() < sellThreshold[k] {
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
}
