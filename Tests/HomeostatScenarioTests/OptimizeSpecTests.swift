import Foundation
import HomeostatEngine
import HomeostatScenario
import Testing

/// The `optimize:` section: what it decodes to, and its located `OPT` errors.
@Suite struct OptimizeSpecTests {
    static let head = """
        name: opt
        horizon_days: 30
        populations: [{name: holders, count: 10, behaviour: holder}]
        sweep:
          parameters: [{path: populations.holders.sell_propensity, range: [0.01, 0.1]}]

        """

    @Test func decodesObjectiveConstraintsAndSettings() throws {
        let text = Self.head + """
            optimize:
              budget: 30
              warm_start: 5
              step_size: 0.2
              objective: {metric: emission, window: [1, 30], aggregate: sum, statistic: cvar, level: 0.9, tail: lower, direction: maximize}
              constraints:
                - {metric: "price + locked_share", statistic: probability_below, threshold: 0.5, at_most: 0.05}
                - {metric: locked_share, statistic: median, at_least: 0.3}
                - {metric: price, statistic: percentile, level: 0.1, at_least: 0.2}
            """
        let template = try ScenarioFiles.template(text, file: "s.yaml", baseDirectory: nil)
        let spec = try #require(template.optimize)
        #expect(spec.budget == 30 && spec.warmStart == 5 && spec.stepSize == 0.2)
        #expect(spec.objectives == [OptimizeObjective(
            target: RunTarget(measure: RunMeasure(metrics: ["emission"], window: 1...30, aggregate: .sum), statistic: .cvar(level: 0.9, tail: .lower)),
            direction: .maximize)])
        #expect(spec.constraints.count == 3)
        #expect(spec.constraints[0].target.measure.metrics == ["price", "locked_share"])
        #expect(spec.constraints[0].bound == .atMost(0.05))
        #expect(spec.constraints[0].description == "P(price + locked_share at the end < 0.5) ≤ 0.05")
        #expect(spec.constraints[1].target.statistic == .median && spec.constraints[1].bound == .atLeast(0.3))
        #expect(spec.constraints[2].target.statistic == .percentile(level: 0.1))
        #expect(spec.measures.count == 4)
        // The scenario itself is unchanged by the section, and `run` accepts the file.
        #expect(try ScenarioFiles.parse(text, file: "s.yaml", baseDirectory: nil).name == "opt")
    }

    @Test func twoObjectivesAndDefaults() throws {
        let text = Self.head + """
            optimize:
              objectives:
                - {metric: price, direction: maximize}
                - {metric: locked_share}
            """
        let spec = try #require(try ScenarioFiles.template(text, file: "s.yaml", baseDirectory: nil).optimize)
        #expect(spec.objectives.map(\.direction) == [.maximize, .minimize])
        #expect(spec.objectives[1].target.statistic == .mean && spec.objectives[1].target.measure.window == nil)
        #expect(spec.budget == 60 && spec.warmStart == nil && spec.stepSize == 0.3)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let section: String
        let code: String
        let line: Int
        let says: String
        var testDescription: String { "\(code): \(says)" }
    }

    static let bad: [Bad] = [
        Bad(section: "optimize:\n  objective: {metric: nope}", code: "OPT001", line: 7, says: "unknown metric `nope`"),
        Bad(section: "optimize:\n  objective: {metric: \"price + gauge_tvl:core\"}", code: "OPT001", line: 7, says: "`gauge_tvl:core` is not recorded"),
        Bad(section: "metrics: {names: [price]}\noptimize:\n  objective: {metric: locked_share}", code: "OPT001", line: 8, says: "not recorded by this scenario"),
        Bad(section: "optimize:\n  objective: {metric: price, statistic: mode}", code: "OPT002", line: 7, says: "unknown statistic `mode`"),
        Bad(section: "optimize:\n  objective: {metric: price, statistic: percentile}", code: "OPT002", line: 7, says: "needs `level:`"),
        Bad(section: "optimize:\n  objective: {metric: price, statistic: probability_above}", code: "OPT002", line: 7, says: "needs `threshold:`"),
        Bad(section: "optimize:\n  objective: {metric: price, statistic: cvar, level: 0.9, tail: middle}", code: "OPT002", line: 7, says: "unknown tail"),
        Bad(section: "optimize:\n  objective: {metric: price, aggregate: median, window: [1, 2]}", code: "OPT002", line: 7, says: "unknown aggregate"),
        Bad(section: "optimize:\n  objective: {metric: price, aggregate: sum}", code: "OPT002", line: 7, says: "add the window"),
        Bad(section: "optimize:\n  objective: {metric: price, direction: up}", code: "OPT003", line: 7, says: "unknown direction `up`"),
        Bad(section: "optimize:\n  objective: {metric: price}\n  constraints: [{metric: price, at_most: 1, at_least: 0}]", code: "OPT003", line: 8, says: "exactly one bound"),
        Bad(section: "optimize:\n  objective: {metric: price}\n  constraints: [{metric: price, direction: minimize, at_most: 1}]", code: "OPT003", line: 8, says: "has no direction"),
        Bad(section: "optimize:\n  objective: {metric: price}\n  constraints: [{metric: price, statistic: probability_below, threshold: 1, at_most: -0.1}]", code: "OPT004", line: 8, says: "cannot be at most -0.1"),
        Bad(section: "optimize:\n  objective: {metric: price, window: [10, 40]}", code: "OPT004", line: 7, says: "not a window of the horizon 0…30"),
        Bad(section: "optimize:\n  objective: {metric: price, window: [20, 10]}", code: "OPT004", line: 7, says: "first ≤ last"),
        Bad(section: "optimize:\n  budget: 10", code: "OPT005", line: 7, says: "missing `objective:`"),
        Bad(section: "optimize:\n  objectives: [{metric: price}, {metric: price}, {metric: emission}]", code: "OPT005", line: 7, says: "3 objectives"),
        Bad(section: "optimize:\n  objective: {metric: price}\n  objectives: [{metric: price}]", code: "OPT005", line: 8, says: "not both"),
    ]

    @Test(arguments: bad)
    func badSectionsGiveLocatedErrors(_ bad: Bad) throws {
        let e = try #require(scenarioError(Self.head + bad.section, file: "s.yaml"))
        #expect(e.code == bad.code, "\(e)")
        #expect(e.line == bad.line, "\(e)")
        #expect(e.description.hasPrefix("s.yaml:\(bad.line):\(e.column): error: \(bad.code) optimize"), "\(e)")
        #expect(e.message.contains(bad.says), "\(e)")
    }

    @Test func anOptimizeSectionNeedsASweepSpace() throws {
        let e = try #require(scenarioError("name: x\noptimize:\n  objective: {metric: price}\n", file: "s.yaml"))
        #expect(e.code == "OPT005" && e.line == 3 && e.column == 3, "\(e)")
    }

    @Test func malformedFieldsKeepTheirScenarioCodes() throws {
        let e = try #require(scenarioError(Self.head + "optimize:\n  objective: {metric: price}\n  budjet: 3", file: "s.yaml"))
        #expect(e.code == "SCN001", "\(e)")
        let level = try #require(scenarioError(Self.head + "optimize:\n  objective: {metric: price, statistic: percentile, level: 1.5}", file: "s.yaml"))
        #expect(level.code == "SCN003", "\(level)")
    }

    /// docs/errors.md: every OPT code has a section whose bad block fails with it, at the
    /// quoted position, and whose fix block loads.
    @Test(arguments: OptimizeSpec.errorCatalog.map(\.code))
    func errorsDocShowsBadInputAndFix(_ code: String) throws {
        let section = try #require(try DocsTests.errorSections()[code], "docs/errors.md has no section for \(code)")
        let title = try #require(OptimizeSpec.errorCatalog.first { $0.code == code }?.title)
        #expect(section.hasPrefix("\(code) \(title)\n"))
        let blocks = DocsTests.blocks(in: section)
        let bad = try #require(blocks.first { $0.info == ["yaml", "bad"] })
        let fix = try #require(blocks.first { $0.info == ["yaml", "fix"] })
        let e = try #require(scenarioError(bad.body, file: "s.yaml"))
        #expect(e.code == code, "\(e)")
        for line in section.components(separatedBy: "\n") where line.hasPrefix("`s.yaml:") {
            let shown = String(line.dropFirst().dropLast())
            if shown.hasSuffix("...") {
                #expect(e.description.hasPrefix(String(shown.dropLast(3))), "\(e.description)")
            } else {
                #expect(e.description == shown)
            }
        }
        let template = try ScenarioFiles.template(fix.body, file: "s.yaml", baseDirectory: nil)
        #expect(template.optimize != nil)
    }
}

/// `best.yaml`: the file at a point of its space, loadable as an ordinary scenario.
@Test func templateTextAtAPointLoadsAsThatPointsScenario() throws {
    let template = try ScenarioFiles.template(OptimizeSpecTests.head + "optimize:\n  objective: {metric: price}\n", file: "s.yaml", baseDirectory: nil)
    let point: [SweepValue] = [.number(0.0625)]
    let text = try template.text(at: point)
    #expect(!text.contains("sweep:") && !text.contains("optimize:"))
    let loaded = try ScenarioFiles.parse(text, file: "best.yaml", baseDirectory: nil)
    #expect(loaded == (try template.scenario(at: point)))
    #expect(loaded != template.base)
}
