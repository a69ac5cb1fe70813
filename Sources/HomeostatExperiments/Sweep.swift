import HomeostatCore
public import HomeostatScenario

/// The points of a parameter space, by design.
public enum SweepDesign {
    /// The random stream designs draw from (independent of every run's streams).
    static let designStream: UInt64 = 3

    /// The points of `space` (each a value per parameter, in parameter order).
    ///
    /// - `grid`: the Cartesian product of the parameters' grid values, the last parameter
    ///   varying fastest; `count` is ignored.
    /// - `random`: `count` points, each parameter drawn uniformly and independently.
    /// - `lhs`: `count` points; each parameter's unit interval is cut into `count` strata
    ///   with one uniform draw in each, and the strata are matched across parameters by
    ///   independent random permutations (McKay, Beckman and Conover 1979).
    ///
    /// Deterministic in `seed`.
    public static func points(_ space: ParameterSpace, design: ParameterSpace.Design, count: Int, seed: UInt64) -> [[SweepValue]] {
        var rng = RandomStream.derive(seed: seed, run: 0, stream: designStream)
        let parameters = space.parameters
        switch design {
        case .grid:
            var result: [[SweepValue]] = [[]]
            for parameter in parameters {
                result = result.flatMap { prefix in parameter.gridValues.map { prefix + [$0] } }
            }
            return result
        case .random:
            return (0..<count).map { _ in parameters.map { $0.value(atUnit: rng.uniform()) } }
        case .lhs:
            var columns: [[SweepValue]] = []
            for parameter in parameters {
                var strata = Array(0..<count)
                for i in stride(from: count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(i + 1))
                    strata.swapAt(i, j)
                }
                columns.append(strata.map { parameter.value(atUnit: (Double($0) + rng.uniform()) / Double(count)) })
            }
            return (0..<count).map { p in columns.map { $0[p] } }
        }
    }
}

/// One unit of a sweep's work: Monte Carlo run `run` at point `point`.
public struct SweepUnit: Sendable, Hashable, Comparable {
    public let point: Int
    public let run: Int
    public init(point: Int, run: Int) { self.point = point; self.run = run }
    public static func < (a: SweepUnit, b: SweepUnit) -> Bool { (a.point, a.run) < (b.point, b.run) }
}

/// A sweep: every point × every run, as independent units of work.
///
/// Run `r` of every point uses the same random streams (derived from the scenario's seed
/// and `r`), so points are compared on common random numbers: the market path of run `r`
/// is the same at every point.
public struct SweepPlan: Sendable {
    public let space: ParameterSpace
    public let design: ParameterSpace.Design
    /// The values of each point.
    public let values: [[SweepValue]]
    /// The scenario of each point.
    public let scenarios: [Scenario]
    /// Run indices, `1...runs`.
    public let runs: [Int]

    /// Builds the plan: the design's points, each turned into a validated scenario.
    ///
    /// - Throws: ``ScenarioError`` if a point's values make the scenario invalid.
    public init(template: SweepTemplate, space: ParameterSpace, design: ParameterSpace.Design, points: Int, runs: Int) throws(ScenarioError) {
        let values = SweepDesign.points(space, design: design, count: points, seed: template.base.seed)
        try self.init(template: template, space: space, design: design, values: values, runs: runs)
    }

    /// Builds a plan over given points (for example a sensitivity design's).
    public init(template: SweepTemplate, space: ParameterSpace, design: ParameterSpace.Design, values: [[SweepValue]], runs: Int) throws(ScenarioError) {
        self.space = space
        self.design = design
        var scenarios: [Scenario] = []
        scenarios.reserveCapacity(values.count)
        for point in values { scenarios.append(try template.scenario(point, of: space.parameters)) }
        self.values = values
        self.scenarios = scenarios
        self.runs = Array(1...max(1, runs))
    }

    /// Every unit, point-major.
    public var units: [SweepUnit] {
        scenarios.indices.flatMap { p in runs.map { SweepUnit(point: p, run: $0) } }
    }

    /// The units of shard `index` of `count` (1-based): every `count`-th unit starting at
    /// `index − 1`, so shards are deterministic, disjoint and together cover the sweep.
    public func units(shard index: Int, of count: Int) -> [SweepUnit] {
        precondition(count >= 1 && (1...count).contains(index))
        return units.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// Runs sweeps.
public enum SweepRunner {
    /// Runs `units` of `plan` on `threads` threads and returns their records in the order
    /// given. `onUnitFinished` is called from a worker thread after each unit (to store it
    /// and report progress).
    public static func run(
        _ plan: SweepPlan, units: [SweepUnit], threads: Int, check: Bool,
        onUnitFinished: (@Sendable (SweepUnit, RunRecord) -> Void)? = nil
    ) -> [RunRecord] {
        Executor.map(count: units.count, threads: threads) { k in
            let unit = units[k]
            let record = Executor.runOne(plan.scenarios[unit.point], run: unit.run, check: check, prepare: nil)
            onUnitFinished?(unit, record)
            return record
        }
    }
}
