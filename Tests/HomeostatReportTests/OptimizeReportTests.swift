import Foundation
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import Testing

/// The report, `optimize.json` and the terminal summary of an optimisation, on a small
/// two-objective problem with a constraint, evaluated without simulation.
@Suite struct OptimizeReportTests {
    static func input(objectives: Int) throws -> OptimizeReportInput {
        let space = ParameterSpace(
            parameters: [
                SweepParameter(path: "mechanisms.x", domain: .range(low: -1, high: 2, integer: false, steps: 5)),
                SweepParameter(path: "mechanisms.kind", domain: .choices(["a", "b"])),
            ], design: .lhs, points: 8)
        func target(_ m: String) -> RunTarget { RunTarget(measure: RunMeasure(metrics: [m]), statistic: .mean) }
        let all = [
            OptimizeObjective(target: target("price"), direction: .minimize),
            OptimizeObjective(target: target("locked_share"), direction: .maximize),
        ]
        let spec = OptimizeSpec(
            objectives: Array(all.prefix(objectives)),
            constraints: [OptimizeConstraint(target: RunTarget(measure: RunMeasure(metrics: ["emission"]), statistic: .probabilityAbove(threshold: 1.5)), bound: .atMost(0.5))],
            budget: 30)
        let result = try Optimizer.run(space: space, spec: spec, settings: OptimizerSettings(budget: 30, runs: 4, freshRuns: 4, seed: 2)) { requests in
            requests.map { r in
                guard case .number(let x) = r.values[0] else { return [] }
                let shift: Double = r.values[1] == .word("b") ? 0.1 : 0
                let first: [Double] = r.runs.map { x * x + shift + 0.01 * Double($0) }
                let second: [Double] = r.runs.map { _ in -(x - 1) * (x - 1) - shift }
                let constraint: [Double] = r.runs.map { _ in x }
                return objectives == 1 ? [first, constraint] : [first, second, constraint]
            }
        }
        return OptimizeReportInput(
            metadata: RunMetadata(scenario: "opt <test>", seed: 2, version: "0.0", horizonDays: 10), description: "", result: result)
    }

    @Test func reportShowsConvergenceTrajectoriesAndTheBestPoint() throws {
        let html = HTMLReport.render(try Self.input(objectives: 1))
        #expect(html.contains("convergence: minimize mean of price at the end"))
        #expect(html.contains("Parameter trajectories") && html.contains("mechanisms.x over the search"))
        #expect(html.contains("step size σ"))
        #expect(html.contains("fresh runs") && html.contains("fresh − search"))
        #expect(!html.contains("Pareto front"))
        #expect(html.contains("opt &lt;test&gt;") && !html.contains("opt <test>"))
        #expect(!html.contains("<script"))
    }

    @Test func twoObjectivesAddTheParetoChart() throws {
        let input = try Self.input(objectives: 2)
        #expect(!input.result.front.isEmpty)
        let html = HTMLReport.render(input)
        #expect(html.contains("Pareto front") && html.contains("non-dominated front"))
        #expect(OptimizeSummary.lines(input).last == "Pareto front: \(input.result.front.count) candidates")
    }

    @Test func jsonHoldsTheBestPointGenerationsAndCandidates() throws {
        let input = try Self.input(objectives: 1)
        let text = OptimizeJSON.render(input)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["scenario"] as? String == "opt <test>")
        let best = try #require(json["best"] as? [String: Any])
        let point = try #require(best["point"] as? [String: Any])
        #expect(point["mechanisms.kind"] is String)
        let inSample = try #require(best["in_sample"] as? [String: Any])
        #expect(inSample["runs"] as? [Int] == [1, 2, 3, 4])
        #expect((inSample["values"] as? [Double])?.count == 2)
        #expect((best["fresh"] as? [String: Any])?["runs"] as? [Int] == [5, 6, 7, 8])
        #expect((best["optimism"] as? [Double])?.count == 2)
        #expect((json["candidates"] as? [Any])?.count == input.result.evaluations.count)
        let generations = try #require(json["generations"] as? [[String: Any]])
        #expect(generations.count == input.result.generations.count)
        // The warm start has no step size: written as null, not as a made-up number.
        #expect(generations[0]["step_size"] is NSNull)
        #expect(text.hasSuffix("}\n"))
    }
}
