import Foundation
import HomeostatCore
import HomeostatMarket
import Testing

// Statistical tolerances: every estimate must lie within 4 standard errors of its exact
// value (a correct process fails such a check with probability about 6e-5; with the fixed
// seeds below the outcome is deterministic anyway). Each test also checks that its band is
// narrow enough to reject the nearest plausible mistake (a missing Itô term σ²/2, a missing
// jump compensator), so a pass means something.

/// GBM: `P ← P · exp((μ − σ²/2)·dt + σ·√dt·z)`.
@Suite struct GBMTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let drift: Double
        let volatility: Double
        let stepsPerYear: Double
        let seed: UInt64
        var testDescription: String { "μ=\(drift) σ=\(volatility) steps/year=\(stepsPerYear)" }
    }

    static let cases = [
        Case(drift: 0, volatility: 0.8, stepsPerYear: 365, seed: 11),
        Case(drift: 0.5, volatility: 0.3, stepsPerYear: 365, seed: 12),
        Case(drift: -0.3, volatility: 1.5, stepsPerYear: 52, seed: 13),
    ]

    /// Over 400,000 steps the log returns have mean (μ − σ²/2)·dt and variance σ²·dt.
    /// Tolerances: mean ± 4·σ√dt/√N; variance ± 4·σ²dt·√(2/(N−1)) (the standard error of a
    /// normal sample's variance), i.e. about ±0.9 % of σ²dt.
    @Test(arguments: cases)
    func logReturnMoments(_ c: Case) {
        let n = 400_000
        let dt = 1 / c.stepsPerYear
        var moments = Moments()
        for r in Drive.logReturns(.gbm(drift: c.drift, volatility: c.volatility), steps: n, seed: c.seed, stepsPerYear: c.stepsPerYear) {
            moments.add(r)
        }
        let expectedMean = (c.drift - c.volatility * c.volatility / 2) * dt
        let expectedVariance = c.volatility * c.volatility * dt
        let meanTolerance = 4 * c.volatility * dt.squareRoot() / Double(n).squareRoot()
        let varianceTolerance = 4 * expectedVariance * (2 / Double(n - 1)).squareRoot()
        #expect(abs(moments.mean - expectedMean) <= meanTolerance, "mean \(moments.mean), expected \(expectedMean) ± \(meanTolerance)")
        #expect(
            abs(moments.variance - expectedVariance) <= varianceTolerance,
            "variance \(moments.variance), expected \(expectedVariance) ± \(varianceTolerance)")
        // The band is narrow enough to tell (μ − σ²/2)·dt from μ·dt.
        #expect(c.volatility * c.volatility / 2 * dt > meanTolerance)
    }

    /// E[P_T] = P₀·e^{μT}: 10,000 paths of 73 daily steps (T = 0.2 years), within 4 standard
    /// errors of the sample mean (about ±1.5 %); the median path e^{(μ−σ²/2)T} is 6.4 % lower.
    @Test func expectedPriceGrowsAtTheDrift() {
        let (mu, sigma, p0, steps) = (0.4, 0.8, 2.0, 73)
        let t = Double(steps) / 365
        var moments = Moments()
        for p in Drive.finalPrices(.gbm(drift: mu, volatility: sigma), price: p0, steps: steps, paths: 10_000, seed: 21) {
            moments.add(p)
        }
        let expected = p0 * exp(mu * t)
        let tolerance = 4 * moments.standardError
        #expect(abs(moments.mean - expected) <= tolerance, "E[P_T] ≈ \(moments.mean), expected \(expected) ± \(tolerance)")
        #expect(abs(p0 * exp((mu - sigma * sigma / 2) * t) - expected) > 2 * tolerance)
    }

    @Test func sameSeedSamePath() {
        let a = Drive.logReturns(.gbm(drift: 0.1, volatility: 0.9), steps: 1000, seed: 5)
        let b = Drive.logReturns(.gbm(drift: 0.1, volatility: 0.9), steps: 1000, seed: 5)
        let c = Drive.logReturns(.gbm(drift: 0.1, volatility: 0.9), steps: 1000, seed: 6)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func zeroVolatilityIsDeterministicGrowth() {
        var rng = Xoshiro256StarStar(seed: 1)
        var market = Market(price: 3, process: .gbm(drift: 0.73, volatility: 0), impact: .none)
        for _ in 0..<365 { market.advance(netSold: 0, rng: &rng) }
        #expect(abs(market.price - 3 * exp(0.73)) <= 1e-12 * 3 * exp(0.73), "\(market.price)")
        #expect(market.step == 365)
        #expect(market.initialPrice == 3)
    }
}
