import HomeostatCore
import HomeostatExperiments
import Testing

/// The optimiser's own results on the benchmark functions, pinned: evaluations to reach
/// 1e-8 from the bench script's start, seeds 0…9 (docs/performance.md compares their medians
/// with pycma's). A change to the algorithm or its random draws moves these numbers.
@Suite struct CMAESTests {
    static let pinned: [TestFunction: (evaluations: [Int], restarts: [Int])] = [
        .sphere: ([1380, 1500, 1630, 1380, 1540, 1600, 1440, 1290, 1520, 1650], Array(repeating: 0, count: 10)),
        .ellipsoid: ([3970, 3820, 4300, 4260, 4000, 4290, 4120, 4090, 4410, 4520], Array(repeating: 0, count: 10)),
        .rosenbrock: ([11170, 5170, 5440, 5480, 4260, 5390, 4870, 5060, 5390, 5560], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        .rastrigin: ([7512, 23192, 34440, 35280, 13752, 12872, 11728, 34776, 20936, 36992], [2, 4, 5, 5, 3, 3, 3, 5, 4, 5]),
    ]

    /// pycma 4.5.0's medians on the same problems (bench/cma_vs_pycma.py, 10 seeds).
    static let pycmaMedian: [TestFunction: Double] = [.sphere: 1475, .ellipsoid: 4140, .rosenbrock: 4870, .rastrigin: 17552]

    @Test(arguments: [TestFunction.sphere, .ellipsoid, .rosenbrock])
    func reachesTheTargetWithThePinnedEvaluations(_ f: TestFunction) {
        let start = f.benchmarkStart
        let pin = Self.pinned[f]!
        var counts: [Int] = []
        for seed in 0..<10 {
            let r = RestartingCMAES.minimize({ f($0) }, mean: start.mean, stepSize: start.stepSize, seed: UInt64(seed))
            #expect(r.reachedTarget && r.value <= 1e-8, "\(f) seed \(seed)")
            #expect(r.evaluations == pin.evaluations[seed], "\(f) seed \(seed)")
            #expect(r.restarts == pin.restarts[seed], "\(f) seed \(seed)")
            counts.append(r.evaluations)
        }
        let median = Double(counts.sorted()[4] + counts.sorted()[5]) / 2
        #expect(median <= 1.5 * Self.pycmaMedian[f]!)
    }

    /// Rastrigin needs IPOP's growing populations; five seeds keep the test quick.
    @Test func rastriginIsSolvedByRestarts() {
        let f = TestFunction.rastrigin
        let start = f.benchmarkStart
        for seed in 0..<5 {
            let r = RestartingCMAES.minimize({ f($0) }, mean: start.mean, stepSize: start.stepSize, seed: UInt64(seed))
            #expect(r.reachedTarget, "seed \(seed)")
            #expect(r.evaluations == Self.pinned[f]!.evaluations[seed], "seed \(seed)")
            #expect(r.restarts == Self.pinned[f]!.restarts[seed], "seed \(seed)")
        }
    }

    /// The test functions are zero at their optimum and positive elsewhere.
    @Test func testFunctionsHaveTheirKnownMinima() {
        #expect(TestFunction.sphere([0, 0, 0]) == 0)
        #expect(TestFunction.ellipsoid([0, 0, 0]) == 0)
        #expect(TestFunction.ellipsoid([0, 0, 1]) == 1e6)
        #expect(TestFunction.rosenbrock([1, 1, 1]) == 0)
        #expect(abs(TestFunction.rastrigin([0, 0])) < 1e-12)
        #expect(TestFunction.rastrigin([1, 0]) > 0.99)
    }

    /// The covariance learns an ill-conditioned problem: on the ellipsoid the condition
    /// number of C approaches the function's 10⁶.
    @Test func covarianceLearnsTheEllipsoidsScaling() {
        var rng = RandomStream.derive(seed: 3, run: 0, stream: 99)
        var cma = CMAES(mean: Array(repeating: 1, count: 5), stepSize: 0.5)
        for _ in 0..<600 {
            let xs = cma.sample(using: &rng)
            let values = xs.map { TestFunction.ellipsoid($0) }
            cma.update(order: values.indices.sorted { values[$0] < values[$1] })
        }
        #expect(cma.conditionNumber > 1e5 && cma.conditionNumber < 1e7, "\(cma.conditionNumber)")
        #expect(TestFunction.ellipsoid(cma.mean) < 1e-10)
    }

    /// A coordinate's floor on its spread holds after every update.
    @Test func minimumDeviationsHold() {
        var rng = RandomStream.derive(seed: 1, run: 0, stream: 99)
        var cma = CMAES(mean: [0.5, 0.5], stepSize: 0.3, minimumDeviations: [0.05, 0])
        for _ in 0..<200 {
            let xs = cma.sample(using: &rng)
            let values = xs.map { TestFunction.sphere([$0[0] - 0.5, $0[1] - 0.5]) }
            cma.update(order: values.indices.sorted { values[$0] < values[$1] })
            #expect(cma.coordinateDeviations[0] >= 0.05 * (1 - 1e-9))
        }
        #expect(cma.coordinateDeviations[1] < 1e-3)
    }

    @Test func reflectionFoldsIntoTheUnitInterval() {
        #expect(Optimizer.reflect(0.25) == 0.25)
        #expect(Optimizer.reflect(1.25) == 0.75)
        #expect(Optimizer.reflect(-0.25) == 0.25)
        #expect(Optimizer.reflect(2.5) == 0.5)
        #expect(Optimizer.reflect(1) == 1)
        #expect(Optimizer.reflect(-3.75) == 0.25)
    }
}
