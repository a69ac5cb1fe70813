public import HomeostatCore
public import HomeostatMarket
public import HomeostatMechanisms

/// The world state every agent acts on during a step: the day, the ledger, the outside
/// market (the token's and the external assets' prices), the vote-escrow, and every agent's
/// wallet.
///
/// The venues agents trade and stake through are not in it: the pools with their router and
/// arbitrage are an ``Exchange`` and the liquidity gauges are ``Farms`` (together
/// ``Venues``), which take the economy `inout` for the ledger entries and the day's selling
/// their trades make.
///
/// Agents are rows: agent `i` owns `tokens[i]`, `cash[i]` and row `i` of the escrow.
/// Populations own contiguous row ranges. Per-agent balances are sub-accounts of their
/// population's ledger account; a behaviour that moves tokens updates the columns and
/// reports the step's totals to the ledger through the methods here, and the invariant
/// check proves the two agree.
///
/// Emissions and fees paid pro-rata to voting power accrue lazily (``RewardAccrual``, the
/// accumulator of Curve's gauges): an agent's share waits in the pending accounts until the
/// agent is claimed, which ``lock(_:amount:unlockDay:)`` and ``withdrawIfExpired(_:)`` do
/// first. A behaviour that reads `tokens[i]` or `cash[i]` to decide an amount calls
/// ``claimRewards(_:)`` first, as a user claims on chain before spending.
public struct Economy: Sendable {
    /// The current day (steps are days `1...horizon`).
    public var day: Int = 0
    /// Every token and cash movement of the run.
    public var ledger = Ledger()
    /// The outside market and its price.
    public var market: Market
    /// Every agent's lock (row `i` is agent `i`).
    public var escrow: VoteEscrow
    /// Free (unlocked) tokens per agent.
    public var tokens: [Double] = []
    /// USD per agent.
    public var cash: [Double] = []

    /// Rewards accrued to agents and not yet claimed (see ``RewardAccrual``).
    public var accrual: RewardAccrual
    /// Rows by the day their lock ends, kept by ``lock(_:amount:unlockDay:)``.
    public var expiries = ExpiryIndex()
    /// The ledger account of each agent's population.
    public private(set) var rowAccount: [AccountID] = []
    // Claims made since the last `flushClaims()` by agents of `claimAccount`: moved through
    // the ledger in one transfer per population rather than one per agent.
    var claimAccount = AccountID(index: -1)
    var claimedTokens = 0.0
    var claimedCash = 0.0

    /// Ledger accounts of the protocol and the outside world.
    public let outside: AccountID
    /// The vote-escrow's token holdings.
    public let escrowAccount: AccountID
    /// Fee revenue for lockers not yet accrued or paid (weekly epochs, days without power).
    public let distributorAccount: AccountID
    /// The protocol treasury (allocations named `treasury`, the non-locker share of fees).
    public let treasuryAccount: AccountID
    /// Emitted tokens accrued to agents and not yet claimed.
    public let emissionPendingAccount: AccountID
    /// Fee cash accrued to agents and not yet claimed.
    public let feePendingAccount: AccountID

    /// Tokens agents sold to the outside market today (all populations).
    public var soldToday: Double = 0
    /// Tokens agents bought from the outside market today.
    public var boughtToday: Double = 0
    /// Emission tokens each agent claimed in the last ``EmissionFate/window`` days and has
    /// not sold or locked since, and the day of its last such claim (see ``EmissionFate``).
    public internal(set) var freshEmission: [Double] = []
    var freshSince: [Int32] = []
    /// What became of the emission agents claimed: sold soon, locked, since day 0.
    public internal(set) var emissionFate = EmissionFate()
    /// Whether claims, sales and locks keep ``emissionFate`` (off unless a metric needs it,
    /// so runs without it do not pay for the bookkeeping).
    public var tracksEmissionFate = false
    /// Tokens locked today by ``lock(_:amount:unlockDay:)`` (new locks and additions).
    public var lockedToday: Double = 0
    /// `Σ amount · (lock end − today)` over today's locks, for their amount-weighted duration.
    public var lockedTokenDaysToday: Double = 0

    /// External assets' USD price processes, by ledger asset index − 2 (empty without
    /// `assets:`): the outside market's prices of the coins pools pair the token with (see
    /// `Economy+Assets.swift`).
    public var assetMarkets: [Market] = []

    /// An economy with no agents, its protocol accounts opened in the ledger.
    public init(market: Market, escrow: VoteEscrow) {
        self.market = market
        self.escrow = escrow
        self.accrual = RewardAccrual(maxTime: escrow.parameters.maxTime)
        outside = ledger.open("outside", kind: .external)
        escrowAccount = ledger.open("vote_escrow", kind: .contract)
        distributorAccount = ledger.open("fee_distributor", kind: .contract)
        treasuryAccount = ledger.open("treasury", kind: .contract)
        emissionPendingAccount = ledger.open("emission_pending", kind: .contract)
        feePendingAccount = ledger.open("fee_pending", kind: .contract)
    }

    /// Number of agents.
    public var agentCount: Int { tokens.count }

    /// Adds `count` agents of the population whose ledger account is `account`, with empty
    /// wallets and no locks; returns their rows.
    public mutating func addAgents(_ count: Int, account: AccountID) -> Range<Int> {
        let start = tokens.count
        tokens.append(contentsOf: repeatElement(0, count: count))
        cash.append(contentsOf: repeatElement(0, count: count))
        rowAccount.append(contentsOf: repeatElement(account, count: count))
        freshEmission.append(contentsOf: repeatElement(0, count: count))
        freshSince.append(contentsOf: repeatElement(0, count: count))

        accrual.addAccounts(count)
        let rows = escrow.addAccounts(count)
        precondition(rows.lowerBound == start)
        return start..<(start + count)
    }

    /// Pays agent `row` the emissions and fees accrued to it since it was last claimed.
    ///
    /// The ledger sees the claims of a step in one transfer per population, at
    /// ``flushClaims()``, which the engine calls after each population acts.
    public mutating func claimRewards(_ row: Int) {
        guard !accrual.isSettled(row) else { return }
        let due = accrual.claim(row, amount: escrow.lockedAmount(row), end: escrow.lockEnd(row))
        guard due.tokens > 0 || due.cash > 0 else { return }
        let account = rowAccount[row]
        if account != claimAccount {
            flushClaims()
            claimAccount = account
        }
        tokens[row] += due.tokens
        cash[row] += due.cash
        if tracksEmissionFate && due.tokens > 0 { receiveEmission(row, due.tokens) }
        claimedTokens += due.tokens
        claimedCash += due.cash
    }

    /// Moves the claims made since the last flush through the ledger, from the pending
    /// accounts to the claimants' population accounts.
    public mutating func flushClaims() {
        guard claimAccount.index >= 0 else { return }
        ledger.transfer(.token, from: emissionPendingAccount, to: claimAccount, claimedTokens)
        ledger.transfer(.cash, from: feePendingAccount, to: claimAccount, claimedCash)
        claimedTokens = 0
        claimedCash = 0
    }

    /// Locks `amount` of agent `row`'s free tokens until `unlockDay` with vote-escrow rules:
    /// creates a lock, or adds to the agent's unexpired lock and extends it when
    /// `unlockDay` (rounded) is later than its current end — BM-1 step 2's
    /// `e = max(e, t + L)`. The agent must have withdrawn an expired lock first.
    ///
    /// Moves the tokens in the columns only; the caller reports the step's total with
    /// ``settleLocks(population:amount:)``.
    /// - Returns: `true` if the tokens were locked, `false` if the escrow rejected it
    ///   (for example an unlock day that rounds to today).
    public mutating func lock(_ row: Int, amount: Double, unlockDay: Int64) -> Bool {
        let now = Int64(day)
        claimRewards(row)
        do {
            if escrow.lockedAmount(row) > 0 {
                try escrow.increaseAmount(row, amount: amount, now: now)
                if escrow.roundDown(unlockDay) > escrow.lockEnd(row) {
                    try escrow.increaseUnlockTime(row, unlockTime: unlockDay, now: now)
                }
            } else {
                try escrow.createLock(row, amount: amount, unlockTime: unlockDay, now: now)
            }
        } catch {
            return false
        }
        tokens[row] -= amount
        expiries.add(row: row, day: Int(escrow.lockEnd(row)))
        lockedToday += amount
        if tracksEmissionFate { emissionFate.locked += takeFreshEmission(row, amount) }
        lockedTokenDaysToday += amount * Double(escrow.lockEnd(row) - now)
        return true
    }

    /// Withdraws agent `row`'s lock if it has expired; returns the tokens returned to its wallet.
    public mutating func withdrawIfExpired(_ row: Int) -> Double {
        let now = Int64(day)
        guard escrow.lockedAmount(row) > 0, escrow.lockEnd(row) <= now else { return 0 }
        claimRewards(row)
        let value = (try? escrow.withdraw(row, now: now)) ?? 0
        tokens[row] += value
        return value
    }

    /// Records in the ledger that a population locked `amount` tokens in total this step.
    public mutating func settleLocks(population: AccountID, amount: Double) {
        ledger.transfer(.token, from: population, to: escrowAccount, amount)
    }

    /// Records in the ledger that a population withdrew `amount` tokens from the escrow.
    public mutating func settleWithdrawals(population: AccountID, amount: Double) {
        ledger.transfer(.token, from: escrowAccount, to: population, amount)
    }

    /// Records that a population sold `tokens` to the outside market for `proceeds` USD,
    /// and adds the tokens to the day's sell pressure.
    public mutating func settleSales(population: AccountID, tokens sold: Double, proceeds: Double) {
        ledger.transfer(.token, from: population, to: outside, sold)
        ledger.transfer(.cash, from: outside, to: population, proceeds)
        soldToday += sold
    }

    /// Records that a population bought `tokens` from the outside market for `cost` USD.
    public mutating func settlePurchases(population: AccountID, tokens bought: Double, cost: Double) {
        ledger.transfer(.token, from: outside, to: population, bought)
        ledger.transfer(.cash, from: population, to: outside, cost)
        boughtToday += bought
    }

    /// Moves `usd` of gas paid by a population's agents (already taken from their columns)
    /// to the outside market.
    mutating func settleGas(population: AccountID, usd: Double) {
        guard usd > 0 else { return }
        ledger.transfer(.cash, from: population, to: outside, usd)
    }
}
