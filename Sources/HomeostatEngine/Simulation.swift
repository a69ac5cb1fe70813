public import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatScenario

/// A run that could not be built or that broke an invariant.
public struct SimulationError: Error, Sendable, CustomStringConvertible {
    /// The day it happened on (0 while building).
    public let day: Int
    /// What went wrong.
    public let message: String
    /// An error on `day` (0 while building).
    public init(day: Int, message: String) { self.day = day; self.message = message }
    public var description: String { day == 0 ? message : "day \(day): \(message)" }
}

/// How a run ended: with all its records, or failed at a step with what it recorded so far.
public enum RunOutcome: Sendable {
    case completed(MetricRecorder)
    case failed(SimulationError, partial: MetricRecorder)

    /// The records, complete or partial.
    public var recorder: MetricRecorder {
        switch self {
        case .completed(let r): r
        case .failed(_, let r): r
        }
    }
}

/// One Monte Carlo run of a scenario: the world and modules built from the scenario for run
/// `r` (`Simulation+Build.swift`), and the loop over days and the ``Schedule``'s phases.
///
/// A run is a pure function of (scenario, run index): the market draws from its own stream,
/// each population from its own, all derived from `(scenario.seed, run)`.
public struct Simulation: Sendable {
    /// The scenario this run simulates.
    public let scenario: Scenario
    /// The run index (streams derive from the scenario's seed and this).
    public let run: Int
    /// The state every module shares.
    public var world: World
    /// The modules, in registry order.
    public internal(set) var modules: [ModuleSlot]
    /// The order of a day.
    public let schedule: Schedule
    /// Scripted events, by day (file order within a day).
    let events: [EventSpec]
    var nextEvent = 0
    /// Per recorded column: the module that computes it and its slot (nil module: an absent
    /// mechanism's metric, see ``AbsentMetrics``).
    let columns: [(module: Int?, slot: Int)]
    /// The metrics modules read (``Module/needs``): name, the module that computes it and its
    /// slot, evaluated at the end of every day into ``World/measurements``.
    let measured: [(name: String, module: Int?, slot: Int)]
    var recorder: MetricRecorder

    /// The world the agents act on.
    public var economy: Economy {
        get { world.economy }
        _modify { yield &world.economy }
    }

    /// The pools with their router, and the liquidity gauges, beside the economy.
    public var venues: Venues {
        get { world.venues }
        _modify { yield &world.venues }
    }

    /// The agents, in acting order.
    public var populations: [Population] {
        get { world.populations }
        _modify { yield &world.populations }
    }

    /// Set by ``step(day:)`` when the day's numbers leave the range of Double (an infinite
    /// price, or fee volume); the step stops there and ``run(check:)`` fails the run.
    public var failure: SimulationError? { world.failure }

    /// Adds a population with the given day-0 balances (minted to its account) and behaviour.
    /// Library users call this to plug in their own ``Behaviour`` before running.
    ///
    /// - Returns: the tokens minted for the population.
    @discardableResult
    public mutating func addPopulation(
        name: String, balances: [Double], behaviour: any Behaviour, rng: Xoshiro256StarStar? = nil
    ) -> Double {
        world.addPopulation(name: name, balances: balances, behaviour: behaviour, rng: rng)
    }

    /// Runs every day of the horizon.
    ///
    /// - Parameter check: verify the ledger, every population's sub-ledger and every
    ///   module's invariants after every step.
    public mutating func run(check: Bool) -> RunOutcome {
        if check, let violation = firstViolation() {
            return .failed(SimulationError(day: 0, message: violation.message), partial: recorder)
        }
        for day in 1...scenario.horizonDays {
            step(day: day)
            if let failure { return .failed(failure, partial: recorder) }
            if day % scenario.metrics.every == 0 || day == scenario.horizonDays { record(day: day) }
            if check, let violation = firstViolation() {
                return .failed(SimulationError(day: day, message: violation.message), partial: recorder)
            }
        }
        return .completed(recorder)
    }

    /// Advances the world by one day: the schedule's phases in order.
    public mutating func step(day: Int) {
        world.economy.day = day
        world.economy.soldToday = 0
        world.economy.boughtToday = 0
        world.economy.lockedToday = 0
        world.economy.lockedTokenDaysToday = 0
        world.today = DaySignals()
        for phase in Phase.allCases {
            switch phase {
            case .events: applyEvents(day: day)
            case .agents:
                for p in world.populations.indices {
                    world.populations[p].step(&world.economy, venues: &world.venues)
                    world.economy.flushClaims()
                }
            default:
                for (module, hook) in schedule.steps(phase) {
                    var visitor = RunHook(hook: hook)
                    modules[module].accept(&visitor, world: &world)
                    applyPendingActions()
                    if world.failure != nil { return }
                }
            }
        }
        if !measured.isEmpty { measure() }
    }

    /// Hands each of today's scripted events to the module that owns it.
    mutating func applyEvents(day: Int) {
        while nextEvent < events.count && events[nextEvent].day == day {
            apply(events[nextEvent].action)
            nextEvent += 1
        }
    }

    /// Applies what a module asked for (a passed proposal's change), in order.
    mutating func applyPendingActions() {
        guard !world.pendingActions.isEmpty else { return }
        let actions = world.pendingActions
        world.pendingActions.removeAll()
        for action in actions { apply(action) }
    }

    /// Hands `action` to the first module that owns it (nobody: the mechanism is absent).
    mutating func apply(_ action: EventAction) {
        guard let owner = modules.firstIndex(where: { $0.module.owns(action) }) else { return }
        var visitor = ApplyAction(action: action)
        modules[owner].accept(&visitor, world: &world)
        applyPendingActions()
    }

    /// Records today's value of every column.
    mutating func record(day: Int) {
        var values = [Double](repeating: 0, count: columns.count)
        for (column, source) in columns.enumerated() {
            if let m = source.module {
                var visitor = ReadMetric(slot: source.slot)
                modules[m].accept(&visitor, world: &world)
                values[column] = visitor.value
            } else {
                values[column] = AbsentMetrics.value(source.slot, world: &world)
            }
        }
        recorder.record(step: day, values)
    }

    /// The first broken invariant: ledger conservation, each population's token and cash
    /// columns against its ledger account, then every module's own invariants.
    public func firstViolation() -> InvariantViolation? {
        let economy = world.economy
        let ledger = economy.ledger
        if let v = ledger.check().first { return v }
        for p in world.populations {
            var tokens = 0.0
            var cash = 0.0
            for i in p.rows {
                tokens += economy.tokens[i]
                cash += economy.cash[i]
                if economy.tokens[i] < 0 { return InvariantViolation("agent \(i) of \(p.name) holds \(economy.tokens[i]) tokens") }
            }
            if let v = ledger.checkSubledger(.token, p.account, columnSum: tokens, label: "population \(p.name)") { return v }
            if let v = ledger.checkSubledger(.cash, p.account, columnSum: cash, label: "population \(p.name)") { return v }
        }
        for slot in modules {
            if let v = slot.module.firstViolation(world: world) { return v }
        }
        return nil
    }
}
