import Foundation
import HomeostatCore
import HomeostatMarket

/// Running mean and variance (Welford), for the statistical checks.
struct Moments {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var m2 = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// The unbiased sample variance.
    var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }
    var stdev: Double { variance.squareRoot() }
    /// The standard error of the mean.
    var standardError: Double { stdev / Double(count).squareRoot() }
}

/// Helpers that drive a ``Market`` with no agent trades (`netSold` 0).
enum Drive {
    /// `steps` daily log returns of `process` from one generator seeded with `seed`. A fresh
    /// market (price 1) is started every ten simulated years so that a long run of a drifting
    /// process never leaves the normal range of Double; the returns are unaffected.
    static func logReturns(_ process: PriceProcess, steps: Int, seed: UInt64, stepsPerYear: Double = 365) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        let chunk = Int(10 * stepsPerYear)
        var returns: [Double] = []
        returns.reserveCapacity(steps)
        var market = Market(price: 1, process: process, impact: .none, stepsPerYear: stepsPerYear)
        while returns.count < steps {
            if returns.count % chunk == 0 {
                market = Market(price: 1, process: process, impact: .none, stepsPerYear: stepsPerYear)
            }
            let before = market.price
            market.advance(netSold: 0, rng: &rng)
            returns.append(log(market.price / before))
        }
        return returns
    }

    /// The prices after `steps` steps of `paths` independent paths from `price`, all drawn
    /// from one generator seeded with `seed`.
    static func finalPrices(_ process: PriceProcess, price: Double, steps: Int, paths: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<paths).map { _ in
            var market = Market(price: price, process: process, impact: .none)
            for _ in 0..<steps { market.advance(netSold: 0, rng: &rng) }
            return market.price
        }
    }
}
