import Foundation
import Testing

/// `homeostat list`: every metric the scenario reference documents, one line each.
@Suite struct ListTests {
    /// The metric names listed under "### Metrics" in docs/scenario.md.
    static func documentedMetrics() throws -> [String] {
        let doc = try String(contentsOf: CLI.repository.appendingPathComponent("docs/scenario.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "### Metrics"), "docs/scenario.md has no '### Metrics' section")
        let rest = doc[section.upperBound...]
        let paragraphStart = try #require(rest.range(of: "\n`"), "no metric list under '### Metrics'")
        let paragraph = rest[paragraphStart.lowerBound...]
        let end = paragraph.range(of: "Units and meanings")?.lowerBound ?? paragraph.endIndex
        return paragraph[..<end].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func listsEveryMetric() throws {
        let metrics = try Self.documentedMetrics()
        #expect(metrics.count >= 15, "parsed \(metrics) from docs/scenario.md")
        let result = try CLI.run(["list"])
        expectExit(result, 0)
        let lines = result.stdoutLines
        let start = try #require(lines.firstIndex(of: "metrics:"), "\(result)")
        let end = lines[start...].firstIndex { !$0.hasPrefix(" ") && $0 != "metrics:" } ?? lines.endIndex
        let listed = lines[(start + 1)..<end].map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(listed == metrics, "homeostat list prints the documented metrics, in order")
        for line in lines[(start + 1)..<end] {
            #expect(line.contains("[") && line.contains("]"), "each metric has a unit: \(line)")
        }
        #expect(lines.contains { $0.hasPrefix("settable parameters") }, "\(result)")
        #expect(lines.contains("  market.volatility"), "\(result)")
    }
}
