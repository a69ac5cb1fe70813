public import HomeostatCore

/// CMA-ES with IPOP restarts (Auger and Hansen 2005): when a run stops (its own state says
/// so, or the ranked values stagnate), a new run starts with twice the population.
///
/// The caller ranks every generation; `values` passed with the ranking feed the
/// stagnation tests (`tolfun`, `tolstagnation`, the iteration cap), the same ones pycma
/// applies by default.
public struct RestartingCMAES: Sendable {
    /// How a restart chooses its starting mean.
    public enum RestartMean: Sendable, Equatable {
        /// Start every run from the first run's mean (pycma's behaviour with a fixed `x0`).
        case initial
        /// Draw each restart's mean uniformly in the box `[low, high]` per coordinate.
        case uniform(low: [Double], high: [Double])
    }

    /// The current run.
    public private(set) var current: CMAES
    /// Restarts made so far (0 during the first run).
    public private(set) var restarts = 0
    /// The last run that stopped, as it was when it stopped (nil before the first restart).
    public private(set) var finished: CMAES?
    /// Why each finished run stopped, in order.
    public private(set) var stopReasons: [String] = []
    let initialMean: [Double]
    let initialStepSize: Double
    let basePopulation: Int
    let restartMean: RestartMean
    let minimumDeviations: [Double]
    /// Stop a run when every coordinate's spread is below this.
    public let tolX: Double
    /// Stop a run when the best values of the recent generations and the current
    /// generation's values all lie within this (relative to `max(1, |best|)`).
    public let tolFun: Double
    var bestHistory: [Double] = []

    /// Creates the search.
    ///
    /// - Parameters:
    ///   - mean: The first run's mean.
    ///   - stepSize: Every run's initial σ.
    ///   - populationSize: The first run's λ (default `4 + ⌊3 ln n⌋`); doubled per restart.
    ///   - restartMean: Where restarts begin.
    ///   - minimumDeviations: Per-coordinate floors on `σ·√C_ii` (see ``CMAES``).
    ///   - tolX: see ``tolX``; pycma's default is 1e-11.
    ///   - tolFun: see ``tolFun``; pycma's default is 1e-11.
    public init(
        mean: [Double], stepSize: Double, populationSize: Int? = nil, restartMean: RestartMean = .initial,
        minimumDeviations: [Double] = [], tolX: Double = 1e-11, tolFun: Double = 1e-11
    ) {
        current = CMAES(mean: mean, stepSize: stepSize, populationSize: populationSize, minimumDeviations: minimumDeviations)
        initialMean = mean
        initialStepSize = stepSize
        basePopulation = current.populationSize
        self.restartMean = restartMean
        self.minimumDeviations = minimumDeviations
        self.tolX = tolX
        self.tolFun = tolFun
    }

    /// The next generation's candidates.
    public mutating func sample(using rng: inout Xoshiro256StarStar) -> [[Double]] {
        current.sample(using: &rng)
    }

    /// Ranks the last generation (`order[0]` the best), with a value per candidate (lower
    /// is better, used only by the stopping tests), and restarts when the run is done.
    ///
    /// - Returns: Why the run stopped when this call restarted it, else nil.
    @discardableResult
    public mutating func update(order: [Int], values: [Double], using rng: inout Xoshiro256StarStar) -> String? {
        current.update(order: order)
        let finite = values.filter(\.isFinite)
        let best = values[order[0]]
        bestHistory.append(best)
        var reason = current.internalStop(tolX: tolX)
        let n = Double(current.dimension)
        let lambda = Double(current.populationSize)
        if reason == nil, let lo = finite.min(), let hi = finite.max() {
            let window = 10 + Int((30 * n / lambda).rounded(.up))
            let recent = bestHistory.suffix(window).filter(\.isFinite)
            let scale = max(1, abs(best.isFinite ? best : 0))
            if bestHistory.count >= window, let rlo = recent.min(), let rhi = recent.max(),
               max(hi, rhi) - min(lo, rlo) < tolFun * scale {
                reason = "tolfun"
            }
        }
        let stagnation = Int(100 + 100 * _pow(n, 1.5) / lambda)
        if reason == nil, bestHistory.count > stagnation {
            // The median of the last 20% of best values is no better than of the first 20%
            // of the window (pycma's `tolstagnation`).
            let window = Array(bestHistory.suffix(stagnation))
            let fifth = max(1, window.count / 5)
            if median(window.suffix(fifth)) >= median(window.prefix(fifth)) { reason = "tolstagnation" }
        }
        let maxIterations = 100 + 150 * (n + 3) * (n + 3) / lambda.squareRoot()
        if reason == nil, Double(current.generation) >= maxIterations { reason = "maxiter" }
        guard let reason else { return nil }
        stopReasons.append(reason)
        finished = current
        restarts += 1
        let mean: [Double]
        switch restartMean {
        case .initial: mean = initialMean
        case .uniform(let low, let high): mean = zip(low, high).map { $0 + ($1 - $0) * rng.uniform() }
        }
        current = CMAES(
            mean: mean, stepSize: initialStepSize, populationSize: basePopulation << min(restarts, 20),
            minimumDeviations: minimumDeviations)
        bestHistory = []
        return reason
    }

    func median<C: Collection>(_ values: C) -> Double where C.Element == Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }
}

/// The result of ``RestartingCMAES/minimize(_:mean:stepSize:seed:target:maxEvaluations:)``.
public struct MinimizationResult: Sendable, Equatable {
    /// The lowest value found.
    public var value: Double
    /// Where it was found.
    public var point: [Double]
    /// Function evaluations until `value ≤ target` (counting whole generations), or all
    /// evaluations made when the target was not reached.
    public var evaluations: Int
    /// Restarts made.
    public var restarts: Int
    /// Whether the target was reached.
    public var reachedTarget: Bool
}

extension RestartingCMAES {
    /// Minimizes `f` from `mean` with IPOP restarts (each from `mean` again), stopping
    /// after the generation in which a value `≤ target` appears, or at `maxEvaluations`.
    /// Deterministic in `seed`. Used by the tests and the benchmark against pycma.
    public static func minimize(
        _ f: ([Double]) -> Double, mean: [Double], stepSize: Double, seed: UInt64, target: Double = 1e-8,
        maxEvaluations: Int = 1_000_000
    ) -> MinimizationResult {
        var rng = RandomStream.derive(seed: seed, run: 0, stream: OptimizerStreams.search)
        var search = RestartingCMAES(mean: mean, stepSize: stepSize)
        var evaluations = 0
        var best = (value: Double.infinity, point: mean)
        while evaluations < maxEvaluations {
            let candidates = search.sample(using: &rng)
            let values = candidates.map(f)
            evaluations += values.count
            let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
            if values[order[0]] < best.value { best = (values[order[0]], candidates[order[0]]) }
            if best.value <= target { break }
            search.update(order: order, values: values, using: &rng)
        }
        return MinimizationResult(
            value: best.value, point: best.point, evaluations: evaluations, restarts: search.restarts,
            reachedTarget: best.value <= target)
    }
}

/// Random streams of the optimiser, derived from the scenario's seed and run index 0; far
/// from the engine's (0 … 16 + populations, 2^40 + assets) and the sensitivity streams.
enum OptimizerStreams {
    /// The search's own draws: warm start, CMA-ES samples, restart means.
    static let search: UInt64 = 0x4F50_5449_0001
    /// Bootstrap resamples for the intervals of the best point.
    static let bootstrap: UInt64 = 0x4F50_5449_0002
}
