import HomeostatCore
import Testing

/// The engine's one thinning sampler: each row acts with probability p, independently.
@Suite struct ThinningTests {
    @Test func nobodyActsAtZeroAndEveryoneAtOne() {
        #expect(BernoulliThinning(probability: 0) == nil)
        #expect(BernoulliThinning(probability: -0.5) == nil)
        var rng = Xoshiro256StarStar(seed: 1)
        var rows: [Int] = []
        BernoulliThinning(probability: 1)?.forEach(in: 10..<20, rng: &rng) { rows.append($0) }
        #expect(rows == Array(10..<20))
    }

    @Test(arguments: [0.01, 0.2, 0.7])
    func eachRowActsWithItsProbability(p: Double) throws {
        let sampler = try #require(BernoulliThinning(probability: p))
        var rng = Xoshiro256StarStar(seed: 7)
        let n = 1000, days = 400
        var hits = [Int](repeating: 0, count: n)
        var total = 0
        for _ in 0..<days {
            var previous = -1
            sampler.forEach(in: 0..<n, rng: &rng) { row in
                #expect(row > previous && row < n)
                previous = row
                hits[row] += 1
                total += 1
            }
        }
        // The count is Binomial(n·days, p): within 5 standard deviations.
        let trials = Double(n * days)
        let sd = (trials * p * (1 - p)).squareRoot()
        #expect(abs(Double(total) - trials * p) < 5 * sd)
        // The first and last tenth of the rows act as often as the rest (no edge bias).
        let head = hits[0..<100].reduce(0, +), tail = hits[900..<1000].reduce(0, +)
        let sdTenth = (trials / 10 * p * (1 - p)).squareRoot()
        #expect(abs(Double(head) - trials / 10 * p) < 5 * sdTenth)
        #expect(abs(Double(tail) - trials / 10 * p) < 5 * sdTenth)
    }
}
