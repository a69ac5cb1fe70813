import Foundation
import HomeostatCore
import HomeostatMarket
import Testing

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
