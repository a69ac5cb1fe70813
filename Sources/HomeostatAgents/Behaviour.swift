public import HomeostatCore

/// What a population of agents does each step.
///
/// A behaviour owns the per-agent parameters of its population as columns (struct of
/// arrays) and acts on the population's rows of the ``Economy``: it reads prices and
/// positions, moves tokens through the mechanisms, and reports each step's totals to the
/// ledger. It is called once per step per population (one dynamic call), so the loop over
/// agents inside ``act(rows:account:economy:rng:)`` is concrete, inlined code.
///
/// Library users write their own behaviours by conforming to this protocol and adding a
/// ``Population`` to a simulation; see `Examples/CustomBehaviour` and the tests.
public protocol Behaviour: Sendable {
    /// Acts for every agent in `rows`, in index order.
    ///
    /// - Parameters:
    ///   - rows: the population's rows in the economy's columns.
    ///   - account: the population's ledger account (the sum of its agents' wallets).
    ///   - economy: the world the agents act on; `economy.day` is the current day.
    ///   - rng: the population's own random stream for this run.
    mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar)
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
    public mutating func step(_ economy: inout Economy) {
        behaviour.act(rows: rows, account: account, economy: &economy, rng: &rng)
    }
}
