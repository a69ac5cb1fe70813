import Foundation
import HomeostatCore
import HomeostatMarket
import Testing

/// Price impact of agents' net selling (S > 0 sells, S < 0 buys).
@Suite struct ImpactTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let model: ImpactModel
        let netSold: Double
        let factor: Double
        var testDescription: String { label }
    }

    static let linear = ImpactModel.linear(coefficient: 2e-7, floor: 0.01)
    static let squareRoot = ImpactModel.squareRoot(coefficient: 4e-6, floor: 0.01)

    static let cases = [
        Case(label: "linear, S = 0", model: linear, netSold: 0, factor: 1),
        Case(label: "linear, selling 1M", model: linear, netSold: 1e6, factor: 0.8),
        Case(label: "linear, selling 4M", model: linear, netSold: 4e6, factor: 0.2),
        Case(label: "linear, buying 1M raises the price", model: linear, netSold: -1e6, factor: 1.2),
        Case(label: "linear, at the floor", model: linear, netSold: 4.95e6, factor: 0.01),
        Case(label: "linear, below the floor", model: linear, netSold: 1e7, factor: 0.01),
        Case(label: "linear, custom floor", model: .linear(coefficient: 1e-3, floor: 0.5), netSold: 900, factor: 0.5),
        Case(label: "sqrt, S = 0", model: squareRoot, netSold: 0, factor: 1),
        Case(label: "sqrt, selling 1M", model: squareRoot, netSold: 1e6, factor: 0.996),
        Case(label: "sqrt, selling 4M moves twice as far", model: squareRoot, netSold: 4e6, factor: 0.992),
        Case(label: "sqrt, buying 1M raises the price", model: squareRoot, netSold: -1e6, factor: 1.004),
        Case(label: "sqrt, below the floor", model: squareRoot, netSold: 1e12, factor: 0.01),
        Case(label: "none, selling", model: .none, netSold: 1e9, factor: 1),
        Case(label: "none, buying", model: .none, netSold: -1e9, factor: 1),
    ]

    @Test(arguments: cases)
    func factor(_ c: Case) {
        let f = c.model.factor(netSold: c.netSold)
        #expect(abs(f - c.factor) <= 1e-12, "factor \(f), expected \(c.factor)")
    }

    /// The square-root law: the price move grows with √|S| and flips sign with S.
    @Test(arguments: [1.0, 250.0, 1e4, 3.7e5])
    func squareRootLaw(_ s: Double) {
        let model = ImpactModel.squareRoot(coefficient: 1e-5, floor: 0)
        let move = 1 - model.factor(netSold: s)
        #expect(move > 0)
        #expect(abs((1 - model.factor(netSold: 4 * s)) - 2 * move) <= 1e-12)
        #expect(abs((1 - model.factor(netSold: 9 * s)) - 3 * move) <= 1e-12)
        #expect(abs((1 - model.factor(netSold: -s)) + move) <= 1e-15)
        #expect(abs(move - 1e-5 * s.squareRoot()) <= 1e-15)
    }

    /// The market applies the factor on top of the exogenous return (here exactly 1: GBM
    /// with σ = μ = 0).
    @Test func marketAppliesImpact() {
        var rng = Xoshiro256StarStar(seed: 3)
        var market = Market(price: 2, process: .gbm(drift: 0, volatility: 0), impact: Self.linear)
        market.advance(netSold: 1e6, rng: &rng)
        #expect(abs(market.price - 1.6) <= 1e-15)
        market.advance(netSold: -1e6, rng: &rng)
        #expect(abs(market.price - 1.6 * 1.2) <= 1e-15, "buying raises the price")
        market.advance(netSold: 1e9, rng: &rng)
        #expect(abs(market.price - 1.6 * 1.2 * 0.01) <= 1e-15, "the floor keeps the price positive")
        #expect(market.price > 0)
    }
}
