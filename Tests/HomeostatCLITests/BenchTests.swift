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
