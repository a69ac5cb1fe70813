import HomeostatCore

/// Morris's elementary-effects screening design: `r` one-at-a-time trajectories on a grid.
///
/// Each parameter's unit interval is cut into a grid of `p` levels `{0, 1/(p−1), …, 1}`
/// (`p` even, default 4) and moved in steps of `Δ = p / (2(p − 1))` (two thirds of the range
/// for `p = 4`). A trajectory is `k + 1` points: a random start on the grid, then each
/// parameter moved once by `±Δ`, in a random order with a random direction per parameter.
/// This is Morris's randomised orientation matrix `B* = (J x* + (Δ/2)[(2B − J)D* + J])P*`
/// (Morris 1991): `x*` is drawn from the levels `≤ 1 − Δ`, `D*` holds the directions and
/// `P*` the order, so every point stays on the grid and inside the ranges, and every level
/// is equally likely to be visited.
///
/// The design has `r (k + 1)` points, trajectory `t` occupying `t(k+1) ..< (t+1)(k+1)`.
/// Trajectory `t` is drawn from its own stream `RandomStream.derive(seed:, run: t, stream:)`,
/// so a design with more trajectories and the same seed starts with the same points: a run
/// can be extended, or its completed prefix analysed with a smaller design.
///
/// References: M. D. Morris, "Factorial sampling plans for preliminary computational
/// experiments", Technometrics 33 (1991) 161–174; F. Campolongo, J. Cariboni and
/// A. Saltelli, "An effective screening design for sensitivity analysis of large models",
/// Environ. Model. Softw. 22 (2007) 1509–1518 (μ*). Trajectories are drawn independently;
/// Campolongo's selection of the `r` most spread-out trajectories from a larger pool is not
/// applied.
public struct MorrisDesign: SensitivityDesign, Hashable {
    /// The parameters.
    public let space: SensitivitySpace
    /// The number of trajectories, `r`.
    public let trajectories: Int
    /// The number of grid levels per parameter, `p`.
    public let levels: Int
    /// The seed the trajectories are drawn from.
    public let seed: UInt64
    /// The points in the unit hypercube, every coordinate a grid level `ℓ / (p − 1)`.
    public let unitPoints: [[Double]]
    /// The points in parameter units (``SensitivitySpace/scale(_:)`` of ``unitPoints``).
    public let points: [[Double]]
    /// `moved[t * k + s]`: the parameter moved between points `s` and `s + 1` of trajectory `t`.
    let moved: [Int]

    /// Draws a design.
    ///
    /// - Parameters:
    ///   - space: the parameters.
    ///   - trajectories: `r ≥ 1`; 10 to 50 is usual for screening, and `σ` needs `r ≥ 2`.
    ///   - levels: `p`, even and `≥ 2`; Morris recommends 4.
    ///   - seed: the seed; the same inputs give the same design.
    /// - Throws: ``SensitivityError`` `SEN004` when `trajectories < 1` or `levels` is odd or `< 2`.
    /// - Complexity: O(r k²) time and memory (r(k+1) points of k coordinates).
    public init(space: SensitivitySpace, trajectories: Int, levels: Int = 4, seed: UInt64) throws(SensitivityError) {
        guard trajectories >= 1 else {
            throw SensitivityError(.badSetting(
                name: "trajectories", value: trajectories, requirement: "a Morris design needs at least 1 trajectory"))
        }
        guard levels >= 2, levels % 2 == 0 else {
            throw SensitivityError(.badSetting(
                name: "levels", value: levels,
                requirement: "Morris levels must be even and at least 2 (4 is usual), so the step p/(2(p-1)) lands on the grid"))
        }
        self.space = space
        self.trajectories = trajectories
        self.levels = levels
        self.seed = seed
        let k = space.count
        let half = levels / 2
        let top = Double(levels - 1)
        var unit: [[Double]] = []
        unit.reserveCapacity(trajectories * (k + 1))
        var moved: [Int] = []
        moved.reserveCapacity(trajectories * k)
        for t in 0..<trajectories {
            var rng = RandomStream.derive(seed: seed, run: t, stream: SensitivityStreams.morris)
            // Level indices: the base x* is one of the lower p/2 levels, so x* + Δ is on the grid.
            var level = [Int](repeating: 0, count: k)
            var up = [Bool](repeating: true, count: k)
            for i in 0..<k {
                let base = rng.index(below: half)
                up[i] = rng.next() >> 63 == 0
                level[i] = up[i] ? base : base + half
            }
            let order = rng.permutation(k)
            unit.append(level.map { Double($0) / top })
            for i in order {
                level[i] += up[i] ? half : -half
                unit.append(level.map { Double($0) / top })
                moved.append(i)
            }
        }
        self.unitPoints = unit
        self.points = unit.map(space.scale)
        self.moved = moved
    }

    /// The step between grid points a move makes, in unit coordinates: `Δ = p / (2(p − 1))`.
    public var delta: Double { Double(levels) / (2 * Double(levels - 1)) }

    /// The number of model evaluations of a design: `r (k + 1)`.
    public static func evaluationCount(parameters: Int, trajectories: Int) -> Int {
        trajectories * (parameters + 1)
    }

    /// Computes the elementary effects and their statistics for every metric and parameter.
    ///
    /// The elementary effect of parameter `i` in a trajectory is the change of the output
    /// when only `x_i` moves, per unit of the parameter's range:
    ///
    ///     EE_i = [f(x + Δ_i e_i) − f(x)] / (Δ_i / (high_i − low_i))
    ///
    /// where `Δ_i = ±Δ (high_i − low_i)` is the change of the parameter's value. Its unit is
    /// "metric per full range of the parameter", so effects of parameters with different
    /// units compare directly; for `f = Σ β_i x_i`, `EE_i = β_i (high_i − low_i)` exactly.
    /// Over the `r` trajectories (Morris 1991; Campolongo et al. 2007):
    /// `μ = mean(EE)`, `μ* = mean(|EE|)`, `σ = √(Σ (EE − μ)² / (r − 1))`.
    /// - Throws: ``SensitivityError`` `SEN005`–`SEN007` for outputs that do not fit the design.
    /// - Complexity: O(r k m) for `m` metrics.
    public func analyze(outputs: [[Double]]) throws(SensitivityError) -> MorrisResult {
        let columns = try metricColumns(outputs, expected: points.count)
        let k = space.count
        let r = trajectories
        var effects = [[[Double]]](
            repeating: [[Double]](repeating: [Double](repeating: 0, count: r), count: k), count: columns.count)
        for t in 0..<r {
            for s in 0..<k {
                let i = moved[t * k + s]
                let before = t * (k + 1) + s
                let change = (points[before + 1][i] - points[before][i]) / space.parameters[i].width
                for (metric, y) in columns.enumerated() {
                    effects[metric][i][t] = (y[before + 1] - y[before]) / change
                }
            }
        }
        return MorrisResult(parameters: space.parameters, elementaryEffects: effects)
    }
}
