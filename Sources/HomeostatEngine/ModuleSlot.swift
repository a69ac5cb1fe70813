public import HomeostatCore
import HomeostatMarket
public import HomeostatScenario

/// What the engine does to a module, written once for every concrete module type: the
/// engine's modules are an enum of concrete types (``ModuleSlot``), so each call through a
/// visitor is specialised and statically dispatched (STYLE §3), and only a library user's
/// own module goes through an existential.
protocol ModuleVisitor {
    mutating func visit<M: Module>(_ module: inout M, world: inout World)
}

/// One of the engine's modules, held by value.
public enum ModuleSlot: Sendable {
    case market(MarketModule)
    case token(TokenModule)
    case assets(AssetsModule)
    case pools(PoolsModule)
    case voteEscrow(VoteEscrowModule)
    case emission(EmissionModule)
    case revenue(RevenueModule)
    case governance(GovernanceModule)
    case exitPenalty(ExitPenaltyModule)
    case gauges(GaugesModule)
    case farming(FarmingModule)
    case treasury(TreasuryModule)
    case staking(StakingModule)
    case alignment(AlignmentModule)
    /// A module from outside the engine (a library user's).
    case custom(any Module)
    /// Nothing (only while the slot's module is out being visited).
    case vacant

    /// Hands the slot's module to `visitor` in place (moved out and back, so its arrays stay
    /// uniquely referenced and are never copied).
    mutating func accept<V: ModuleVisitor>(_ visitor: inout V, world: inout World) {
        switch self {
        case .market(var m): self = .vacant; visitor.visit(&m, world: &world); self = .market(m)
        case .token(var m): self = .vacant; visitor.visit(&m, world: &world); self = .token(m)
        case .assets(var m): self = .vacant; visitor.visit(&m, world: &world); self = .assets(m)
        case .pools(var m): self = .vacant; visitor.visit(&m, world: &world); self = .pools(m)
        case .voteEscrow(var m): self = .vacant; visitor.visit(&m, world: &world); self = .voteEscrow(m)
        case .emission(var m): self = .vacant; visitor.visit(&m, world: &world); self = .emission(m)
        case .revenue(var m): self = .vacant; visitor.visit(&m, world: &world); self = .revenue(m)
        case .governance(var m): self = .vacant; visitor.visit(&m, world: &world); self = .governance(m)
        case .exitPenalty(var m): self = .vacant; visitor.visit(&m, world: &world); self = .exitPenalty(m)
        case .gauges(var m): self = .vacant; visitor.visit(&m, world: &world); self = .gauges(m)
        case .farming(var m): self = .vacant; visitor.visit(&m, world: &world); self = .farming(m)
        case .treasury(var m): self = .vacant; visitor.visit(&m, world: &world); self = .treasury(m)
        case .staking(var m): self = .vacant; visitor.visit(&m, world: &world); self = .staking(m)
        case .alignment(var m): self = .vacant; visitor.visit(&m, world: &world); self = .alignment(m)
        case .custom(var m): self = .vacant; visitor.visit(&m, world: &world); self = .custom(m)
        case .vacant: break
        }
    }

    /// The module, read-only.
    public var module: any Module {
        switch self {
        case .market(let m): m
        case .token(let m): m
        case .assets(let m): m
        case .pools(let m): m
        case .voteEscrow(let m): m
        case .emission(let m): m
        case .revenue(let m): m
        case .governance(let m): m
        case .exitPenalty(let m): m
        case .gauges(let m): m
        case .farming(let m): m
        case .treasury(let m): m
        case .staking(let m): m
        case .alignment(let m): m
        case .custom(let m): m
        case .vacant: VacantModule()
        }
    }
}

/// The module of a vacant slot: does nothing.
struct VacantModule: Module {
    var name: String { "vacant" }
    var hooks: [Hook] { [] }
    mutating func run(_ hook: Hook, world: inout World) {}
}

/// Runs one hook.
struct RunHook: ModuleVisitor {
    let hook: Hook
    mutating func visit<M: Module>(_ module: inout M, world: inout World) { module.run(hook, world: &world) }
}

/// Applies one action.
struct ApplyAction: ModuleVisitor {
    let action: EventAction
    mutating func visit<M: Module>(_ module: inout M, world: inout World) { module.apply(action, world: &world) }
}

/// Reads one metric.
struct ReadMetric: ModuleVisitor {
    let slot: Int
    var value = Double.nan
    mutating func visit<M: Module>(_ module: inout M, world: inout World) { value = module.metric(slot, world: &world) }
}
