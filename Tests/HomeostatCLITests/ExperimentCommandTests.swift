import Foundation
import Testing

/// Sweeps, shards, resumption and comparisons end to end, through the built binary.
@Suite struct ExperimentCommandTests {
    /// 12 grid points × 3 runs of a small economy: 36 units of a few tens of milliseconds.
    static let scenario = """
        name: sweep-cli
        seed: 11
        runs: 3
        horizon_days: 40
        market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.8}
        mechanisms:
          vote_escrow: {max_lock_days: 1460, week_rounding: true}
          emission: {schedule: halving, initial_per_day: 1000, half_life_days: 365}
          fee_sharing: {fee_rate: 0.003, payout: weekly}
        populations:
          - {name: holders, count: 300, initial_balance: 1000, behaviour: holder}
        sweep:
          design: grid
          parameters:
            - {path: mechanisms.vote_escrow.max_lock_days, range: [365, 1460], steps: 3}
            - {path: populations.holders.sell_propensity, values: [0.01, 0.1]}
            - {path: mechanisms.fee_sharing.payout, choices: [continuous, weekly]}
        """

    static func sweep(_ dir: TemporaryDirectory, _ name: String, _ extra: [String] = []) throws -> CLI.Result {
        let file = try dir.write("sweep.yaml", scenario)
        return try CLI.run(["sweep", file, "--out", dir.path(name), "--quiet", "--threads", "1"] + extra)
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Runs stored in `store`, counted through `homeostat export`.
    static func storedRuns(_ store: String) throws -> Int {
        let result = try CLI.run(["export", store, "--format", "jsonl"])
        return result.stdout.split(separator: "\n").count
    }

    @Test func sweepWritesItsTableReportAndStore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try Self.sweep(dir, "a")
        expectExit(result, 0)
        let csv = try Self.text(dir.path("a/sweep.csv")).split(separator: "\n")
        #expect(csv.count == 1 + 12)
        #expect(csv[0].hasPrefix("point,mechanisms.vote_escrow.max_lock_days,populations.holders.sell_propensity,mechanisms.fee_sharing.payout,runs,price_mean,price_ci95"))
        #expect(csv[1].hasPrefix("0,365,0.01,continuous,3,"))
        #expect(try Self.storedRuns(dir.path("a/homeostat.sqlite")) == 36)
        // Each run is stored with its final values and its summary of every metric over time.
        let header = try CLI.run(["export", dir.path("a"), "--format", "csv"]).stdout.split(separator: "\n")[0]
        for column in ["price", "price.mean", "price.min", "price.max", "locked_share.mean"] {
            #expect(header.split(separator: ",").contains(Substring(column)), "\(column)")
        }
        #expect(try Self.text(dir.path("a/report.html")).contains("<svg"))
        // The same sweep again without --resume is refused rather than mixed into the store.
        expectExit(try Self.sweep(dir, "a"), 64)
    }

    /// Kill -9 at random moments, resume, and end with exactly the uninterrupted results.
    @Test func killedSweepsResumeToTheSameResults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try Self.sweep(dir, "whole"), 0)
        let expected = try Self.text(dir.path("whole/sweep.csv"))
        let file = try dir.write("sweep.yaml", Self.scenario)
        var rng = SystemRandomNumberGenerator()
        var interrupted = 0
        for attempt in 0..<3 {
            let name = "killed\(attempt)"
            let process = try CLI.start(["sweep", file, "--out", dir.path(name), "--quiet", "--threads", "1"])
            // Wait until some runs are stored, then a random moment more, then kill.
            let store = dir.path("\(name)/homeostat.sqlite")
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline {
                if FileManager.default.fileExists(atPath: store), (try? Self.storedRuns(store)) ?? 0 >= 2 { break }
                usleep(20_000)
            }
            usleep(UInt32.random(in: 0...300_000, using: &rng))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                interrupted += 1
            }
            process.waitUntilExit()
            let stored = try Self.storedRuns(store)
            #expect(stored >= 2)
            let resumed = try CLI.run(["sweep", file, "--out", dir.path(name), "--threads", "2", "--resume", "--quiet"])
            expectExit(resumed, 0)
            #expect(try Self.text(dir.path("\(name)/sweep.csv")) == expected, "attempt \(attempt) (\(stored) runs stored at the kill)")
            #expect(try Self.storedRuns(store) == 36)
        }
        #expect(interrupted > 0, "every sweep finished before it could be killed")
    }

    /// Shards 1/3…3/3 merged give the store an unsharded sweep has: resuming from the merge
    /// has nothing left to run and writes the same table.
    @Test func shardsMergeToTheUnshardedResults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try Self.sweep(dir, "whole"), 0)
        var stores: [String] = []
        for i in 1...3 {
            expectExit(try Self.sweep(dir, "shard\(i)", ["--shard", "\(i)/3"]), 0)
            stores.append(dir.path("shard\(i)/homeostat.sqlite"))
            #expect(try Self.storedRuns(stores.last!) == 12)
        }
        let merged = dir.path("merged.sqlite")
        expectExit(try CLI.run(["merge", merged] + stores), 0)
        let file = dir.path("sweep.yaml")
        let resumed = try CLI.run(["sweep", file, "--out", dir.path("from-merge"), "--store", merged, "--resume"])
        expectExit(resumed, 0)
        #expect(resumed.stderr.contains("36 of 36 runs already in"))
        #expect(try Self.text(dir.path("from-merge/sweep.csv")) == Self.text(dir.path("whole/sweep.csv")))
        // Exports agree except for the wall times and the experiment's row id.
        func finals(_ store: String) throws -> [String] {
            try CLI.run(["export", store, "--format", "csv"]).stdout.split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                    .filter { ![0, 8].contains($0.offset) }.map(\.element).joined(separator: ",")
            }
        }
        #expect(try finals(merged) == finals(dir.path("whole/homeostat.sqlite")))
        // A shard of a different sweep is refused.
        let other = try dir.write("other.yaml", Self.scenario.replacingOccurrences(of: "seed: 11", with: "seed: 12"))
        expectExit(try CLI.run(["sweep", other, "--out", dir.path("other"), "--quiet", "--shard", "1/3"]), 0)
        let refused = try CLI.run(["merge", dir.path("bad.sqlite"), stores[1], dir.path("other/homeostat.sqlite")])
        expectExit(refused, 64)
        #expect(refused.stderr.contains("STO003"))
    }

    @Test func compareOfADesignWithItselfIsExactlyZero() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("a.yaml", Self.scenario)
        let result = try CLI.run(["compare", file, file, "--runs", "4", "--out", dir.path("c"), "--quiet"])
        expectExit(result, 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("c/compare.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metrics = try #require(json["metrics"] as? [String: [String: Any]])
        #expect(metrics.count > 5)
        for (name, m) in metrics {
            #expect((m["mean_difference"] as? Double) == 0 || m["mean_difference"] is NSNull, "\(name)")
        }
        #expect(try Self.text(dir.path("c/report.html")).contains("<svg"))
    }
}

/// Issue #11 (1): each metric's per-run statistic, and `--statistic` to choose another.
@Suite struct StatisticOptionTests {
    @Test func flowsAreSummarisedByTheirTotalAndStatisticChoosesAnother() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("a.yaml", ExperimentCommandTests.scenario)
        expectExit(try CLI.run(["run", file, "--out", dir.path("r"), "--quiet", "--threads", "1", "--no-store"]), 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("r/summary.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metrics = try #require(json["metrics"] as? [String: [String: Any]])
        let fees = try #require(metrics["fees_to_lockers"])
        #expect(fees["kind"] as? String == "flow" && fees["direction"] as? String == "higher")
        let statistic = try #require(fees["statistic"] as? [String: Any])
        #expect(statistic["name"] as? String == "total")
        // 40 days of weekly payouts: the run's total is positive although the last day pays nothing.
        #expect((statistic["mean"] as? Double ?? 0) > 0)
        #expect((fees["final"] as? [String: Any])?["mean"] as? Double == 0)
        #expect((metrics["price"]?["statistic"] as? [String: Any])?["name"] as? String == "final")

        expectExit(try CLI.run(["run", file, "--out", dir.path("m"), "--quiet", "--threads", "1", "--no-store", "--statistic", "p90"]), 0)
        let chosen = try String(contentsOfFile: dir.path("m/summary.json"), encoding: .utf8)
        #expect(chosen.contains("\"name\": \"p90\""))
        #expect(!chosen.contains("\"name\": \"total\""))

        let bad = try CLI.run(["compare", file, file, "--out", dir.path("c"), "--statistic", "median"])
        expectExit(bad, 64)
        #expect(bad.stderr.contains("--statistic: unknown statistic 'median'; expected final, mean, total"))
    }

    @Test func sweepAveragesEachRunsStatistic() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try ExperimentCommandTests.sweep(dir, "s", ["--runs", "1"]), 0)
        expectExit(try ExperimentCommandTests.sweep(dir, "f", ["--runs", "1", "--statistic", "final"]), 0)
        func column(_ folder: String, _ name: String) throws -> [String] {
            let rows = try ExperimentCommandTests.text(dir.path("\(folder)/sweep.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let k = try #require(rows[0].firstIndex(of: Substring(name)))
            return rows.dropFirst().map { String($0[k]) }
        }
        // Weekly payouts end on a day that pays nothing at a 40-day horizon: final 0, total > 0.
        let totals = try column("s", "fees_to_lockers_mean")
        let finals = try column("f", "fees_to_lockers_mean")
        #expect(totals.contains { (Double($0) ?? 0) > 0 })
        #expect(try column("s", "price_mean") == column("f", "price_mean"))
        #expect(totals != finals)
    }
}

/// Issue #11 (2): metrics with infinite runs are counted, never dropped silently.
@Suite struct NonFiniteCommandTests {
    static let scenario = """
        name: runway
        seed: 5
        runs: 2
        horizon_days: 20
        market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.5}
        mechanisms:
          vote_escrow: {max_lock_days: 1460, week_rounding: true}
        populations:
          - {name: holders, count: 100, initial_balance: 1000, behaviour: holder}
        metrics: {names: [price, treasury_runway_months]}
        sweep:
          design: lhs
          points: 3
          parameters:
            - {path: populations.holders.sell_propensity, range: [0.01, 0.1]}
            - {path: market.volatility, range: [0.2, 0.8]}
        """

    @Test func sweepAndSensitivitySayWhatIsNotFinite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("runway.yaml", Self.scenario)
        expectExit(try CLI.run(["sweep", file, "--out", dir.path("s"), "--quiet", "--threads", "1", "--no-store"]), 0)
        let rows = try ExperimentCommandTests.text(dir.path("s/sweep.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let k = try #require(rows[0].firstIndex(of: "treasury_runway_months_not_finite"))
        #expect(rows.dropFirst().allSatisfy { $0[k] == "2" })
        #expect(rows[0].contains("price_not_finite"))

        let result = try CLI.run(["sensitivity", file, "--out", dir.path("m"), "--trajectories", "2", "--runs", "1", "--threads", "1"])
        expectExit(result, 0)
        #expect(result.stderr.contains("treasury_runway_months: left out of the analysis: not finite (±∞ or NaN) in 6 of 6 runs (at 6 of 6 points)"), "\(result)")
        #expect(try ExperimentCommandTests.text(dir.path("m/report.html")).contains("treasury_runway_months: left out of the analysis"))

        let sobol = try CLI.run(["sensitivity", file, "--method", "sobol", "--samples", "4", "--out", dir.path("o"), "--runs", "1", "--threads", "1"])
        expectExit(sobol, 0)
        #expect(sobol.stderr.contains("Sobol' N = 4 base samples is too small for stable indices with 2 parameters (use --samples 64 or more)"), "\(sobol)")
    }
}

/// Issue #11 (4): a sweep's interval stays in the metric's domain; Sobol' shows both intervals.
@Suite struct DomainIntervalCommandTests {
    @Test func sweepIntervalsOfSharesStayInTheUnitInterval() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try ExperimentCommandTests.sweep(dir, "s", ["--no-store"]), 0)
        let rows = try ExperimentCommandTests.text(dir.path("s/sweep.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let low = try #require(rows[0].firstIndex(of: "locked_share_ci95_low"))
        let high = try #require(rows[0].firstIndex(of: "locked_share_ci95_high"))
        for row in rows.dropFirst() {
            let (l, h) = (Double(row[low]) ?? .nan, Double(row[high]) ?? .nan)
            #expect(l >= 0 && h <= 1 && l <= h, "\(row)")
        }
        let sobol = try CLI.run(["sensitivity", try dir.write("n.yaml", NonFiniteCommandTests.scenario), "--method", "sobol", "--samples", "4", "--out", dir.path("o"), "--runs", "1", "--threads", "1"])
        expectExit(sobol, 0)
        #expect(try ExperimentCommandTests.text(dir.path("o/sensitivity.csv")).hasPrefix("metric,parameter,total_ST,first_order_S1,ST_ci95_low,ST_ci95_high,S1_ci95_low,S1_ci95_high\n"))
    }
}

/// Issue #11 (5): compare's wording and coverage; every command's folder has a store the
/// report reads.
@Suite struct CompareCoverageTests {
    @Test func compareSaysWhichWayIsBetterAndCountsTies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("a.yaml", ExperimentCommandTests.scenario)
        let other = try dir.write(
            "b.yaml",
            ExperimentCommandTests.scenario.replacingOccurrences(
                of: "behaviour: holder}", with: "behaviour: holder}\n  - {name: others, count: 10, initial_balance: 100, behaviour: holder}"))
        let same = try CLI.run(["compare", file, file, "--runs", "3", "--out", dir.path("c"), "--threads", "1"])
        expectExit(same, 0)
        let line = try #require(same.stdoutLines.first { $0.hasPrefix("sell_pressure ") })
        #expect(line.contains("lower is better") && line.contains("0/100/0%"), "\(line)")
        #expect(!same.stderr.contains("differ in more than parameters"))
        let json = try ExperimentCommandTests.text(dir.path("c/compare.json"))
        #expect(json.contains("\"fraction_tied\": 1") && json.contains("\"direction\": \"lower\""))

        let differs = try CLI.run(["compare", file, other, "--runs", "2", "--out", dir.path("d"), "--threads", "1"])
        expectExit(differs, 0)
        #expect(differs.stderr.contains("warning: A (sweep-cli) and B (sweep-cli) differ in more than parameters"), "\(differs)")
    }

    @Test func reportReadsTheStoreOfCompareAndSensitivity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("a.yaml", ExperimentCommandTests.scenario)
        expectExit(try CLI.run(["compare", file, file, "--runs", "2", "--out", dir.path("c"), "--quiet", "--threads", "1"]), 0)
        let original = try ExperimentCommandTests.text(dir.path("c/report.html"))
        try FileManager.default.removeItem(atPath: dir.path("c/report.html"))
        expectExit(try CLI.run(["report", dir.path("c")]), 0)
        #expect(try ExperimentCommandTests.text(dir.path("c/report.html")) == original)

        let ranges = try dir.write("n.yaml", NonFiniteCommandTests.scenario)
        for method in ["morris", "sobol"] {
            let folder = dir.path("s-\(method)")
            expectExit(try CLI.run(["sensitivity", ranges, "--method", method, "--trajectories", "2", "--samples", "4", "--runs", "1", "--out", folder, "--quiet", "--threads", "1"]), 0)
            let written = try ExperimentCommandTests.text(folder + "/report.html")
            try FileManager.default.removeItem(atPath: folder + "/report.html")
            let result = try CLI.run(["report", folder])
            expectExit(result, 0)
            #expect(try ExperimentCommandTests.text(folder + "/report.html") == written, "\(method)")
        }
    }
}
