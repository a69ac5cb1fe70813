import Foundation
import Testing

/// `homeostat bench bm1 --size S`: one JSON line per run with the peers' keys, then the
/// throughput.
@Suite struct BenchTests {
    @Test func bm1SizeS() throws {
        let scenario = CLI.repository.appendingPathComponent("examples/bm1.yaml").path
        let result = try CLI.run(["bench", "bm1", "--size", "S", "--scenario", scenario])
        expectExit(result, 0)
        let lines = result.stdoutLines
        let jsonLines = lines.filter { $0.hasPrefix("{") }
        try #require(jsonLines.count == 1, "size S is one run: \(result)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(jsonLines[0].utf8)) as? [String: Any], "\(jsonLines[0])")
        #expect(
            Set(report.keys) == ["run", "final_price", "locked_share", "final_voting_power", "mean_daily_sold", "total_fees"],
            "keys: \(report.keys.sorted())")
        for (key, value) in report {
            let number = try #require(value as? NSNumber, "\(key) is not a number")
            #expect(number.doubleValue.isFinite && number.doubleValue >= 0, "\(key) = \(number)")
        }
        #expect((report["final_price"] as? NSNumber)?.doubleValue ?? 0 > 0)
        #expect((report["locked_share"] as? NSNumber)?.doubleValue ?? 2 <= 1)

        let last = try #require(lines.last)
        #expect(last.hasPrefix("agent_steps_per_s="), "the last line: \(result)")
        let rate = Double(last.dropFirst("agent_steps_per_s=".count))
        #expect(rate.map { $0.isFinite && $0 > 0 } == true, "agent_steps_per_s is not a positive number: \(last)")
    }
}

/// `homeostat bench pools`: one JSON line per pool kind with exactly the keys
/// pool, swaps_per_s and ns_per_swap, then the checksum.
@Suite struct PoolBenchTests {
    @Test func poolsPrintsOneLinePerKindAndAChecksum() throws {
        let result = try CLI.run(["bench", "pools", "--seconds", "0.05"])
        expectExit(result, 0)
        let lines = result.stdoutLines
        try #require(lines.count == 6, "five kinds and the checksum: \(result)")
        var names: [String] = []
        for line in lines.dropLast() {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["pool", "swaps_per_s", "ns_per_swap"], "keys of \(line)")
            names.append(try #require(object["pool"] as? String))
            let rate = try #require((object["swaps_per_s"] as? NSNumber)?.doubleValue)
            let ns = try #require((object["ns_per_swap"] as? NSNumber)?.doubleValue)
            #expect(rate > 0 && ns > 0 && rate.isFinite, "\(line)")
            // swaps/s and ns/swap describe the same median.
            #expect(abs(rate * ns / 1e9 - 1) < 1e-3, "\(line)")
        }
        #expect(names == ["constant_product", "stableswap_2", "stableswap_3", "concentrated_in_range", "concentrated_crossing"])
        let last = try #require(lines.last)
        #expect(last.hasPrefix("checksum="), "\(result)")
        let checksum = Double(last.dropFirst("checksum=".count))
        #expect(checksum.map { $0.isFinite && $0 > 0 } == true, "\(last)")
    }
}

/// `homeostat bench scenario`: any scenario scaled to a number of agents; prints the shape
/// it ran and the throughput, and rejects bad sizes with exit 64.
@Suite struct ScenarioBenchTests {
    @Test func scalesThePopulationsToTheRequestedAgents() throws {
        let scenario = CLI.repository.appendingPathComponent("examples/ve-economy.yaml").path
        let result = try CLI.run([
            "bench", "scenario", "--scenario", scenario, "--agents", "3000", "--days", "30", "--runs", "2", "--threads", "1", "--check",
        ])
        expectExit(result, 0)
        let lines = result.stdoutLines
        try #require(lines.count == 4, "\(result)")
        #expect(lines[0] == "runs=2 threads=1 agents=3000 days=30", "\(lines[0])")
        #expect(lines[1].hasPrefix("wall_s="))
        #expect(lines[2].hasPrefix("peak_rss_mib="))
        let rate = Double(lines[3].dropFirst("agent_steps_per_s=".count))
        #expect(rate.map { $0.isFinite && $0 > 0 } == true, "\(lines[3])")
    }

    @Test func rejectsAMissingScenarioAndTooFewAgents() throws {
        expectExit(try CLI.run(["bench", "scenario"]), 64)
        let scenario = CLI.repository.appendingPathComponent("examples/ve-economy.yaml").path
        let result = try CLI.run(["bench", "scenario", "--scenario", scenario, "--agents", "0"])
        expectExit(result, 64)
        #expect(result.stderr.contains("--agents"), "\(result)")
    }
}
