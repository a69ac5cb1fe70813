internal import HomeostatCore
internal import Yams

/// Bounds on what a scenario may ask for, so that no input can exhaust memory, overflow an
/// integer or push a Double to infinity inside the engine. Each bound is enforced where the
/// value is read, with a located error (codes SCN100 ... SCN104, `docs/errors.md`).
///
/// The bounds are far above every bundled example and benchmark size (BM-1 L is 100,000
/// agents × 730 days × 16 runs); they exist to turn "allocate 8 TB" or "∞ tokens" into an
/// error message instead of a crash.
public enum ScenarioLimits {
    /// Largest magnitude of any number in a scenario: amounts, prices and parameters stay
    /// below 10^15 so that products of two of them (a pool's x·y, count × balance) stay far
    /// from Double's overflow.
    public static let maxMagnitude = 1e15
    /// Smallest magnitude of a non-zero number: below it values are rounding noise, and
    /// subnormal numbers turn into NaN or infinity in divisions (chart axes, sweep steps).
    public static let minMagnitude = 1e-30
    /// Agents in one population.
    public static let maxPopulationCount = 10_000_000
    /// Agents in all populations together (each agent holds ~20 columns of 8 bytes, so the
    /// bound is a few GB at most).
    public static let maxAgents = 10_000_000
    /// Monte Carlo runs of one ensemble (`runs:` and `--runs`).
    public static let maxRuns = 100_000
    /// Recorded rows (runs × recorded days) an ensemble keeps in memory: every row holds one
    /// Double per metric, so 4,000,000 rows of 60 metrics are about 2 GB.
    public static let maxRecordedRows = 4_000_000
    /// Points of one sweep or sensitivity design.
    public static let maxDesignPoints = 1_000_000
    /// Runs of one sweep or sensitivity analysis (points × runs per point).
    public static let maxExperimentRuns = 10_000_000
    /// A lognormal distribution's `mu + 10·sigma` may not exceed this (ln 10^15), so that its
    /// draws stay below ``maxMagnitude`` in all but astronomically rare cases and are always finite.
    public static let maxLognormalExponent = 34.538776394910684

    /// Jumps per year of a jump-diffusion price: the process draws each jump, so 10^12 a
    /// year looped for hours. 10,000 a year (27 a day) is far beyond any calibrated model.
    static let maxJumpIntensity = 10_000.0
    static let jumpIntensity = Domain(lower: 0, upper: maxJumpIntensity, text: "a yearly jump intensity in [0, 10000]")

    /// The codes of limit errors.
    enum Code {
        /// A number too large or too small in magnitude.
        static let magnitude = "SCN100"
        /// A population count, the total of agents, runs or recorded rows over its bound.
        static let size = "SCN101"
        /// A distribution whose draws can overflow.
        static let overflowingDistribution = "SCN102"
        /// A sweep design with too many points.
        static let designSize = "SCN103"
    }

    // MARK: Numbers (called by NodeReader for every number it reads)

    /// Rejects a finite value whose magnitude is above ``maxMagnitude`` or, when non-zero,
    /// below ``minMagnitude``.
    static func checkMagnitude(_ value: Double, _ text: String, _ node: Node, _ path: String, reader: NodeReader) throws(ScenarioError) {
        let m = abs(value)
        if m > maxMagnitude {
            throw reader.error(
                Code.magnitude, at: node, path,
                "\(text) is too large; numbers in a scenario must lie within ±1e15")
        }
        if m != 0 && m < minMagnitude {
            throw reader.error(
                Code.magnitude, at: node, path,
                "\(text) is too small; write 0 or a number of magnitude at least 1e-30")
        }
    }

    // MARK: Distributions (called by the decoder for every distribution)

    /// Rejects a lognormal whose draws can exceed ``maxMagnitude``.
    static func checkDraws(_ d: Distribution, _ node: Node, _ path: String, reader: NodeReader) throws(ScenarioError) {
        guard case .lognormal(let mu, let sigma) = d else { return }
        if mu + 10 * sigma > maxLognormalExponent {
            throw reader.error(
                Code.overflowingDistribution, at: node, path,
                "lognormal draws exp(mu + sigma·z) with mu \(mu) and sigma \(sigma) can exceed 1e15; "
                    + "expected mu + 10·sigma <= 34.5 (ln 1e15)")
        }
    }

    // MARK: The whole scenario (called once by the decoder, after every field is read)

    /// Checks population counts, their total, runs and the recorded rows against their bounds.
    static func checkSizes(_ s: Scenario, _ top: MappingReader, reader: NodeReader) throws(ScenarioError) {
        var total = 0
        let populationNodes: [Node] = top.value("populations").flatMap { node in
            if case .sequence(let items) = node { return Array(items) } else { return nil }
        } ?? []
        for (i, p) in s.populations.enumerated() {
            let item = i < populationNodes.count ? populationNodes[i] : nil
            let countNode = item.flatMap { entry($0, "count") } ?? item
            let path = KeyPath.child(KeyPath.index("populations", i), "count")
            if p.count > maxPopulationCount {
                throw reader.error(
                    Code.size, at: countNode, path,
                    "\(p.count) agents is too many for one population; expected at most \(maxPopulationCount)")
            }
            total += p.count  // cannot overflow: each term is at most 10^7
            if total > maxAgents {
                throw reader.error(
                    Code.size, at: countNode, path,
                    "the populations up to here hold \(total) agents; a scenario may hold at most \(maxAgents)")
            }
        }
        if let message = runsProblem(s.runs, s) {
            throw reader.error(Code.size, at: top.value("runs") ?? top.node, "runs", message)
        }
    }

    /// What is wrong with running `runs` runs of `s`, or nil: more than ``maxRuns`` runs, or
    /// more than ``maxRecordedRows`` recorded rows. The CLI asks this for `--runs` too.
    public static func runsProblem(_ runs: Int, _ s: Scenario) -> String? {
        if runs > maxRuns { return "\(runs) runs is too many; expected at most \(maxRuns)" }
        let every = max(1, s.metrics.every)
        let rowsPerRun = s.horizonDays / every + 1
        let (rows, overflow) = runs.multipliedReportingOverflow(by: rowsPerRun)
        if overflow || rows > maxRecordedRows {
            return "\(runs) runs × \(rowsPerRun) recorded days would keep more than \(maxRecordedRows) rows of metrics in memory; "
                + "lower runs or horizon_days, or record less often (metrics.every)"
        }
        return nil
    }

    /// What is wrong with running `points` design points of `runs` runs each, or nil.
    public static func experimentProblem(points: Int, runs: Int) -> String? {
        if points > maxDesignPoints { return "\(points) design points is too many; expected at most \(maxDesignPoints)" }
        let (total, overflow) = points.multipliedReportingOverflow(by: runs)
        if overflow || total > maxExperimentRuns {
            return "\(points) points × \(runs) runs is more than \(maxExperimentRuns) runs; lower the points or the runs"
        }
        return nil
    }

    // MARK: Sweep designs (called by SweepTemplate)

    /// Rejects a grid whose number of points (the product of every parameter's values)
    /// exceeds ``maxDesignPoints``.
    static func checkGrid(_ space: ParameterSpace, _ node: Node, reader: NodeReader) throws(ScenarioError) {
        guard space.design == .grid else { return }
        if let problem = gridProblem(space) {
            throw reader.error(Code.designSize, at: node, "sweep", problem)
        }
    }

    /// Why the grid of `space` is too large, or nil. Computed without overflow.
    public static func gridProblem(_ space: ParameterSpace) -> String? {
        var product = 1
        for p in space.parameters {
            let n: Int
            switch p.domain {
            case .range(_, _, _, let steps): n = steps
            case .values(let v): n = v.count
            case .choices(let c): n = c.count
            }
            let (next, overflow) = product.multipliedReportingOverflow(by: max(1, n))
            if overflow || next > maxDesignPoints {
                return "the grid has more than \(maxDesignPoints) points (the product of every parameter's steps or values); "
                    + "use fewer steps or the random or lhs design"
            }
            product = next
        }
        return nil
    }

    private static func entry(_ mapping: Node, _ key: String) -> Node? {
        guard case .mapping(let m) = mapping else { return nil }
        for (k, v) in m { if case .scalar(let s) = k, s.string == key { return v } }
        return nil
    }
}
