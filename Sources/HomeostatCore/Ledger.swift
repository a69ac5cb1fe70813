/// An asset that the ledger tracks: the protocol's token (index 0), the numeraire (USD
/// cash, index 1), or an external asset a scenario declares (WETH, USDT, …; index 2 and up,
/// opened by ``Ledger/addAsset(_:)``).
public struct Asset: Hashable, Sendable, CustomStringConvertible {
    /// Position among the ledger's assets.
    public let index: Int
    /// The asset at `index`.
    @inlinable public init(index: Int) { self.index = index }

    /// The protocol's token.
    public static let token = Asset(index: 0)
    /// USD.
    public static let cash = Asset(index: 1)
    /// The position among the ledger's assets (the enum's raw value before external assets).
    @inlinable public var rawValue: Int { index }
    /// Whether it is an external asset (neither the token nor USD).
    @inlinable public var isExternal: Bool { index >= 2 }

    public var description: String {
        switch index {
        case 0: return "token"
        case 1: return "cash"
        default: return "asset \(index)"
        }
    }
}

/// What an account stands for. Only ``external`` accounts may hold negative balances:
/// the outside market is an unbounded counterparty (it buys the tokens agents sell and
/// pays the fees that traders generate).
public enum AccountKind: Sendable, Equatable {
    /// The aggregate wallet of one agent population; per-agent balances are its
    /// sub-accounts, kept in columns by the population's owner.
    case population
    /// A protocol contract: escrow, pool, distributor, treasury, vesting.
    case contract
    /// The world outside the model.
    case external
}

/// A typed index of an account in a ``Ledger``.
public struct AccountID: Hashable, Sendable {
    /// The account's position in the ledger.
    public let index: Int32
    /// The account at `index`.
    @inlinable public init(index: Int32) { self.index = index }
}

/// A broken accounting identity found by ``Ledger/check(tolerance:)`` or by a sub-ledger check.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible, Equatable {
    /// What does not hold, with the figures.
    public let message: String
    /// A violation described by `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Double-entry book of every token and cash movement in a run.
///
/// Every movement is a transfer between two accounts, a mint (new supply, e.g. emissions)
/// or a burn. Agent populations are accounts whose per-agent balances are sub-accounts
/// held in columns; their owners move whole-step totals through the ledger (for example
/// "the holders sold 15,000 tokens to the outside market today") and the invariant check
/// proves that the columns still sum to the ledger's balance.
///
/// Conservation law, per asset: `Σ balances == minted − burned`.
public struct Ledger: Sendable {
    public private(set) var names: [String] = []
    public private(set) var kinds: [AccountKind] = []
    var tokenBalances: [Double] = []
    var cashBalances: [Double] = []
    // Σ |movement| per account, the scale of the rounding a balance can carry.
    var tokenGross: [Double] = []
    var cashGross: [Double] = []
    // External assets (index 2 and up): balances and gross flows per account. The token and
    // USD keep their own arrays so that BM-1's hot path does not index through this.
    var externalBalances: [[Double]] = []
    var externalGross: [[Double]] = []
    /// Names of the assets, by index: `token`, `cash`, then the external assets' symbols.
    public private(set) var assetNames: [String] = ["token", "cash"]
    /// Total ever minted, per asset (index = `Asset.rawValue`).
    public private(set) var minted: [Double] = [0, 0]
    /// Total ever burned, per asset.
    public private(set) var burned: [Double] = [0, 0]

    public init() {}

    /// Opens a new account with zero balances.
    public mutating func open(_ name: String, kind: AccountKind) -> AccountID {
        names.append(name)
        kinds.append(kind)
        tokenBalances.append(0)
        cashBalances.append(0)
        tokenGross.append(0)
        cashGross.append(0)
        for k in externalBalances.indices {
            externalBalances[k].append(0)
            externalGross[k].append(0)
        }
        return AccountID(index: Int32(names.count - 1))
    }

    /// Adds an external asset called `name`; every account, open or opened later, holds 0 of it.
    public mutating func addAsset(_ name: String) -> Asset {
        let asset = Asset(index: assetNames.count)
        assetNames.append(name)
        externalBalances.append([Double](repeating: 0, count: names.count))
        externalGross.append([Double](repeating: 0, count: names.count))
        minted.append(0)
        burned.append(0)
        return asset
    }

    /// Every asset the ledger tracks, token and cash first.
    public var assets: [Asset] { (0..<assetNames.count).map(Asset.init(index:)) }

    /// The account with this name, if any.
    public func account(named name: String) -> AccountID? {
        names.firstIndex(of: name).map { AccountID(index: Int32($0)) }
    }

    public var accountCount: Int { names.count }
    public var accounts: [AccountID] { (0..<names.count).map { AccountID(index: Int32($0)) } }

    /// The balance of `asset` held by `account`.

    public func balance(_ asset: Asset, _ account: AccountID) -> Double {
        switch asset.index {
        case 0: return tokenBalances[Int(account.index)]
        case 1: return cashBalances[Int(account.index)]
        default: return externalBalances[asset.index - 2][Int(account.index)]
        }
    }


    mutating func add(_ asset: Asset, _ account: AccountID, _ amount: Double) {
        if asset.index == 0 {
            tokenBalances[Int(account.index)] += amount
            tokenGross[Int(account.index)] += abs(amount)
        } else if asset.index == 1 {
            cashBalances[Int(account.index)] += amount
            cashGross[Int(account.index)] += abs(amount)
        } else {
            externalBalances[asset.index - 2][Int(account.index)] += amount
            externalGross[asset.index - 2][Int(account.index)] += abs(amount)
        }
    }

    /// The first movement of a negative, infinite or NaN amount the ledger refused, if any.
    ///
    /// Such an amount comes from a run whose numbers left the finite range (an overflow in a
    /// pool, an infinite draw): the movement is not made, and ``check(tolerance:)`` reports it
    /// first, so the run fails with a message instead of the process trapping.
    public private(set) var fault: InvariantViolation?

    @inline(never)
    mutating func refuse(_ what: String, _ asset: Asset, _ amount: Double, _ accounts: AccountID...) {
        guard fault == nil else { return }
        let names = accounts.map { self.names[Int($0.index)] }.joined(separator: " → ")
        fault = InvariantViolation("ledger refused a \(what) of \(amount) \(assetNames[asset.index]) (\(names)): amounts must be finite and >= 0")
    }

    /// Moves `amount` of `asset` from one account to another.
    ///
    /// An amount that is negative or not finite is refused and recorded in ``fault``.

    public mutating func transfer(_ asset: Asset, from: AccountID, to: AccountID, _ amount: Double) {
        guard amount >= 0 && amount.isFinite else { refuse("transfer", asset, amount, from, to); return }
        if amount == 0 { return }
        add(asset, from, -amount)
        add(asset, to, amount)
    }

    /// Moves a signed amount: positive from `from` to `to`, negative the other way.

    public mutating func transferSigned(_ asset: Asset, from: AccountID, to: AccountID, _ amount: Double) {
        if amount >= 0 { transfer(asset, from: from, to: to, amount) } else { transfer(asset, from: to, to: from, -amount) }
    }

    /// Creates `amount` of new supply in `account` (a bad amount is refused, see ``fault``).

    public mutating func mint(_ asset: Asset, to account: AccountID, _ amount: Double) {
        guard amount >= 0 && amount.isFinite else { refuse("mint", asset, amount, account); return }
        add(asset, account, amount)
        minted[asset.rawValue] += amount
    }

    /// Destroys `amount` held by `account`.

    public mutating func burn(_ asset: Asset, from account: AccountID, _ amount: Double) {
        guard amount >= 0 && amount.isFinite else { refuse("burn", asset, amount, account); return }
        add(asset, account, -amount)
        burned[asset.rawValue] += amount
    }

    /// Supply in existence: minted minus burned.
    public func supply(_ asset: Asset) -> Double { minted[asset.rawValue] - burned[asset.rawValue] }

    /// Checks the conservation law and that no non-external account is negative.
    ///
    /// `tolerance` is relative to the asset's gross flow (minted + burned + 1), because
    /// balances are Doubles and long runs accumulate rounding.
    public func check(tolerance: Double = 1e-9) -> [InvariantViolation] {
        var found: [InvariantViolation] = fault.map { [$0] } ?? []
        for asset in assets {
            let balances = asset.index == 0 ? tokenBalances : asset.index == 1 ? cashBalances : externalBalances[asset.index - 2]
            var sum = 0.0
            var gross = minted[asset.rawValue] + burned[asset.rawValue] + 1
            for (i, b) in balances.enumerated() {
                sum += b
                gross += abs(b)
                if kinds[i] != .external && b < -tolerance * gross {
                    found.append(InvariantViolation("\(assetNames[asset.index]) balance of \(names[i]) is negative: \(b)"))
                }
                if !b.isFinite {
                    found.append(InvariantViolation("\(assetNames[asset.index]) balance of \(names[i]) is not finite: \(b)"))
                }
            }
            let expected = supply(asset)
            if abs(sum - expected) > tolerance * gross {
                found.append(InvariantViolation(
                    "\(assetNames[asset.index]) not conserved: accounts hold \(sum), minted − burned is \(expected)"))
            }
        }
        return found
    }

    /// Total absolute movement through `account` in `asset`: the scale of the rounding its
    /// balance can carry.
    public func grossFlow(_ asset: Asset, _ account: AccountID) -> Double {
        switch asset.index {
        case 0: return tokenGross[Int(account.index)]
        case 1: return cashGross[Int(account.index)]
        default: return externalGross[asset.index - 2][Int(account.index)]
        }
    }

    /// Checks that a sub-ledger (for example a population's per-agent column) sums to the
    /// balance the ledger holds for its account, to within `tolerance` relative to the
    /// account's gross flow.
    public func checkSubledger(
        _ asset: Asset, _ account: AccountID, columnSum: Double, label: String, tolerance: Double = 1e-9
    ) -> InvariantViolation? {
        let held = balance(asset, account)
        let scale = grossFlow(asset, account) + abs(columnSum) + 1
        if abs(held - columnSum) > tolerance * scale {
            return InvariantViolation(
                "\(label): per-agent \(assetNames[asset.index]) sums to \(columnSum) but the ledger holds \(held) for \(names[Int(account.index)])")
        }
        return nil
    }
}
