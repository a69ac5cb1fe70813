/// Lazy pro-rata accounting of daily payouts to vote-escrow holders: the
/// reward-per-unit-of-power accumulator of Curve's gauges and Synthetix's `StakingRewards`
/// (MECHANISMS.md §4.2), adapted to power that decays linearly.
///
/// On day `t` a payout `P_t` is shared pro-rata to voting power `ve_i(t) / V_t`. Instead of
/// paying every account every day, the day's rate `k_t = P_t / V_t` goes into two running
/// sums, and an account collects what it is owed when it acts (or when asked). Between its
/// own actions an account's lock `(a, e)` is fixed, so its power on day `t` is
/// `a · (e − t) / maxTime` for `t < e`, and what it is owed for days `s+1 … m` is
///
///     a / maxTime · [ e · Σ k_t − Σ t · k_t ]   (t = s+1 … m,  m = min(today, e − 1))
///
/// which two prefix sums give in O(1). Two streams share the bookkeeping: tokens
/// (emissions) and cash (fees). The cost of a day is O(1); the cost of a claim is O(1).
///
/// The owner must claim an account *before* its lock changes (the engine's `Economy` does
/// so in `lock` and `withdraw`), so the formula always sees the lock the power came from.
public struct RewardAccrual: Sendable {
    /// `prefix[d]` = Σ over days 1…d of the day's rate, and of day × rate, per stream.
    @usableFromInline var tokenSum: [Double] = [0]
    @usableFromInline var tokenDaySum: [Double] = [0]
    @usableFromInline var cashSum: [Double] = [0]
    @usableFromInline var cashDaySum: [Double] = [0]
    /// The last day whose rates were recorded.
    public private(set) var lastDay: Int = 0
    /// The day through which each account has been paid.
    @usableFromInline var settledThrough: [Int32] = []
    @usableFromInline let inverseMaxTime: Double

    public init(maxTime: Int64) {
        inverseMaxTime = 1 / Double(maxTime)
    }

    /// Adds `count` accounts, paid through the last recorded day.
    public mutating func addAccounts(_ count: Int) {
        settledThrough.append(contentsOf: repeatElement(Int32(lastDay), count: count))
    }

    /// Records day `day`'s payouts: `tokensPerPower` and `cashPerPower` per unit of voting
    /// power (the day's payout over the day's total power). Days must be recorded in order;
    /// days skipped are recorded as paying nothing.
    public mutating func record(day: Int, tokensPerPower: Double, cashPerPower: Double) {
        precondition(day > lastDay, "payout days must increase")
        while lastDay < day - 1 { append(day: lastDay + 1, 0, 0) }
        append(day: day, tokensPerPower, cashPerPower)
    }

    mutating func append(day: Int, _ tokenRate: Double, _ cashRate: Double) {
        let d = Double(day)
        tokenSum.append(tokenSum[tokenSum.count - 1] + tokenRate)
        tokenDaySum.append(tokenDaySum[tokenDaySum.count - 1] + d * tokenRate)
        cashSum.append(cashSum[cashSum.count - 1] + cashRate)
        cashDaySum.append(cashDaySum[cashDaySum.count - 1] + d * cashRate)
        lastDay = day
    }

    /// What account `row`, holding `amount` locked until `end`, is owed since it was last
    /// paid, through the last recorded day.
    @inlinable
    public func owed(_ row: Int, amount: Double, end: Int64) -> (tokens: Double, cash: Double) {
        let from = Int(settledThrough[row])
        let through = min(lastDay, Int(max(end - 1, 0)))
        guard through > from, amount > 0 else { return (0, 0) }
        let e = Double(end)
        let scale = amount * inverseMaxTime
        let tokens = scale * (e * (tokenSum[through] - tokenSum[from]) - (tokenDaySum[through] - tokenDaySum[from]))
        let cash = scale * (e * (cashSum[through] - cashSum[from]) - (cashDaySum[through] - cashDaySum[from]))
        return (max(tokens, 0), max(cash, 0))
    }

    /// Whether `row` has been paid through the last recorded day (a claim would pay nothing).
    @inlinable
    public func isSettled(_ row: Int) -> Bool { Int(settledThrough[row]) == lastDay }

    /// Returns what `row` is owed (see ``owed(_:amount:end:)``) and marks it paid through
    /// the last recorded day.
    @inlinable
    public mutating func claim(_ row: Int, amount: Double, end: Int64) -> (tokens: Double, cash: Double) {
        let due = owed(row, amount: amount, end: end)
        settledThrough[row] = Int32(lastDay)
        return due
    }
}
