import Foundation
import GRDB

/// What ``ResultStore/merge(into:shards:command:)`` did.
public struct MergeSummary: Sendable, Equatable {
    /// The merged experiment in the output store.
    public var experiment: ExperimentID
    /// The shards merged, by index.
    public var shards: [Shard]
    /// Indices (1-based) of shards of the experiment that were not given; empty when the
    /// merge holds the whole experiment.
    public var missingShards: [Int]
    /// Points in the merged experiment.
    public var points: Int
    /// Runs copied into the output.
    public var runsAdded: Int
    /// Runs the output already held with the same results (a shard merged twice, or
    /// overlapping shards), left as they were.
    public var runsAlreadyPresent: Int
}

extension ResultStore {
    /// Merges shard stores (`--shard i/N`, each holding one experiment) into the store at
    /// `output`, creating it if needed.
    ///
    /// The shards must come from the same scenario (hash), program version, kind of experiment
    /// and shard count, and each index may appear once; otherwise nothing is written. The
    /// merged experiment is ``Shard/whole``, with the key an unsharded run of the experiment
    /// would have, so the output holds what a single unsharded store would hold: the same
    /// points, runs, final values and series, bit for bit (values are copied, not decoded).
    /// Runs are written in (point, run) order. The whole merge is one transaction. Merging
    /// only some shards is allowed (``MergeSummary/missingShards`` names the others); merge
    /// the rest later, or resume the unsharded experiment on the output.
    ///
    /// - Parameters:
    ///   - output: path of the merged store; an existing store keeps its other experiments.
    ///   - shards: paths of the shard stores, opened read-only.
    ///   - command: the `command` recorded for a newly created merged experiment; by default
    ///     the shards' commands, one per line.
    /// - Returns: What was merged.
    /// - Throws: ``StoreError``: `STO008` if a shard file is missing or does not hold exactly
    ///   one experiment; `STO003` if a shard's scenario hash, version, kind or shard count
    ///   differs from the first shard's; `STO007` if a shard index repeats or no shard is
    ///   given, or the output is one of the shards; `STO005` if the output or another shard holds the same point or run with
    ///   different values; `STO002`/`STO001` as for ``init(path:)``.
    @discardableResult
    public static func merge(into output: String, shards: [String], command: String? = nil) throws(StoreError) -> MergeSummary {
        guard !shards.isEmpty else { throw StoreError(.invalidArgument("no shard to merge"), path: output) }
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        for path in shards where URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() == outputURL {
            throw StoreError(.invalidArgument("the output is also given as a shard; merge into a new file"), path: output)
        }
        var sources: [ShardSource] = []
        for path in shards { sources.append(try ShardSource(path: path)) }

        // Validate every shard against the first before writing anything.
        let first = sources[0].info
        var seen: [Int: String] = [:]
        for s in sources {
            let k = s.info.key
            let checks: [(String, String, String)] = [
                ("scenario hash", first.key.scenarioHash, k.scenarioHash),
                ("program version", first.key.version, k.version),
                ("kind of experiment", first.key.kind, k.kind),
                ("shard count", String(first.key.shard.count), String(k.shard.count)),
            ]
            for (field, expected, found) in checks where expected != found {
                throw StoreError(.shardMismatch(field: field, expected: expected, found: found), path: s.path)
            }
            if let other = seen[k.shard.index] {
                throw StoreError(.invalidArgument("shard \(k.shard) is given twice: \(other) and \(s.path)"), path: s.path)
            }
            seen[k.shard.index] = s.path
        }
        let key = ExperimentKey(scenarioHash: first.key.scenarioHash, version: first.key.version, kind: first.key.kind)
        // An existing output is checked like a shard: merging into a damaged store would
        // mix its bad rows with the shards' good ones.
        if let size = (try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? NSNumber, size.intValue > 0 {
            try checkReadable(output)
        }
        let store = try ResultStore(path: output)
        let summary = try store.wrap {
            try store.pool.write { out in
                let id = try openOrCreate(
                    out, key: key, scenarioName: first.scenarioName, scenarioText: first.scenarioText,
                    command: command ?? sources.map(\.info.command).joined(separator: "\n"),
                    createdAt: sources.map(\.info.createdAt).min())
                return try withReaders(sources[...]) { readers in
                    try copy(from: Array(zip(sources, readers)), to: out, experiment: id, outputPath: output)
                }
            }
        }
        let given = Set(sources.map(\.info.key.shard.index))
        return MergeSummary(
            experiment: summary.experiment, shards: sources.map(\.info.key.shard).sorted { $0.index < $1.index },
            missingShards: (1...first.key.shard.count).filter { !given.contains($0) },
            points: summary.points, runsAdded: summary.added, runsAlreadyPresent: summary.present)
    }

    /// Opens a read transaction on every source and calls `body` with their databases.
    private static func withReaders<T>(_ sources: ArraySlice<ShardSource>, _ acc: [Database] = [], _ body: ([Database]) throws -> T) throws -> T {
        guard let s = sources.first else { return try body(acc) }
        return try s.queue.read { db in try withReaders(sources.dropFirst(), acc + [db], body) }
    }

    private static func copy(
        from sources: [(ShardSource, Database)], to out: Database, experiment id: ExperimentID, outputPath: String
    ) throws -> (experiment: ExperimentID, points: Int, added: Int, present: Int) {
        // Points: the union, each checked against what is already there.
        var pointCount = Set<Int>()
        for (s, db) in sources {
            for p in try points(db, experiment: s.info.id) {
                do {
                    try insertPoint(out, experiment: id, p, path: outputPath)
                } catch let e as StoreError {
                    throw StoreError(.conflict("\(e.kind.message) (while merging \(s.path))"), path: outputPath)
                }
                pointCount.insert(p.index)
            }
        }
        pointCount.formUnion(try Int.fetchAll(out, sql: "SELECT point FROM points WHERE experiment_id = ?", arguments: [id.rawValue]))
        // Runs: every shard's keys, in (point, run) order over all shards.
        var work: [(RunKey, Int)] = []
        for (i, (s, db)) in sources.enumerated() {
            let rows = try Row.fetchCursor(db, sql: "SELECT point, run FROM runs WHERE experiment_id = ?", arguments: [s.info.id.rawValue])
            while let row = try rows.next() { work.append((RunKey(point: row[0], run: row[1]), i)) }
        }
        work.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var added = 0, present = 0
        for (key, i) in work {
            let (s, db) = sources[i]
            // The key was read from this shard in the same read transaction, so the run is there.
            guard let run = try RawRun.load(db, experiment: s.info.id, key: key) else { continue }
            if let existing = try RawRun.load(out, experiment: id, key: key) {
                guard existing.sameResults(as: run) else {
                    throw StoreError(
                        .conflict("\(key) of the merged experiment differs between \(s.path) and the output or an earlier shard"),
                        path: outputPath)
                }
                present += 1
                continue
            }
            try run.insert(out, experiment: id, key: key)
            added += 1
        }
        return (id, pointCount.count, added, present)
    }
}

/// A shard store opened read-only, with its single experiment.
private struct ShardSource {
    let path: String
    let queue: DatabaseQueue
    let info: ExperimentInfo

    init(path: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.badShardFile("no such shard file"), path: path)
        }
        self.path = path
        // A damaged shard would copy zeros or NULLs into the merged store as results.
        try StoreFileCheck.checkFile(path)
        var config = Configuration()
        config.readonly = true
        let experiments: [ExperimentInfo]
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            experiments = try queue.read { db in
                try ResultStore.checkIdentity(db, path: path, creating: false)
                try StoreFileCheck.checkIntegrity(db, path: path)
                guard try ResultStore.migrator.hasCompletedMigrations(db) else {
                    throw StoreError(.notAStore("an older, unmigrated store; open it once with this version"), path: path)
                }
                return try ResultStore.experiments(db)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.database(ResultStore.message(error)), path: path)
        }
        guard experiments.count == 1 else {
            throw StoreError(.badShardFile("holds \(experiments.count) experiments; a shard store holds exactly one"), path: path)
        }
        info = experiments[0]
    }
}

/// A run's rows copied as stored values, without decoding.
private struct RawRun {
    /// `runs` columns after the key, in ``runColumns`` order.
    var run: [DatabaseValue]
    /// `metrics` rows: position, name, value.
    var metrics: [[DatabaseValue]]
    /// `series` rows: position, name, encoding, data.
    var series: [[DatabaseValue]]

    static let runColumns = ["seed", "status", "error", "seconds", "finished_at", "series_rows", "series_steps"]
    /// Columns that are timings, not results: they may differ between two computations of a run.
    static let timingColumns: Set = ["seconds", "finished_at"]

    static func load(_ db: Database, experiment: ExperimentID, key: RunKey) throws -> RawRun? {
        let args: StatementArguments = [experiment.rawValue, key.point, key.run]
        let runStatement = try db.cachedStatement(
            sql: "SELECT \(runColumns.joined(separator: ", ")) FROM runs WHERE experiment_id = ? AND point = ? AND run = ?")
        guard let row = try Row.fetchOne(runStatement, arguments: args) else { return nil }
        let metricStatement = try db.cachedStatement(
            sql: "SELECT position, name, value FROM metrics WHERE experiment_id = ? AND point = ? AND run = ? ORDER BY position")
        let seriesStatement = try db.cachedStatement(
            sql: "SELECT position, name, encoding, data FROM series WHERE experiment_id = ? AND point = ? AND run = ? ORDER BY position")
        return RawRun(
            run: Array(row.databaseValues),
            metrics: try Row.fetchAll(metricStatement, arguments: args).map { Array($0.databaseValues) },
            series: try Row.fetchAll(seriesStatement, arguments: args).map { Array($0.databaseValues) })
    }

    func insert(_ db: Database, experiment: ExperimentID, key: RunKey) throws {
        let k: [DatabaseValue] = [experiment.rawValue.databaseValue, key.point.databaseValue, key.run.databaseValue]
        try db.cachedStatement(
            sql: "INSERT INTO runs (experiment_id, point, run, \(Self.runColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: StatementArguments(k + run))
        let m = try db.cachedStatement(sql: "INSERT INTO metrics (experiment_id, point, run, position, name, value) VALUES (?, ?, ?, ?, ?, ?)")
        for row in metrics { try m.execute(arguments: StatementArguments(k + row)) }
        let s = try db.cachedStatement(
            sql: "INSERT INTO series (experiment_id, point, run, position, name, encoding, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for row in series { try s.execute(arguments: StatementArguments(k + row)) }
    }

    /// Same stored results, bit for bit, ignoring timings.
    func sameResults(as other: RawRun) -> Bool {
        let keep = Self.runColumns.indices.filter { !Self.timingColumns.contains(Self.runColumns[$0]) }
        return keep.allSatisfy { sameBits(run[$0], other.run[$0]) }
            && Self.identical(metrics, other.metrics) && Self.identical(series, other.series)
    }

    private static func identical(_ a: [[DatabaseValue]], _ b: [[DatabaseValue]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in x.count == y.count && zip(x, y).allSatisfy { sameBits($0, $1) } }
    }
}

/// Equal stored values, comparing Doubles by bit pattern.
private func sameBits(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
    switch (a.storage, b.storage) {
    case (.double(let x), .double(let y)): x.bitPattern == y.bitPattern
    default: a == b
    }
}
