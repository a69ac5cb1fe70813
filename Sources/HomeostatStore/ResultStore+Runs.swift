import Foundation
import GRDB
import HomeostatCore

extension ResultStore {
    /// Records parameter point `index` of an experiment with its parameter values.
    ///
    /// Idempotent: recording a point again with the same values (bit for bit, in the same
    /// order) does nothing, so a resumed sweep may record every point again.
    ///
    /// - Throws: ``StoreError``: `STO004` if the experiment is not in the store; `STO005` if
    ///   the point is stored with different values; `STO007` if a name repeats or `index` is
    ///   negative; `STO001` if SQLite fails.
    public func recordPoint(experiment: ExperimentID, index: Int, parameters: [NamedValue]) throws(StoreError) {
        let point = StoredPoint(index: index, parameters: parameters)
        guard index >= 0 else { throw StoreError(.invalidArgument("point index \(index) is negative"), path: path) }
        if let dup = Self.firstDuplicate(parameters.map(\.name)) {
            throw StoreError(.invalidArgument("point \(index): parameter \(dup) given twice"), path: path)
        }
        try wrap {
            try pool.write { db in
                guard try Self.experimentExists(db, experiment) else {
                    throw StoreError(.unknownReference("no experiment \(experiment) in the store"), path: path)
                }
                try Self.insertPoint(db, experiment: experiment, point, path: path)
            }
        }
    }

    static func insertPoint(_ db: Database, experiment: ExperimentID, _ point: StoredPoint, path: String) throws {
        if let existing = try loadPoint(db, experiment: experiment, index: point.index) {
            guard existing == point else {
                throw StoreError(
                    .conflict("point \(point.index) of experiment \(experiment) is stored as \(existing.parameters), not \(point.parameters)"),
                    path: path)
            }
            return
        }
        try db.execute(sql: "INSERT INTO points (experiment_id, point) VALUES (?, ?)", arguments: [experiment.rawValue, point.index])
        for (position, p) in point.parameters.enumerated() {
            try db.execute(
                sql: "INSERT INTO parameters (experiment_id, point, position, name, value) VALUES (?, ?, ?, ?, ?)",
                arguments: [experiment.rawValue, point.index, position, p.name, p.value])
        }
    }

    /// The experiment's points with their parameters, by index.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func points(experiment: ExperimentID) throws(StoreError) -> [StoredPoint] {
        try wrap { try pool.read { db in try Self.points(db, experiment: experiment) } }
    }

    static func points(_ db: Database, experiment: ExperimentID) throws -> [StoredPoint] {
        var points = try Int.fetchAll(db, sql: "SELECT point FROM points WHERE experiment_id = ? ORDER BY point", arguments: [experiment.rawValue])
            .map { StoredPoint(index: $0, parameters: []) }
        var slot: [Int: Int] = [:]
        for (i, p) in points.enumerated() { slot[p.index] = i }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT point, name, value FROM parameters WHERE experiment_id = ? ORDER BY point, position",
            arguments: [experiment.rawValue])
        while let row = try rows.next() {
            guard let i = slot[row["point"]] else { continue }
            points[i].parameters.append(NamedValue(row["name"], try double(row["value"])))
        }
        return points
    }

    static func loadPoint(_ db: Database, experiment: ExperimentID, index: Int) throws -> StoredPoint? {
        guard try Bool.fetchOne(
            db, sql: "SELECT 1 FROM points WHERE experiment_id = ? AND point = ?", arguments: [experiment.rawValue, index]) != nil
        else { return nil }
        let parameters = try Row.fetchAll(
            db, sql: "SELECT name, value FROM parameters WHERE experiment_id = ? AND point = ? ORDER BY position",
            arguments: [experiment.rawValue, index]
        ).map { row in NamedValue(row["name"], try double(row["value"])) }
        return StoredPoint(index: index, parameters: parameters)
    }

    static func experimentExists(_ db: Database, _ id: ExperimentID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM experiments WHERE id = ?", arguments: [id.rawValue]) != nil
    }

    /// Records one run — its row, its final values and its series — in one transaction.
    ///
    /// Either all of it is committed or nothing is (a failure part-way, an error, a crash or a
    /// power cut leave no trace of the run). Recording a run that is already stored replaces
    /// it in the same transaction, so recording the same run twice leaves what recording it
    /// once leaves.
    ///
    /// - Throws: ``StoreError``: `STO004` if the experiment or point is not recorded;
    ///   `STO007` if a final or series name repeats; `STO001` if SQLite fails.
    /// - Complexity: O(finals + rows × series metrics).
    public func recordRun(_ r: StoredRun) throws(StoreError) {
        let encoded = r.series.map(EncodedSeries.init)
        do {
            try recordRun(r, encoded)
        } catch where error.code == "STO001" {
            // A repeated name fails on the UNIQUE key part-way through the transaction, which
            // rolls back; say what was wrong in our words as well as SQLite's.
            if let dup = Self.firstDuplicate(r.finals.map(\.name)) ?? encoded.flatMap({ Self.firstDuplicate($0.names) }) {
                throw StoreError(.invalidArgument("\(r.key): metric \(dup) given twice; nothing of the run was stored (\(error.kind.message))"), path: path)
            }
            throw error
        }
    }

    private func recordRun(_ r: StoredRun, _ encoded: EncodedSeries?) throws(StoreError) {
        try wrap {
            try pool.write { db in
                guard try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM points WHERE experiment_id = ? AND point = ?",
                    arguments: [r.experiment.rawValue, r.point]) != nil
                else {
                    throw StoreError(
                        .unknownReference("experiment \(r.experiment) has no point \(r.point); record the point before its runs"),
                        path: path)
                }
                try Self.insertRun(db, r, series: encoded, path: path)
            }
        }
    }

    /// Inserts a run into an open transaction, replacing a stored run with the same key.
    static func insertRun(_ db: Database, _ r: StoredRun, series: EncodedSeries?, path: String) throws {
        let key: StatementArguments = [r.experiment.rawValue, r.point, r.run]
        try db.execute(sql: "DELETE FROM runs WHERE experiment_id = ? AND point = ? AND run = ?", arguments: key)
        try db.execute(
            sql: """
                INSERT INTO runs (experiment_id, point, run, seed, status, error, seconds, finished_at, series_rows, series_steps)
                VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'), ?, ?)
                """,
            arguments: key + [
                Int64(bitPattern: r.seed), r.status.rawValue, r.error, r.seconds, series?.rows, series.map { Data($0.steps) },
            ])
        let metric = try db.cachedStatement(
            sql: "INSERT INTO metrics (experiment_id, point, run, position, name, value) VALUES (?, ?, ?, ?, ?, ?)")
        for (position, f) in r.finals.enumerated() {
            try metric.execute(arguments: key + [position, f.name, f.value])
        }
        if let series {
            let column = try db.cachedStatement(
                sql: "INSERT INTO series (experiment_id, point, run, position, name, encoding, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (position, name) in series.names.enumerated() {
                try column.execute(arguments: key + [position, name, SeriesCodec.valuesEncoding, Data(series.columns[position])])
            }
        }
    }

    /// The runs of an experiment that are stored, completed or (unless `includeFailed` is
    /// false) failed. A run is a pure function of its inputs, so a failed run fails again:
    /// resuming skips both by default.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func finishedRuns(experiment: ExperimentID, includeFailed: Bool = true) throws(StoreError) -> Set<RunKey> {
        try wrap {
            try pool.read { db in
                let sql = "SELECT point, run FROM runs WHERE experiment_id = ?" + (includeFailed ? "" : " AND status = 'completed'")
                var keys = Set<RunKey>()
                let rows = try Row.fetchCursor(db, sql: sql, arguments: [experiment.rawValue])
                while let row = try rows.next() { keys.insert(RunKey(point: row[0], run: row[1])) }
                return keys
            }
        }
    }

    /// Every stored run of an experiment, in (point, run) order, with its final values in the
    /// order they were recorded and, if `includeSeries`, its series.
    ///
    /// - Throws: ``StoreError``: `STO006` if stored series data cannot be decoded; `STO001`
    ///   if SQLite fails.
    /// - Complexity: O(stored values); series dominate when included.
    public func loadRuns(experiment: ExperimentID, includeSeries: Bool = true) throws(StoreError) -> [StoredRun] {
        try wrap { try pool.read { db in try Self.loadRuns(db, experiment: experiment, includeSeries: includeSeries, path: path) } }
    }

    static func loadRuns(_ db: Database, experiment: ExperimentID, includeSeries: Bool, path: String) throws -> [StoredRun] {
        let arg: StatementArguments = [experiment.rawValue]
        var runs: [StoredRun] = []
        var slot: [RunKey: Int] = [:]
        var steps: [[Int32]?] = []
        let runRows = try Row.fetchCursor(
            db, sql: "SELECT * FROM runs WHERE experiment_id = ? ORDER BY point, run", arguments: arg)
        while let row = try runRows.next() {
            let r = StoredRun(
                experiment: experiment, point: row["point"], run: row["run"],
                seed: UInt64(bitPattern: row["seed"]),
                status: RunStatus(rawValue: row["status"]) ?? .failed,
                error: row["error"], seconds: row["seconds"], finals: [])
            slot[r.key] = runs.count
            runs.append(r)
            if includeSeries, let count: Int = row["series_rows"] {
                let data: Data = row["series_steps"]
                do {
                    steps.append(try SeriesCodec.decode(steps: [UInt8](data), count: count))
                } catch {
                    throw StoreError(.corruptSeries("\(r.key): \(error.message)"), path: path)
                }
            } else {
                steps.append(nil)
            }
        }
        let metricRows = try Row.fetchCursor(
            db, sql: "SELECT point, run, name, value FROM metrics WHERE experiment_id = ? ORDER BY point, run, position",
            arguments: arg)
        while let row = try metricRows.next() {
            guard let i = slot[RunKey(point: row["point"], run: row["run"])] else { continue }
            runs[i].finals.append(NamedValue(row["name"], try double(row["value"])))
        }
        guard includeSeries else { return runs }
        var names: [[String]] = Array(repeating: [], count: runs.count)
        var columns: [[[Double]]] = Array(repeating: [], count: runs.count)
        let seriesRows = try Row.fetchCursor(
            db, sql: "SELECT point, run, name, encoding, data FROM series WHERE experiment_id = ? ORDER BY point, run, position",
            arguments: arg)
        while let row = try seriesRows.next() {
            let key = RunKey(point: row["point"], run: row["run"])
            guard let i = slot[key], let count = steps[i]?.count else { continue }
            let encoding: String = row["encoding"]
            guard encoding == SeriesCodec.valuesEncoding else {
                throw StoreError(.corruptSeries("\(key): unknown encoding \(encoding)"), path: path)
            }
            let data: Data = row["data"]
            do {
                columns[i].append(try SeriesCodec.decode([UInt8](data), count: count))
            } catch {
                throw StoreError(.corruptSeries("\(key) \(row["name"] as String): \(error.message)"), path: path)
            }
            names[i].append(row["name"])
        }
        for i in runs.indices {
            guard let s = steps[i] else { continue }
            var recorder = MetricRecorder(names: names[i], capacity: s.count)
            var values = Array(repeating: 0.0, count: names[i].count)
            for (r, step) in s.enumerated() {
                for m in values.indices { values[m] = columns[i][m][r] }
                recorder.record(step: Int(step), values)
            }
            runs[i].series = recorder
        }
        return runs
    }

    /// Reads a stored value: `NULL` is NaN.
    static func double(_ v: DatabaseValue) throws -> Double {
        switch v.storage {
        case .double(let d): return d
        case .null: return .nan
        case .int64(let i): return Double(i)
        case .string, .blob: throw StoreError(.database("a value column holds \(v)"), path: "")
        }
    }

    static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { return n }
        return nil
    }
}

/// A recorder's series, encoded for storage.
struct EncodedSeries: Sendable {
    let rows: Int
    let names: [String]
    let steps: [UInt8]
    let columns: [[UInt8]]

    init(_ recorder: MetricRecorder) {
        rows = recorder.rowCount
        names = recorder.names
        steps = SeriesCodec.encode(steps: recorder.steps)
        columns = recorder.columns.map { SeriesCodec.encode($0) }
    }
}
