import HomeostatTesting
import Foundation
import HomeostatCore
import HomeostatStore
import Testing

@Suite struct ExportTests {
    /// Two experiments; the sweep has two points of two runs with awkward values and text.
    func makeStore(_ path: String) throws -> ResultStore {
        let store = try ResultStore(path: path)
        let id = try openExperiment(store)
        for p in 0..<2 { try store.recordPoint(experiment: id, index: p, parameters: parameters(point: p)) }
        let values: [[Double]] = [[0.1, -0.0, .nan], [1e-7, .infinity, 123456789.125], [-.infinity, 1e300, 2], [.leastNonzeroMagnitude, 0, -1.5]]
        for (i, key) in allKeys(points: 2, runs: 2).enumerated() {
            var finals = [NamedValue("locked_share", values[i][0]), NamedValue("sell_pressure", values[i][1])]
            if key.run == 2 { finals.append(NamedValue("run", values[i][2])) }  // clashes with the `run` column
            try store.recordRun(StoredRun(
                experiment: id, point: key.point, run: key.run, seed: key.run == 1 ? 42 : .max,
                status: i == 3 ? .failed : .completed, error: i == 3 ? "day 3: \"escrow\", line\nbreak\t\u{1}" : nil,
                seconds: 0.25 * Double(i + 1), finals: finals))
        }
        let other = try store.openOrCreateExperiment(
            scenarioText: "name: \"a, b\"", scenarioName: "a, b", scenarioHash: "h2", version: "1.0.0", command: "homeostat run", kind: "run")
        try store.recordPoint(experiment: other, index: 0, parameters: [])
        try store.recordRun(StoredRun(experiment: other, point: 0, run: 1, seed: 7, status: .completed, seconds: 1, finals: [NamedValue("price", 0.5)]))
        return store
    }

    @Test func csv() throws {
        try withTemporaryDirectory { dir in
            let store = try makeStore(dir + "/s.sqlite")
            var text = ""
            try store.export(format: .csv, to: &text)
            expectGolden(text, named: "export.csv")

            // Numbers read back as the same Doubles (the first three rows have no quoted field).
            let lines = text.split(separator: "\n")
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let column = try #require(header.firstIndex(of: "sell_pressure"))
            let parsed = lines[1...3].map { Double(String($0.split(separator: ",", omittingEmptySubsequences: false)[column]))! }
            #expect(parsed.map(\.bitPattern) == [-0.0, .infinity, 1e300].map(\.bitPattern))
            #expect(header.contains("metric:run") && header.contains("param:market.volatility"))
        }
    }

    @Test func jsonl() throws {
        try withTemporaryDirectory { dir in
            let store = try makeStore(dir + "/s.sqlite")
            var text = ""
            try store.export(format: .jsonl, to: &text)
            expectGolden(text, named: "export.jsonl")
            // Every line is JSON (Foundation rejects 1e999, so check the finite lines).
            for line in text.split(separator: "\n") where !line.contains("1e999") {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
            }
            var one = ""
            try store.export(format: .jsonl, experiment: ExperimentID(rawValue: 2), to: &one)
            #expect(one == #"{"experiment":2,"scenario":"a, b","kind":"run","point":0,"run":1,"seed":7,"status":"completed","error":null,"seconds":1.0,"parameters":{},"metrics":{"price":0.5}}"# + "\n")
        }
    }
}
