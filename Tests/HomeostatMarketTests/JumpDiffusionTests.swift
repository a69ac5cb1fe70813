import Foundation
import HomeostatCore
import HomeostatMarket
import Testing

// Statistical tolerances: every estimate must lie within 4 standard errors of its exact
// value (a correct process fails such a check with probability about 6e-5; with the fixed
// seeds below the outcome is deterministic anyway). Each test also checks that its band is
// narrow enough to reject the nearest plausible mistake (a missing Itô term σ²/2, a missing
// jump compensator), so a pass means something.

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
