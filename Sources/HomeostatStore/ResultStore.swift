import Foundation
import GRDB

/// The results store: one SQLite file holding experiments, their parameter points, runs,
/// final metric values and (optionally) compressed per-step series.
///
/// Every run is written in one transaction, so after an interruption of any kind (Ctrl-C,
/// `kill -9`, a power cut) each run is either fully in the store or absent, and a resumed
/// experiment skips exactly the runs in ``finishedRuns(experiment:includeFailed:)``.
///
/// The file is in WAL mode with `synchronous=FULL`: a commit returns only after the WAL is on
/// disk, so a run reported as stored survives a power cut too. (`NORMAL` would keep the file
/// consistent but could lose the last runs committed before the cut; resuming would redo them
/// with the same results, but a shard reported finished could come back short.) The cost is
/// one fsync per run, small next to a run.
///
/// The store is safe to use from several threads; writes are serialised, reads run
/// concurrently. Any SQLite client can read the file meanwhile (`docs/store.md`).
public final class ResultStore: Sendable {
    /// The file path (`:memory:` is not supported: WAL needs a file).
    public let path: String
    let pool: DatabasePool

    /// Opens the store at `path`, creating the file and the schema if needed, and migrating an
    /// older schema.
    ///
    /// - Throws: ``StoreError``: `STO002` if the file is some other program's SQLite database
    ///   or a store written by a newer Homeostat; `STO001` if SQLite fails (no such folder,
    ///   not a database, no permission).
    public init(path: String) throws(StoreError) {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError(.database(Self.message(error)), path: path)
        }
        try Self.wrap(path) {
            try pool.barrierWriteWithoutTransaction { db in
                try Self.checkIdentity(db, path: path, creating: true)
                // DatabasePool sets `synchronous = NORMAL` on its writer after
                // `prepareDatabase` has run, so set FULL again on the (one, long-lived) writer.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Self.migrator.migrate(pool)
        }
    }

    /// Refuses a database that is not a Homeostat store; stamps a new, empty file as one.
    static func checkIdentity(_ db: Database, path: String, creating: Bool) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        if appID == 0 && tables == 0 {
            guard creating else { throw StoreError(.notAStore("empty file, not a Homeostat results store"), path: path) }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        } else if appID != applicationID {
            throw StoreError(.notAStore("an SQLite database, but not a Homeostat results store"), path: path)
        }
        if try migrator.hasBeenSuperseded(db) {
            throw StoreError(.notAStore("written by a newer Homeostat (unknown schema migrations); use that version"), path: path)
        }
    }

    /// Runs `body`, turning any GRDB error into ``StoreError`` (`STO001`) naming `path`.
    static func wrap<T>(_ path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.database(message(error)), path: path)
        }
    }

    static func message(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            return e.message.map { "\($0) (\(e.resultCode))" } ?? "\(e.resultCode)"
        }
        return "\(error)"
    }

    func wrap<T>(_ body: () throws -> T) throws(StoreError) -> T { try Self.wrap(path, body) }
}
