import HomeostatCore
import HomeostatMechanisms
import Testing

extension Pools {
/// ``LPExposure``'s closed forms checked against the pools that they describe: values and
/// greeks against finite differences of executed swaps and of
/// `ConcentratedLiquidityPool.amounts`, depth and slippage against executed swaps.
@Suite("LP exposure")
struct LPExposureTests {
    typealias CP = LPExposure.ConstantProduct
    typealias CL = LPExposure.Concentrated

    /// A fee-free pool of 1000 coin 0 and 2,000,000 coin 1 (price 2000, k = 2e9).
    static func pool(fee: Double = 0, _ r0: Double = 1000, _ r1: Double = 2_000_000) throws -> ConstantProductPool {
        try ConstantProductPoolTests.funded(r0, r1, fee: fee).0
    }

    /// `pool` (fee-free) after the swap that moves its price to `price`, sized from `x·y = k`
    /// alone and executed by the pool.
    static func arbitraged(_ pool: ConstantProductPool, to price: Double) throws -> ConstantProductPool {
        var pool = pool
        let targetX = (pool.k / price).squareRoot()
        if targetX > pool.reserve0 {
            _ = try pool.swap(i: 0, dx: targetX - pool.reserve0)
        } else if targetX < pool.reserve0 {
            _ = try pool.swap(i: 1, dx: (pool.k * price).squareRoot() - pool.reserve1)
        }
        expectClose(pool.price, price, relative: 1e-12, "the swap reaches the target price")
        return pool
    }

    /// The pool's value at `price` after arbitrage, read off its reserves.
    static func executedValue(_ pool: ConstantProductPool, at price: Double) throws -> Double {
        let moved = try arbitraged(pool, to: price)
        return price * moved.reserve0 + moved.reserve1
    }

    @Test(arguments: [1500.0, 2000.0, 2600.0])
    func constantProductValueDeltaGammaMatchFiniteDifferencesOfSwaps(price: Double) throws {
        let start = try Self.pool()
        let k = start.k
        let h = price * 1e-3
        let v0 = try Self.executedValue(start, at: price)
        let up = try Self.executedValue(start, at: price + h)
        let down = try Self.executedValue(start, at: price - h)
        expectClose(CP.value(k: k, price: price), v0, relative: 1e-12, "V = 2√(kP)")
        expectClose(CP.delta(k: k, price: price), (up - down) / (2 * h), relative: 1e-6, "Δ = √(k/P)")
        expectClose(CP.gamma(k: k, price: price), (up - 2 * v0 + down) / (h * h), relative: 1e-5, "Γ = −½√(k/P³)")
        // Δ is the coin-0 reserve of the arbitraged pool; Γ < 0 (short gamma).
        expectClose(CP.delta(k: k, price: price), try Self.arbitraged(start, to: price).reserve0, relative: 1e-12)
        #expect(CP.gamma(k: k, price: price) < 0)
    }

    @Test func constantProductFunctionsRejectInputsOutsideTheirDomain() {
        #expect(CP.value(k: 1, price: 0).isNaN && CP.delta(k: -1, price: 1).isNaN && CP.gamma(k: 1, price: .nan).isNaN)
        #expect(CP.lvrRate(volatility: -0.1, value: 1).isNaN)
        #expect(CP.depth(reserve0: 0, reserve1: 1, fee: 0, priceChange: 0.02).amountIn.isNaN)
        #expect(CP.depth(reserve0: 1, reserve1: 1, fee: 0, priceChange: -1).amountIn.isNaN)
        #expect(CP.slippage(reserveIn: 1, reserveOut: 1, fee: 1, amountIn: 1).isNaN)
        #expect(CP.arbitrage(reserve0: 1, reserve1: 1, fee: 0, externalPrice: 0)?.amountIn.isNaN == true)
        #expect(CL.value(liquidity: 1, lowerPrice: 2, upperPrice: 1, price: 1).isNaN)
        #expect(LPExposure.lvrRate(volatility: 0.5, price: 1, gamma: .infinity).isNaN)
    }

    struct DepthCase: Sendable, CustomTestStringConvertible {
        let fee: Double
        let priceChange: Double
        var testDescription: String { "fee \(fee), price change \(priceChange)" }
    }

    @Test(arguments: [0.0, 0.003, 0.01].flatMap { fee in
        [-0.02, 0.02, -0.25, 0.6].map { DepthCase(fee: fee, priceChange: $0) }
    })
    func depthIsTheSwapThatMovesThePriceByTheChange(_ c: DepthCase) throws {
        var pool = try Self.pool(fee: c.fee, 1000, 2_000_000)
        let before = pool.price
        let trade = CP.depth(of: pool, priceChange: c.priceChange)
        #expect(trade.coinIn == (c.priceChange > 0 ? 1 : 0))
        let out = try pool.swap(i: trade.coinIn, dx: trade.amountIn)
        expectClose(pool.price / before - 1, c.priceChange, relative: 1e-11)
        expectClose(out, trade.amountOut, relative: 1e-13)
    }

    @Test func feeFreeDepthMatchesTheReferenceNumbers() {
        // MECHANISMS.md §6.1: a fall of q needs x·(1/√(1 − q) − 1) of coin 0:
        // 1% → 0.5038% of the reserve, 2% → 1.0153%, 5% → 2.5978%.
        for (q, share) in [(0.01, 0.005038), (0.02, 0.010153), (0.05, 0.025978)] {
            let trade = CP.depth(reserve0: 1000, reserve1: 2_000_000, fee: 0, priceChange: -q)
            expectClose(trade.amountIn / 1000, share, absolute: 5e-7, "fall of \(q)")
        }
        let none = CP.depth(reserve0: 1000, reserve1: 2_000_000, fee: 0.003, priceChange: 0)
        #expect(none.amountIn == 0 && none.amountOut == 0)
        // With a fee the same move takes more input.
        let withFee = CP.depth(reserve0: 1000, reserve1: 2_000_000, fee: 0.003, priceChange: 0.02)
        let free = CP.depth(reserve0: 1000, reserve1: 2_000_000, fee: 0, priceChange: 0.02)
        #expect(withFee.amountIn > free.amountIn)
    }

    @Test(arguments: [0.0, 0.003, 0.01])
    func slippageMatchesExecutedSwaps(fee: Double) throws {
        var rng = Xoshiro256StarStar(seed: 7)
        for step in 0..<200 {
            var pool = try Self.pool(fee: fee, 1000, 2_000_000)
            let i = Int(rng.next() & 1)
            let (reserveIn, reserveOut) = i == 0 ? (pool.reserve0, pool.reserve1) : (pool.reserve1, pool.reserve0)
            let d = reserveIn * _exp(rng.uniform(_log(1e-7), _log(3)))
            let out = try pool.swap(i: i, dx: d)
            let executed = 1 - (out / d) / (reserveOut / reserveIn)
            let formula = CP.slippage(reserveIn: reserveIn, reserveOut: reserveOut, fee: fee, amountIn: d)
            expectClose(formula, executed, relative: 1e-9, absolute: 1e-14, "step \(step): coin \(i), in \(d)")
            #expect(formula >= fee && formula < 1)
        }
        // A vanishing trade slips by the fee alone.
        expectClose(CP.slippage(reserveIn: 1000, reserveOut: 1000, fee: fee, amountIn: 0), fee, absolute: 1e-15)
    }

    @Test(arguments: [0.0, 0.003, 0.01])
    func arbitrageMaximisesProfitAtTheExternalPrice(fee: Double) throws {
        let start = try Self.pool(fee: fee)
        for external in [1500.0, 1990.0, 2050.0, 3000.0] {
            let inBand = external >= (1 - fee) * start.price && external <= start.price / (1 - fee)
            guard let trade = CP.arbitrage(of: start, externalPrice: external) else {
                #expect(inBand, "no trade outside the band at \(external)")
                continue
            }
            #expect(!inBand, "a trade inside the band at \(external)")
            #expect(trade.coinIn == (external > start.price ? 1 : 0))
            // The profit at the external price is maximal: a slightly smaller or larger trade earns less.
            func profit(_ d: Double) throws -> Double {
                let out = try start.getAmountOut(i: trade.coinIn, dx: d)
                return trade.coinIn == 0 ? out - external * d : external * out - d
            }
            let best = try profit(trade.amountIn)
            #expect(best > 0)
            #expect(try profit(trade.amountIn * 0.999) < best && profit(trade.amountIn * 1.001) < best, "at \(external)")
            var pool = start
            let out = try pool.swap(i: trade.coinIn, dx: trade.amountIn)
            expectClose(out, trade.amountOut, relative: 1e-13)
            if fee == 0 { expectClose(pool.price, external, relative: 1e-12, "no fee: the pool ends at the external price") }
        }
        // Inside the band there is nothing to do.
        #expect(CP.arbitrage(of: start, externalPrice: start.price) == nil)
    }

    // MARK: Concentrated

    /// A pool at `price` (no liquidity needed: `amounts` is a view) and the range's prices.
    static let lowerTick = 73_200  // p ≈ 1507
    static let upperTick = 78_240  // p ≈ 2498

    static func concentratedValue(price: Double, liquidity L: Double) throws -> (value: Double, amount0: Double, pool: ConcentratedLiquidityPool) {
        let pool = try ConcentratedLiquidityPool(price: price, tickSpacing: 60, fee: 3000)
        let (a0, a1) = pool.amounts(liquidity: L, tickLower: lowerTick, tickUpper: upperTick)
        return (pool.price * a0 + a1, a0, pool)
    }

    @Test(arguments: [1000.0, 1600.0, 2000.0, 2400.0, 4000.0])
    func concentratedFormulasMatchThePoolsAmounts(price: Double) throws {
        let L = 1e6
        let pa = ConcentratedLiquidityPool.sqrtPrice(atTick: Self.lowerTick).squared
        let pb = ConcentratedLiquidityPool.sqrtPrice(atTick: Self.upperTick).squared
        let (v0, x0, pool) = try Self.concentratedValue(price: price, liquidity: L)
        let p = pool.price
        expectClose(CL.value(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p), v0, relative: 1e-12, absolute: 1e-6)
        expectClose(CL.delta(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p), x0, relative: 1e-12, absolute: 1e-12)

        let h = p * 1e-3
        let up = try Self.concentratedValue(price: p + h, liquidity: L).value
        let down = try Self.concentratedValue(price: p - h, liquidity: L).value
        // The central difference's truncation error is h²·V'''/6 ≈ 1e-6·L/(8√P): bound it
        // against the full-range delta L/√P, since the range's delta vanishes at p_b.
        expectClose(
            CL.delta(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p), (up - down) / (2 * h),
            relative: 1e-6, absolute: 1e-6 * L / p.squareRoot())
        let gamma = CL.gamma(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p)
        expectClose(gamma, (up - 2 * v0 + down) / (h * h), relative: 1e-5, absolute: 1e-6)
        let inRange = p >= pa && p <= pb
        #expect(inRange ? gamma < 0 : gamma == 0)
        if inRange {
            // The same L has the full-range gamma inside the range.
            expectClose(gamma, CP.gamma(k: L * L, price: p), relative: 1e-12)
        }
    }

    @Test func aWideRangeTendsToTheConstantProduct() {
        let L = 1e6
        let pa = ConcentratedLiquidityPool.minSqrtPrice.squared
        let pb = ConcentratedLiquidityPool.maxSqrtPrice.squared
        for p in [0.5, 2000.0, 1e7] {
            expectClose(CL.value(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p), CP.value(k: L * L, price: p), relative: 1e-9)
            expectClose(CL.delta(liquidity: L, lowerPrice: pa, upperPrice: pb, price: p), CP.delta(k: L * L, price: p), relative: 1e-9)
        }
    }

    // MARK: LVR rates

    @Test func lvrRatesMatchTheReferenceNumbers() {
        // MECHANISMS.md §7: σ = 80%/yr → 8% of the value per year ≈ 2.19 bp/day; 100% → 12.5%.
        expectClose(CP.lvrRate(volatility: 0.8, value: 1), 0.08, relative: 1e-15)
        expectClose(CP.lvrRate(volatility: 0.8, value: 1) / 365 * 1e4, 2.19, absolute: 0.005)
        expectClose(CP.lvrRate(volatility: 1, value: 1), 0.125, relative: 1e-15)
        // The general rate from gamma agrees with σ²/8·V.
        for (k, p) in [(2e9, 2000.0), (1.0, 0.01), (5e3, 7.5)] {
            expectClose(
                LPExposure.lvrRate(volatility: 0.6, price: p, gamma: CP.gamma(k: k, price: p)),
                CP.lvrRate(volatility: 0.6, value: CP.value(k: k, price: p)), relative: 1e-12)
        }
        // Range [1500, 2500] at 2000: LVR/V is 8.35 times the full-range σ²/8.
        let sigma = 0.8
        let rate = CL.lvrRate(volatility: sigma, liquidity: 1, lowerPrice: 1500, upperPrice: 2500, price: 2000)
        let value = CL.value(liquidity: 1, lowerPrice: 1500, upperPrice: 2500, price: 2000)
        expectClose(rate / value / (sigma * sigma / 8), 8.35, absolute: 0.005)
        #expect(CL.lvrRate(volatility: sigma, liquidity: 1, lowerPrice: 1500, upperPrice: 2500, price: 2600) == 0)
    }
}

/// ``LVRAccumulator``: its bookkeeping, and a Monte Carlo check that arbitrage of a fee-free
/// constant-product pool along GBM paths measures the LVR rate σ²/8.
@Suite("LVR accumulator")
struct LVRAccumulatorTests {
    @Test func recordsProfitAtTheExternalPriceAndTime() {
        var lvr = LVRAccumulator()
        #expect(lvr.rate.isNaN && lvr.ratePerValue.isNaN)
        // Sells 1 coin 0 for 1990 coin 1 while coin 0 is worth 2000: loses 10.
        lvr.record(coinIn: 0, amountIn: 1, amountOut: 1990, externalPrice: 2000)
        // Sells 2000 coin 1 for 1.01 coin 0 worth 2020: earns 20.
        lvr.record(LPExposure.Trade(coinIn: 1, amountIn: 2000, amountOut: 1.01), externalPrice: 2000)
        #expect(lvr.trades == 2)
        expectClose(lvr.profit, 10, relative: 1e-12)
        lvr.elapse(0.5, poolValue: 100)
        lvr.elapse(1.5, poolValue: 300)
        #expect(lvr.elapsed == 2 && lvr.valueTime == 500)
        expectClose(lvr.rate, 5, relative: 1e-12)
        expectClose(lvr.ratePerValue, 0.02, relative: 1e-12)
    }

    struct MonteCarlo: Sendable, CustomTestStringConvertible {
        let volatility: Double
        var testDescription: String { "σ = \(volatility)/yr" }
    }

    /// 64 GBM paths (zero drift) × 2000 hourly steps of a fee-free pool of 1000 / 2,000,000,
    /// arbitraged to the external price after every step: the profit per unit of pool value
    /// per year is within 2% of σ²/8.
    ///
    /// Per step the expected profit is exactly `V·(1 − e^(−σ²·dt/8))`, so the discretisation
    /// bias is about `σ²·dt/16` relative (< 1e-5 here); the per-step profit is `V·σ²·dt/8·z²`
    /// to leading order, so the standard error of the estimate over 128,000 steps is about
    /// `√(2/128000)` ≈ 0.4%, and 2% is 5 standard errors.
    @Test(arguments: [MonteCarlo(volatility: 0.5), MonteCarlo(volatility: 1.0)])
    func arbitrageOfAFeeFreePoolAlongGBMPathsMeasuresSigmaSquaredOverEight(_ c: MonteCarlo) throws {
        let paths = 64, steps = 2000
        let dt = 1.0 / (365 * 24)
        let sigma = c.volatility
        var rng = Xoshiro256StarStar(seed: 20220812)
        let start = try ConstantProductPoolTests.funded(1000, 2_000_000, fee: 0).0
        var total = LVRAccumulator()
        var pathRates: [Double] = []
        for _ in 0..<paths {
            var pool = start
            var price = start.price
            var lvr = LVRAccumulator()
            for _ in 0..<steps {
                let value = price * pool.reserve0 + pool.reserve1
                lvr.elapse(dt, poolValue: value)
                total.elapse(dt, poolValue: value)
                price *= _exp(-sigma * sigma * dt / 2 + sigma * dt.squareRoot() * rng.normal())
                if let trade = LPExposure.ConstantProduct.arbitrage(of: pool, externalPrice: price) {
                    let out = try pool.swap(i: trade.coinIn, dx: trade.amountIn)
                    lvr.record(coinIn: trade.coinIn, amountIn: trade.amountIn, amountOut: out, externalPrice: price)
                    total.record(coinIn: trade.coinIn, amountIn: trade.amountIn, amountOut: out, externalPrice: price)
                }
            }
            pathRates.append(lvr.ratePerValue)
        }
        let expected = LPExposure.ConstantProduct.lvrRate(volatility: sigma, value: 1)
        let mean = pathRates.reduce(0, +) / Double(paths)
        let variance = pathRates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(paths - 1)
        let standardError = (variance / Double(paths)).squareRoot()
        #expect(total.trades == paths * steps, "a fee-free pool is arbitraged after every move")
        #expect(
            abs(total.ratePerValue / expected - 1) <= 0.02,
            "measured \(total.ratePerValue) vs σ²/8 = \(expected) (standard error of the path mean \(standardError))")
    }
}
}

extension Double {
    fileprivate var squared: Double { self * self }
}
