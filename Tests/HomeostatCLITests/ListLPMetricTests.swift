import Foundation
import Testing

/// `homeostat list` prints the per-LP-population metrics, each with its unit.
@Suite struct ListLPMetricTests {
    @Test func listsEveryLPMetric() throws {
        let result = try CLI.run(["list"])
        expectExit(result, 0)
        let lines = result.stdoutLines
        let start = try #require(lines.firstIndex { $0.hasPrefix("per-LP-population metrics") }, "\(result)")
        let kinds = ["lp_value", "lp_fees", "lp_il", "lp_pnl", "lp_share", "lp_revenue"]
        let listed = lines[(start + 1)..<(start + 1 + kinds.count)]
        #expect(listed.map { $0.split(separator: " ").first.map(String.init) ?? "" } == kinds.map { $0 + ":POPULATION" })
        for line in listed { #expect(line.contains("[") && line.contains("]"), "each metric has a unit: \(line)") }
    }
}
