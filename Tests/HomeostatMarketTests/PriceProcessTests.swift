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

/// Merton jump diffusion with a compensated drift.
@Suite struct JumpDiffusionTests {
    /// E[P_T] = P₀·e^{μT} with jumps: 10,000 paths of 73 steps, within 4 standard errors
    /// (about ±1.7 %). Without the compensator λ·(e^{m+s²/2} − 1) the mean would be 29 % lower.
    @Test func compensatedDriftKeepsTheMeanGrowth() {
        let (mu, sigma, lambda, jm, js) = (0.2, 0.4, 20.0, -0.1, 0.15)
        let (p0, steps) = (1.5, 73)
        let t = Double(steps) / 365
        let process = PriceProcess.jumpDiffusion(drift: mu, volatility: sigma, intensity: lambda, jumpMean: jm, jumpStdev: js)
        var moments = Moments()
        for p in Drive.finalPrices(process, price: p0, steps: steps, paths: 10_000, seed: 31) { moments.add(p) }
        let expected = p0 * exp(mu * t)
        let tolerance = 4 * moments.standardError
        #expect(abs(moments.mean - expected) <= tolerance, "E[P_T] ≈ \(moments.mean), expected \(expected) ± \(tolerance)")
        let uncompensated = expected * exp(lambda * t * (exp(jm + js * js / 2) - 1))
        #expect(abs(uncompensated - expected) > 2 * tolerance)
    }

    /// With σ = 0 and a fixed jump size (stdev 0), every log return is the compensated drift
    /// (μ − λ(e^m − 1))·dt plus a whole number of jumps of size m; so the jump count of each
    /// step can be read off. Over 200,000 steps its mean and variance are λ·dt (Poisson),
    /// within 4 standard errors: √(λdt/N) for the mean, √((λdt + 2(λdt)²)/N) for the variance.
    @Test func jumpCountPerStepAveragesIntensityTimesDt() {
        let (mu, lambda, jm) = (0.1, 50.0, 0.05)
        let dt = 1.0 / 365
        let n = 200_000
        let drift = (mu - lambda * (exp(jm) - 1)) * dt
        var counts = Moments()
        var worstFraction = 0.0
        var worstDrift = 0.0
        for r in Drive.logReturns(.jumpDiffusion(drift: mu, volatility: 0, intensity: lambda, jumpMean: jm, jumpStdev: 0), steps: n, seed: 41) {
            let jumps = (r - drift) / jm
            let whole = jumps.rounded()
            worstFraction = max(worstFraction, abs(jumps - whole))
            if whole == 0 { worstDrift = max(worstDrift, abs(r - drift)) }
            counts.add(whole)
        }
        #expect(worstFraction < 1e-6, "a log return is not drift + whole jumps (off by \(worstFraction) jumps)")
        #expect(worstDrift < 1e-14, "a step without a jump is off the compensated drift by \(worstDrift)")
        let rate = lambda * dt
        let meanTolerance = 4 * (rate / Double(n)).squareRoot()
        let varianceTolerance = 4 * ((rate + 2 * rate * rate) / Double(n)).squareRoot()
        #expect(abs(counts.mean - rate) <= meanTolerance, "jumps per step \(counts.mean), expected \(rate) ± \(meanTolerance)")
        #expect(abs(counts.variance - rate) <= varianceTolerance, "variance \(counts.variance), expected \(rate) ± \(varianceTolerance)")
    }

    /// With no jumps (λ = 0) the process is GBM: the same draws give the same path.
    @Test func withoutJumpsItIsGBM() {
        let gbm = Drive.logReturns(.gbm(drift: 0.2, volatility: 0.7), steps: 2000, seed: 7)
        let jd = Drive.logReturns(.jumpDiffusion(drift: 0.2, volatility: 0.7, intensity: 0, jumpMean: -0.3, jumpStdev: 0.2), steps: 2000, seed: 7)
        for (a, b) in zip(gbm, jd) where abs(a - b) > 1e-15 {
            Issue.record("GBM \(a) vs jump diffusion without jumps \(b)")
            break
        }
    }
}

/// Replay of a historical price series.
@Suite struct SeriesTests {
    static let values = [2.0, 2.2, 1.98, 3.0, 3.3, 0.5, 0.51]

    /// Each step multiplies the price by `series[t] / series[t−1]`, exactly as computed in
    /// Double; after the last value the exogenous price stays flat.
    @Test func replaysTheReturnsAndStaysFlatPastTheEnd() {
        var rng = Xoshiro256StarStar(seed: 1)
        let p0 = 10.0
        var market = Market(price: p0, process: .series(Self.values), impact: .none)
        for t in 1..<Self.values.count {
            let before = market.price
            market.advance(netSold: 0, rng: &rng)
            #expect(market.price == before * (Self.values[t] / Self.values[t - 1]), "step \(t)")
            let level = p0 * Self.values[t] / Self.values[0]
            #expect(abs(market.price - level) <= 1e-13 * level, "step \(t): \(market.price) vs \(level)")
        }
        let last = market.price
        for extra in 1...20 {
            market.advance(netSold: 0, rng: &rng)
            #expect(market.price == last, "\(extra) steps past the end")
        }
        #expect(market.step == Self.values.count - 1 + 20)
    }

    /// Past the end the price moves by impact alone.
    @Test func pastTheEndOnlyImpactMovesThePrice() {
        var rng = Xoshiro256StarStar(seed: 1)
        var market = Market(price: 4, process: .series([1, 2]), impact: .linear(coefficient: 1e-3, floor: 0.01))
        market.advance(netSold: 0, rng: &rng)
        #expect(market.price == 8)
        market.advance(netSold: 100, rng: &rng)
        #expect(abs(market.price - 8 * 0.9) <= 1e-15 * 8)
        market.advance(netSold: -100, rng: &rng)
        #expect(abs(market.price - 8 * 0.9 * 1.1) <= 1e-15 * 8)
    }

    @Test func replayDoesNotDependOnTheGenerator() {
        var a = Xoshiro256StarStar(seed: 1)
        var b = Xoshiro256StarStar(seed: 999)
        var m1 = Market(price: 1, process: .series(Self.values), impact: .none)
        var m2 = Market(price: 1, process: .series(Self.values), impact: .none)
        for _ in 0..<10 {
            m1.advance(netSold: 0, rng: &a)
            m2.advance(netSold: 0, rng: &b)
            #expect(m1.price == m2.price)
        }
    }
}
