import Foundation
import Testing

/// `homeostat run` end to end on a small BM-1: the files it writes, their shape, and
/// that they do not depend on the thread count but do depend on the seed.
@Suite struct RunTests {
    static let holders = 200
    static let days = 60
    static let runs = 3

    /// examples/bm1.yaml with 200 holders, 60 days and 3 runs. Each replaced line must exist
    /// exactly once, so a change to the example shows up here rather than as a silent no-op.
    static func smallBM1() throws -> String {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("examples/bm1.yaml"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let replacements = [
            ("runs:", "runs: \(runs)"),
            ("horizon_days:", "horizon_days: \(days)"),
            ("    count:", "    count: \(holders)"),
        ]
        for (prefix, replacement) in replacements {
            let matches = lines.indices.filter { lines[$0].hasPrefix(prefix) }
            try #require(matches.count == 1, "examples/bm1.yaml has \(matches.count) lines starting with '\(prefix)'")
            lines[matches[0]] = replacement
        }
        return lines.joined(separator: "\n")
    }

    /// Runs the small BM-1 into `dir/name` and returns the result.
    static func run(in dir: TemporaryDirectory, name: String, threads: Int, seed: Int? = nil) throws -> CLI.Result {
        let scenario = try dir.write("bm1-small.yaml", smallBM1())
        var arguments = ["run", scenario, "--out", dir.path(name), "--quiet", "--threads", String(threads)]
        if let seed { arguments += ["--seed", String(seed)] }
        return try CLI.run(arguments)
    }

    static func contents(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func runWritesTheSummaryAndTheTimeseries() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try Self.run(in: dir, name: "out", threads: 2)
        expectExit(result, 0)
        #expect(result.stdout.isEmpty, "--quiet prints nothing but errors: \(result)")
        #expect(result.stderr.isEmpty, "--quiet prints nothing but errors: \(result)")

        // summary.json
        let json = try JSONSerialization.jsonObject(with: Self.contents(dir.path("out/summary.json")))
        let summary = try #require(json as? [String: Any], "summary.json is not an object")
        #expect(summary["scenario"] as? String == "bm1")
        #expect((summary["seed"] as? NSNumber)?.intValue == 1, "the seed of examples/bm1.yaml")
        #expect((summary["runs"] as? NSNumber)?.intValue == Self.runs)
        #expect((summary["horizon_days"] as? NSNumber)?.intValue == Self.days)
        let version = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(summary["version"] as? String == version, "summary.json's version is the binary's (\(version))")
        let metrics = try #require(summary["metrics"] as? [String: Any])
        let price = try #require(metrics["price"] as? [String: Any])
        let final = try #require(price["final"] as? [String: Any])
        var statistic: [String: Double] = [:]
        for key in ["mean", "p5", "p50", "p95", "min", "max"] {
            let value = try #require((final[key] as? NSNumber)?.doubleValue, "metrics.price.final.\(key) is not a number")
            #expect(value.isFinite && value > 0, "metrics.price.final.\(key) = \(value)")
            statistic[key] = value
        }
        let (p5, p50, p95) = (statistic["p5"]!, statistic["p50"]!, statistic["p95"]!)
        #expect(statistic["min"]! <= p5 && p5 <= p50 && p50 <= p95 && p95 <= statistic["max"]!)
        #expect((final["count"] as? NSNumber)?.intValue == Self.runs)

        // timeseries.csv
        let csv = String(decoding: try Self.contents(dir.path("out/timeseries.csv")), as: UTF8.self)
        let lines = csv.split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        #expect(header.starts(with: ["run", "step"]), "header: \(header)")
        #expect(Set(header.dropFirst(2)) == Set(metrics.keys), "the CSV and the summary have the same metrics")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == Self.runs * Self.days, "\(rows.count) rows")
        #expect(rows.allSatisfy { $0.count == header.count }, "every row has as many fields as the header")
        var finalPrices: [Double] = []
        for (position, run) in Array(Set(rows.map { $0[0] })).sorted().enumerated() {
            let runRows = rows.filter { $0[0] == run }
            #expect(runRows.map { Int($0[1]) } == Array(1...Self.days), "run \(run) has one row per day, in order (\(position))")
            let priceColumn = try #require(header.firstIndex(of: "price"))
            finalPrices.append(try #require(Double(runRows.last![priceColumn])))
        }
        #expect(finalPrices.count == Self.runs)
        let mean = finalPrices.reduce(0, +) / Double(finalPrices.count)
        #expect(abs(mean - statistic["mean"]!) <= 1e-12 * mean, "summary mean \(statistic["mean"]!) vs CSV final prices \(finalPrices)")
        // (Within 1e-12: Foundation's JSONSerialization on Linux does not always parse a
        // shortest round-trip decimal back to the same Double; the files print the same digits.)
        for (key, value) in [("min", finalPrices.min()!), ("max", finalPrices.max()!)] {
            #expect(abs(value - statistic[key]!) <= 1e-12 * value, "summary \(key) \(statistic[key]!) vs CSV \(value)")
        }
    }

    /// The report's summary names the scenario's pools and incentive mechanisms.
    @Test func reportSummaryNamesPoolsAndIncentiveMechanisms() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (example, expected) in [
            ("three-pools", ["pools: main (constant_product, TKN/USD), weth (concentrated, TKN/WETH), stable (stableswap, USD/USDT)"]),
            ("curve-wars", ["3 gauges (ve-voted, boosted)", "2 bribe offers"]),
            ("staking-cooldown", ["staking (10-day cool-down)"]),
        ] {
            let scenario = CLI.repository.appendingPathComponent("examples/\(example).yaml").path
            let result = try CLI.run([
                "run", scenario, "--runs", "1", "--out", dir.path(example), "--quiet", "--no-store",
            ])
            expectExit(result, 0)
            let html = String(decoding: try Self.contents(dir.path("\(example)/report.html")), as: UTF8.self)
            for text in expected { #expect(html.contains(text), "\(example): \(text)") }
        }
    }

    @Test func outputDoesNotDependOnTheThreadCount() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try Self.run(in: dir, name: "two", threads: 2), 0)
        expectExit(try Self.run(in: dir, name: "one", threads: 1), 0)
        for file in ["summary.json", "timeseries.csv"] {
            let two = try Self.contents(dir.path("two/\(file)"))
            let one = try Self.contents(dir.path("one/\(file)"))
            #expect(!two.isEmpty)
            #expect(two == one, "\(file) differs between --threads 2 and --threads 1")
        }
    }

    @Test func anotherSeedGivesAnotherSummary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try Self.run(in: dir, name: "default", threads: 2), 0)
        expectExit(try Self.run(in: dir, name: "seed2", threads: 2, seed: 2), 0)
        let first = try Self.contents(dir.path("default/summary.json"))
        let second = try Self.contents(dir.path("seed2/summary.json"))
        #expect(first != second)
        let json = try #require(try JSONSerialization.jsonObject(with: second) as? [String: Any])
        #expect((json["seed"] as? NSNumber)?.intValue == 2, "summary.json records the --seed given")
        let csv1 = try Self.contents(dir.path("default/timeseries.csv"))
        let csv2 = try Self.contents(dir.path("seed2/timeseries.csv"))
        #expect(csv1 != csv2)
    }

    /// Valid scenarios whose numbers leave the range of Double while running (a price that
    /// overflows, a fee volume that overflows): each run fails with a message and the status
    /// is 1 (a runtime failure), never a trap in the ledger.
    @Test(arguments: [
        ("overflowing price", "market: {drift: 1000000}\n", "the price left the range of Double"),
        ("overflowing fee volume",
         "market: {impact: {model: linear, coefficient: 0.1, floor: 0.000001}, volume_elasticity: -50}\n"
            + "mechanisms: {vote_escrow: {}, fee_sharing: {}}\n", "the fee revenue"),
    ])
    func runThatOverflowsFailsCleanly(_ label: String, _ market: String, _ says: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let scenario = try dir.write(
            "overflow.yaml",
            "name: overflow\nruns: 2\nhorizon_days: 30\n" + market
                + "populations: [{name: a, count: 5, behaviour: holder, sell_propensity: 1, sell_fraction: 1, patience: 0}]\n")
        expectExit(try CLI.run(["validate", scenario]), 0)
        for extra in [[], ["--check"]] {
            let result = try CLI.run(["run", scenario, "--out", dir.path("out"), "--quiet", "--threads", "2"] + extra)
            expectExit(result, 1)
            #expect(result.stderrLines.count == 2, "\(label): one line per failed run: \(result)")
            #expect(result.stderrLines.allSatisfy { $0.hasPrefix("run ") && $0.contains(" failed on day ") }, "\(label): \(result)")
            #expect(result.stderr.contains(says), "\(label): \(result)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("out/summary.json")), "no summary without a completed run")
        }
    }

    /// Without --quiet the summary table goes to stdout and names every metric.
    @Test func summaryTableIsPrinted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let scenario = try dir.write("bm1-small.yaml", Self.smallBM1())
        let result = try CLI.run(["run", scenario, "--out", dir.path("out"), "--threads", "1"])
        expectExit(result, 0)
        for metric in ["price", "locked_share", "voting_power", "sell_pressure"] {
            #expect(result.stdoutLines.contains { $0.hasPrefix(metric + " ") }, "no row for \(metric): \(result)")
        }
        #expect(result.stdout.contains("\(dir.path("out"))/summary.json"), "\(result)")
    }
}
