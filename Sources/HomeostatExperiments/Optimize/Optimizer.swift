public import HomeostatCore
public import HomeostatScenario

/// Settings of one optimisation that are not in the file.
public struct OptimizerSettings: Sendable, Equatable {
    /// Candidate designs to evaluate (distinct points; the warm start included).
    public var budget: Int
    /// Monte Carlo runs per candidate: run indices `1...runs` for every candidate (common
    /// random numbers).
    public var runs: Int
    /// Runs of the fresh re-evaluation of the best point: indices `runs + 1 ... runs + freshRuns`.
    public var freshRuns: Int
    /// The scenario's seed; the optimiser's own random stream is derived from it.
    public var seed: UInt64

    /// Creates settings.
    public init(budget: Int, runs: Int, freshRuns: Int, seed: UInt64) {
        self.budget = budget
        self.runs = runs
        self.freshRuns = freshRuns
        self.seed = seed
    }
}

/// A candidate to evaluate: its number in the optimisation, its values and the runs.
public struct CandidateRequest: Sendable, Equatable {
    /// The candidate's index (0, 1, …: the order of first evaluation; the fresh
    /// re-evaluation of the best point comes after the search's last candidate).
    public var index: Int
    /// A value per parameter of the space.
    public var values: [SweepValue]
    /// Run indices.
    public var runs: [Int]
}

/// How a candidate did: its objectives and constraints as statistics over runs.
public struct CandidateScore: Sendable, Equatable {
    /// Each objective's statistic, as stated (not sign-flipped for maximisation).
    public var objectives: [Double]
    /// Each constraint's statistic.
    public var constraints: [Double]
    /// The sum of the constraints' relative violations (``OptimizeConstraint/violation(_:)``).
    public var violation: Double
    /// Whether every constraint holds (and the objectives are numbers).
    public var feasible: Bool

    /// Scores a candidate from its measures: `measures[k][r]` is measure `k` (objectives
    /// first, then constraints, as ``OptimizeSpec/measures``) in run `r`.
    public init(spec: OptimizeSpec, measures: [[Double]]) {
        let targets = spec.objectives.map(\.target) + spec.constraints.map(\.target)
        precondition(measures.count == targets.count, "one measure per objective and constraint")
        let statistics = zip(targets, measures).map { $0.statistic.value($1) }
        objectives = Array(statistics.prefix(spec.objectives.count))
        constraints = Array(statistics.suffix(spec.constraints.count))
        let violations = zip(spec.constraints, constraints).map { $0.violation($1) }
        violation = violations.reduce(0, +)
        feasible = violation == 0 && objectives.allSatisfy { !$0.isNaN }
    }

    /// The objectives as minimised numbers: maximised ones negated, NaN as +∞.
    public func minimised(_ spec: OptimizeSpec) -> [Double] {
        zip(spec.objectives, objectives).map { o, v in v.isNaN ? .infinity : (o.direction == .minimize ? v : -v) }
    }
}

/// One evaluated candidate.
public struct OptimizationEvaluation: Sendable, Equatable {
    /// Its index (see ``CandidateRequest/index``).
    public var index: Int
    /// The generation that proposed it: 0 for the Latin-hypercube warm start.
    public var generation: Int
    /// Its position in the unit cube (one coordinate per parameter).
    public var unit: [Double]
    /// Its parameter values.
    public var values: [SweepValue]
    /// Per measure, the value of every run.
    public var measures: [[Double]]
    /// Its score.
    public var score: CandidateScore
}

/// The state of the search after one generation, for the convergence and trajectory charts.
public struct GenerationRecord: Sendable, Equatable {
    /// 0 for the warm start, then 1, 2, … for CMA-ES generations (over all restarts).
    public var generation: Int
    /// The CMA-ES run (0 before the first restart); -1 for the warm start.
    public var restart: Int
    /// Candidates proposed in the generation.
    public var populationSize: Int
    /// Distinct candidates evaluated so far.
    public var evaluations: Int
    /// The best first objective found so far among feasible candidates (NaN: none yet).
    public var bestObjective: Double
    /// The median first objective of this generation's candidates (NaN ones left out).
    public var medianObjective: Double
    /// Share of this generation's candidates that meet every constraint.
    public var feasibleShare: Double
    /// CMA-ES's σ after the generation (in unit-cube coordinates); NaN for the warm start.
    public var stepSize: Double
    /// CMA-ES's mean after the generation as parameter values (a choice's index for a
    /// categorical parameter); the best warm-start point for generation 0.
    public var mean: [Double]
    /// Per parameter, `σ·√C_ii` as a share of the range; NaN for the warm start.
    public var deviations: [Double]
}

/// The best point's figures with their intervals.
public struct PointAssessment: Sendable, Equatable {
    /// Run indices used.
    public var runs: [Int]
    /// The score on those runs.
    public var score: CandidateScore
    /// Per objective, a 95% percentile-bootstrap interval (nil with fewer than two runs).
    public var objectiveIntervals: [ClosedRange<Double>?]
    /// Per constraint, a 95% percentile-bootstrap interval.
    public var constraintIntervals: [ClosedRange<Double>?]
}

/// What an optimisation found.
public struct OptimizationResult: Sendable, Equatable {
    public var spec: OptimizeSpec
    public var space: ParameterSpace
    public var settings: OptimizerSettings
    /// Every distinct candidate, in index order.
    public var evaluations: [OptimizationEvaluation]
    /// One record per generation, the warm start first.
    public var generations: [GenerationRecord]
    /// Index of the best candidate: feasible first, then the best first objective (the
    /// least violation when nothing is feasible). With two objectives: the front's point
    /// best in the first objective.
    public var best: Int
    /// With two objectives, the feasible non-dominated candidates (ordered by the first
    /// objective); empty with one.
    public var front: [Int]
    /// The best point on the search's runs (in-sample).
    public var inSample: PointAssessment
    /// The best point on fresh runs, never seen by the search (nil when `freshRuns` is 0).
    public var fresh: PointAssessment?
    /// CMA-ES restarts (IPOP: population doubled each time) and why each run stopped.
    public var stopReasons: [String]
    /// Candidates CMA-ES proposed that mapped onto an already evaluated point (reused, not run again).
    public var reusedCandidates: Int
}

/// The optimisation driver: a Latin-hypercube warm start, then IPOP-CMA-ES in the unit
/// cube of the parameter space, every candidate on the same runs.
///
/// - Bounds: CMA-ES searches an unbounded space; a coordinate `x` is folded into [0, 1]
///   by reflection at the walls (`x mod 2`, mirrored), so an optimum on a bound is reached
///   from both sides and never needs a penalty.
/// - Integer and categorical parameters: the unit coordinate picks the rounded integer
///   or the level (`ParameterSpace`'s mapping), and `σ·√C_ii` is kept at least 0.3 of one
///   level's width so the search can still step between levels on a plateau.
/// - Constraints: feasibility-first ranking (Deb 2000): every feasible candidate ranks
///   above every infeasible one; feasible ones by objective, infeasible ones by their
///   summed relative violation. No penalty weights to tune.
/// - Two objectives: each generation is ranked NSGA-II style, feasible candidates by
///   non-dominated sorting and, within a front, by crowding distance (larger first), then
///   infeasible ones by violation; CMA-ES moves its mean towards the top of that order.
///   The reported front is the non-dominated set of every feasible candidate evaluated.
/// - Determinism: the search draws only from a stream derived from the scenario's seed,
///   and candidates' results are pure functions of their values (common random numbers),
///   so replaying stored evaluations retraces the search exactly.
public enum Optimizer {
    /// Evaluates candidates: for each request, per measure (``OptimizeSpec/measures``
    /// order), the value in every run (request order). Called once per generation with
    /// all new candidates, so the caller can spread their runs over threads.
    public typealias Evaluate = ([CandidateRequest]) throws -> [[[Double]]]

    /// Runs the optimisation.
    ///
    /// - Parameters:
    ///   - space: The parameters (the file's `sweep:` space).
    ///   - spec: Objectives, constraints, warm start and step size.
    ///   - settings: Budget, runs, fresh runs and seed.
    ///   - evaluate: Runs (or looks up) candidates.
    ///   - onGeneration: Called after each generation (progress).
    /// - Throws: Whatever `evaluate` throws.
    public static func run(
        space: ParameterSpace, spec: OptimizeSpec, settings: OptimizerSettings, evaluate: Evaluate,
        onGeneration: ((GenerationRecord) -> Void)? = nil
    ) throws -> OptimizationResult {
        var state = Search(space: space, spec: spec, settings: settings)
        try state.run(evaluate, onGeneration: onGeneration)
        return try state.result(evaluate)
    }

    /// `x` folded into [0, 1] by reflection at 0 and 1.
    public static func reflect(_ x: Double) -> Double {
        let t = x - 2 * (x / 2).rounded(.down)
        return t <= 1 ? t : 2 - t
    }

    /// The number of levels of a discrete parameter, nil for a continuous range.
    static func levels(_ parameter: SweepParameter) -> Int? {
        switch parameter.domain {
        case .range(let low, let high, let integer, _): integer ? Int(high - low) + 1 : nil
        case .values(let v): v.count
        case .choices(let c): c.count
        }
    }
}

/// The search's working state.
struct Search {
    let space: ParameterSpace
    let spec: OptimizeSpec
    let settings: OptimizerSettings
    var rng: Xoshiro256StarStar
    var evaluations: [OptimizationEvaluation] = []
    var known: [[SweepValue]: Int] = [:]
    var generations: [GenerationRecord] = []
    var reused = 0
    var proposed = 0
    var stopReasons: [String] = []

    init(space: ParameterSpace, spec: OptimizeSpec, settings: OptimizerSettings) {
        self.space = space
        self.spec = spec
        self.settings = settings
        rng = RandomStream.derive(seed: settings.seed, run: 0, stream: OptimizerStreams.search)
    }

    var dimension: Int { space.parameters.count }
    var runIndices: [Int] { Array(1...max(1, settings.runs)) }

    func values(_ unit: [Double]) -> [SweepValue] {
        zip(space.parameters, unit).map { $0.value(atUnit: min(max($1, 0), 1)) }
    }

    /// Evaluates the candidates at `units` (unit-cube points), reusing known points, up to
    /// the budget. Returns each candidate's evaluation index, nil where the budget ran out.
    mutating func evaluate(_ units: [[Double]], generation: Int, _ evaluate: Optimizer.Evaluate) throws -> [Int?] {
        var slots: [Int?] = []
        var requests: [CandidateRequest] = []
        var pendingUnits: [[Double]] = []
        for unit in units {
            proposed += 1
            let v = values(unit)
            if let index = known[v] {
                reused += 1
                slots.append(index)
            } else if evaluations.count + requests.count < settings.budget {
                let index = evaluations.count + requests.count
                known[v] = index
                requests.append(CandidateRequest(index: index, values: v, runs: runIndices))
                pendingUnits.append(unit)
                slots.append(index)
            } else {
                slots.append(nil)
            }
        }
        guard !requests.isEmpty else { return slots }
        let results = try evaluate(requests)
        precondition(results.count == requests.count)
        for (k, request) in requests.enumerated() {
            evaluations.append(OptimizationEvaluation(
                index: request.index, generation: generation, unit: pendingUnits[k], values: request.values,
                measures: results[k], score: CandidateScore(spec: spec, measures: results[k])))
        }
        return slots
    }

    /// The evaluation indices `candidates`, best first: feasibility first, then
    /// the objective (one) or non-dominated sorting with crowding (two); ties by position.
    func rank(_ candidates: [Int]) -> [Int] {
        let scores = candidates.map { evaluations[$0].score }
        let feasible = candidates.indices.filter { scores[$0].feasible }
        let infeasible = candidates.indices.filter { !scores[$0].feasible }
            .sorted { (scores[$0].violation, $0) < (scores[$1].violation, $1) }
        let ordered: [Int]
        if spec.objectives.count == 1 {
            ordered = feasible.sorted { (scores[$0].minimised(spec)[0], $0) < (scores[$1].minimised(spec)[0], $1) }
        } else {
            ordered = ParetoRanking.order(feasible.map { scores[$0].minimised(spec) }).map { feasible[$0] }
        }
        return (ordered + infeasible).map { candidates[$0] }
    }

    /// The best candidate so far (see ``OptimizationResult/best``).
    func bestIndex() -> Int {
        let all = Array(evaluations.indices)
        if spec.objectives.count == 2, let first = front().first { return first }
        return rank(all)[0]
    }

    /// The feasible non-dominated candidates, by the first objective.
    func front() -> [Int] {
        guard spec.objectives.count == 2 else { return [] }
        let feasible = evaluations.indices.filter { evaluations[$0].score.feasible }
        let points = feasible.map { evaluations[$0].score.minimised(spec) }
        guard let first = ParetoRanking.fronts(points).first else { return [] }
        return first.map { feasible[$0] }.sorted { (points[feasible.firstIndex(of: $0)!][0], $0) < (points[feasible.firstIndex(of: $1)!][0], $1) }
    }

    mutating func record(
        generation: Int, restart: Int, candidates: [Int], proposedCount: Int, cma: CMAES?
    ) -> GenerationRecord {
        let feasibleObjectives = evaluations.filter(\.score.feasible).map { $0.score.minimised(spec)[0] }
        let sign = spec.objectives[0].direction == .minimize ? 1.0 : -1.0
        let bestSoFar = feasibleObjectives.min().map { $0 * sign } ?? .nan
        let objectives = candidates.map { evaluations[$0].score.objectives[0] }.filter { !$0.isNaN }.sorted()
        let median = objectives.isEmpty ? Double.nan : RunStatistic.quantile(objectives, 0.5)
        let feasibleShare = candidates.isEmpty ? .nan : Double(candidates.count { evaluations[$0].score.feasible }) / Double(candidates.count)
        let meanUnit = cma.map { $0.mean.map(Optimizer.reflect) } ?? evaluations[bestIndex()].unit
        let record = GenerationRecord(
            generation: generation, restart: restart, populationSize: proposedCount, evaluations: evaluations.count,
            bestObjective: bestSoFar, medianObjective: median, feasibleShare: feasibleShare,
            stepSize: cma?.stepSize ?? .nan,
            mean: zip(space.parameters, values(meanUnit)).map { $1.numeric(in: $0) },
            deviations: cma?.coordinateDeviations ?? Array(repeating: .nan, count: dimension))
        generations.append(record)
        return record
    }

    mutating func run(_ evaluate: Optimizer.Evaluate, onGeneration: ((GenerationRecord) -> Void)?) throws {
        // `record` must run whether or not anyone listens: it keeps the generation's record.
        let n = dimension
        let firstPopulation = 4 + Int((3 * _log(Double(n))).rounded(.down))
        // Warm start: a Latin hypercube in the unit cube.
        let warmCount = min(spec.warmStart ?? firstPopulation, settings.budget)
        let warm = LatinHypercube.points(count: warmCount, dimension: n, rng: &rng)
        let warmSlots = try self.evaluate(warm, generation: 0, evaluate).compactMap { $0 }
        let made = record(generation: 0, restart: -1, candidates: warmSlots, proposedCount: warm.count, cma: nil)
        onGeneration?(made)

        let start = evaluations[rank(Array(Set(warmSlots)).sorted())[0]].unit
        let floors = space.parameters.map { p in Optimizer.levels(p).map { 0.3 / Double($0) } ?? 0 }
        var search = RestartingCMAES(
            mean: start, stepSize: spec.stepSize, populationSize: firstPopulation,
            restartMean: .uniform(low: Array(repeating: 0, count: n), high: Array(repeating: 1, count: n)),
            minimumDeviations: floors, tolX: 1e-4, tolFun: 1e-9)
        var generation = 0
        // A space with few distinct points can make every proposal a known one; stop
        // proposing after many times the budget.
        while evaluations.count < settings.budget && proposed < 50 * settings.budget {
            generation += 1
            let genotypes = search.sample(using: &rng)
            let slots = try self.evaluate(genotypes.map { $0.map(Optimizer.reflect) }, generation: generation, evaluate)
            guard slots.allSatisfy({ $0 != nil }) else {
                // The budget ran out inside this generation: its evaluated candidates count,
                // but CMA-ES cannot learn from a partial generation.
                let done = slots.compactMap { $0 }
                let made = record(generation: generation, restart: search.restarts, candidates: done, proposedCount: genotypes.count, cma: search.current)
                onGeneration?(made)
                break
            }
            let indices = slots.map { $0! }
            let order = rankPositions(indices)
            let values = indices.map { i -> Double in
                let s = evaluations[i].score
                return s.feasible ? s.minimised(spec)[0] : .infinity
            }
            let restart = search.restarts
            if let reason = search.update(order: order, values: values, using: &rng) {
                stopReasons.append(reason)
            }
            // The generation belongs to the run that proposed it, even if it then stopped.
            let run = search.restarts == restart ? search.current : search.finished!
            let made = record(generation: generation, restart: restart, candidates: indices, proposedCount: genotypes.count, cma: run)
            onGeneration?(made)
        }
    }

    /// Positions `0..<indices.count` ordered by the ranking of their candidates; a
    /// candidate proposed twice in a generation keeps both positions, in order.
    func rankPositions(_ indices: [Int]) -> [Int] {
        let distinct = Array(Set(indices)).sorted()
        let ranked = rank(distinct)
        var place: [Int: Int] = [:]
        for (r, i) in ranked.enumerated() { place[i] = r }
        return indices.indices.sorted { (place[indices[$0]]!, $0) < (place[indices[$1]]!, $1) }
    }

    func assess(_ runs: [Int], measures: [[Double]], stream: inout Xoshiro256StarStar) -> PointAssessment {
        let score = CandidateScore(spec: spec, measures: measures)
        let targets = spec.objectives.map(\.target) + spec.constraints.map(\.target)
        let intervals = zip(targets, measures).map { $0.statistic.bootstrapInterval($1, rng: &stream) }
        return PointAssessment(
            runs: runs, score: score, objectiveIntervals: Array(intervals.prefix(spec.objectives.count)),
            constraintIntervals: Array(intervals.suffix(spec.constraints.count)))
    }

    func result(_ evaluate: Optimizer.Evaluate) throws -> OptimizationResult {
        let best = bestIndex()
        var bootstrap = RandomStream.derive(seed: settings.seed, run: 0, stream: OptimizerStreams.bootstrap)
        let inSample = assess(runIndices, measures: evaluations[best].measures, stream: &bootstrap)
        var fresh: PointAssessment?
        if settings.freshRuns > 0 {
            let runs = Array((settings.runs + 1)...(settings.runs + settings.freshRuns))
            let request = CandidateRequest(index: evaluations.count, values: evaluations[best].values, runs: runs)
            let measures = try evaluate([request])[0]
            fresh = assess(runs, measures: measures, stream: &bootstrap)
        }
        return OptimizationResult(
            spec: spec, space: space, settings: settings, evaluations: evaluations, generations: generations,
            best: best, front: front(), inSample: inSample, fresh: fresh, stopReasons: stopReasons,
            reusedCandidates: reused)
    }
}

/// Latin-hypercube points in the unit cube (McKay, Beckman and Conover 1979): each
/// coordinate's [0, 1) cut into `count` strata, one uniform draw in each, strata matched
/// across coordinates by independent random permutations.
public enum LatinHypercube {
    /// `count` points of `dimension` coordinates, drawn from `rng`.
    public static func points(count: Int, dimension: Int, rng: inout Xoshiro256StarStar) -> [[Double]] {
        guard count > 0 else { return [] }
        var columns: [[Double]] = []
        for _ in 0..<dimension {
            var strata = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) {
                strata.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            columns.append(strata.map { (Double($0) + rng.uniform()) / Double(count) })
        }
        return (0..<count).map { p in columns.map { $0[p] } }
    }
}
