public import HomeostatCore

/// What a population of agents does each step.
///
/// A behaviour owns the per-agent parameters of its population as columns (struct of
/// arrays) and acts on the population's rows of the ``Economy``: it reads prices and
/// positions, moves tokens through the mechanisms, and reports each step's totals to the
/// ledger. It is called once per step per population (one dynamic call), so the loop over
/// agents inside it is concrete, inlined code.
///
/// A behaviour implements one of the two `act` methods: a behaviour that trades through the
/// pools or stakes in the gauges implements ``act(rows:account:economy:venues:rng:)``, which
/// hands it the ``Venues`` (concrete types, so its calls to the router stay statically
/// dispatched); one that needs only the economy implements
/// ``act(rows:account:economy:rng:)``. The engine calls the first, whose default calls the
/// second, so a behaviour written for the economy alone keeps working unchanged.
///
/// Library users write their own behaviours by conforming to this protocol and adding a
/// ``Population`` to a simulation; see `Examples/CustomBehaviour` and the tests.
public protocol Behaviour: Sendable {
    /// Acts for every agent in `rows`, in index order, with the economy alone. The default
    /// does nothing (for a behaviour that implements ``act(rows:account:economy:venues:rng:)``).
    ///
    /// - Parameters:
    ///   - rows: the population's rows in the economy's columns.
    ///   - account: the population's ledger account (the sum of its agents' wallets).
    ///   - economy: the world the agents act on; `economy.day` is the current day.
    ///   - rng: the population's own random stream for this run.
    mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar)

    /// Acts for every agent in `rows`, in index order, with the pools and the gauges too.
    /// The default calls ``act(rows:account:economy:rng:)``.
    ///
    /// - Parameters:
    ///   - rows: the population's rows in the economy's columns.
    ///   - account: the population's ledger account (the sum of its agents' wallets).
    ///   - economy: the world the agents act on; `economy.day` is the current day.
    ///   - venues: the pools with their router, and the liquidity gauges.
    ///   - rng: the population's own random stream for this run.
    mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar)
}

extension Behaviour {
    /// Does nothing: the behaviour acts through ``act(rows:account:economy:venues:rng:)``.
    public mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {}

    /// Acts with the economy alone (``act(rows:account:economy:rng:)``): the venues are
    /// not needed.
    public mutating func act(
        rows: Range<Int>, account: AccountID, economy: inout Economy, venues: inout Venues, rng: inout Xoshiro256StarStar
    ) {
        act(rows: rows, account: account, economy: &economy, rng: &rng)
    }
}

/// A population: agents sharing one behaviour, occupying a contiguous range of rows.
public struct Population: Sendable {
    /// The population's name.
    public let name: String
    /// Its agents' rows in the economy.
    public let rows: Range<Int>
    /// Its ledger account.
    public let account: AccountID
    /// What its agents do each step.
    public var behaviour: any Behaviour
    /// The population's random stream, derived from (seed, run, population index).
    public var rng: Xoshiro256StarStar

    /// A population over `rows` of an economy.
    public init(name: String, rows: Range<Int>, account: AccountID, behaviour: any Behaviour, rng: Xoshiro256StarStar) {
        self.name = name
        self.rows = rows
        self.account = account
        self.behaviour = behaviour
        self.rng = rng
    }

    /// Runs the behaviour for one step.
    public mutating func step(_ economy: inout Economy, venues: inout Venues) {
        behaviour.act(rows: rows, account: account, economy: &economy, venues: &venues, rng: &rng)
    }
}
