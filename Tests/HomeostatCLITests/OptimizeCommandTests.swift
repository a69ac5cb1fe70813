import Foundation
import Testing

/// `homeostat optimize` end to end through the built binary: outputs, refusal to mix
/// stores, resumption after SIGKILL, and located errors for bad sections.
@Suite struct OptimizeCommandTests {
    /// 14 candidates × 3 runs (+ 3 fresh runs) of a small economy: a few seconds.
    static let scenario = """
        name: optimize-cli
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
          parameters:
            - {path: populations.holders.lock_propensity, range: [0.0, 0.1]}
            - {path: populations.holders.sell_propensity, range: [0.0, 0.2]}
            - {path: mechanisms.vote_escrow.max_lock_days, range: [365, 1460]}
        optimize:
          budget: 14
          objective: {metric: locked_share, statistic: median, direction: maximize}
          constraints:
            - {metric: price, window: [20, 40], aggregate: min, statistic: probability_below, threshold: 0.8, at_most: 0.34}
        """

    static func optimize(_ dir: TemporaryDirectory, _ name: String, _ extra: [String] = []) throws -> CLI.Result {
        let file = try dir.write("optimize.yaml", scenario)
        return try CLI.run(["optimize", file, "--out", dir.path(name), "--quiet", "--threads", "1"] + extra)
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The store's export without the columns that may differ between identical
    /// optimisations: the experiment's row id and the runs' wall times.
    static func export(_ store: String) throws -> [String] {
        try CLI.run(["export", store, "--format", "csv"]).stdout.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .filter { ![0, 8].contains($0.offset) }.map(\.element).joined(separator: ",")
        }
    }

    @Test func writesTheBestPointItsReportAndStore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("optimize.yaml", Self.scenario)
        let result = try CLI.run(["optimize", file, "--out", dir.path("a"), "--threads", "2"])
        expectExit(result, 0)
        #expect(result.stdout.contains("14 candidates × 3 runs of optimize-cli"), "\(result)")
        #expect(result.stdout.contains("maximize median of locked_share at the end:"), "\(result)")
        #expect(result.stdout.contains("fresh runs"), "\(result)")
        #expect(result.stderr.contains("warm start (LHS): 7 evaluated"), "\(result)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("a/optimize.json")))) as! [String: Any]
        let best = json["best"] as! [String: Any]
        #expect((best["in_sample"] as! [String: Any])["runs"] as! [Int] == [1, 2, 3])
        #expect((best["fresh"] as! [String: Any])["runs"] as! [Int] == [4, 5, 6])
        #expect((json["candidates"] as! [Any]).count == 14)
        #expect((json["generations"] as! [Any]).count >= 2)
        let html = try Self.text(dir.path("a/report.html"))
        #expect(html.contains("convergence") && html.contains("Parameter trajectories") && html.contains("<svg"))
        // 14 candidates × 3 runs, then the best point on 3 fresh runs.
        #expect(try Self.export(dir.path("a/homeostat.sqlite")).count == 1 + 14 * 3 + 3)
        // The same optimisation again without --resume is refused rather than mixed into the store.
        expectExit(try Self.optimize(dir, "a"), 64)
        // Resuming a finished optimisation runs nothing and writes the same result.
        let again = try Self.optimize(dir, "a", ["--resume"])
        expectExit(again, 0)
        #expect(try Self.export(dir.path("a/homeostat.sqlite")).count == 1 + 14 * 3 + 3)
    }

    /// Kill -9 part-way, resume, and end with the uninterrupted run's best point, JSON and store.
    @Test func killedOptimisationsResumeToTheSameResult() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        expectExit(try Self.optimize(dir, "whole"), 0)
        let expectedJSON = try Self.text(dir.path("whole/optimize.json"))
        let expectedStore = try Self.export(dir.path("whole/homeostat.sqlite"))
        let file = dir.path("optimize.yaml")
        var rng = SystemRandomNumberGenerator()
        var interrupted = 0
        for attempt in 0..<2 {
            let name = "killed\(attempt)"
            let process = try CLI.start(["optimize", file, "--out", dir.path(name), "--quiet", "--threads", "1"])
            // Wait until some runs are stored (a later stage on the second attempt), then kill.
            let store = dir.path("\(name)/homeostat.sqlite")
            let deadline = Date().addingTimeInterval(60)
            let wanted = attempt == 0 ? 4 : 25
            while process.isRunning && Date() < deadline {
                if FileManager.default.fileExists(atPath: store), (try? Self.export(store).count) ?? 0 > wanted { break }
                usleep(10_000)
            }
            usleep(UInt32.random(in: 0...50_000, using: &rng))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                interrupted += 1
            }
            process.waitUntilExit()
            let resumed = try CLI.run(["optimize", file, "--out", dir.path(name), "--threads", "2", "--resume", "--quiet"])
            expectExit(resumed, 0)
            #expect(try Self.text(dir.path("\(name)/optimize.json")) == expectedJSON, "attempt \(attempt)")
            #expect(try Self.export(store) == expectedStore, "attempt \(attempt)")
        }
        #expect(interrupted > 0, "every optimisation finished before it could be killed")
    }

    @Test func badSectionsAreLocatedErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.yaml", Self.scenario.replacingOccurrences(of: "direction: maximize", with: "direction: upwards"))
        let result = try CLI.run(["optimize", file, "--out", dir.path("bad")])
        expectExit(result, 64)
        #expect(result.stderr.hasPrefix("\(file):19:67: error: OPT003 optimize.objective.direction: unknown direction `upwards`"), "\(result)")
        // `validate` reads the section too.
        expectExit(try CLI.run(["validate", file]), 64)
        let none = try dir.write("none.yaml", Self.scenario.components(separatedBy: "optimize:")[0])
        let missing = try CLI.run(["optimize", none, "--out", dir.path("none")])
        expectExit(missing, 64)
        #expect(missing.stderr.contains("OPT005"), "\(missing)")
    }
}
