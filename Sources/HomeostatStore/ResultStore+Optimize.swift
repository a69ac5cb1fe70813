import Foundation
import GRDB

extension ResultStore {
    /// The experiment kind `homeostat optimize` stores: point `i` is the `i`-th distinct
    /// candidate, its runs are the common run indices, and each run carries, besides its
    /// final values, the optimiser's per-run measures under ``optimizeMeasureName(_:)``.
    public static let optimizeKind = "optimize"

    /// The stored name of measure `k` of an optimisation (objectives first, then
    /// constraints): `optimize.measure[k]`. The dot keeps it out of the final-value lists.
    public static func optimizeMeasureName(_ k: Int) -> String { "optimize.measure[\(k)]" }

    /// For every stored run of an experiment, the values stored under `names`, in that
    /// order (NaN where a run has no such value): what a resumed optimisation needs to
    /// replay its evaluations without loading every final value.
    ///
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func namedValues(experiment: ExperimentID, names: [String]) throws(StoreError) -> [RunKey: [Double]] {
        var position: [String: Int] = [:]
        for (i, name) in names.enumerated() { position[name] = i }
        return try wrap {
            try pool.read { db in
                var result: [RunKey: [Double]] = [:]
                let runs = try Row.fetchCursor(
                    db, sql: "SELECT point, run FROM runs WHERE experiment_id = ?", arguments: [experiment.rawValue])
                while let row = try runs.next() {
                    result[RunKey(point: row[0], run: row[1])] = Array(repeating: .nan, count: names.count)
                }
                guard !names.isEmpty else { return result }
                let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT point, run, name, value FROM metrics WHERE experiment_id = ? AND name IN (\(marks))",
                    arguments: StatementArguments([experiment.rawValue] as [any DatabaseValueConvertible] + names))
                while let row = try rows.next() {
                    let key = RunKey(point: row["point"], run: row["run"])
                    guard let i = position[row["name"]], result[key] != nil else { continue }
                    result[key]![i] = try Self.double(row["value"])
                }
                return result
            }
        }
    }
}
