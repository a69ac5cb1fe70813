/// The order of a day, as data: every module's hooks sorted by phase, then by their order
/// within the phase, then by the module's place in the registry; the engine's own steps
/// (the day's flows, the scripted events, the agents) in their phases.
/// `homeostat list --schedule FILE` prints it.
public struct Schedule: Sendable, CustomStringConvertible {
    /// One step of the day.
    public struct Entry: Sendable {
        /// The phase it runs in.
        public let phase: Phase
        /// Its order within the phase.
        public let order: Int
        /// The module that runs it (`engine` for the engine's own steps).
        public let module: String
        /// What it does.
        public let name: String
        /// The module's index in the simulation's module list (nil: the engine's own step).
        public let moduleIndex: Int?
        /// The module's hook.
        public let hook: Hook
    }

    /// Every step of a day, in order.
    public let entries: [Entry]
    /// The module steps of each phase, in order (index = `Phase.rawValue`): module index and hook.
    let byPhase: [[(module: Int, hook: Hook)]]

    /// The schedule of `modules` (in registry order).
    public init(modules: [any Module]) {
        var entries: [Entry] = [
            Entry(phase: .dayStart, order: Int.min, module: "engine", name: "the clock advances; the day's trading and locking flows restart",
                  moduleIndex: nil, hook: Hook(.dayStart, Int.min, "")),
            Entry(phase: .events, order: 0, module: "engine", name: "scripted events, each applied by the module that owns it",
                  moduleIndex: nil, hook: Hook(.events, 0, "")),
            Entry(phase: .agents, order: 0, module: "engine", name: "every population acts, in population order; claims settle",
                  moduleIndex: nil, hook: Hook(.agents, 0, "")),
        ]
        for (index, module) in modules.enumerated() {
            for hook in module.hooks {
                entries.append(Entry(phase: hook.phase, order: hook.order, module: module.name, name: hook.name, moduleIndex: index, hook: hook))
            }
        }
        // A stable sort: ties keep registry order.
        let sorted = entries.enumerated().sorted {
            ($0.element.phase, $0.element.order, $0.offset) < ($1.element.phase, $1.element.order, $1.offset)
        }.map(\.element)
        self.entries = sorted
        var byPhase = [[(module: Int, hook: Hook)]](repeating: [], count: Phase.allCases.count)
        for e in sorted {
            if let m = e.moduleIndex { byPhase[e.phase.rawValue].append((m, e.hook)) }
        }
        self.byPhase = byPhase
    }

    /// The module steps of `phase`, in order.
    func steps(_ phase: Phase) -> [(module: Int, hook: Hook)] { byPhase[phase.rawValue] }

    /// One line per step: `phase  module  what it does`, phases in day order.
    public var description: String {
        let phaseWidth = Phase.allCases.map { $0.description.count }.max() ?? 0
        let moduleWidth = entries.map(\.module.count).max() ?? 0
        return entries.map { e in
            let phase = e.phase.description + String(repeating: " ", count: phaseWidth - e.phase.description.count)
            let module = e.module + String(repeating: " ", count: moduleWidth - e.module.count)
            return "\(phase)  \(module)  \(e.name)"
        }.joined(separator: "\n")
    }
}
