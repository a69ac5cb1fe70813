import Dispatch
import Foundation
import GRDB
import HomeostatCore
@testable import HomeostatStore
import Synchronization
import Testing

@Suite struct SchemaTests {
    @Test func createsTheSchemaInWALModeAndReopens() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/homeostat.sqlite"
            do {
                let store = try ResultStore(path: path)
                let id = try openExperiment(store)
                try record(store, id, points: 1, keys: [RunKey(point: 0, run: 1)])
            }
            let queue = try DatabaseQueue(path: path)
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'grdb%' ORDER BY name")
                #expect(tables == ["experiments", "metrics", "parameters", "points", "run_metrics", "runs", "series"])
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
                #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x484D_5354)
                #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1"])
            }
            // Reopening keeps the data, applies no migration twice, and uses synchronous=FULL.
            let store = try ResultStore(path: path)
            #expect(try store.experiments().map(\.scenarioName) == ["test"])
            let runs = try store.loadRuns(experiment: openExperiment(store))
            #expect(runs.count == 1)
            expectSameRun(runs[0], sampleRun(runs[0].experiment, point: 0, run: 1))
            let migrations = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") }
            #expect(migrations == 1)
        }
    }

    @Test func connectionsUseFullSynchronousAndForeignKeys() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            // 2 is FULL: a commit returns after the WAL is synced, so a stored run survives a
            // power cut. The writer and the readers are prepared alike.
            #expect(try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
            #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
            #expect(try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
        }
    }

    @Test func refusesAnotherProgramsDatabase() throws {
        try withTemporaryDirectory { dir in
            let foreign = dir + "/other.sqlite"
            try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
            let e = try #require(throws: StoreError.self) { try ResultStore(path: foreign) }
            #expect(e.code == "STO002")
            #expect(e.description.hasPrefix(foreign + ": error STO002: "))

            let text = dir + "/notes.sqlite"
            try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
            #expect(throws: StoreError.self) { try ResultStore(path: text) }

            let e2 = try #require(throws: StoreError.self) { try ResultStore(path: dir + "/no/such/folder/x.sqlite") }
            #expect(e2.code == "STO001")
        }
    }
}

@Suite struct RecordingTests {
    @Test func valuesRoundTripBitForBit() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            let id = try openExperiment(store)
            try store.recordPoint(experiment: id, index: 0, parameters: [NamedValue("a", -0.0), NamedValue("b", .nan), NamedValue("c", -.infinity)])
            let specials: [Double] = [-0.0, 0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 1.0, 0x1p53, 0.1]
            var recorder = MetricRecorder(names: ["x", "y"])
            for (i, v) in specials.enumerated() { recorder.record(step: i * 3 - 5, [v, -v]) }
            let run = StoredRun(
                experiment: id, point: 0, run: 1, seed: .max, status: .completed, seconds: 0.5,
                finals: specials.enumerated().map { NamedValue("f\($0.offset)", $0.element) }, series: recorder)
            try store.recordRun(run)

            let loaded = try #require(store.loadRuns(experiment: id).first)
            expectSameRun(loaded, run)
            #expect(loaded.seed == UInt64.max)
            #expect(try store.points(experiment: id) == [StoredPoint(index: 0, parameters: [NamedValue("a", -0.0), NamedValue("b", .nan), NamedValue("c", -.infinity)])])

            // In SQL: NaN is NULL, -0.0 is a REAL whose sign survives, the seed is its bit pattern.
            let queue = try DatabaseQueue(path: dir + "/s.sqlite")
            try queue.read { db in
                #expect(try String.fetchAll(db, sql: "SELECT typeof(value) FROM metrics ORDER BY position")
                    == ["real", "real", "null", "real", "real", "real", "real", "real", "real", "real"])
                let negZero = try #require(try Double.fetchOne(db, sql: "SELECT value FROM metrics WHERE name = 'f0'"))
                #expect(negZero.bitPattern == (-0.0).bitPattern)
                #expect(try Int64.fetchOne(db, sql: "SELECT seed FROM runs") == -1)
            }
        }
    }

    @Test func aRunThatFailsPartWayLeavesNothing() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            let store = try ResultStore(path: path)
            let id = try openExperiment(store)
            try record(store, id, points: 1, keys: [RunKey(point: 0, run: 1)])
            let before = try canonicalDump(path)

            // The repeated name fails on the metrics key after the run row and two metrics
            // were inserted, inside the transaction.
            var bad = sampleRun(id, point: 0, run: 2)
            bad.finals.insert(NamedValue("metric_0", 1), at: 2)
            let e = try #require(throws: StoreError.self) { try store.recordRun(bad) }
            #expect(e.code == "STO007")
            #expect(try canonicalDump(path) == before)
            #expect(try store.finishedRuns(experiment: id) == [RunKey(point: 0, run: 1)])

            // A failing replacement of a stored run keeps the stored run whole.
            var badReplacement = sampleRun(id, point: 0, run: 1)
            badReplacement.finals.append(NamedValue("special", 0))
            #expect(throws: StoreError.self) { try store.recordRun(badReplacement) }
            #expect(try canonicalDump(path) == before)

            // A series with a repeated name fails after the metrics went in: still nothing.
            var badSeries = sampleRun(id, point: 0, run: 3)
            var r = MetricRecorder(names: ["p", "q", "p"])
            r.record(step: 0, [1, 2, 3])
            badSeries.series = r
            #expect(throws: StoreError.self) { try store.recordRun(badSeries) }
            #expect(try canonicalDump(path) == before)
        }
    }

    @Test func recordingARunTwiceLeavesWhatRecordingItOnceLeaves() throws {
        try withTemporaryDirectory { dir in
            let once = dir + "/once.sqlite", twice = dir + "/twice.sqlite"
            let a = try ResultStore(path: once), b = try ResultStore(path: twice)
            let keys = allKeys(points: 2, runs: 3)
            try record(a, openExperiment(a), points: 2, keys: keys)
            try record(b, openExperiment(b), points: 2, keys: keys + keys.reversed())
            #expect(try canonicalDump(once) == canonicalDump(twice))

            // A different result for the same run replaces it.
            let id = try openExperiment(b)
            var changed = sampleRun(id, point: 1, run: 2, series: false)
            changed.finals = [NamedValue("only", 3)]
            try b.recordRun(changed)
            let stored = try b.loadRuns(experiment: id).first { $0.key == changed.key }
            expectSameRun(try #require(stored), changed)
        }
    }

    @Test func pointsAreIdempotentAndChecked() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            let id = try openExperiment(store)
            try store.recordPoint(experiment: id, index: 0, parameters: parameters(point: 0))
            try store.recordPoint(experiment: id, index: 0, parameters: parameters(point: 0))
            #expect(try store.points(experiment: id) == [StoredPoint(index: 0, parameters: parameters(point: 0))])

            let conflict = try #require(throws: StoreError.self) {
                try store.recordPoint(experiment: id, index: 0, parameters: parameters(point: 1))
            }
            #expect(conflict.code == "STO005")
            let unknown = try #require(throws: StoreError.self) {
                try store.recordPoint(experiment: ExperimentID(rawValue: 99), index: 0, parameters: [])
            }
            #expect(unknown.code == "STO004")
            let noPoint = try #require(throws: StoreError.self) { try store.recordRun(sampleRun(id, point: 5, run: 1)) }
            #expect(noPoint.code == "STO004")
            let dup = try #require(throws: StoreError.self) {
                try store.recordPoint(experiment: id, index: 1, parameters: [NamedValue("a", 1), NamedValue("a", 2)])
            }
            #expect(dup.code == "STO007")
        }
    }

    @Test func experimentsAreFoundByScenarioVersionKindAndShard() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            let id = try openExperiment(store)
            let again = try store.openOrCreateExperiment(
                scenarioText: "changed text", scenarioName: "test", scenarioHash: "hash-1", version: "1.0.0",
                command: "homeostat sweep test.yaml --resume", kind: "sweep")
            #expect(again == id)
            #expect(try openExperiment(store, version: "1.0.1") != id)
            #expect(try openExperiment(store, hash: "hash-2") != id)
            #expect(try openExperiment(store, shard: Shard(index: 1, count: 2)) != id)
            let info = try #require(store.experiments().first)
            #expect(info.command == "homeostat sweep test.yaml" && info.scenarioText == "name: test\nseed: 7\n")
            #expect(try store.experiment(ExperimentKey(scenarioHash: "hash-1", version: "1.0.0", kind: "sweep")) == id)
            #expect(try store.experiment(ExperimentKey(scenarioHash: "hash-1", version: "1.0.0", kind: "run")) == nil)

            try record(store, id, points: 1, keys: [RunKey(point: 0, run: 1)])
            try store.deleteExperiment(id)
            #expect(try store.experiments().count == 3)
            #expect(try store.finishedRuns(experiment: id).isEmpty)
            #expect(try store.points(experiment: id).isEmpty)
        }
    }

    @Test func resumingGivesWhatAnUninterruptedRunGives() throws {
        try withTemporaryDirectory { dir in
            let keys = allKeys(points: 4, runs: 5)
            let straight = dir + "/straight.sqlite", resumed = dir + "/resumed.sqlite"
            do {
                let store = try ResultStore(path: straight)
                try record(store, openExperiment(store), points: 4, keys: keys)
            }
            var rng = Xoshiro256StarStar(seed: 3)
            let firstPart = Set(keys.filter { _ in rng.uniform() < 0.4 })
            do {
                let store = try ResultStore(path: resumed)
                try record(store, openExperiment(store), points: 4, keys: keys.filter(firstPart.contains).shuffled(using: &rng))
            }
            // Reopen, as `--resume` does: the same experiment, and exactly the finished runs.
            let store = try ResultStore(path: resumed)
            let id = try openExperiment(store)
            let finished = try store.finishedRuns(experiment: id)
            #expect(finished == firstPart)
            let completedOnly = try store.finishedRuns(experiment: id, includeFailed: false)
            #expect(completedOnly == firstPart.filter { sampleRun(id, point: $0.point, run: $0.run).status == .completed })
            try record(store, id, points: 4, keys: keys.filter { !finished.contains($0) }.reversed())
            #expect(try canonicalDump(resumed) == canonicalDump(straight))
            let runs = try store.loadRuns(experiment: id)
            #expect(runs.map(\.key) == keys)
            for r in runs { expectSameRun(r, sampleRun(id, point: r.point, run: r.run)) }
        }
    }

    @Test func runsCanBeRecordedFromManyThreads() throws {
        try withTemporaryDirectory { dir in
            let keys = allKeys(points: 3, runs: 8)
            let serial = dir + "/serial.sqlite", parallel = dir + "/parallel.sqlite"
            let a = try ResultStore(path: serial)
            try record(a, openExperiment(a), points: 3, keys: keys)
            let b = try ResultStore(path: parallel)
            let id = try openExperiment(b)
            try record(b, id, points: 3, keys: [])
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: keys.count) { i in
                do { try b.recordRun(sampleRun(id, point: keys[i].point, run: keys[i].run)) } catch {
                    failures.withLock { $0 += 1 }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            #expect(try canonicalDump(serial) == canonicalDump(parallel))
        }
    }
}

@Suite struct ShardTests {
    @Test func parsesAndDealsEveryItemToExactlyOneShard() throws {
        let s = try Shard(parsing: "2/3")
        #expect(s.index == 2 && s.count == 3 && s.description == "2/3")
        let e = try #require(throws: StoreError.self) { try Shard(parsing: "5/4") }
        #expect(e.description == "error STO007: shard 5/4: expected i/N with 1 <= i <= N")
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "/3", "1/3/4"] {
            let e = try #require(throws: StoreError.self, "\(bad)") { try Shard(parsing: bad) }
            #expect(e.code == "STO007")
        }
        let shards = try (1...3).map { try Shard(index: $0, count: 3) }
        for k in 0..<100 { #expect(shards.filter { $0.owns(k) }.count == 1) }
        #expect((0..<10).allSatisfy(Shard.whole.owns))
    }
}
