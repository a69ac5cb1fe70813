import HomeostatCore
import HomeostatExperiments
import HomeostatScenario
import Testing

/// The optimisation driver on problems with known answers, with evaluators that compute
/// the measures directly (no simulation).
@Suite struct OptimizerTests {
    static func target(_ metric: String, _ statistic: RunStatistic = .mean) -> RunTarget {
        RunTarget(measure: RunMeasure(metrics: [metric]), statistic: statistic)
    }

    static func number(_ v: SweepValue) -> Double {
        if case .number(let x) = v { return x }
        return .nan
    }

    /// Minimise (x − 0.8)² + (y − 0.9)² with x in [0, 0.4], y in [0, 1] and the constraint
    /// x + y ≤ 1: the optimum (0.4, 0.6) sits on a parameter bound and on the constraint.
    /// Each run adds a run-specific offset to both measures (common random numbers), which
    /// moves neither the constraint's mean much nor the optimum.
    static func boundaryProblem(budget: Int) throws -> (OptimizationResult, calls: Int) {
        let space = ParameterSpace(
            parameters: [
                SweepParameter(path: "x", domain: .range(low: 0, high: 0.4, integer: false, steps: 5)),
                SweepParameter(path: "y", domain: .range(low: 0, high: 1, integer: false, steps: 5)),
            ], design: .lhs, points: 8)
        let spec = OptimizeSpec(
            objectives: [OptimizeObjective(target: target("f"), direction: .minimize)],
            constraints: [OptimizeConstraint(target: target("g"), bound: .atMost(1))], budget: budget)
        var calls = 0
        let result = try Optimizer.run(
            space: space, spec: spec, settings: OptimizerSettings(budget: budget, runs: 4, freshRuns: 4, seed: 7)
        ) { requests in
            calls += requests.count
            return requests.map { r in
                let (x, y) = (number(r.values[0]), number(r.values[1]))
                let noise = r.runs.map { 1e-3 * Double($0 % 3 - 1) }
                return [noise.map { (x - 0.8) * (x - 0.8) + (y - 0.9) * (y - 0.9) + $0 }, noise.map { x + y + $0 }]
            }
        }
        return (result, calls)
    }

    @Test func findsAnOptimumOnTheBoundary() throws {
        let (result, calls) = try Self.boundaryProblem(budget: 300)
        let best = result.evaluations[result.best]
        #expect(best.score.feasible)
        #expect(abs(Self.number(best.values[0]) - 0.4) < 2e-3, "\(best.values)")
        #expect(abs(Self.number(best.values[1]) - 0.6) < 1e-2, "\(best.values)")
        #expect(abs(best.score.objectives[0] - 0.25) < 5e-3)
        // Every distinct candidate is evaluated once, then the fresh re-evaluation.
        #expect(result.evaluations.count == 300 && calls == 301)
        #expect(result.generations.first?.generation == 0)
        #expect(result.fresh?.runs == [5, 6, 7, 8])
        // Best-so-far never gets worse.
        let bests = result.generations.map(\.bestObjective).filter { !$0.isNaN }
        #expect(zip(bests, bests.dropFirst()).allSatisfy { $1 <= $0 })
    }

    /// The search is a pure function of the seed and the evaluations: run again, or
    /// replayed from stored measures after an interruption, it proposes the same candidates.
    @Test func replayingStoredEvaluationsRetracesTheSearch() throws {
        let (whole, _) = try Self.boundaryProblem(budget: 60)
        let (again, _) = try Self.boundaryProblem(budget: 60)
        // Compared as text: the warm start's NaN step size is never == itself.
        let same = "\(whole)" == "\(again)"
        #expect(same)

        struct Interrupted: Error {}
        let space = whole.space
        let spec = whole.spec
        var stored: [Int: [[Double]]] = [:]
        func measures(_ r: CandidateRequest) -> [[Double]] {
            let (x, y) = (Self.number(r.values[0]), Self.number(r.values[1]))
            let noise = r.runs.map { 1e-3 * Double($0 % 3 - 1) }
            return [noise.map { (x - 0.8) * (x - 0.8) + (y - 0.9) * (y - 0.9) + $0 }, noise.map { x + y + $0 }]
        }
        // First attempt: "killed" once 25 candidates are stored.
        #expect(throws: Interrupted.self) {
            _ = try Optimizer.run(space: space, spec: spec, settings: whole.settings) { requests in
                var out: [[[Double]]] = []
                for r in requests {
                    if stored.count >= 25 { throw Interrupted() }
                    stored[r.index] = measures(r)
                    out.append(stored[r.index]!)
                }
                return out
            }
        }
        var rerun = 0
        let resumed = try Optimizer.run(space: space, spec: spec, settings: whole.settings) { requests in
            requests.map { r in
                if let s = stored[r.index] { return s }
                rerun += 1
                return measures(r)
            }
        }
        let retraced = "\(resumed)" == "\(whole)"
        #expect(retraced)
        #expect(rerun == 60 + 1 - 25)
    }

    /// Two objectives, x² and (x − 1)² on [−1, 2]: every x in [0, 1] is Pareto-optimal.
    @Test func twoObjectivesGiveAParetoFront() throws {
        let space = ParameterSpace(
            parameters: [SweepParameter(path: "x", domain: .range(low: -1, high: 2, integer: false, steps: 5))],
            design: .lhs, points: 8)
        let spec = OptimizeSpec(objectives: [
            OptimizeObjective(target: Self.target("a"), direction: .minimize),
            OptimizeObjective(target: Self.target("b"), direction: .minimize),
        ], budget: 80)
        let result = try Optimizer.run(space: space, spec: spec, settings: OptimizerSettings(budget: 80, runs: 1, freshRuns: 0, seed: 3)) { requests in
            requests.map { r in
                let x = Self.number(r.values[0])
                return [[x * x], [(x - 1) * (x - 1)]]
            }
        }
        let xs = result.front.map { Self.number(result.evaluations[$0].values[0]) }
        #expect(xs.count >= 10)
        #expect(xs.allSatisfy { (-0.01...1.01).contains($0) }, "\(xs.sorted())")
        #expect((xs.min() ?? 1) < 0.1 && (xs.max() ?? 0) > 0.9, "\(xs)")
        // The front is ordered by the first objective and no member dominates another.
        let points = result.front.map { result.evaluations[$0].score.objectives }
        #expect(zip(points, points.dropFirst()).allSatisfy { $0[0] <= $1[0] })
        for a in points { for b in points { #expect(!ParetoRanking.dominates(a, b)) } }
        #expect(result.fresh == nil)
    }

    /// Integer and categorical parameters: the best level is found, and proposals that map
    /// onto a known point are reused, not evaluated again.
    @Test func discreteParametersAreSearchedAndReused() throws {
        let space = ParameterSpace(
            parameters: [
                SweepParameter(path: "n", domain: .range(low: 1, high: 20, integer: true, steps: 5)),
                SweepParameter(path: "kind", domain: .choices(["a", "b", "c"])),
            ], design: .lhs, points: 8)
        let spec = OptimizeSpec(objectives: [OptimizeObjective(target: Self.target("v"), direction: .maximize)], budget: 40)
        var seen = Set<[SweepValue]>()
        let result = try Optimizer.run(space: space, spec: spec, settings: OptimizerSettings(budget: 40, runs: 2, freshRuns: 2, seed: 5)) { requests in
            requests.map { r in
                #expect(seen.insert(r.values).inserted || r.runs.first == 3, "evaluated twice: \(r.values)")
                let n = Self.number(r.values[0])
                let bonus = r.values[1] == .word("b") ? 10.0 : 0
                return [r.runs.map { _ in -(n - 13) * (n - 13) + bonus }]
            }
        }
        #expect(result.evaluations[result.best].values == [.number(13), .word("b")])
        #expect(result.reusedCandidates > 0)
        #expect(result.evaluations.count <= 40)
    }

    @Test func latinHypercubeHasOnePointPerStratum() {
        var rng = RandomStream.derive(seed: 1, run: 0, stream: 5)
        let points = LatinHypercube.points(count: 10, dimension: 3, rng: &rng)
        #expect(points.count == 10)
        for d in 0..<3 {
            #expect(Set(points.map { Int($0[d] * 10) }) == Set(0..<10))
        }
    }
}

@Suite struct RunStatisticsTests {
    @Test func statisticsOfRuns() {
        let v = [5.0, 1, 4, 2, 3]
        #expect(RunStatistic.mean.value(v) == 3)
        #expect(RunStatistic.median.value(v) == 3)
        #expect(RunStatistic.percentile(level: 0.25).value(v) == 2)
        #expect(RunStatistic.percentile(level: 0.9).value(v) == 4.6)
        // CVaR 0.6: the mean of the worst ⌈0.4·5⌉ = 2 runs of each tail.
        #expect(RunStatistic.cvar(level: 0.6, tail: .upper).value(v) == 4.5)
        #expect(RunStatistic.cvar(level: 0.6, tail: .lower).value(v) == 1.5)
        #expect(RunStatistic.cvar(level: 0.99, tail: .upper).value(v) == 5)
        #expect(RunStatistic.probabilityBelow(threshold: 3).value(v) == 0.4)
        #expect(RunStatistic.probabilityAbove(threshold: 3).value(v) == 0.4)
        #expect(RunStatistic.mean.value([1, .nan]).isNaN)
    }

    @Test func bootstrapIntervalsContainTheEstimate() {
        var rng = RandomStream.derive(seed: 1, run: 0, stream: 5)
        let v = (1...40).map { Double($0) }
        let interval = RunStatistic.mean.bootstrapInterval(v, rng: &rng)!
        #expect(interval.contains(20.5))
        #expect(interval.upperBound - interval.lowerBound > 3 && interval.upperBound - interval.lowerBound < 12)
        #expect(RunStatistic.mean.bootstrapInterval([1], rng: &rng) == nil)
    }

    @Test func measuresReadTheEndOrAWindow() {
        var recorder = MetricRecorder(names: ["a", "b"])
        for day in 0...10 { recorder.record(step: day, [Double(day), 100]) }
        #expect(RunMeasure(metrics: ["a"]).value(in: recorder) == 10)
        #expect(RunMeasure(metrics: ["a", "b"]).value(in: recorder) == 110)
        #expect(RunMeasure(metrics: ["a"], window: 1...4, aggregate: .sum).value(in: recorder) == 10)
        #expect(RunMeasure(metrics: ["a"], window: 1...4, aggregate: .mean).value(in: recorder) == 2.5)
        #expect(RunMeasure(metrics: ["a"], window: 3...5, aggregate: .min).value(in: recorder) == 3)
        #expect(RunMeasure(metrics: ["a"], window: 3...5, aggregate: .max).value(in: recorder) == 5)
        #expect(RunMeasure(metrics: ["c"]).value(in: recorder).isNaN)
        #expect(RunMeasure(metrics: ["a"], window: 20...30).value(in: recorder).isNaN)
    }

    @Test func violationsAreRelativeToTheBound() {
        let t = RunTarget(measure: RunMeasure(metrics: ["a"]), statistic: .mean)
        #expect(OptimizeConstraint(target: t, bound: .atMost(10)).violation(12) == 0.2)
        #expect(OptimizeConstraint(target: t, bound: .atMost(10)).violation(8) == 0)
        #expect(OptimizeConstraint(target: t, bound: .atLeast(0.5)).violation(0.25) == 0.25)
        #expect(OptimizeConstraint(target: t, bound: .atLeast(0.5)).violation(.nan) == .infinity)
    }

    @Test func paretoFrontsAndCrowding() {
        let points: [[Double]] = [[1, 4], [2, 2], [4, 1], [3, 3], [5, 5], [2, 2]]
        #expect(ParetoRanking.fronts(points) == [[0, 1, 2, 5], [3], [4]])
        let crowd = ParetoRanking.crowding([0, 1, 2], in: points)
        #expect(crowd[0] == .infinity && crowd[2] == .infinity && crowd[1] == 2)
        #expect(ParetoRanking.order(points).prefix(2).sorted() == [0, 2])
        #expect(ParetoRanking.order(points).last == 4)
    }
}
