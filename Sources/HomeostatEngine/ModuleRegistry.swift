public import HomeostatScenario

/// How to add a module from outside the engine: its key (its section under `mechanisms:`),
/// the metrics it records by default when present, and how to build it from a decoded
/// scenario into the world (nil when the scenario does not use it).
public struct ModuleDescriptor: Sendable {
    /// Its section's key under `mechanisms:`.
    public let key: String
    /// Metric names recorded by default when the scenario has the section.
    public let defaultMetrics: [String]
    /// Builds the module for a run (after the built-in modules), or nil when absent.
    public let build: @Sendable (Scenario, inout World) throws(SimulationError) -> (any Module)?

    /// A module descriptor.
    public init(
        key: String, defaultMetrics: [String] = [],
        build: @escaping @Sendable (Scenario, inout World) throws(SimulationError) -> (any Module)?
    ) {
        self.key = key
        self.defaultMetrics = defaultMetrics
        self.build = build
    }
}

/// The modules a simulation builds beyond the built-in ones, in order.
public struct ModuleRegistry: Sendable {
    /// Modules added after the built-in ones.
    public var modules: [ModuleDescriptor]
    /// The decoders of their sections, for ``ScenarioLoader/load(path:sections:)``.
    public var sections: [SectionDecoder]

    /// The built-in modules, with those that bring their own section: the controllers
    /// (`mechanisms.controllers`).
    public static let standard = ModuleRegistry(modules: [ControllersModule.descriptor], sections: [ControllersModule.section])

    /// A registry with `modules` after the built-in ones, and their sections' decoders.
    public init(modules: [ModuleDescriptor], sections: [SectionDecoder] = []) {
        self.modules = modules
        self.sections = sections
    }

    /// The default metrics of the registered modules the scenario uses (none when the
    /// scenario lists its metrics).
    func defaultMetrics(_ scenario: Scenario) -> [String] {
        guard scenario.metrics.names == nil else { return [] }
        return modules.compactMap { d in scenario.sections[d.key].map { d.defaultMetrics + $0.metricNames } }.flatMap { $0 }
    }
}
