import Foundation
import GRDB
import HomeostatStore
import Testing

/// Checks `docs/store.md`: the worked query gives the result block printed under it, and the
/// schema block names every table and column the store has.
@Suite struct DocsTests {
    static let docs: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/store.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The body of the fenced block whose info string is `info`.
    static func block(_ info: String) -> String? {
        guard let start = docs.range(of: "```" + info + "\n"), let end = docs.range(of: "\n```", range: start.upperBound..<docs.endIndex)
        else { return nil }
        return String(docs[start.upperBound..<end.lowerBound])
    }

    /// The sweep the docs describe: volatility 0.4 and 0.8, three runs each, one failed.
    static func makeExample(_ path: String) throws {
        let store = try ResultStore(path: path)
        let id = try store.openOrCreateExperiment(
            scenarioText: "name: my-sweep", scenarioName: "my-sweep", scenarioHash: "h", version: "0.1.0",
            command: "homeostat sweep my-sweep.yaml", kind: "sweep")
        let shares: [[Double]] = [[0.25, 0.5, 0.75], [0.125, 0.375, 0.9]]
        for (p, volatility) in [0.4, 0.8].enumerated() {
            try store.recordPoint(experiment: id, index: p, parameters: [NamedValue("market.volatility", volatility)])
            for run in 1...3 {
                let failed = p == 1 && run == 3
                try store.recordRun(StoredRun(
                    experiment: id, point: p, run: run, seed: 42, status: failed ? .failed : .completed,
                    error: failed ? "day 12: negative balance" : nil, seconds: 1,
                    finals: [NamedValue("price", 1.5), NamedValue("locked_share", shares[p][run - 1])]))
            }
        }
    }

    @Test func theWorkedQueryGivesThePrintedResult() throws {
        let sql = try #require(Self.block("sql example"))
        let expected = try #require(Self.block("text result"))
        try withTemporaryDirectory { dir in
            try Self.makeExample(dir + "/homeostat.sqlite")
            let rows = try DatabaseQueue(path: dir + "/homeostat.sqlite").read { db in try Row.fetchAll(db, sql: sql) }
            let header = try #require(rows.first).columnNames.joined(separator: "|")
            let lines = rows.map { row in
                row.databaseValues.map { v -> String in
                    switch v.storage {
                    case .double(let d): d.description
                    case .int64(let i): String(i)
                    case .string(let s): s
                    default: "\(v)"
                    }
                }.joined(separator: "|")
            }
            #expect(([header] + lines).joined(separator: "\n") == expected)
        }
    }

    @Test func theSchemaBlockNamesEveryTableAndColumn() throws {
        let schema = try #require(Self.block("sql"))
        try withTemporaryDirectory { dir in
            _ = try ResultStore(path: dir + "/s.sqlite")
            let columns = try DatabaseQueue(path: dir + "/s.sqlite").read { db in
                try Row.fetchAll(db, sql: """
                    SELECT m.name AS t, c.name AS c FROM sqlite_master m, pragma_table_info(m.name) c
                    WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'grdb%' ORDER BY 1, c.cid
                    """).map { ($0["t"] as String, $0["c"] as String) }
            }
            #expect(columns.count > 40)
            for (table, column) in columns {
                #expect(schema.contains(table) && schema.contains(column), "\(table).\(column) is not in docs/store.md")
            }
        }
    }
}
