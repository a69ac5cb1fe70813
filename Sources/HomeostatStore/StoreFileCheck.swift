import Foundation
import GRDB

/// Checks that a file meant to be read as a store is a whole, sound SQLite database before
/// anything opens it for writing, so reading commands (`merge`'s shards, `export`,
/// `report`) never turn a bad file into a store or copy damaged rows.
enum StoreFileCheck {
    /// Refuses an empty file, a file that is not SQLite, and one whose size is not a whole
    /// number of pages or falls short of the page count its header records (a truncated
    /// copy: SQLite reads the missing bytes as zeros and returns changed values).
    ///
    /// Reads only the file; creates and modifies nothing.
    static func checkFile(_ path: String) throws(StoreError) {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw StoreError(.badShardFile("no such file"), path: path)
        }
        guard size > 0 else {
            throw StoreError(.emptyFile, path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.database("cannot open the file for reading"), path: path)
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError(.damaged("not an SQLite database (no SQLite header)"), path: path)
        }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        let pages = Int(header[28]) << 24 | Int(header[29]) << 16 | Int(header[30]) << 8 | Int(header[31])
        guard pageSize >= 512, size % pageSize == 0 else {
            throw StoreError(.damaged("\(size) bytes is not a whole number of \(pageSize)-byte pages: the file is truncated or damaged"), path: path)
        }
        guard size >= pages * pageSize else {
            throw StoreError(
                .damaged("the header records \(pages) pages but the file holds \(size / pageSize): the file is truncated"), path: path)
        }
    }

    /// Runs `PRAGMA integrity_check` and refuses the file unless SQLite answers `ok`.
    static func checkIntegrity(_ db: Database, path: String) throws {
        let answers = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard answers == ["ok"] else {
            let first = answers.prefix(3).joined(separator: "; ")
            throw StoreError(.damaged("PRAGMA integrity_check fails: \(first)"), path: path)
        }
    }
}

extension ResultStore {
    /// Opens an existing store for reading commands (`export`, `report`): refuses a missing,
    /// empty, truncated or damaged file, or a database that is not a store, without creating
    /// or changing anything; then opens it as ``init(path:)`` does.
    ///
    /// - Throws: ``StoreError``: `STO100` for an empty file, `STO101` for a damaged one,
    ///   `STO002` for another program's database.
    public static func openExisting(path: String) throws(StoreError) -> ResultStore {
        try checkReadable(path)
        return try ResultStore(path: path)
    }

    /// The checks of ``openExisting(path:)`` on a read-only connection, which writes nothing.
    static func checkReadable(_ path: String) throws(StoreError) {
        try StoreFileCheck.checkFile(path)
        // A read-only connection to a WAL database still creates its -wal and -shm files;
        // when the file is refused, remove the ones this check created (an empty log and
        // the shared-memory index, which holds no data).
        let companions = [path + "-wal", path + "-shm"].filter { !FileManager.default.fileExists(atPath: $0) }
        var config = Configuration()
        config.readonly = true
        do {
            try wrap(path) {
                let queue = try DatabaseQueue(path: path, configuration: config)
                try queue.read { db in
                    try checkIdentity(db, path: path, creating: false)
                    try StoreFileCheck.checkIntegrity(db, path: path)
                }
            }
        } catch {
            for file in companions {
                let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber
                if file.hasSuffix("-shm") || size?.intValue == 0 { try? FileManager.default.removeItem(atPath: file) }
            }
            throw error
        }
    }
}
