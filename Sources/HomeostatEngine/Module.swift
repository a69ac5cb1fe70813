public import HomeostatCore
import HomeostatMarket
public import HomeostatScenario

/// One mechanism wired into the world: what it does in each phase of a day, the scripted
/// or voted actions it owns, the metrics it computes and the invariants it proves.
///
/// A module keeps its own state (its mechanism's value type and whatever the engine needs
/// around it) and reaches other modules only through the ``World``: the ledger, the agents'
/// columns, and ``World/today``, the day's signals, which the ``Schedule`` orders (the
/// module that writes a signal runs before the ones that read it).
///
/// Built-in modules live in `Sources/HomeostatEngine/Modules/<Name>/`, each in its own folder;
/// a library user adds one by conforming to this protocol, giving a ``ModuleDescriptor`` to a
/// ``ModuleRegistry`` (its scenario section and how to build it), and running the scenario with
/// that registry — see `docs/architecture.md`.
///
/// Modules are called once per hook per day, never per agent: per-agent work happens in
/// tight loops inside a hook.
public protocol Module: Sendable {
    /// The module's name in the schedule (`homeostat list --schedule`).
    var name: String { get }
    /// Where the module runs in a day: its hooks, each a phase, an order within the phase
    /// and a name. The ``Schedule`` sorts every module's hooks by phase, then order.
    var hooks: [Hook] { get }
    /// Runs hook `hook` (one of ``hooks``) for today.
    mutating func run(_ hook: Hook, world: inout World)
    /// Whether the module applies `action` (a scripted event or a passed proposal's change).
    func owns(_ action: EventAction) -> Bool
    /// Applies `action`, which it ``owns(_:)``, now.
    mutating func apply(_ action: EventAction, world: inout World)
    /// A handle for recording metric `name` (a global name or `KIND:NAME`), or nil when
    /// this module does not compute it.
    func metricSlot(_ name: String, world: World) -> Int?
    /// The value today of the metric behind `slot`.
    mutating func metric(_ slot: Int, world: inout World) -> Double
    /// The first of the module's invariants that does not hold, or nil (`--check`).
    func firstViolation(world: World) -> InvariantViolation?
    /// What the module takes from the others: metrics it reads each day (a controller's
    /// measurement, in ``World/measurement(_:)``) and actions it hands to their owners; the
    /// engine checks both when it builds the run.
    var needs: ModuleNeeds { get }
}

extension Module {
    public func owns(_ action: EventAction) -> Bool { false }
    public mutating func apply(_ action: EventAction, world: inout World) {}
    public func metricSlot(_ name: String, world: World) -> Int? { nil }
    public mutating func metric(_ slot: Int, world: inout World) -> Double { .nan }
    public func firstViolation(world: World) -> InvariantViolation? { nil }
    public var needs: ModuleNeeds { ModuleNeeds() }
}

/// What a module takes from the other modules, each with where the scenario asks for it, so
/// that a run that cannot give it fails to build with a located error.
///
/// The engine evaluates every needed metric at the end of each day (after the market phase,
/// the values a record of that day holds) and once when the run is built (day 0), and keeps
/// them in ``World/measurement(_:)``: a module reads another's metric without reaching into
/// its state, one day late, as an on-chain keeper reads yesterday's state.
public struct ModuleNeeds: Sendable {
    /// Metric names read each day, with where the scenario names them.
    public var metrics: [(name: String, location: SectionLocation)]
    /// Actions handed to other modules (through ``World/pendingActions``), with where the
    /// scenario asks for them: a module must own each in this scenario.
    public var actions: [(action: EventAction, location: SectionLocation)]

    /// Needs: none by default.
    public init(
        metrics: [(name: String, location: SectionLocation)] = [],
        actions: [(action: EventAction, location: SectionLocation)] = []
    ) {
        self.metrics = metrics
        self.actions = actions
    }
}

/// A phase of the day. The day runs the phases in this order; within a phase, the modules'
/// hooks run by their order number (ties: in registry order).
public enum Phase: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Daily flows restart (the pools' volumes and fees, modules' daily counters).
    case dayStart
    /// Scripted events of the day; the engine hands each to the module that owns it.
    case events
    /// Before the agents act: governance, gauge epochs and bribes, what agents watch, the
    /// market's next move (drawn early when someone trades on it), the escrow's checkpoint,
    /// staking's releases and requests.
    case beforeAgents
    /// Every population acts, in population order (the engine runs this phase).
    case agents
    /// After the agents: early exits, gauge votes, treasury spending, staked LP positions.
    case afterAgents
    /// Emission, fee revenue and its split, rewards accrued to lockers, weekly payouts.
    case settlement
    /// The external price moves with the day's net selling; assets move; arbitrage and the
    /// pools' statistics; housekeeping.
    case market

    public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .dayStart: "day start"
        case .events: "events"
        case .beforeAgents: "before agents"
        case .agents: "agents"
        case .afterAgents: "after agents"
        case .settlement: "settlement"
        case .market: "market"
        }
    }
}

/// One step a module takes in a day: a phase, an order within it, and what it does.
public struct Hook: Sendable, Hashable {
    /// The phase it runs in.
    public let phase: Phase
    /// Its place within the phase (smaller first).
    public let order: Int
    /// What it does, for the printed schedule; also the module's own key for the hook.
    public let name: String

    /// A hook named `name` in `phase` at `order`.
    public init(_ phase: Phase, _ order: Int, _ name: String) {
        self.phase = phase
        self.order = order
        self.name = name
    }
}
