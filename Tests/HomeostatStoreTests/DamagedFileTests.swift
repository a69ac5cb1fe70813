import Foundation
import HomeostatCore
import HomeostatStore
import Testing

/// Empty, truncated and corrupt files given to `merge` (as shards and as the output) and to
/// the reading commands (`export`, `report`, through ``ResultStore/openExisting(path:)``):
/// each is refused with a store error, and nothing is created or changed (issue #10: an empty
/// file became a 53 KB store, a truncated shard merged with a changed value, a corrupt one
/// wrote NULLs).
@Suite struct DamagedFileTests {
    enum Damage: String, CaseIterable, Sendable {
        case empty, truncatedByOneByte, truncatedByAPage, corruptPages, notSQLite
    }

    /// A small, sound store with one experiment (shard 1/1 of the test sweep), checkpointed
    /// into its main file so that damaging the file damages the data.
    static func writeStore(_ path: String, shard: Shard = .whole) throws {
        let store = try ResultStore(path: path)
        let id = try openExperiment(store, shard: shard)
        try record(store, id, points: 2, keys: allKeys(points: 2, runs: 3))
    }

    static func damage(_ path: String, _ damage: Damage) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        switch damage {
        case .empty: bytes = []
        case .truncatedByOneByte: bytes.removeLast()
        case .truncatedByAPage: bytes.removeLast(pageSize)
        case .corruptPages:
            // Scramble the cell pointers of every page but the schema page: the tables'
            // b-trees point into nonsense, which `PRAGMA integrity_check` reports.
            for page in 1..<(bytes.count / pageSize) {
                for k in 8..<24 { bytes[page * pageSize + k] = 0xFF }
            }
        case .notSQLite: bytes = Array("run,step,price\n1,1,1.0\n".utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The store file and the files SQLite keeps beside it.
    static func folderListing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    @Test(arguments: Damage.allCases)
    func damagedShardIsRefusedAndNoOutputIsCreated(_ damage: Damage) throws {
        try withTemporaryDirectory { dir in
            let shard = dir + "/shard.sqlite"
            try Self.writeStore(shard, shard: Shard(index: 1, count: 1))
            try Self.damage(shard, damage)
            let before = Self.contents(shard)
            let out = dir + "/merged.sqlite"
            let error = try #require(throws: StoreError.self) { try ResultStore.merge(into: out, shards: [shard]) }
            #expect(["STO100", "STO101", "STO001"].contains(error.code), "\(error)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(Self.folderListing(dir))")
            #expect(Self.contents(shard) == before)
        }
    }

    @Test func truncatedShardNamesTheTruncation() throws {
        try withTemporaryDirectory { dir in
            let shard = dir + "/shard.sqlite"
            try Self.writeStore(shard, shard: Shard(index: 1, count: 1))
            try Self.damage(shard, .truncatedByOneByte)
            let error = try #require(throws: StoreError.self) { try ResultStore.merge(into: dir + "/m.sqlite", shards: [shard]) }
            #expect(error.code == "STO101" && error.description.contains("truncated"), "\(error)")
        }
    }

    @Test func corruptShardFailsTheIntegrityCheck() throws {
        try withTemporaryDirectory { dir in
            let shard = dir + "/shard.sqlite"
            try Self.writeStore(shard, shard: Shard(index: 1, count: 1))
            try Self.damage(shard, .corruptPages)
            let error = try #require(throws: StoreError.self) { try ResultStore.merge(into: dir + "/m.sqlite", shards: [shard]) }
            #expect(error.code == "STO101" || error.code == "STO001", "\(error)")
        }
    }

    @Test(arguments: [Damage.truncatedByOneByte, .corruptPages, .notSQLite])
    func damagedOutputOfAMergeIsRefusedAndLeftAlone(_ damage: Damage) throws {
        try withTemporaryDirectory { dir in
            let shard = dir + "/shard.sqlite"
            try Self.writeStore(shard, shard: Shard(index: 1, count: 1))
            let out = dir + "/merged.sqlite"
            try Self.writeStore(out)
            try Self.damage(out, damage)
            let before = Self.contents(out)
            #expect(throws: StoreError.self) { try ResultStore.merge(into: out, shards: [shard]) }
            #expect(Self.contents(out) == before)
        }
    }

    /// What `export` and `report` open: every damage is refused, and the file is not turned
    /// into a store (no bytes written, no WAL or SHM files left beside it).
    @Test(arguments: Damage.allCases)
    func openExistingRefusesDamagedFilesWithoutWriting(_ damage: Damage) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/homeostat.sqlite"
            try Self.writeStore(path)
            try Self.damage(path, damage)
            let before = Self.contents(path)
            let error = try #require(throws: StoreError.self) { _ = try ResultStore.openExisting(path: path) }
            #expect(["STO100", "STO101", "STO001", "STO002"].contains(error.code), "\(error)")
            if damage == .empty { #expect(error.code == "STO100") }
            #expect(Self.contents(path) == before)
            #expect(Self.folderListing(dir) == ["homeostat.sqlite"])
        }
    }

    @Test func openExistingOpensASoundStore() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/homeostat.sqlite"
            try Self.writeStore(path)
            let store = try ResultStore.openExisting(path: path)
            #expect(try store.experiments().count == 1)
            var text = ""
            try store.export(format: .csv, to: &text)
            #expect(text.split(separator: "\n").count == 1 + 2 * 3)
        }
    }

    @Test func exportNeutralisesFormulasAndQuotesLineBreaks() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            let id = try store.openOrCreateExperiment(
                scenarioText: "name: x\n", scenarioName: "=HYPERLINK(\"http://x\")\r\nnext", scenarioHash: "h", version: "1",
                command: "c", kind: "run")
            try store.recordPoint(experiment: id, index: 0, parameters: [])
            try store.recordRun(StoredRun(
                experiment: id, point: 0, run: 1, seed: 1, status: .failed, error: "@SUM(A1)", seconds: 0,
                finals: [NamedValue("m", -1.5)], series: nil))
            var text = ""
            try store.export(format: .csv, to: &text)
            let row = String(text.split(separator: "\n", maxSplits: 1)[1])
            #expect(row.hasPrefix("1,\"'=HYPERLINK(\"\"http://x\"\")\r\nnext\",run,"), "\(row)")
            #expect(text.contains(",'@SUM(A1),"), "\(text)")
            #expect(text.hasSuffix(",-1.5\n"), "numbers are not prefixed: \(text)")
        }
    }
}
