import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// Early exit from locks with a penalty (`mechanisms.exit_penalty`, veYFI-style): agents of
/// populations with an `early_exit_propensity` leave their unexpired locks (the decision is
/// ``EarlyExitPolicy``'s, in Agents); the penalty's redistributed part is paid to the
/// remaining lockers through the lockers' reward accumulator, the rest is burned.
public struct ExitPenaltyModule: Module {
    var penalty: ExitPenalty
    let account: AccountID
    /// Per population index: who exits today (nil: the population never exits early).
    let policies: [EarlyExitPolicy?]
    var exitsToday = 0
    var penaltiesToday = 0.0

    /// The penalty of `spec`, with each population's propensity from `populations`; opens
    /// the `exit_penalty` account (a protocol account).
    public init(_ spec: ExitPenaltySpec, populations: [PopulationSpec], world: inout World) throws(SimulationError) {
        do throws(ExitPenaltyError) {
            penalty = try ExitPenalty(maxPenaltyFraction: spec.maxPenalty, redistributedShare: spec.redistributedShare, basis: .votingPower)
        } catch {
            throw SimulationError(day: 0, message: "mechanisms.exit_penalty: \(error)")
        }
        account = world.economy.ledger.open("exit_penalty", kind: .contract)
        world.protocolTokenAccounts.append(account)
        policies = populations.map { EarlyExitPolicy(propensity: $0.incentives.earlyExitPropensity) }
    }

    public var name: String { "exit_penalty" }

    public var hooks: [Hook] {
        [
            Hook(.dayStart, 0, "restart the day's exits"),
            Hook(.afterAgents, 10, "early exits"),
            Hook(.settlement, 50, "penalties waiting for lockers join today's payout"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        switch hook.phase {
        case .dayStart:
            exitsToday = 0
            penaltiesToday = 0
        case .afterAgents: exitEarly(&world)
        default: world.today.penaltiesShared = releasePenalties(&world)
        }
    }

    /// The returned tokens go back to the population; the penalty's redistributed part waits
    /// in the exit-penalty account until the day's payout to lockers, and the rest is burned.
    mutating func exitEarly(_ world: inout World) {
        for p in world.populations.indices {
            guard p < policies.count, let policy = policies[p] else { continue }
            var rng = world.populations[p].rng
            var returned = 0.0
            var shared = 0.0
            var burned = 0.0
            policy.forEachExit(in: world.populations[p].rows, rng: &rng) { i in
                if let exit = world.economy.exitEarly(i, penalty: penalty) {
                    returned += exit.returned
                    shared += exit.toRedistribute
                    burned += exit.burned
                    exitsToday += 1
                    penaltiesToday += exit.penalty
                }
            }
            world.populations[p].rng = rng
            world.economy.flushClaims()
            world.economy.settleWithdrawals(population: world.populations[p].account, amount: returned)
            world.economy.ledger.transfer(.token, from: world.economy.escrowAccount, to: account, shared)
            world.economy.ledger.burn(.token, from: world.economy.escrowAccount, burned)
        }
    }

    /// Penalty tokens waiting for the remaining lockers, moved to the accrued emissions to
    /// be paid with today's payout pro-rata to voting power (0 without power: they wait).
    mutating func releasePenalties(_ world: inout World) -> Double {
        guard world.today.votingPower > 0 else { return 0 }
        let waiting = world.economy.ledger.balance(.token, account)
        guard waiting > 0 else { return 0 }
        world.economy.ledger.transfer(.token, from: account, to: world.economy.emissionPendingAccount, waiting)
        return waiting
    }

    public func owns(_ action: EventAction) -> Bool {
        if case .set(.maxExitPenalty, _) = action { return true }
        return false
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        guard case .set(.maxExitPenalty, let value) = action,
              let changed = try? ExitPenalty(maxPenaltyFraction: value, redistributedShare: penalty.redistributedShare, basis: penalty.basis)
        else { return }
        penalty = changed
    }

    public func metricSlot(_ name: String, world: World) -> Int? {
        switch name {
        case MetricName.earlyExits.rawValue: 0
        case MetricName.exitPenalties.rawValue: 1
        default: nil
        }
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        slot == 0 ? Double(exitsToday) : penaltiesToday
    }
}
