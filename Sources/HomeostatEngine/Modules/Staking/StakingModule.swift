import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// Plain staking with a withdrawal cool-down (`mechanisms.staking`).
///
/// The `staking` ledger account holds every staked token and every token in the cool-down
/// queue; ``WithdrawalQueue`` keeps the per-agent stakes and the requests. Stakers earn
/// `revenue_split.stakers` of the fee revenue in USD through a reward-per-token accumulator
/// (Synthetix StakingRewards): the USD waits in the `staking_rewards` account and an agent
/// collects `stake · (rewardPerToken − paid)` when it next stakes or unstakes, so a day
/// costs O(1) however many agents stake. Who stakes is each population's ``StakingPolicy``.
public struct StakingModule: Module {
    var queue: WithdrawalQueue
    let account: AccountID
    let rewardAccount: AccountID
    /// USD paid per staked token since day 0.
    var rewardPerToken = 0.0
    /// ``rewardPerToken`` when each row last collected.
    var rewardPaid: [Double]
    /// Tokens staked now (not counting the queue), kept as a running sum.
    var totalStaked = 0.0
    /// Rows with a positive stake; the running sum is reset to exactly 0 when none is left.
    var stakerCount = 0
    /// The next request to claim: requests are made in day order with one cool-down, so
    /// their claimable days never decrease.
    var nextClaim = 0
    /// Per population index.
    let policies: [StakingPolicy]
    let rewardShare: Double
    var withdrawnToday = 0.0

    /// Staking by `spec` for the world's agents (the policies of `populations` by index; any
    /// other population never stakes), paid `rewardShare` of the fee revenue. Opens the
    /// `staking` (a protocol account) and `staking_rewards` accounts.
    public init(_ spec: StakingSpec, populations: [PopulationSpec], rewardShare: Double, world: inout World) throws(SimulationError) {
        do throws(WithdrawalQueueError) {
            queue = try WithdrawalQueue(cooldownDays: spec.cooldownDays)
        } catch {
            throw SimulationError(day: 0, message: "mechanisms.staking: \(error)")
        }
        _ = queue.addAccounts(world.economy.agentCount)
        policies = world.populations.indices.map { p in
            let o = populations.indices.contains(p) ? populations[p].incentives : IncentiveOptions()
            return StakingPolicy(stakePropensity: o.stakePropensity, unstakePropensity: o.unstakePropensity, stakeFraction: o.stakeFraction)
        }
        account = world.economy.ledger.open("staking", kind: .contract)
        world.protocolTokenAccounts.append(account)
        rewardAccount = world.economy.ledger.open("staking_rewards", kind: .contract)
        rewardPaid = [Double](repeating: 0, count: world.economy.agentCount)
        self.rewardShare = rewardShare
    }

    public var name: String { "staking" }

    public var hooks: [Hook] {
        [
            Hook(.beforeAgents, 60, "cooled-down withdrawals return; requests; stakes"),
            Hook(.settlement, 45, "the stakers' share of the revenue"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        if hook.phase == .beforeAgents { startOfDay(&world) } else { payStakers(&world) }
    }

    /// Takes `row`'s accrued reward (USD) off the accumulator.
    mutating func collect(_ row: Int) -> Double {
        let due = queue.staked[row] * (rewardPerToken - rewardPaid[row])
        rewardPaid[row] = rewardPerToken
        return due
    }

    /// Before the agents act: withdrawals whose cool-down ends today return to their agents'
    /// wallets, then agents request withdrawals and stake. Tokens in the queue are in
    /// neither the wallet nor the stake, so nothing the agents do today can sell them.
    mutating func startOfDay(_ world: inout World) {
        let day = world.day
        withdrawnToday = 0
        releaseWithdrawals(&world)
        for p in world.populations.indices where p < policies.count && policies[p].unstakes {
            requestWithdrawals(p, day: day, world: &world)
        }
        // A zero-day cool-down frees today's requests today.
        if queue.cooldownDays == 0 { releaseWithdrawals(&world) }
        for p in world.populations.indices where p < policies.count && policies[p].stakes {
            stake(p, world: &world)
        }
    }

    /// Claims every request claimable today, in request order, into its agent's wallet.
    mutating func releaseWithdrawals(_ world: inout World) {
        let day = world.day
        while nextClaim < queue.requests.count, queue.requests[nextClaim].claimableDay <= day {
            let id = WithdrawalQueue.RequestID(index: nextClaim)
            nextClaim += 1
            guard let amount = try? queue.claim(id, day: day) else { continue }
            let row = queue.requests[id.index].row
            world.economy.tokens[row] += amount
            world.economy.ledger.transfer(.token, from: account, to: world.economy.rowAccount[row], amount)
            withdrawnToday += amount
        }
    }

    /// Agents of population `p` with a stake request the withdrawal of all of it, collecting
    /// their reward.
    mutating func requestWithdrawals(_ p: Int, day: Int, world: inout World) {
        let population = world.populations[p]
        var rng = population.rng
        var paid = 0.0
        policies[p].forEachUnstaker(in: population.rows, rng: &rng) { i in
            let stake = queue.staked[i]
            guard stake > 0 else { return }
            let reward = collect(i)
            world.economy.cash[i] += reward
            paid += reward
            _ = try? queue.requestWithdrawal(i, amount: stake, day: day)
            totalStaked -= stake
            stakerCount -= 1
            if stakerCount == 0 { totalStaked = 0 }
        }
        world.populations[p].rng = rng
        world.economy.ledger.transfer(.cash, from: rewardAccount, to: population.account, paid)
    }

    /// Agents of population `p` stake their population's fraction of their free balance
    /// (after collecting their ve rewards and staking reward).
    mutating func stake(_ p: Int, world: inout World) {
        let population = world.populations[p]
        let fraction = policies[p].stakeFraction
        var rng = population.rng
        var staked = 0.0
        var paid = 0.0
        policies[p].forEachStaker(in: population.rows, rng: &rng) { i in
            world.economy.claimRewards(i)
            let amount = world.economy.tokens[i] * fraction
            guard amount > 0 else { return }
            let reward = collect(i)
            world.economy.cash[i] += reward
            paid += reward
            if queue.staked[i] == 0 { stakerCount += 1 }
            world.economy.tokens[i] -= amount
            _ = try? queue.stake(i, amount: amount)
            totalStaked += amount
            staked += amount
        }
        world.populations[p].rng = rng
        world.economy.flushClaims()
        world.economy.ledger.transfer(.token, from: population.account, to: account, staked)
        world.economy.ledger.transfer(.cash, from: rewardAccount, to: population.account, paid)
    }

    /// The stakers' share of today's fee revenue: USD from the treasury's part to the
    /// staking-rewards account, credited per staked token (it stays in the treasury on a
    /// day nothing is staked).
    mutating func payStakers(_ world: inout World) {
        guard world.today.hasRevenue, rewardShare > 0, stakerCount > 0, totalStaked > 0 else { return }
        let treasury = world.economy.treasuryAccount
        let usd = min(world.today.revenue * rewardShare, world.economy.ledger.balance(.cash, treasury))
        guard usd > 0 else { return }
        world.economy.ledger.transfer(.cash, from: treasury, to: rewardAccount, usd)
        rewardPerToken += usd / totalStaked
    }

    static let metrics: [MetricName] = [.staked, .stakingQueued, .stakingWithdrawn]

    public func metricSlot(_ name: String, world: World) -> Int? { Self.metrics.firstIndex { $0.rawValue == name } }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        switch slot {
        case 0: totalStaked
        case 1: queue.pending
        default: withdrawnToday
        }
    }

    /// The staking account holds exactly the stakes plus the queue; the running total of
    /// stakes matches the queue's; the rewards account holds what the stakers are owed; and
    /// the queue's own invariants.
    public func firstViolation(world: World) -> InvariantViolation? {
        let ledger = world.economy.ledger
        var stakes = 0.0
        var owed = 0.0
        for row in queue.staked.indices {
            stakes += queue.staked[row]
            owed += queue.staked[row] * (rewardPerToken - rewardPaid[row])
        }
        if let v = ledger.checkSubledger(.token, account, columnSum: stakes + queue.pending, label: "staking (staked + queued)") {
            return v
        }
        if abs(stakes - totalStaked) > 1e-9 * max(1, stakes) {
            return InvariantViolation("staking: running total \(totalStaked) differs from the stakes' sum \(stakes)")
        }
        if let v = ledger.checkSubledger(.cash, rewardAccount, columnSum: owed, label: "staking rewards", tolerance: 1e-8) { return v }
        return queue.checkInvariants().first
    }
}
