import HomeostatTesting
import Foundation
import HomeostatCore
import Testing
@testable import HomeostatReport

/// Appends to a String and counts the writes it receives.
struct CountingStream: TextOutputStream {
    var text = ""
    var writes = 0
    mutating func write(_ string: String) {
        text += string
        writes += 1
    }
}

/// Splits CSV text into rows of fields (RFC 4180 quoting), to read back what we wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    for c in text {
        if quoted {
            if c == "\"" {
                quoted = false
                afterQuote = true
            } else {
                field.append(c)
            }
            continue
        }
        if c == "\"" {
            if afterQuote { field.append("\"") }  // "" inside a quoted field
            quoted = true
            afterQuote = false
            continue
        }
        afterQuote = false
        if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("homeostat-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct WriterTests {
    static let metadata = RunMetadata(
        scenario: "fixture \"four runs\"", seed: 18_446_744_073_709_551_557, version: "0.1.0-test", horizonDays: 5)

    @Test func summaryJSONGolden() throws {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let text = SummaryJSON.render(summary, metadata: Self.metadata)
        expectGolden(text, named: "summary.json")
        // It is JSON, NaN and infinity became null, and numbers read back exactly.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        let custom = try #require(metrics["custom_score"] as? [String: Any])
        let customFinal = try #require(custom["final"] as? [String: Any])
        #expect(customFinal["max"] is NSNull && customFinal["mean"] is NSNull && customFinal["stdev"] is NSNull)
        #expect(custom["unit"] is NSNull)
        let price = try #require((metrics["price"] as? [String: Any])?["final"] as? [String: Any])
        let mean = try #require(price["mean"] as? Double)
        #expect(mean.bitPattern == summary.metric("price")!.final.mean.bitPattern)
        #expect(object["runs"] as? Int == 4)
        #expect(object["scenario"] as? String == "fixture \"four runs\"")
    }

    @Test func summaryJSONIsByteStableAndSorted() throws {
        let a = SummaryJSON.render(try EnsembleSummary(runs: Fixtures.ensemble()), metadata: Self.metadata)
        let b = SummaryJSON.render(try EnsembleSummary(runs: Fixtures.ensemble()), metadata: Self.metadata)
        #expect(a == b)
        let topKeys = a.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { String($0.split(separator: ":")[0]) }
        #expect(topKeys == ["  \"horizon_days\"", "  \"metrics\"", "  \"runs\"", "  \"scenario\"", "  \"seed\"", "  \"version\""])
        #expect(a.contains("\"seed\": 18446744073709551557,"))
    }

    @Test func timeseriesCSVGolden() throws {
        var stream = CountingStream()
        try TimeseriesCSV.write(Fixtures.ensemble(), to: &stream)
        expectGolden(stream.text, named: "timeseries.csv")
        #expect(stream.text.hasPrefix("run,step,price,locked_share,treasury_cash,real_yield,custom_score,unset_metric\n"))
        // One write per line: nothing bigger than a line is built up.
        #expect(stream.writes == 1 + 4 * 5)
    }

    @Test func summaryTableGolden() throws {
        let summary = try EnsembleSummary(runs: Fixtures.ensemble())
        let table = SummaryTable.render(summary)
        expectGolden(table, named: "summary-table.txt")
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.last != " " })
        // The last column is right-aligned: header, rule and rows all end at the same column.
        #expect(Set(lines.dropFirst().prefix(2 + Fixtures.names.count).map(\.count)).count == 1)
    }

    @Test func filesAreWrittenWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = Fixtures.ensemble()
        let summary = try EnsembleSummary(runs: runs)
        let csvPath = dir.appendingPathComponent("timeseries.csv").path
        let jsonPath = dir.appendingPathComponent("summary.json").path
        try TimeseriesCSV.write(runs, toFile: csvPath)
        try SummaryJSON.write(summary, metadata: Self.metadata, toFile: jsonPath)
        var stream = CountingStream()
        try TimeseriesCSV.write(runs, to: &stream)
        #expect(FileManager.default.contents(atPath: csvPath) == Data(stream.text.utf8))
        #expect(
            FileManager.default.contents(atPath: jsonPath)
                == Data(SummaryJSON.render(summary, metadata: Self.metadata).utf8))
        // No `.partial` file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["summary.json", "timeseries.csv"])
    }

    @Test func unwritablePathIsAnError() throws {
        let error = #expect(throws: ReportError.self) {
            try TimeseriesCSV.write(Fixtures.ensemble(), toFile: "/nonexistent-dir-\(UUID().uuidString)/t.csv")
        }
        #expect(error?.code == "RPT004")
        #expect(error?.description.contains("No such file or directory") == true)
    }

    @Test func csvRejectsRunsWithDifferentMetrics() {
        var other = MetricRecorder(names: ["price"])
        other.record(step: 1, [1])
        var stream = CountingStream()
        let error = #expect(throws: ReportError.self) {
            try TimeseriesCSV.write([Fixtures.ensemble()[0], other], to: &stream)
        }
        #expect(error?.code == "RPT001")
        #expect(stream.text.isEmpty)
    }

    @Test func csvRoundTripsEveryDoubleBitForBit() throws {
        // Hard cases first, then random bit patterns: 40 runs × 365 steps, written to disk.
        let special: [Double] = [
            -0.0, 0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            0.1 + 0.2, 1e21, 1e-7, 9.999999999999999e20, 1.2345678901234567e-7, 9007199254740994,
            .nan, .infinity, -.infinity, 1 / 3,
        ]
        var bits = SplitMix64(state: 7)
        var runs: [MetricRecorder] = []
        for run in 0..<40 {
            var recorder = MetricRecorder(names: ["a", "b,c", "q\"uote"], capacity: 365)
            for step in 0..<365 {
                var row: [Double] = []
                for column in 0..<3 {
                    let k = run * 365 * 3 + step * 3 + column
                    row.append(k < special.count ? special[k] : Double(bitPattern: bits.next()))
                }
                recorder.record(step: step, row)
            }
            runs.append(recorder)
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.csv").path
        try TimeseriesCSV.write(runs, runIndices: (0..<40).map { $0 + 100 }, toFile: path)
        let data = try #require(FileManager.default.contents(atPath: path))
        let rows = parseCSV(String(decoding: data, as: UTF8.self))
        #expect(rows.count == 1 + 40 * 365)
        #expect(rows[0] == ["run", "step", "a", "b,c", "q\"uote"])
        var mismatches: [String] = []
        for (r, run) in runs.enumerated() {
            for step in 0..<365 {
                let fields = rows[1 + r * 365 + step]
                if fields.count != 5 || fields[0] != String(r + 100) || fields[1] != String(step) {
                    mismatches.append("run \(r) step \(step): \(fields)")
                    continue
                }
                for column in 0..<3 {
                    let expected = run.columns[column][step]
                    let field = fields[2 + column]
                    let ok = expected.isNaN ? field.isEmpty : Double(field)?.bitPattern == expected.bitPattern
                    if !ok { mismatches.append("\(expected) written as \(field)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Spot checks of the layout: special[k] is in row 1 + k / 3, field 2 + k % 3.
        #expect(rows[1][2] == "-0" && rows[1][3] == "0" && rows[1][4] == "5e-324")
        #expect(rows[3][3] == "1e+21" && rows[3][4] == "1e-7")
        #expect(rows[4][2] == "999999999999999900000" && rows[4][3] == "1.2345678901234566e-7")
        #expect(rows[5][2] == "" && rows[5][3] == "inf" && rows[5][4] == "-inf")
    }
}
