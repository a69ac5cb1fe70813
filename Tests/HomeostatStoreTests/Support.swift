import Foundation
import GRDB
import HomeostatCore
import HomeostatStore
import Testing

/// A fresh folder under the system's temporary folder, removed by `body`'s end.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("homeostat-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir)
}

/// The test scenario's experiment in `store`.
func openExperiment(_ store: ResultStore, shard: Shard = .whole, hash: String = "hash-1", version: String = "1.0.0") throws -> ExperimentID {
    try store.openOrCreateExperiment(
        scenarioText: "name: test\nseed: 7\n", scenarioName: "test", scenarioHash: hash, version: version,
        command: shard == .whole ? "homeostat sweep test.yaml" : "homeostat sweep test.yaml --shard \(shard)",
        kind: "sweep", shard: shard)
}

/// Parameters of point `p` of the test sweep.
func parameters(point p: Int) -> [NamedValue] {
    [NamedValue("mechanisms.emission.initial_per_day", 1000 * Double(p + 1)), NamedValue("market.volatility", 0.1 * Double(p))]
}

/// A run whose every value is a pure function of (point, run), with values that are hard to
/// store exactly (−0.0, NaN, infinities, subnormals) among them.
func sampleRun(_ experiment: ExperimentID, point: Int, run: Int, series: Bool = true, rows: Int = 50) -> StoredRun {
    var rng = Xoshiro256StarStar(seed: UInt64(point * 10_000 + run))
    let special: [Double] = [-0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1]
    var finals = (0..<6).map { NamedValue("metric_\($0)", rng.normal() * 1e3) }
    finals.append(NamedValue("special", special[(point + run) % special.count]))
    var recorder: MetricRecorder?
    if series {
        var r = MetricRecorder(names: ["price", "locked_share", "supply", "constant"], capacity: rows)
        var price = 1.0, locked = 0.0, supply = 1e6
        for step in 0..<rows {
            price *= (1 + 0.05 * rng.normal())
            locked = min(1, locked + 0.01 * rng.uniform())
            supply += 1000
            r.record(step: step, [price, locked, supply, step == rows / 2 ? -0.0 : 42])
        }
        recorder = r
    }
    let failed = (point * 7 + run) % 11 == 0
    return StoredRun(
        experiment: experiment, point: point, run: run, seed: 0xFEDC_BA98_7654_3210 &+ UInt64(run),
        status: failed ? .failed : .completed, error: failed ? "step \(run): escrow, \"negative\" balance" : nil,
        seconds: Double(run) * 0.125, finals: finals, series: recorder)
}

/// Every (point, run) of the test sweep, in (point, run) order.
func allKeys(points: Int, runs: Int) -> [RunKey] {
    (0..<points).flatMap { p in (1...runs).map { RunKey(point: p, run: $0) } }
}

/// Records points `0..<points` and the runs `keys` of the test sweep.
func record(_ store: ResultStore, _ id: ExperimentID, points: Int, keys: [RunKey], series: Bool = true) throws {
    for p in 0..<points { try store.recordPoint(experiment: id, index: p, parameters: parameters(point: p)) }
    for k in keys { try store.recordRun(sampleRun(id, point: k.point, run: k.run, series: series)) }
}

/// Every row of every table, ordered by key, with Doubles as bit patterns; wall-clock
/// columns (`created_at`, `finished_at`) left out. Two stores with equal dumps hold the same
/// results bit for bit.
func canonicalDump(_ path: String) throws -> [String] {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    let tables: [(String, String)] = [
        ("experiments", "id"), ("points", "experiment_id, point"), ("parameters", "experiment_id, point, position"),
        ("runs", "experiment_id, point, run"), ("metrics", "experiment_id, point, run, position"),
        ("series", "experiment_id, point, run, position"),
    ]
    return try queue.read { db in
        var lines: [String] = []
        for (table, order) in tables {
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
            for row in rows {
                let fields = zip(row.columnNames, row.databaseValues)
                    .filter { $0.0 != "created_at" && $0.0 != "finished_at" }
                    .map { "\($0.0)=\(render($0.1))" }
                lines.append("\(table): " + fields.joined(separator: " "))
            }
        }
        return lines
    }
}

private func render(_ v: DatabaseValue) -> String {
    switch v.storage {
    case .null: "NULL"
    case .int64(let i): "i\(i)"
    case .double(let d): "d\(String(d.bitPattern, radix: 16))"
    case .string(let s): "t\(s.debugDescription)"
    case .blob(let b): "b" + hex(b)
    }
}

private func hex(_ bytes: Data) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// `a` and `b` hold the same run: key, seed, status, error, timing, finals and series, bit for bit.
func expectSameRun(_ a: StoredRun, _ b: StoredRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.key == b.key && a.experiment == b.experiment, sourceLocation: sourceLocation)
    #expect(a.seed == b.seed && a.status == b.status && a.error == b.error, sourceLocation: sourceLocation)
    #expect(a.seconds.bitPattern == b.seconds.bitPattern, sourceLocation: sourceLocation)
    #expect(a.finals == b.finals, "\(a.key)", sourceLocation: sourceLocation)
    #expect((a.series == nil) == (b.series == nil), sourceLocation: sourceLocation)
    if let x = a.series, let y = b.series {
        #expect(x.names == y.names && x.steps == y.steps, sourceLocation: sourceLocation)
        #expect(x.columns.map { $0.map(\.bitPattern) } == y.columns.map { $0.map(\.bitPattern) }, "\(a.key)", sourceLocation: sourceLocation)
    }
}

