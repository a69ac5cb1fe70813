import HomeostatCore
import Testing

/// `Bisection.smallestSatisfying`: the least x at which a monotone predicate holds.
@Suite struct BisectionTests {
    @Test(arguments: [1e-9, 0.37, 1.0, 12_345.678, 3.0e40])
    func findsTheThresholdToTheTolerance(threshold: Double) throws {
        var calls = 0
        let x = try #require(Bisection.smallestSatisfying(from: 1) { calls += 1; return $0 >= threshold })
        #expect(x >= threshold, "the result satisfies the predicate")
        #expect(x - threshold <= 1e-12 * x * 2, "x = \(x), threshold = \(threshold)")
        #expect(calls <= 300)
    }

    @Test func neverHoldingGivesNil() {
        #expect(Bisection.smallestSatisfying(from: 1) { _ in false } == nil)
    }

    @Test func aStartAboveTheThresholdStillBisectsDown() throws {
        let x = try #require(Bisection.smallestSatisfying(from: 1_000) { $0 * $0 >= 2 })
        #expect(abs(x - 2.0.squareRoot()) < 1e-11)
    }
}
