import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

/// Vote-escrow locking (`mechanisms.vote_escrow`, Curve VotingEscrow in days) and the rewards
/// accrued to lockers pro-rata to voting power (``RewardAccrual``): the escrow's daily
/// checkpoint, the voting power at the day's payment, the day's emission, continuous fees
/// and shared exit penalties put on the accumulator in O(1), and the expiry index's
/// housekeeping. The escrow itself lives in the economy, since every agent acts on it.
public struct VoteEscrowModule: Module {
    var sortScratch: [Double] = []
    var radixScratch: [UInt64] = []
    /// The day `sortScratch` holds the sorted power of (so Gini and Nakamoto share one sort).
    var sortedPowerDay = -1

    /// The module (its escrow is the economy's).
    public init() {}

    public var name: String { "vote_escrow" }

    public var hooks: [Hook] {
        [
            Hook(.beforeAgents, 50, "checkpoint the escrow"),
            Hook(.settlement, 0, "voting power and price at payment"),
            Hook(.settlement, 60, "accrue emission, fees and penalties to lockers"),
            Hook(.market, 30, "drop past expiries from the index"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        let day = world.day
        switch (hook.phase, hook.order) {
        case (.beforeAgents, _):
            world.economy.escrow.checkpoint(now: Int64(day))
        case (.settlement, 0):
            world.today.votingPower = world.economy.escrow.checkpointedTotal(now: Int64(day))
            world.today.priceAtPayment = world.economy.market.price
        case (.settlement, _):
            // Emission and continuous fees accrue pro-rata to today's power; agents collect
            // them when they next act (RewardAccrual), so a day costs O(1) here. Exit
            // penalties for the remaining lockers ride on the same accumulator.
            let power = world.today.votingPower
            let emissionDue = world.today.emissionDue
            let feesDue = world.today.feesDue
            let penalties = world.today.penaltiesShared
            guard power > 0 && (emissionDue > 0 || feesDue > 0 || penalties > 0) else { return }
            let economy = world.economy
            world.economy.ledger.mint(.token, to: economy.emissionPendingAccount, emissionDue)
            world.economy.ledger.transfer(.cash, from: economy.distributorAccount, to: economy.feePendingAccount, feesDue)
            world.economy.accrual.record(
                day: day, tokensPerPower: (emissionDue + penalties) / power, cashPerPower: feesDue / power)
        default:
            if day % 64 == 0 { world.economy.expiries.discard(through: day) }
        }
    }

    static let metrics: [MetricName] = [
        .locked, .lockedShare, .votingPower, .averageRemainingLockDays, .votingPowerGini, .votingPowerNakamoto,
    ]

    public func metricSlot(_ name: String, world: World) -> Int? {
        Self.metrics.firstIndex { $0.rawValue == name }
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        let locked = world.economy.escrow.supply
        switch Self.metrics[slot] {
        case .locked: return locked
        case .lockedShare:
            let free = world.holdersFree
            return locked + free > 0 ? locked / (locked + free) : 0
        case .votingPower: return world.today.votingPower
        case .averageRemainingLockDays:
            return locked > 0 ? Double(world.economy.escrow.parameters.maxTime) * world.today.votingPower / locked : 0
        case .votingPowerGini: return giniOfPower(&world)
        default: return nakamotoOfPower(&world)
        }
    }

    /// Every agent's voting power today, ascending (one radix sort per recorded day).
    mutating func sortedPower(_ world: inout World) -> [Double] {
        if sortedPowerDay != world.day {
            world.economy.escrow.snapshotPower(at: Int64(world.day))
            sortScratch.removeAll(keepingCapacity: true)
            sortScratch.append(contentsOf: world.economy.escrow.power)
            RadixSort.sortNonNegative(&sortScratch, scratch: &radixScratch)
            sortedPowerDay = world.day
        }
        return sortScratch
    }

    /// Gini coefficient of voting power over all agents: `Σ (2i − n − 1) x_(i) / (n Σ x)`
    /// with `x` sorted ascending, `i` 1-based. 0 when nobody has power.
    mutating func giniOfPower(_ world: inout World) -> Double {
        let x = sortedPower(&world)
        let n = Double(x.count)
        var weighted = 0.0
        var total = 0.0
        for (i, v) in x.enumerated() {
            weighted += (2 * Double(i + 1) - n - 1) * v
            total += v
        }
        return total > 0 ? weighted / (n * total) : 0
    }

    /// Nakamoto coefficient: the fewest agents whose voting power together exceeds half the total.
    mutating func nakamotoOfPower(_ world: inout World) -> Double {
        let x = sortedPower(&world)
        let total = x.reduce(0, +)
        guard total > 0 else { return 0 }
        var cumulative = 0.0
        var count = 0
        for v in x.reversed() {
            cumulative += v
            count += 1
            if cumulative > total / 2 { break }
        }
        return Double(count)
    }

    /// The escrow's token supply against its account, the accrued emissions and fees against
    /// what every agent is owed, and the escrow's own invariants (Curve I1, I3, I4, I5).
    public func firstViolation(world: World) -> InvariantViolation? {
        let economy = world.economy
        let ledger = economy.ledger
        if let v = ledger.checkSubledger(
            .token, economy.escrowAccount, columnSum: economy.escrow.supply, label: "vote-escrow supply") { return v }
        var owedTokens = 0.0
        var owedCash = 0.0
        for row in 0..<economy.agentCount {
            let due = economy.accrual.owed(row, amount: economy.escrow.lockedAmount(row), end: economy.escrow.lockEnd(row))
            owedTokens += due.tokens
            owedCash += due.cash
        }
        if let v = ledger.checkSubledger(
            .token, economy.emissionPendingAccount, columnSum: owedTokens, label: "accrued emissions", tolerance: 1e-8) { return v }
        if let v = ledger.checkSubledger(
            .cash, economy.feePendingAccount, columnSum: owedCash, label: "accrued fees", tolerance: 1e-8) { return v }
        return economy.escrow.checkInvariants(at: Int64(economy.day)).first
    }
}
