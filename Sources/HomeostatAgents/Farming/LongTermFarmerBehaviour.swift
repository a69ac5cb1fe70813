public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// Long-term farmers of one gauge: they provide liquidity to its pool and stake it, claim
/// the rewards every `claimEveryDays` days and lock them, with any other free tokens, in
/// the vote-escrow until `lockDays` from the claim (extending the lock), then checkpoint
/// the gauge so their boost follows their new ve. They never leave on APR.
///
/// Each day, in index order: an agent out of the farm with USD left after gas enters
/// (``FarmEntry``: part of its USD buys tokens, the rest goes with them into the pool, the
/// shares are staked; one order for the day's entrants); a staked agent whose claim is due
/// withdraws an expired lock, claims the gauge's rewards and its locker rewards, locks its
/// free tokens and checkpoints its working balance.
public struct LongTermFarmerBehaviour: Behaviour {
    /// The gauge farmed.
    public let gauge: Int
    /// Per agent: lock duration in days.
    public let lockDays: [Int64]
    /// Days between claims.
    public let claimEveryDays: Int
    /// Gas per entry, USD.
    public let gasUSD: Double
    /// Per agent: LP shares held (all staked).
    public private(set) var shares: [Double]
    var nextClaim: [Int32]
    var entry = FarmEntry()

    public init(gauge: Int, lockDays: [Int64], claimEveryDays: Int, gasUSD: Double) {
        self.gauge = gauge
        self.lockDays = lockDays
        self.claimEveryDays = claimEveryDays
        self.gasUSD = gasUSD
        shares = [Double](repeating: 0, count: lockDays.count)
        nextClaim = [Int32](repeating: 0, count: lockDays.count)
    }

    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        let day = Int32(truncatingIfNeeded: economy.day)
        let today = Int64(economy.day)
        let base = rows.lowerBound
        // Claims and locks.
        var claimed = 0.0
        var withdrawn = 0.0
        var locked = 0.0
        for k in shares.indices where shares[k] > 0 && day >= nextClaim[k] {
            let i = base + k
            nextClaim[k] = day &+ Int32(claimEveryDays)
            claimed += venues.farms.claimFarm(i, gauge: gauge, economy: &economy)
            withdrawn += economy.withdrawIfExpired(i)
            economy.claimRewards(i)
            let amount = economy.tokens[i]
            guard amount > 0 else { continue }
            if economy.lock(i, amount: amount, unlockDay: today + lockDays[k]) {
                locked += amount
                venues.farms.checkpointFarm(i, gauge: gauge, economy: &economy)
            }
        }
        venues.farms.settleFarmClaims(gauge: gauge, population: account, amount: claimed, economy: &economy)
        economy.settleWithdrawals(population: account, amount: withdrawn)
        economy.settleLocks(population: account, amount: locked)

        // Entries.
        guard venues.farms.pools[gauge] != nil else { return }
        entry.removeAll()
        var gas = 0.0
        for k in shares.indices where shares[k] == 0 {
            let i = base + k
            let capital = economy.cash[i] - gasUSD
            guard capital > 0 else { continue }
            economy.cash[i] -= gasUSD
            gas += gasUSD
            entry.append(row: i, usd: capital)
        }
        economy.settleGas(population: account, usd: gas)
        guard !entry.rows.isEmpty else { return }
        entry.enter(gauge: gauge, account: account, economy: &economy, venues: &venues)
        for (n, r) in entry.rows.enumerated() {
            let k = Int(r) - base
            shares[k] += entry.shares[n]
            nextClaim[k] = day &+ Int32(claimEveryDays)
        }
    }
}
