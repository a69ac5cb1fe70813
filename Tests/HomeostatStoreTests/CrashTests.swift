import Foundation
import GRDB
import Glibc
import HomeostatStore
import Testing

/// A writer killed with SIGKILL at a random moment leaves a consistent store — every run
/// wholly there or wholly absent — that resumes to exactly what an uninterrupted writer leaves.
///
/// The writer is this test binary itself, started with `HOMEOSTAT_STORE_CRASH_CHILD=PATH` and a
/// filter that selects ``childWritesTheSweep()`` (skipped in a normal test run).
@Suite struct CrashTests {
    static let points = 3, runs = 80, rows = 200
    static let childPath = ProcessInfo.processInfo.environment["HOMEOSTAT_STORE_CRASH_CHILD"]

    /// Writes every run of the sweep that `path` does not hold yet, one transaction per run.
    static func writeMissingRuns(_ path: String) throws {
        let store = try ResultStore(path: path)
        let id = try openExperiment(store)
        for p in 0..<points { try store.recordPoint(experiment: id, index: p, parameters: parameters(point: p)) }
        let done = try store.finishedRuns(experiment: id)
        for k in allKeys(points: points, runs: runs) where !done.contains(k) {
            try store.recordRun(sampleRun(id, point: k.point, run: k.run, rows: rows))
        }
    }

    @Test(.enabled(if: childPath != nil, "the child process of killedWriterLeavesWholeRunsAndResumes"))
    func childWritesTheSweep() throws {
        try Self.writeMissingRuns(Self.childPath!)
    }

    /// Stored runs, or 0 while the child has not created the schema yet.
    static func storedRuns(_ path: String) -> Int {
        var config = Configuration()
        config.readonly = true
        return (try? DatabaseQueue(path: path, configuration: config).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM runs")
        } ?? 0) ?? 0
    }

    @Test(.enabled(if: childPath == nil))
    func killedWriterLeavesWholeRunsAndResumes() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/crash.sqlite"
            let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var generator = SystemRandomNumberGenerator()
            var previous = 0
            for attempt in 1...3 {
                let child = Process()
                child.executableURL = URL(fileURLWithPath: executable)
                child.arguments = ["--testing-library", "swift-testing", "--filter", "childWritesTheSweep"]
                child.environment = ProcessInfo.processInfo.environment.merging(["HOMEOSTAT_STORE_CRASH_CHILD": path]) { $1 }
                child.standardOutput = FileHandle.nullDevice
                child.standardError = FileHandle.nullDevice
                try child.run()
                // Wait until the child has written a random number of new runs, then kill it a
                // random few milliseconds later: mid-transaction or between two.
                let target = previous + Int.random(in: 1...25, using: &generator)
                let deadline = Date().addingTimeInterval(60)
                while Self.storedRuns(path) < target && child.isRunning && Date() < deadline { usleep(1_000) }
                let delay = UInt32.random(in: 0...3_000, using: &generator)
                usleep(delay)
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
                #expect(child.terminationReason == .uncaughtSignal, "attempt \(attempt): the child ended before it was killed")

                // Consistent: SQLite's checks pass, and every stored run is whole.
                let queue = try DatabaseQueue(path: path)
                let (integrity, orphans) = try queue.read { db in
                    (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
                }
                #expect(integrity == ["ok"] && orphans == 0)
                let store = try ResultStore(path: path)
                let id = try openExperiment(store)
                let stored = try store.loadRuns(experiment: id)
                for r in stored { expectSameRun(r, sampleRun(id, point: r.point, run: r.run, rows: Self.rows)) }
                #expect(stored.count > previous, "attempt \(attempt), killed \(delay) µs after \(target) runs")
                #expect(stored.count < Self.points * Self.runs, "attempt \(attempt): nothing left to interrupt")
                previous = stored.count
            }
            // Resume to the end in-process; compare with an uninterrupted writer.
            try Self.writeMissingRuns(path)
            try Self.writeMissingRuns(dir + "/straight.sqlite")
            #expect(try canonicalDump(path) == canonicalDump(dir + "/straight.sqlite"))
        }
    }
}
