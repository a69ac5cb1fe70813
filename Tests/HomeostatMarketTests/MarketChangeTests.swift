import Foundation
import HomeostatCore
import HomeostatMarket
import Testing

/// Scripted changes to a market mid-run.
@Suite struct MarketChangeTests {
    @Test func shockMinusHalfHalvesThePrice() {
        var market = Market(price: 3, process: .gbm(drift: 0, volatility: 0.8), impact: .none)
        market.shock(-0.5)
        #expect(market.price == 1.5)
        market.shock(1)
        #expect(market.price == 3)
        market.shock(0.25)
        #expect(market.price == 3.75)
        #expect(market.step == 0, "a shock is not a step")
        market.shock(-1)
        #expect(market.price > 0 && market.price.isFinite, "a shock never leaves a zero price: \(market.price)")
    }

    @Test func setVolatilityAndDriftOnGBM() {
        var market = Market(price: 1, process: .gbm(drift: 0.1, volatility: 0.8), impact: .none)
        market.setVolatility(0.3)
        #expect(market.process == .gbm(drift: 0.1, volatility: 0.3))
        market.setDrift(-0.2)
        #expect(market.process == .gbm(drift: -0.2, volatility: 0.3))
    }

    @Test func setVolatilityAndDriftOnJumpDiffusionKeepTheJumps() {
        var market = Market(
            price: 1, process: .jumpDiffusion(drift: 0.1, volatility: 0.8, intensity: 3, jumpMean: -0.1, jumpStdev: 0.2),
            impact: .none)
        market.setVolatility(1.1)
        #expect(market.process == .jumpDiffusion(drift: 0.1, volatility: 1.1, intensity: 3, jumpMean: -0.1, jumpStdev: 0.2))
        market.setDrift(0.4)
        #expect(market.process == .jumpDiffusion(drift: 0.4, volatility: 1.1, intensity: 3, jumpMean: -0.1, jumpStdev: 0.2))
    }

    @Test func seriesIgnoresVolatilityAndDrift() {
        var market = Market(price: 1, process: .series([1, 2, 3]), impact: .none)
        market.setVolatility(0.9)
        market.setDrift(0.9)
        #expect(market.process == .series([1, 2, 3]))
    }

    /// The changed parameters drive the following steps: with σ set to 0 the price grows
    /// by exactly e^{μ·dt} per step, and setting the drift changes that rate.
    @Test func changedParametersDriveTheNextSteps() {
        var rng = Xoshiro256StarStar(seed: 9)
        var market = Market(price: 5, process: .gbm(drift: 0.365, volatility: 0.8), impact: .none)
        market.advance(netSold: 0, rng: &rng)
        market.setVolatility(0)
        var price = market.price
        for _ in 0..<10 {
            market.advance(netSold: 0, rng: &rng)
            #expect(abs(market.price / price - exp(0.001)) <= 1e-15)
            price = market.price
        }
        market.setDrift(-0.73)
        market.advance(netSold: 0, rng: &rng)
        #expect(abs(market.price / price - exp(-0.002)) <= 1e-15)
    }

    /// With the same draws, doubling σ doubles the random part of each log return.
    @Test func doublingVolatilityDoublesTheShocks() {
        let (mu, sigma) = (0.05, 0.6)
        let dt = 1.0 / 365
        var rngA = Xoshiro256StarStar(seed: 17)
        var rngB = Xoshiro256StarStar(seed: 17)
        var a = Market(price: 1, process: .gbm(drift: mu, volatility: sigma), impact: .none)
        var b = Market(price: 1, process: .gbm(drift: mu, volatility: sigma), impact: .none)
        b.setVolatility(2 * sigma)
        for step in 0..<200 {
            let (pa, pb) = (a.price, b.price)
            a.advance(netSold: 0, rng: &rngA)
            b.advance(netSold: 0, rng: &rngB)
            let shockA = log(a.price / pa) - (mu - sigma * sigma / 2) * dt
            let shockB = log(b.price / pb) - (mu - 2 * sigma * sigma) * dt
            #expect(abs(shockB - 2 * shockA) <= 1e-12, "step \(step)")
        }
    }
}
