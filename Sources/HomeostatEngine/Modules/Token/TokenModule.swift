import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatScenario

/// The token (`token:`): its day-0 allocations to named protocol accounts, the float held by
/// the outside market, scripted `unlock`s from an allocation to a population, and the
/// supply-side metrics (circulating supply, agents' free tokens, sell pressure, the
/// treasury's holdings, what became of claimed emission).
public struct TokenModule: Module {
    /// Each allocation's ledger account, by name.
    var allocationAccounts: [String: AccountID] = [:]

    /// Mints the day-0 allocations (the `treasury` allocation into the treasury's account)
    /// and registers them, the treasury and the fee distributor as protocol accounts.
    ///
    /// - Returns: the module and the tokens it minted.
    public static func build(_ token: TokenSpec, world: inout World) -> (module: TokenModule, minted: Double) {
        var module = TokenModule()
        var held = 0.0
        for allocation in token.allocations {
            let account = allocation.account == "treasury"
                ? world.economy.treasuryAccount
                : world.economy.ledger.open(allocation.account, kind: .contract)
            module.allocationAccounts[allocation.account] = account
            world.protocolTokenAccounts.append(account)
            world.economy.ledger.mint(.token, to: account, allocation.amount)
            held += allocation.amount
        }
        if !world.protocolTokenAccounts.contains(world.economy.treasuryAccount) {
            world.protocolTokenAccounts.append(world.economy.treasuryAccount)
        }
        world.protocolTokenAccounts.append(world.economy.distributorAccount)
        return (module, held)
    }

    /// Mints what `token.supply` leaves after the day-0 holdings `held` to the outside market.
    ///
    /// - Throws: when the holdings exceed the supply.
    public static func mintFloat(_ token: TokenSpec, held: Double, world: inout World) throws(SimulationError) {
        guard let supply = token.supply else { return }
        let float = supply - held
        guard float >= -1e-9 * supply else {
            throw SimulationError(day: 0, message: "initial holdings \(held) exceed token.supply \(supply)")
        }
        world.economy.ledger.mint(.token, to: world.economy.outside, max(0, float))
    }

    public var name: String { "token" }

    public var hooks: [Hook] { [] }

    public mutating func run(_ hook: Hook, world: inout World) {}

    public func owns(_ action: EventAction) -> Bool {
        if case .unlock = action { return true }
        return false
    }

    /// `unlock`: releases up to `amount` tokens from the allocation `from` to the agents of
    /// population `to`, split equally.
    public mutating func apply(_ action: EventAction, world: inout World) {
        guard case .unlock(let from, let to, let amount) = action,
              let source = allocationAccounts[from], let target = world.populations.first(where: { $0.name == to }) else { return }
        let available = world.economy.ledger.balance(.token, source)
        let released = min(amount, available)
        world.economy.ledger.transfer(.token, from: source, to: target.account, released)
        let each = released / Double(target.rows.count)
        for i in target.rows { world.economy.tokens[i] += each }
    }

    static let metrics: [MetricName] = [
        .circulatingSupply, .holdersFree, .sellPressure, .treasuryCash, .treasuryValue, .treasuryStableShare,
        .emissionSoldShare, .emissionLockedShare, .newLockDays,
    ]

    public func metricSlot(_ name: String, world: World) -> Int? {
        Self.metrics.firstIndex { $0.rawValue == name }
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        let economy = world.economy
        let ledger = economy.ledger
        switch Self.metrics[slot] {
        case .circulatingSupply: return world.circulatingSupply
        case .holdersFree: return world.holdersFree
        case .sellPressure: return economy.soldToday
        case .treasuryCash: return ledger.balance(.cash, economy.treasuryAccount)
        case .treasuryValue:
            return ledger.balance(.token, economy.treasuryAccount) * economy.market.price + ledger.balance(.cash, economy.treasuryAccount)
        case .treasuryStableShare:
            let cash = ledger.balance(.cash, economy.treasuryAccount)
            let value = ledger.balance(.token, economy.treasuryAccount) * economy.market.price + cash
            return value > 0 ? cash / value : 0
        case .emissionSoldShare:
            let fate = economy.emissionFate
            return fate.claimed > 0 ? fate.soldWithinWindow / fate.claimed : .nan
        case .emissionLockedShare:
            let fate = economy.emissionFate
            return fate.claimed > 0 ? fate.locked / fate.claimed : .nan
        case .newLockDays:
            return economy.lockedToday > 0 ? economy.lockedTokenDaysToday / economy.lockedToday : .nan
        default: return .nan
        }
    }
}
