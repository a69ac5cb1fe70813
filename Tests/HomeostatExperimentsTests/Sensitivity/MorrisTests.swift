import HomeostatExperiments
import Testing

@Suite("Morris elementary effects")
struct SensitivityMorrisTests {
    static let space = try! SensitivitySpace([
        (name: "fee", low: 0.001, high: 0.01),
        (name: "emission", low: 1e5, high: 1e6),
        (name: "lockShare", low: -2, high: 3),
        (name: "decay", low: 10, high: 11),
    ])

    /// For `f = Σ β_i x_i` every elementary effect is `β_i (high_i − low_i)`, whatever the
    /// point and direction, so `μ = μ* = |β_i| (high_i − low_i)` (with the sign in `μ`) and `σ = 0`.
    /// Compared within 1e-12: the outputs are below 10 in size and an effect is a difference
    /// of two of them divided by a step of about 2/3, so it carries a few ulps of 10 (~1e-15).
    @Test(arguments: [2, 4, 6])
    func linearModelHasExactEffectsAndNoSpread(levels: Int) throws {
        let beta = [300.0, 2e-6, -1.5, 0.0]
        let design = try MorrisDesign(space: Self.space, trajectories: 12, levels: levels, seed: 42)
        let result = try design.analyze { x in
            [zip(beta, x).reduce(0) { $0 + $1.0 * $1.1 }, 5]
        }
        for (i, p) in Self.space.parameters.enumerated() {
            let exact = beta[i] * p.width
            for ee in result.elementaryEffects[0][i] {
                #expect(isClose(ee, exact, within: 1e-12), "\(p.name): \(ee) vs \(exact)")
            }
            let s = result.summary(metric: 0, parameter: i)
            #expect(isClose(s.mu, exact, within: 1e-12))
            #expect(isClose(s.muStar, abs(exact), within: 1e-12))
            #expect(s.sigma <= 1e-12)
            // The constant second metric has no effects at all.
            let flat = result.summary(metric: 1, parameter: i)
            #expect(flat.mu == 0 && flat.muStar == 0 && flat.sigma == 0)
        }
        // |β_i| (high − low): fee 2.7, emission 1.8, lockShare 7.5, decay 0.
        #expect(result.rankedNames(metric: 0) == ["lockShare", "fee", "emission", "decay"])
        #expect(result.summary(metric: 0, parameter: "decay")?.muStar == 0)
        #expect(result.summary(metric: 0, parameter: "nope") == nil)
    }

    /// `f = x1 · x2` on [0, 1]²: the effect of `x1` is `x2` (per unit range), which differs
    /// between trajectories, so `σ > 0`; `μ` is the mean of the visited grid levels of `x2`.
    @Test func pureInteractionSpreadsTheEffects() throws {
        let space = try SensitivitySpace([(name: "x1", low: 0, high: 1), (name: "x2", low: 0, high: 1)])
        let design = try MorrisDesign(space: space, trajectories: 20, seed: 7)
        let result = try design.analyze { x in [x[0] * x[1]] }
        let levels: Set<Double> = [0, 1.0 / 3, 2.0 / 3, 1]
        for i in 0..<2 {
            let s = result.summary(metric: 0, parameter: i)
            #expect(s.sigma > 0.1)
            // Each effect is a value of the other parameter at the move, one of the four levels.
            for ee in result.elementaryEffects[0][i] {
                #expect(levels.contains { isClose(ee, $0, within: 1e-12) })
            }
            #expect(s.mu > 0 && s.mu < 1)
        }
    }

    /// Every trajectory starts on the grid, then moves each parameter exactly once by
    /// `±Δ = ±p/(2(p−1))` of its range, staying inside the ranges.
    @Test(arguments: [2, 4, 8])
    func trajectoriesMoveOneParameterAtATimeOnTheGrid(levels: Int) throws {
        let design = try MorrisDesign(space: Self.space, trajectories: 15, levels: levels, seed: 3)
        let k = Self.space.count
        let delta = Double(levels) / (2 * Double(levels - 1))
        #expect(design.delta == delta)
        #expect(design.count == 15 * (k + 1))
        #expect(design.points.count == MorrisDesign.evaluationCount(parameters: k, trajectories: 15))
        for u in design.unitPoints {
            for c in u {
                let level = c * Double(levels - 1)
                #expect(isClose(level, level.rounded(), within: 1e-12) && c >= 0 && c <= 1)
            }
        }
        for (p, u) in zip(design.points, design.unitPoints) {
            #expect(p == Self.space.scale(u))
            for (x, r) in zip(p, Self.space.parameters) { #expect(x >= r.low && x <= r.high) }
        }
        var directions: [[Bool]] = []
        for t in 0..<15 {
            var moved: [Int] = []
            var up: [Bool] = []
            for s in 0..<k {
                let a = design.unitPoints[t * (k + 1) + s]
                let b = design.unitPoints[t * (k + 1) + s + 1]
                let changed = (0..<k).filter { a[$0] != b[$0] }
                try #require(changed.count == 1)
                #expect(isClose(abs(b[changed[0]] - a[changed[0]]), delta, within: 1e-12))
                moved.append(changed[0])
                up.append(b[changed[0]] > a[changed[0]])
            }
            #expect(moved.sorted() == Array(0..<k), "trajectory \(t) moves every parameter once")
            directions.append(up)
        }
        // Directions are random: over 60 moves both occur.
        #expect(Set(directions.joined()).count == 2)
    }

    @Test func sameSeedSameDesignAndMoreTrajectoriesExtendIt() throws {
        let a = try MorrisDesign(space: Self.space, trajectories: 6, seed: 99)
        let b = try MorrisDesign(space: Self.space, trajectories: 6, seed: 99)
        let c = try MorrisDesign(space: Self.space, trajectories: 6, seed: 100)
        let longer = try MorrisDesign(space: Self.space, trajectories: 10, seed: 99)
        #expect(a == b)
        #expect(a.points == b.points)
        #expect(a.points != c.points)
        #expect(Array(longer.points.prefix(a.count)) == a.points)
        // The analysis of the prefix equals the analysis of the smaller design.
        let model: ([Double]) -> [Double] = { x in [x[0] * x[2] + x[1] / 1e5] }
        let outputs = longer.points.map(model)
        let prefix = try a.analyze(outputs: Array(outputs.prefix(a.count)))
        #expect(prefix == (try a.analyze(model: model)))
    }

    @Test func singleTrajectoryHasNoSpread() throws {
        let design = try MorrisDesign(space: Self.space, trajectories: 1, seed: 1)
        let result = try design.analyze { x in [x[0]] }
        #expect(result.summary(metric: 0, parameter: 0).sigma.isNaN)
        #expect(isClose(result.summary(metric: 0, parameter: 0).muStar, 0.009, within: 1e-15))
    }
}

/// `|a − b| <= tolerance`, for computed values that should agree up to rounding.
func isClose(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    abs(a - b) <= tolerance
}
