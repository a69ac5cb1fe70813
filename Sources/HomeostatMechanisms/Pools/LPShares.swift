public import HomeostatCore

/// A typed index of an account in a pool's ``LPShares`` ledger.
///
/// Valid only for the pool (and its copies) that opened it.
public struct LPAccount: Hashable, Sendable {
    /// Row of the account in ``LPShares/names`` and ``LPShares/balances``.
    public let index: Int32
    /// The account at row `index`.
    @inlinable public init(index: Int32) { self.index = index }
}

/// The LP token of a pool: a balance per named account and the total supply.
///
/// Accounts are rows of two columns (`names`, `balances`), opened by name once
/// (``open(_:)``) and afterwards addressed by their ``LPAccount`` index, so a simulation
/// step does no string look-up. The replay addresses them by name.
///
/// Invariant: `totalSupply == Σ balances` up to Double rounding of the running sum
/// (see ``checkInvariants(relativeTolerance:)``), and every balance is `>= 0`.
public struct LPShares: Sendable {
    /// The name Uniswap v2 gives the holder of the locked `MINIMUM_LIQUIDITY`: address zero.
    public static let zeroAddress = "0x0000000000000000000000000000000000000000"

    /// Account names, in the order they were opened.
    public private(set) var names: [String] = []
    /// LP token balance per account (same order as ``names``).
    public private(set) var balances: [Double] = []
    /// Total LP tokens in existence (Σ balances, kept as a running sum).
    public private(set) var totalSupply: Double = 0
    private var rowByName: [String: Int32] = [:]

    /// Creates an empty ledger.
    public init() {}

    /// Number of accounts opened.
    public var count: Int { names.count }

    /// Opens the account `name` with a zero balance, or returns it if it is already open.
    ///
    /// - Complexity: amortised O(1) (one dictionary look-up).
    public mutating func open(_ name: String) -> LPAccount {
        if let row = rowByName[name] { return LPAccount(index: row) }
        let row = Int32(names.count)
        names.append(name)
        balances.append(0)
        rowByName[name] = row
        return LPAccount(index: row)
    }

    /// The account named `name`, or `nil` if it was never opened.
    public func account(named name: String) -> LPAccount? {
        rowByName[name].map(LPAccount.init(index:))
    }

    /// The balance of `account` (0 for an account this ledger does not know).
    @inlinable
    public func balance(of account: LPAccount) -> Double {
        let row = Int(account.index)
        return row >= 0 && row < balances.count ? balances[row] : 0
    }

    /// The balance of the account named `name` (0 if it was never opened).
    public func balance(named name: String) -> Double {
        account(named: name).map { balance(of: $0) } ?? 0
    }

    /// Throws unless `account` is a row of this ledger.
    func validate(_ account: LPAccount) throws(PoolError) {
        guard account.index >= 0 && Int(account.index) < balances.count else {
            throw .unknownAccount(account)
        }
    }

    /// Adds `amount >= 0` to `account` and to the supply. The caller has validated both.
    mutating func mint(_ amount: Double, to account: LPAccount) {
        balances[Int(account.index)] += amount
        totalSupply += amount
    }

    /// The supply after burning `amount` from `account`.
    ///
    /// When (nearly) the whole supply is burned, `totalSupply − amount` would be lost to
    /// cancellation, so the remaining balances are summed instead: a small holder left
    /// behind (Uniswap's locked `MINIMUM_LIQUIDITY`, 1e-15 next to a supply of thousands)
    /// keeps its share of the pool. O(1), or O(accounts) in that case.
    func supply(afterBurning amount: Double, from account: LPAccount) -> Double {
        guard amount >= totalSupply * (1 - Self.nearlyAll) else { return totalSupply - amount }
        let row = Int(account.index)
        var rest = 0.0
        for r in balances.indices { rest += r == row ? max(balances[r] - amount, 0) : balances[r] }
        return rest
    }

    /// A burn of at least `(1 − nearlyAll)` of the supply recomputes the supply from the balances.
    static let nearlyAll = 1e-9

    /// Removes `amount` from `account` and from the supply. The caller has checked the balance.
    mutating func burn(_ amount: Double, from account: LPAccount) {
        let row = Int(account.index)
        totalSupply = supply(afterBurning: amount, from: account)
        // Burning the whole balance leaves exactly zero, not a rounding residue.
        balances[row] = amount >= balances[row] ? 0 : balances[row] - amount
    }

    /// Checks `totalSupply ≈ Σ balances` and that no balance is negative or NaN.
    ///
    /// - Throws: an `InvariantViolation` naming the broken identity.
    public func checkInvariants(relativeTolerance: Double = 1e-12) throws(InvariantViolation) {
        var sum = 0.0
        for (row, b) in balances.enumerated() {
            guard b >= 0 && b.isFinite else {
                throw InvariantViolation("LP balance of \(names[row]) is \(b)")
            }
            sum += b
        }
        let scale = max(abs(sum), abs(totalSupply), 1e-300)
        guard abs(sum - totalSupply) <= relativeTolerance * scale else {
            throw InvariantViolation("LP total supply \(totalSupply) != sum of balances \(sum)")
        }
    }
}
