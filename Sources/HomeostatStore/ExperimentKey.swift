/// What identifies an experiment in a store: resuming finds the experiment with the same key.
///
/// Two invocations with the same scenario (by hash), program version, kind of experiment and
/// shard add to the same experiment; change any of them and it is another experiment.
public struct ExperimentKey: Hashable, Sendable {
    /// Hash of the scenario's text (the caller's choice of hash, e.g. SHA-256 hex).
    public var scenarioHash: String
    /// The program's version (`homeostat --version`, or a git describe).
    public var version: String
    /// Kind of experiment: `run`, `sweep`, `compare`, … (the command's name).
    public var kind: String
    /// Which slice of the experiment; ``Shard/whole`` when not sharded.
    public var shard: Shard

    /// A key.
    public init(scenarioHash: String, version: String, kind: String, shard: Shard = .whole) {
        self.scenarioHash = scenarioHash
        self.version = version
        self.kind = kind
        self.shard = shard
    }
}

/// An experiment as stored: its key, the scenario it ran and the command that started it.
public struct ExperimentInfo: Sendable, Equatable {
    /// Row id in this store.
    public var id: ExperimentID
    /// Hash, version, kind and shard.
    public var key: ExperimentKey
    /// The scenario's `name`.
    public var scenarioName: String
    /// The scenario file's full text, as run.
    public var scenarioText: String
    /// The command line that created the experiment (a resume keeps the first one).
    public var command: String
    /// When the experiment was created, UTC, `YYYY-MM-DD HH:MM:SS.SSS`.
    public var createdAt: String
}
