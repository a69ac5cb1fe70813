import HomeostatAgents
import HomeostatCore
import HomeostatMechanisms
import HomeostatScenario

/// Plain staking with a withdrawal cool-down (`mechanisms.staking`): the engine's state.
///
/// The `staking` ledger account holds every staked token and every token in the cool-down
/// queue; ``WithdrawalQueue`` keeps the per-agent stakes and the requests. Stakers earn
/// `revenue_split.stakers` of the fee revenue in USD through a reward-per-token accumulator
/// (Synthetix StakingRewards): the USD waits in the `staking_rewards` account and an agent
/// collects `stake · (rewardPerToken − paid)` when it next stakes or unstakes, so a day
/// costs O(1) however many agents stake.
struct StakingRun: Sendable {
    var queue: WithdrawalQueue
    var account: AccountID
    var rewardAccount: AccountID
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
    /// `1 / ln(1 − p)` per population for staking and for unstaking (nil: never).
    var stakeInverseLogMiss: [Double?]
    var unstakeInverseLogMiss: [Double?]
    var stakeFraction: [Double]
    var rewardShare: Double
    var withdrawnToday = 0.0

    /// Takes `row`'s accrued reward (USD) off the accumulator.
    mutating func collect(_ row: Int) -> Double {
        let due = queue.staked[row] * (rewardPerToken - rewardPaid[row])
        rewardPaid[row] = rewardPerToken
        return due
    }
}

extension Simulation {
    /// Opens the staking accounts and queue when the scenario has `mechanisms.staking`.
    mutating func setUpStaking() throws(SimulationError) {
        guard let spec = scenario.mechanisms.staking else { return }
        var queue: WithdrawalQueue
        do throws(WithdrawalQueueError) {
            queue = try WithdrawalQueue(cooldownDays: spec.cooldownDays)
        } catch {
            throw SimulationError(day: 0, message: "mechanisms.staking: \(error)")
        }
        _ = queue.addAccounts(economy.agentCount)
        let inverseLogMiss = { (p: Double) -> Double? in p > 0 ? (p >= 1 ? 0 : 1 / _log1p(-p)) : nil }
        let options = populations.indices.map { p in
            scenario.populations.indices.contains(p) ? scenario.populations[p].incentives : IncentiveOptions()
        }
        let account = economy.ledger.open("staking", kind: .contract)
        protocolTokenAccounts.append(account)
        staking = StakingRun(
            queue: queue, account: account, rewardAccount: economy.ledger.open("staking_rewards", kind: .contract),
            rewardPaid: [Double](repeating: 0, count: economy.agentCount),
            stakeInverseLogMiss: options.map { inverseLogMiss($0.stakePropensity) },
            unstakeInverseLogMiss: options.map { inverseLogMiss($0.unstakePropensity) },
            stakeFraction: options.map(\.stakeFraction), rewardShare: scenario.mechanisms.revenueSplit?.stakers ?? 0)
    }

    /// Before the agents act: withdrawals whose cool-down ends today return to their
    /// agents' wallets, then agents request withdrawals and stake (thinning over each
    /// population's rows, one logarithm per candidate). Tokens in the queue are in neither
    /// the wallet nor the stake, so nothing the agents do today can sell them.
    mutating func stakingStartOfDay(day: Int) {
        guard staking != nil else { return }
        staking!.withdrawnToday = 0
        releaseWithdrawals(day: day)
        for p in populations.indices {
            guard let inverseLogMiss = staking!.unstakeInverseLogMiss[p] else { continue }
            requestWithdrawals(p, inverseLogMiss: inverseLogMiss, day: day)
        }
        // A zero-day cool-down frees today's requests today.
        if staking!.queue.cooldownDays == 0 { releaseWithdrawals(day: day) }
        for p in populations.indices {
            guard let inverseLogMiss = staking!.stakeInverseLogMiss[p] else { continue }
            stake(p, inverseLogMiss: inverseLogMiss)
        }
    }

    /// Claims every request claimable on `day`, in request order, into its agent's wallet.
    mutating func releaseWithdrawals(day: Int) {
        var run = staking!
        defer { staking = run }
        while run.nextClaim < run.queue.requests.count, run.queue.requests[run.nextClaim].claimableDay <= day {
            let id = WithdrawalQueue.RequestID(index: run.nextClaim)
            run.nextClaim += 1
            guard let amount = try? run.queue.claim(id, day: day) else { continue }
            let row = run.queue.requests[id.index].row
            economy.tokens[row] += amount
            economy.ledger.transfer(.token, from: run.account, to: economy.rowAccount[row], amount)
            run.withdrawnToday += amount
        }
    }

    /// Agents of population `p` with a stake request the withdrawal of all of it, collecting
    /// their reward.
    mutating func requestWithdrawals(_ p: Int, inverseLogMiss: Double, day: Int) {
        var run = staking!
        defer { staking = run }
        let population = populations[p]
        var rng = population.rng
        var paid = 0.0
        var i = population.rows.lowerBound - 1
        while let next = nextCandidate(after: i, in: population.rows, inverseLogMiss: inverseLogMiss, rng: &rng) {
            i = next
            let stake = run.queue.staked[i]
            guard stake > 0 else { continue }
            let reward = run.collect(i)
            economy.cash[i] += reward
            paid += reward
            _ = try? run.queue.requestWithdrawal(i, amount: stake, day: day)
            run.totalStaked -= stake
            run.stakerCount -= 1
            if run.stakerCount == 0 { run.totalStaked = 0 }
        }
        populations[p].rng = rng
        economy.ledger.transfer(.cash, from: run.rewardAccount, to: population.account, paid)
    }

    /// Agents of population `p` stake their population's fraction of their free balance
    /// (after collecting their ve rewards and staking reward).
    mutating func stake(_ p: Int, inverseLogMiss: Double) {
        var run = staking!
        defer { staking = run }
        let population = populations[p]
        let fraction = run.stakeFraction[p]
        var rng = population.rng
        var staked = 0.0
        var paid = 0.0
        var i = population.rows.lowerBound - 1
        while let next = nextCandidate(after: i, in: population.rows, inverseLogMiss: inverseLogMiss, rng: &rng) {
            i = next
            economy.claimRewards(i)
            let amount = economy.tokens[i] * fraction
            guard amount > 0 else { continue }
            let reward = run.collect(i)
            economy.cash[i] += reward
            paid += reward
            if run.queue.staked[i] == 0 { run.stakerCount += 1 }
            economy.tokens[i] -= amount
            _ = try? run.queue.stake(i, amount: amount)
            run.totalStaked += amount
            staked += amount
        }
        populations[p].rng = rng
        economy.flushClaims()
        economy.ledger.transfer(.token, from: population.account, to: run.account, staked)
        economy.ledger.transfer(.cash, from: run.rewardAccount, to: population.account, paid)
    }

    /// The next row after `i` that acts today with probability `p` (`inverseLogMiss` =
    /// `1 / ln(1 − p)`), from a geometric gap, or nil past the last row.
    func nextCandidate(after i: Int, in rows: Range<Int>, inverseLogMiss: Double, rng: inout Xoshiro256StarStar) -> Int? {
        let u = Double((rng.next() >> 11) &+ 1) * 0x1p-53
        let gap = (_log(u) * inverseLogMiss).rounded(.down)
        guard gap < Double(rows.upperBound - i) else { return nil }
        let next = i + Int(gap) + 1
        return next < rows.upperBound ? next : nil
    }

    /// The stakers' share of today's fee revenue: USD from the treasury's part to the
    /// staking-rewards account, credited per staked token (it stays in the treasury on a
    /// day nothing is staked).
    mutating func payStakers(revenue: Double) {
        guard let run = staking, run.rewardShare > 0, run.stakerCount > 0, run.totalStaked > 0 else { return }
        let usd = min(revenue * run.rewardShare, economy.ledger.balance(.cash, economy.treasuryAccount))
        guard usd > 0 else { return }
        economy.ledger.transfer(.cash, from: economy.treasuryAccount, to: run.rewardAccount, usd)
        staking!.rewardPerToken += usd / run.totalStaked
    }

    /// Today's value of a staking metric.
    func stakingMetric(_ metric: MetricName) -> Double {
        guard let run = staking else { return .nan }
        switch metric {
        case .staked: return run.totalStaked
        case .stakingQueued: return run.queue.pending
        case .stakingWithdrawn: return run.withdrawnToday
        default: return .nan
        }
    }

    /// The staking account holds exactly the stakes plus the queue; the running total of
    /// stakes matches the queue's; the rewards account holds what the stakers are owed; and
    /// the queue's own invariants.
    func stakingViolation() -> InvariantViolation? {
        guard let run = staking else { return nil }
        let ledger = economy.ledger
        var stakes = 0.0
        var owed = 0.0
        for row in run.queue.staked.indices {
            stakes += run.queue.staked[row]
            owed += run.queue.staked[row] * (run.rewardPerToken - run.rewardPaid[row])
        }
        if let v = ledger.checkSubledger(.token, run.account, columnSum: stakes + run.queue.pending, label: "staking (staked + queued)") {
            return v
        }
        if abs(stakes - run.totalStaked) > 1e-9 * max(1, stakes) {
            return InvariantViolation("staking: running total \(run.totalStaked) differs from the stakes' sum \(stakes)")
        }
        if let v = ledger.checkSubledger(.cash, run.rewardAccount, columnSum: owed, label: "staking rewards", tolerance: 1e-8) { return v }
        return run.queue.checkInvariants().first
    }
}
