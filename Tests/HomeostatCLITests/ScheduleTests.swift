import Foundation
import Testing

/// `homeostat list --schedule FILE`: the order of a scenario's day, module by module.
@Suite struct ScheduleTests {
    /// The `phase module` pairs of the printed schedule, in order.
    static func steps(_ file: String) throws -> [String] {
        let result = try CLI.run(["list", "--schedule", file])
        expectExit(result, 0)
        return result.stdoutLines.map { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            // Phases are one or two words ("day start", "before agents"): the module follows.
            let phaseWords = ["day", "before", "after"].contains(String(words[0])) ? 2 : 1
            return words[0..<phaseWords].joined(separator: " ") + " | " + words[phaseWords]
        }
    }

    @Test func curveWarsRoutesGaugeEmissionBeforeLockersAndArbitragesAfterThePriceMoves() throws {
        let steps = try Self.steps("examples/curve-wars.yaml")
        #expect(steps.first == "day start | engine")
        let order = ["events | engine", "before agents | gauges", "agents | engine", "settlement | vote_escrow",
                     "settlement | gauges", "settlement | emission", "market | market", "market | pools"]
        var last = -1
        for step in order {
            let k = try #require(steps.firstIndex(of: step), "\(step) missing from \(steps)")
            #expect(k > last, "\(step) out of order in \(steps)")
            last = k
        }
        #expect(!steps.contains { $0.hasSuffix("| staking") }, "curve-wars has no staking")
    }

    @Test func aScenarioWithoutPoolsOrGaugesListsNeither() throws {
        let steps = try Self.steps("examples/bm1.yaml")
        #expect(!steps.contains { $0.hasSuffix("| pools") || $0.hasSuffix("| gauges") })
        #expect(steps.contains("settlement | revenue"))
        #expect(steps.contains("before agents | vote_escrow"))
    }

    @Test func aBadFileIsALocatedError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.yaml", "name: x\nhorizon_days: -3\n")
        let result = try CLI.run(["list", "--schedule", file])
        expectExit(result, 64)
        #expect(result.stderr.contains("bad.yaml:2:"), "\(result)")
    }
}
