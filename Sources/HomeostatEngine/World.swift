public import HomeostatAgents
public import HomeostatCore
import HomeostatMechanisms
import HomeostatMarket
public import HomeostatScenario

/// The state every module shares: the ``Economy`` the agents act on (the clock, the ledger,
/// the outside market and the external assets' markets, the escrow, every agent's columns),
/// the ``Venues`` they trade and stake through (the pools with their router and arbitrage,
/// the liquidity gauges; filled by the pools and gauges modules, run by the pools and
/// farming modules), the populations, the run's identity and random streams, and
/// the day's signals the modules pass one another. Nothing in it belongs to one mechanism:
/// a module keeps its own state and reaches the others only through this.
///
/// Modules run in the order of the ``Schedule``; a module that needs another's result of the
/// day (the fee revenue, the voting power at payment) reads it from ``today`` after the
/// module that writes it, which the schedule orders.
public struct World: Sendable {
    /// The economy the agents observe and act on; `economy.day` is the clock.
    public var economy: Economy
    /// The pools with their router, and the liquidity gauges: shared by the agents and the
    /// modules that trade (treasury, buyback, attacker) or route emission (gauges), so they
    /// are the world's, beside the economy, rather than one module's.
    public var venues = Venues()
    /// The agents, in acting order.
    public var populations: [Population] = []
    /// The scenario's master seed (streams derive from it and ``run``).
    public let seed: UInt64
    /// The run index.
    public let run: Int
    /// Simulated days.
    public let horizonDays: Int
    /// The external market's random stream (``RandomStream/market``).
    public var marketRNG: Xoshiro256StarStar
    /// Accounts whose tokens are the protocol's own, not circulating: allocations, the
    /// treasury, the fee distributor and what modules add (penalties, gauges, staking), in
    /// the order they were opened (``circulatingSupply`` sums them in this order).
    public var protocolTokenAccounts: [AccountID] = []
    /// The day's signals (reset at the start of each day).
    public var today = DaySignals()
    /// Running totals since day 0.
    public var totals = RunTotals()
    /// Event actions a module asks the engine to apply now (a passed proposal's change):
    /// the engine hands each to the module that owns it right after the asking module's hook.
    public var pendingActions: [EventAction] = []
    /// Set when the day's numbers leave the range of Double; the day stops there and the run fails.
    public var failure: SimulationError?
    /// The metrics modules read (``Module/needs``) at the end of the last day (day 0: as
    /// built), by name; the engine writes them.
    public internal(set) var measurements: [String: Double] = [:]

    /// A world with an empty economy.
    public init(economy: Economy, seed: UInt64, run: Int, horizonDays: Int) {
        self.economy = economy
        self.seed = seed
        self.run = run
        self.horizonDays = horizonDays
        marketRNG = RandomStream.derive(seed: seed, run: run, stream: RandomStream.market)
    }

    /// The current day.
    public var day: Int { economy.day }

    /// Metric `name` at the end of the last day, if a module declared it in its
    /// ``Module/needs`` (nil otherwise).
    public func measurement(_ name: String) -> Double? { measurements[name] }

    /// Adds a population with the given day-0 balances (minted to its account) and behaviour.
    ///
    /// - Returns: the tokens minted for the population.
    @discardableResult
    public mutating func addPopulation(
        name: String, balances: [Double], behaviour: any Behaviour, rng: Xoshiro256StarStar? = nil
    ) -> Double {
        let account = economy.ledger.open("population:\(name)", kind: .population)
        let rows = economy.addAgents(balances.count, account: account)
        var total = 0.0
        for (k, b) in balances.enumerated() {
            economy.tokens[rows.lowerBound + k] = b
            total += b
        }
        economy.ledger.mint(.token, to: account, total)
        let stream = rng ?? RandomStream.derive(
            seed: seed, run: run, stream: RandomStream.populationBase + UInt64(populations.count))
        populations.append(Population(name: name, rows: rows, account: account, behaviour: behaviour, rng: stream))
        return total
    }

    /// Agents' free tokens, claimed or still accrued to them.
    public var holdersFree: Double {
        var free = economy.ledger.balance(.token, economy.emissionPendingAccount)
        for p in populations { free += economy.ledger.balance(.token, p.account) }
        return free
    }

    /// Tokens outside the escrow and the protocol's own accounts.
    public var circulatingSupply: Double {
        var protocolHeld = economy.escrow.supply
        for a in protocolTokenAccounts { protocolHeld += economy.ledger.balance(.token, a) }
        return economy.ledger.supply(.token) - protocolHeld
    }

    /// Why the price cannot be traded at, or nil: it must be a finite number at which every
    /// token in existence is still worth a finite number of USD, so that no day's trade
    /// overflows (a drift or shock far outside any market's range does that).
    public func priceOutOfRange() -> String? {
        let price = economy.market.price
        guard !price.isFinite || !(price * economy.ledger.supply(.token)).isFinite else { return nil }
        return "the price left the range of Double (\(price) USD per token, \(economy.ledger.supply(.token)) tokens); "
            + "check market.drift, market.volatility and price shocks"
    }

    /// Stops the day with `message` (the run fails on this day).
    public mutating func fail(_ message: String) {
        failure = SimulationError(day: economy.day, message: message)
    }
}

/// What the modules of one day tell each other, in schedule order. Every field is reset at
/// the start of the day.
public struct DaySignals: Sendable {
    /// Total voting power at the day's payment (after the agents acted).
    public var votingPower = 0.0
    /// The price at the day's payment, before the market moves.
    public var priceAtPayment = 0.0
    /// The emission schedule's tokens for the day, scale applied (nil without an emission).
    public var scheduledEmission: Double?
    /// The share of the emission routed to gauges (nil without gauges).
    public var gaugeShare: Double?
    /// Tokens minted for the gauges' stakers today.
    public var gaugeEmission = 0.0
    /// Emission accrued to lockers pro-rata to voting power today.
    public var emissionDue = 0.0
    /// Tokens emitted today: to lockers and to gauges.
    public var emitted = 0.0
    /// Whether a fee mechanism generated revenue today (even 0): the revenue's takers act.
    public var hasRevenue = false
    /// Protocol fee revenue today, USD.
    public var revenue = 0.0
    /// Fee revenue earned by lockers today (paid now, or at the epoch's end with weekly payouts).
    public var lockerRevenue = 0.0
    /// Fee USD accrued to lockers pro-rata to voting power today (continuous payout).
    public var feesDue = 0.0
    /// Fee USD paid to lockers today (accrued, plus a closed weekly epoch).
    public var feesPaid = 0.0
    /// Exit-penalty tokens paid to the remaining lockers today.
    public var penaltiesShared = 0.0
    /// The external price before today's move.
    public var previousPrice = 0.0

    /// A day with nothing yet.
    public init() {}
}

/// Totals since day 0, kept by the alignment module (present with the incentive machinery:
/// without it `emission_efficiency` is NaN).
public struct RunTotals: Sendable {
    /// Fee revenue since day 0, USD.
    public var revenue = 0.0
    /// USD value of the emission since day 0, at each day's price.
    public var emissionUSD = 0.0

    /// No totals yet.
    public init() {}
}
