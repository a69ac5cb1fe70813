public import HomeostatScenario

/// What an ensemble's output files say about where their numbers came from.
public struct RunMetadata: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario's master seed.
    public var seed: UInt64
    /// The version of Homeostat that produced the runs.
    public var version: String
    /// Simulated days per run.
    public var horizonDays: Int

    /// Creates metadata from plain values.
    public init(scenario: String, seed: UInt64, version: String, horizonDays: Int) {
        self.scenario = scenario
        self.seed = seed
        self.version = version
        self.horizonDays = horizonDays
    }

    /// The metadata of a validated scenario run by Homeostat `version`.
    public init(scenario: Scenario, version: String) {
        self.init(scenario: scenario.name, seed: scenario.seed, version: version, horizonDays: scenario.horizonDays)
    }
}
