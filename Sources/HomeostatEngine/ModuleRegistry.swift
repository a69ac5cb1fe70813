public import HomeostatScenario

/// How to add a module from outside the engine: its key (its section under `mechanisms:`),
/// the metrics it records by default when present, and how to build it from a decoded
/// scenario into the world (nil when the scenario does not use it).
public struct ModuleDescriptor: Sendable {
    /// Its section's key under `mechanisms:`.
    public let key: String
    /// How its section is read, or nil when the caller passes the decoder to the loader
    /// itself (``ScenarioFiles`` reads the registry's sections).
    public let section: SectionDecoder?
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
        self.section = nil
        self.defaultMetrics = defaultMetrics
        self.build = build
    }

    /// A module descriptor whose section `section` decodes (its key is the section's).
    public init(
        section: SectionDecoder, defaultMetrics: [String] = [],
        build: @escaping @Sendable (Scenario, inout World) throws(SimulationError) -> (any Module)?
    ) {
        self.key = section.key
        self.section = section
        self.defaultMetrics = defaultMetrics
        self.build = build
    }
}

/// The modules a simulation builds beyond the built-in ones, in order.
public struct ModuleRegistry: Sendable {
    /// Modules added after the built-in ones.
    public var modules: [ModuleDescriptor]
    /// Decoders of sections whose modules' descriptors do not carry one.
    public var extraSections: [SectionDecoder]

    /// The built-in modules, with those that bring their own section: the controllers
    /// (`mechanisms.controllers`).
    public static let standard = ModuleRegistry(modules: [ControllersModule.descriptor])

    /// The built-in modules' sections under `mechanisms:`, in the order they are decoded
    /// (a section may read the ones before it: `revenue_split.stakers` needs `staking`,
    /// `governance.attacker_budget_usd` needs `vote_escrow`); this order is also the one
    /// an unknown field's error lists them in.
    public static let builtInSections: [SectionDecoder] = [
        VoteEscrowSpec.section, EmissionSpec.section, FeeSharingSpec.section, StakingSpec.section, GaugesSpec.section,
        ExitPenaltySpec.section, RevenueSplitSpec.section, TreasurySpec.section, GovernanceSpec.section,
    ]

    /// Every section decoder a scenario of this registry may use: the built-in ones, then
    /// those of the registered modules that carry one.
    public var sections: [SectionDecoder] { Self.builtInSections + modules.compactMap(\.section) + extraSections }

    /// The parameters events and proposals may change: the market's, then those the
    /// sections declare, in listing order.
    public var settableParameters: [SettableParameter.Declaration] { SettableParameter.declared(by: sections) }

    /// A registry with `modules` after the built-in ones, and `sections`: decoders of sections
    /// whose modules' descriptors do not carry one.
    public init(modules: [ModuleDescriptor], sections: [SectionDecoder] = []) {
        self.modules = modules
        self.extraSections = sections
    }

    /// The default metrics of the registered modules the scenario uses (none when the
    /// scenario lists its metrics).
    func defaultMetrics(_ scenario: Scenario) -> [String] {
        guard scenario.metrics.names == nil else { return [] }
        return modules.compactMap { d in scenario.sections[d.key].map { d.defaultMetrics + $0.metricNames } }.flatMap { $0 }
    }
}
