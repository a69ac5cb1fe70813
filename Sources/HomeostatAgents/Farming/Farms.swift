public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// The run's liquidity gauges (one per `mechanisms.gauges.list` entry) and the daily signals
/// farmers act on: a venue beside the ``Economy`` (``Venues/farms``).
///
/// Each gauge is a Curve ``LiquidityGauge`` over every agent row. A staker's LP shares
/// stay its population's in the pool (the behaviours keep per-agent share columns); the
/// gauge keeps per-agent staked balances and working balances. Emission routed to a gauge
/// accrues to its stakers by working balance and is minted into the gauge's ledger account
/// (`gauge:NAME`) until claimed; with no stakers it is never minted.
public struct Farms: Sendable {
    /// The gauges, by index in `mechanisms.gauges.list`.
    public internal(set) var gauges: [LiquidityGauge] = []
    /// Each gauge's ledger account: accrued emission not yet claimed.
    public internal(set) var accounts: [AccountID] = []
    /// Each gauge's pool (nil: nobody can stake in it).
    public internal(set) var pools: [PoolID?] = []
    /// Each gauge's emission for today, tokens (set by the engine at the start of the day
    /// from the schedule and the current weights).
    public internal(set) var emissionToday: [Double] = []
    /// USD value of one LP share of each gauge's pool at the external price, set by the
    /// engine at the start of the day (0 without a pool).
    public internal(set) var valuePerShare: [Double] = []
    /// No gauges.
    public init() {}

    /// Number of gauges.
    public var count: Int { gauges.count }

    /// USD value of the shares staked in gauge `g` at ``valuePerShare``.
    public func stakedValue(_ g: Int) -> Double { gauges[g].totalSupply * valuePerShare[g] }

    /// Reward APR of gauge `g`: today's emission at `price` × 365 ÷ staked value (NaN with
    /// nothing staked).
    public func rewardAPR(_ g: Int, price: Double) -> Double {
        let staked = stakedValue(g)
        return staked > 0 ? emissionToday[g] * price * 365 / staked : .nan
    }

    /// The reward APR an agent without ve would earn on `capitalUSD` staked now in gauge
    /// `g`, whose working supply is worth `workingUSD`: its working balance is `p · c` of
    /// a working supply `W + p · c` (`p` the tokenless share, 1 for an unboosted gauge).
    public func entrantAPR(_ g: Int, capitalUSD c: Double, workingUSD: Double, price: Double) -> Double {
        let p = gauges[g].boost.tokenlessProduction
        let denominator = workingUSD + p * c
        return denominator > 0 ? emissionToday[g] * price * 365 * p / denominator : 0
    }

    /// The reward APR staker `row` of gauge `g` earns at its current working balance.
    public func stakerAPR(_ g: Int, row: Int, price: Double) -> Double {
        let b = gauges[g].balance[row]
        let ws = gauges[g].workingSupply
        guard b > 0, ws > 0, valuePerShare[g] > 0 else { return 0 }
        return emissionToday[g] * price * 365 * gauges[g].workingBalance[row] / (ws * b * valuePerShare[g])
    }
}

/// Staking in the gauges: every call takes the ``Economy`` for the stakers' voting power
/// (their boost), their wallet columns and the ledger.
extension Farms {
    /// Adds a gauge over every agent row, with its ledger account and pool.
    /// - Returns: its index.
    public mutating func addFarm(name: String, pool: PoolID?, boost: LiquidityGauge.Boost, economy: inout Economy) -> Int {
        var gauge = LiquidityGauge(boost: boost)
        _ = gauge.addAccounts(economy.agentCount)
        gauges.append(gauge)
        accounts.append(economy.ledger.open("gauge:\(name)", kind: .contract))
        pools.append(pool)
        emissionToday.append(0)
        valuePerShare.append(0)
        return count - 1
    }

    /// Gives gauge `g` `amount` of emission; mints into its account what its stakers
    /// accrue. - Returns: the part not minted (all of it with no working supply).
    public mutating func distributeToFarm(_ g: Int, _ amount: Double, economy: inout Economy) -> Double {
        let notMinted = gauges[g].distribute(amount)
        economy.ledger.mint(.token, to: accounts[g], amount - notMinted)
        return notMinted
    }

    /// Agent `row`'s voting power now and the total, for its working balance.
    static func boostInputs(_ row: Int, economy: inout Economy) -> (ve: Double, total: Double) {
        let now = Int64(economy.day)
        return (economy.escrow.balance(row, at: now), economy.escrow.checkpointedTotal(now: now))
    }

    /// Stakes `shares` more LP shares of agent `row` in gauge `g` (accruing first, then
    /// recomputing its working balance from its ve now). The caller keeps the agent's share
    /// column; the shares do not move in the ledger.
    public mutating func stake(_ row: Int, gauge g: Int, shares: Double, economy: inout Economy) {
        guard shares > 0 else { return }
        let (ve, total) = Self.boostInputs(row, economy: &economy)
        try? gauges[g].deposit(row, amount: shares, ve: ve, veTotal: total)
    }

    /// Unstakes `shares` of agent `row` from gauge `g` (at most its stake); its accrued
    /// rewards stay claimable.
    public mutating func unstake(_ row: Int, gauge g: Int, shares: Double, economy: inout Economy) {
        let amount = min(shares, gauges[g].balance[row])
        guard amount > 0 else { return }
        let (ve, total) = Self.boostInputs(row, economy: &economy)
        try? gauges[g].withdraw(row, amount: amount, ve: ve, veTotal: total)
    }

    /// Recomputes agent `row`'s working balance in gauge `g` from its ve now (Curve's
    /// `user_checkpoint`), after a lock changed it.
    public mutating func checkpointFarm(_ row: Int, gauge g: Int, economy: inout Economy) {
        let (ve, total) = Self.boostInputs(row, economy: &economy)
        gauges[g].checkpoint(row, ve: ve, veTotal: total)
    }

    /// Claims agent `row`'s rewards from gauge `g` (checkpointing its boost) into its
    /// wallet column, and returns them. The caller moves the population's total from the
    /// gauge's account with ``settleFarmClaims(gauge:population:amount:economy:)``. Claimed rewards
    /// are emission for the alignment metrics (``EmissionFate``).
    public mutating func claimFarm(_ row: Int, gauge g: Int, economy: inout Economy) -> Double {
        let (ve, total) = Self.boostInputs(row, economy: &economy)
        let amount = gauges[g].claim(row, ve: ve, veTotal: total)
        guard amount > 0 else { return 0 }
        economy.tokens[row] += amount
        if economy.tracksEmissionFate { economy.receiveEmission(row, amount) }
        return amount
    }

    /// Sets today's signals of gauge `g` (the engine does, at the start of each day).
    public mutating func setFarmSignals(_ g: Int, emission: Double, valuePerShare value: Double) {
        emissionToday[g] = emission
        valuePerShare[g] = value
    }

    /// Records that a population claimed `amount` tokens from gauge `g`.
    public func settleFarmClaims(gauge g: Int, population: AccountID, amount: Double, economy: inout Economy) {
        guard amount > 0 else { return }
        economy.ledger.transfer(.token, from: accounts[g], to: population, amount)
    }
}
