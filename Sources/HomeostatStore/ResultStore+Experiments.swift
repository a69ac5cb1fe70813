import Foundation
import GRDB

extension ResultStore {
    /// Returns the experiment with this key, creating it if the store has none.
    ///
    /// Resuming is calling this again with the same scenario hash, version, kind and shard:
    /// it returns the existing experiment, and its first `command` and scenario text are kept.
    ///
    /// - Parameters:
    ///   - scenarioText: the scenario file's full text, as run.
    ///   - scenarioName: the scenario's `name`.
    ///   - scenarioHash: a hash of `scenarioText` (the caller's choice, used as identity).
    ///   - version: the program's version.
    ///   - command: the command line, for the record.
    ///   - kind: `run`, `sweep`, … (part of the identity).
    ///   - shard: the slice this store holds; ``Shard/whole`` when not sharded.
    /// - Returns: The experiment's identifier in this store.
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func openOrCreateExperiment(
        scenarioText: String, scenarioName: String, scenarioHash: String, version: String,
        command: String, kind: String, shard: Shard = .whole
    ) throws(StoreError) -> ExperimentID {
        let key = ExperimentKey(scenarioHash: scenarioHash, version: version, kind: kind, shard: shard)
        return try wrap {
            try pool.write { db in
                try Self.openOrCreate(db, key: key, scenarioName: scenarioName, scenarioText: scenarioText, command: command)
            }
        }
    }

    static func openOrCreate(
        _ db: Database, key: ExperimentKey, scenarioName: String, scenarioText: String, command: String,
        createdAt: String? = nil
    ) throws -> ExperimentID {
        if let id = try findExperiment(db, key: key) { return id }
        try db.execute(
            sql: """
                INSERT INTO experiments (scenario_name, scenario_hash, version, kind, shard_index, shard_count,
                                         command, scenario_text, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, strftime('%Y-%m-%d %H:%M:%f', 'now')))
                """,
            arguments: [
                scenarioName, key.scenarioHash, key.version, key.kind, key.shard.index, key.shard.count,
                command, scenarioText, createdAt,
            ])
        return ExperimentID(rawValue: db.lastInsertedRowID)
    }

    static func findExperiment(_ db: Database, key: ExperimentKey) throws -> ExperimentID? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM experiments
                WHERE scenario_hash = ? AND version = ? AND kind = ? AND shard_index = ? AND shard_count = ?
                """,
            arguments: [key.scenarioHash, key.version, key.kind, key.shard.index, key.shard.count]
        ).map(ExperimentID.init(rawValue:))
    }

    /// The experiment with `key`, if the store has it.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func experiment(_ key: ExperimentKey) throws(StoreError) -> ExperimentID? {
        try wrap { try pool.read { db in try Self.findExperiment(db, key: key) } }
    }

    /// Every experiment in the store, by identifier.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func experiments() throws(StoreError) -> [ExperimentInfo] {
        try wrap { try pool.read { db in try Self.experiments(db) } }
    }

    static func experiments(_ db: Database) throws -> [ExperimentInfo] {
        try Row.fetchAll(db, sql: "SELECT * FROM experiments ORDER BY id").map { row in
            ExperimentInfo(
                id: ExperimentID(rawValue: row["id"]),
                key: ExperimentKey(
                    scenarioHash: row["scenario_hash"], version: row["version"], kind: row["kind"],
                    shard: Shard(uncheckedIndex: row["shard_index"], count: row["shard_count"])),
                scenarioName: row["scenario_name"], scenarioText: row["scenario_text"],
                command: row["command"], createdAt: row["created_at"])
        }
    }

    /// Deletes an experiment with its points, runs, metrics and series (to start it afresh
    /// instead of resuming). Does nothing if there is no such experiment.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func deleteExperiment(_ id: ExperimentID) throws(StoreError) {
        try wrap { try pool.write { db in try db.execute(sql: "DELETE FROM experiments WHERE id = ?", arguments: [id.rawValue]) } }
    }
}
