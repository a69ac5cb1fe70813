import HomeostatCore
import HomeostatMechanisms
import Testing

// Reference numbers in `multiTickSwapMatchesV3Integers` come from a throwaway Python script
// (not in the repository) that re-implements Uniswap v3-core's integer arithmetic:
// TickMath.getSqrtRatioAtTick with its constants (checked against MIN/MAX_SQRT_RATIO),
// getTickAtSqrtRatio by its definition, SqrtPriceMath's rounded amount and next-price
// functions, SwapMath.computeSwapStep, the TickBitmap one-word search, Tick.update / cross /
// getFeeGrowthInside in wrapping uint256, Position.update, and UniswapV3Pool's mint / burn /
// swap loop (exact input, feeProtocol 0), with liquidity and amounts in wei of two 18-decimal
// tokens and prices in Q64.96; its results were printed as exact decimals of token units.

extension Pools {
@Suite("ConcentratedLiquidityPool")
struct ConcentratedLiquidityPoolTests {
    typealias CL = ConcentratedLiquidityPool

    /// The five positions of the reference script: price 1, spacing 10, fee 500 pips.
    static let ranges: [(String, Int, Int, Double)] = [
        ("a", -100, 100, 1_000_000), ("b", -50, 50, 2_000_000), ("c", 20, 200, 500_000),
        ("d", -300, -20, 300_000), ("e", -3000, 3000, 100_000),
    ]

    static func referencePool(fee: Int = 500) throws -> CL {
        var pool = try CL(sqrtPrice: 1, tickSpacing: 10, fee: fee)
        for (who, lower, upper, l) in ranges { try pool.mint(owner: who, tickLower: lower, tickUpper: upper, liquidity: l) }
        return pool
    }

    @Test func multiTickSwapMatchesV3Integers() throws {
        var pool = try CL(sqrtPrice: 1, tickSpacing: 10, fee: 500)
        let minted = try Self.ranges.map { who, lower, upper, l in
            try pool.mint(owner: who, tickLower: lower, tickUpper: upper, liquidity: l)
        }
        expectClose(minted[0].amount0, 4987.272070749096133501)
        expectClose(minted[2].amount0, 4475.110519430999137328)
        #expect(minted[2].amount1 == 0 && minted[3].amount0 == 0)
        expectClose(minted[3].amount1, 4166.361417608698036212)
        expectClose(minted[4].amount1, 13928.556867123647404453)
        #expect(pool.liquidity == 3_100_000)

        // Down from tick 0 to −2923: crosses −20, −50, −100, −300 and the bitmap word edge at −2560.
        let down = try pool.swap(zeroForOne: true, amountIn: 30_000)
        #expect(down.amountIn == 30_000)
        expectClose(down.amountOut, 27741.487295659645876114)
        expectClose(down.fee, 15.000000000000000003)
        #expect(down.ticksCrossed == 4)
        expectClose(pool.sqrtPrice, 0.864056520386055222065704818742, relative: 1e-12)
        #expect(pool.tick == -2923)
        #expect(pool.liquidity == 100_000)
        expectClose(pool.feeGrowthGlobal0, 0.0000787052016550109368391888045541)

        let up = try pool.swap(zeroForOne: false, amountIn: 40_000)
        expectClose(up.amountOut, 42174.321669901555025872)
        expectClose(up.fee, 20.000000000000000005)
        #expect(up.ticksCrossed == 6)
        expectClose(pool.sqrtPrice, 1.00483295822613737026855183082, relative: 1e-12)
        #expect(pool.tick == 96)
        #expect(pool.liquidity == 1_600_000)
        expectClose(pool.feeGrowthGlobal1, 0.0000704234306353587534915475437487)

        let owed: [(Double, Double)] = [
            (2.507388505778490996, 4.912571434160313359), (2.504254428479771363, 5.002256352395416143),
            (0, 0.958606329693938906), (2.117836900240643959, 2.084222820214456246),
            (7.870520165501093683, 7.042343063535875349),
        ]
        for ((who, lower, upper, _), (owed0, owed1)) in zip(Self.ranges, owed) {
            try pool.burn(owner: who, tickLower: lower, tickUpper: upper, liquidity: 0)
            let p = try #require(pool.position(owner: who, tickLower: lower, tickUpper: upper))
            expectClose(p.tokensOwed0, owed0, absolute: 1e-15, "\(who) token0")
            expectClose(p.tokensOwed1, owed1, absolute: 1e-15, "\(who) token1")
        }
        try pool.checkInvariants()
    }

    @Test(arguments: [true, false])
    func swapAcrossTicksEqualsSwapsOverEachPiece(_ zeroForOne: Bool) throws {
        // One swap crossing several initialized ticks, against the same input fed piece by
        // piece: each piece stops at the next initialized tick (a price limit), the last one
        // ends where the input runs out.
        var whole = try Self.referencePool()
        let amount = 25_000.0
        let result = try whole.swap(zeroForOne: zeroForOne, amountIn: amount)
        #expect(result.ticksCrossed >= 3)

        var pieces = try Self.referencePool()
        var remaining = amount
        var out = 0.0
        var fee = 0.0
        var pieceCount = 0
        let ticks = pieces.initializedTicks
        while remaining > 0 {
            let next = zeroForOne ? ticks.last { $0 <= pieces.tick && CL.sqrtPrice(atTick: $0) < pieces.sqrtPrice }
                                  : ticks.first { $0 > pieces.tick }
            let limit = next.map { CL.sqrtPrice(atTick: $0) }
            let piece = try pieces.swap(zeroForOne: zeroForOne, amountIn: remaining, sqrtPriceLimit: limit)
            #expect(piece.ticksCrossed <= 1, "a piece crosses at most the tick it stops on")
            remaining -= piece.amountIn
            out += piece.amountOut
            fee += piece.fee
            pieceCount += 1
            if piece.amountIn == 0 { break }
        }
        #expect(pieceCount >= 4)
        expectClose(out, result.amountOut, relative: 1e-12)
        expectClose(fee, result.fee, relative: 1e-12)
        expectClose(pieces.sqrtPrice, whole.sqrtPrice, relative: 1e-14)
        #expect(pieces.liquidity == whole.liquidity)
    }

    @Test func pieceOutputsMatchTheClosedFormPerInterval() throws {
        // Without fee, selling token1 from √P to the next tick b with constant L pays
        // Δy = L·(b − s) in and Δx = L·(1/s − 1/b) out.
        var pool = try CL(sqrtPrice: 1, tickSpacing: 10, fee: 0)
        try pool.mint(owner: "a", tickLower: -100, tickUpper: 100, liquidity: 1_000_000)
        try pool.mint(owner: "b", tickLower: 50, tickUpper: 100, liquidity: 3_000_000)
        let b50 = CL.sqrtPrice(atTick: 50), b100 = CL.sqrtPrice(atTick: 100)
        let first = 1_000_000 * (b50 - 1)
        let second = 4_000_000 * (b100 - b50) * 0.5
        let result = try pool.swap(zeroForOne: false, amountIn: first + second)
        let s = b50 + second / 4_000_000
        let expectedOut = 1_000_000 * (1 - 1 / b50) + 4_000_000 * (1 / b50 - 1 / s)
        expectClose(result.amountOut, expectedOut, relative: 1e-12)
        expectClose(pool.sqrtPrice, s, relative: 1e-15)
        #expect(result.ticksCrossed == 1 && pool.liquidity == 4_000_000)
    }

    @Test func feesAndLiquidityAreConserved() throws {
        var pool = try Self.referencePool(fee: 3000)
        var rng = SplitMix(seed: 11)
        for k in 0..<60 {
            let zeroForOne = k % 2 == 0
            _ = try pool.swap(zeroForOne: zeroForOne, amountIn: 500 + 20_000 * rng.unit())
            try pool.checkInvariants()
        }
        // The active liquidity is the Σ L of the positions whose range contains the tick.
        let inRange = Self.ranges.filter { $0.1 <= pool.tick && pool.tick < $0.2 }.map(\.3).reduce(0, +)
        expectClose(pool.liquidity, inRange, relative: 1e-12)

        // Σ fees credited to positions == fees charged (liquidity was never zero: e spans the swaps).
        var fees0 = 0.0, fees1 = 0.0
        for (who, lower, upper, _) in Self.ranges {
            try pool.burn(owner: who, tickLower: lower, tickUpper: upper, liquidity: 0)
            let p = try #require(pool.position(owner: who, tickLower: lower, tickUpper: upper))
            fees0 += p.tokensOwed0
            fees1 += p.tokensOwed1
        }
        #expect(pool.feesCharged0 > 0 && pool.feesCharged1 > 0)
        expectClose(fees0, pool.feesCharged0, relative: 1e-9)
        expectClose(fees1, pool.feesCharged1, relative: 1e-9)

        // Burning and collecting everything empties the pool (to rounding) and clears every tick.
        for (who, lower, upper, l) in Self.ranges {
            try pool.burn(owner: who, tickLower: lower, tickUpper: upper, liquidity: l)
            try pool.collect(owner: who, tickLower: lower, tickUpper: upper)
        }
        #expect(pool.initializedTicks.isEmpty)
        #expect(pool.liquidity == 0)
        #expect(abs(pool.balance0) <= 1e-9 * 50_000 && abs(pool.balance1) <= 1e-9 * 50_000)
    }

    @Test(arguments: [(-1000, -500), (-500, 600), (700, 2000)])
    func amountsMatchClosedForms(_ lower: Int, _ upper: Int) throws {
        let pool = try CL(price: 1.05, tickSpacing: 10, fee: 3000)
        let l = 12_345.0
        let a = _pow(1.0001, Double(lower) / 2), b = _pow(1.0001, Double(upper) / 2)
        let s = 1.05.squareRoot()
        let (x, y) = pool.amounts(liquidity: l, tickLower: lower, tickUpper: upper)
        switch (s < a, s >= b) {
        case (true, _):
            expectClose(x, l * (1 / a - 1 / b), relative: 1e-11); #expect(y == 0)
        case (_, true):
            expectClose(y, l * (b - a), relative: 1e-11); #expect(x == 0)
        default:
            expectClose(x, l * (1 / s - 1 / b), relative: 1e-11)
            expectClose(y, l * (s - a), relative: 1e-11)
        }
        var minted = pool
        let paid = try minted.mint(owner: "p", tickLower: lower, tickUpper: upper, liquidity: l)
        #expect(paid == (x, y) || (paid.amount0 == x && paid.amount1 == y))
        #expect(minted.balance0 == x && minted.balance1 == y)
        // Burning it straight away credits the same amounts back.
        let back = try minted.burn(owner: "p", tickLower: lower, tickUpper: upper, liquidity: l)
        #expect(back.amount0 == x && back.amount1 == y)
    }

    @Test(arguments: [(0.5, 0.25, 4.0), (1.3, 0.8, 1.5), (0.9, 0.5, 1.1), (3.0, 0.5, 2.0), (1.21, 0.81, 1.44)])
    func impermanentLossMatchesTheClosedForm(_ r: Double, _ lower: Double, _ upper: Double) throws {
        // A position on [lower·P0, upper·P0] opened at P0 = 4, no fee; arbitrage moves the
        // price to r·P0 through a second, wide position. Value at P1 vs holding the deposit.
        let p0 = 4.0
        let tl = CL.tick(atSqrtPrice: (lower * p0).squareRoot()), tu = CL.tick(atSqrtPrice: (upper * p0).squareRoot())
        var pool = try CL(price: p0, tickSpacing: 1, fee: 0)
        try pool.mint(owner: "wide", tickLower: -200_000, tickUpper: 200_000, liquidity: 1e6)
        let deposit = try pool.mint(owner: "lp", tickLower: tl, tickUpper: tu, liquidity: 1000)
        let target = (r * p0).squareRoot()
        let zeroForOne = target < pool.sqrtPrice
        _ = try pool.swap(zeroForOne: zeroForOne, amountIn: 1e12, sqrtPriceLimit: target)
        expectClose(pool.sqrtPrice, target, relative: 1e-15)
        let value = pool.amounts(liquidity: 1000, tickLower: tl, tickUpper: tu)
        let p1 = pool.price
        let il = (value.amount0 * p1 + value.amount1) / (deposit.amount0 * p1 + deposit.amount1) - 1
        // The closed form for the position's actual tick prices (ticks round the bounds).
        let actualLower = _pow(1.0001, Double(tl)) / p0, actualUpper = _pow(1.0001, Double(tu)) / p0
        expectClose(il, ImpermanentLoss.concentrated(priceRatio: p1 / p0, lower: actualLower, upper: actualUpper),
                    relative: 1e-9, absolute: 1e-12)
        #expect(il <= 0)
    }

    @Test func concentratedLossReducesToTheFullRangeFormAndGrowsWhenNarrower() {
        for r in [0.25, 0.5, 2.0, 4.0] {
            expectClose(ImpermanentLoss.concentrated(priceRatio: r, lower: 1e-12, upper: 1e12),
                        ImpermanentLoss.constantProduct(priceRatio: r), relative: 1e-5)
            // Inside a narrower range the same move costs more.
            let wide = ImpermanentLoss.concentrated(priceRatio: 1.2, lower: 0.5, upper: 2)
            let narrow = ImpermanentLoss.concentrated(priceRatio: 1.2, lower: 0.8, upper: 1.25)
            #expect(narrow < wide && wide < 0)
        }
        // In-range closed form with s = √r, a = √lower, b = √upper.
        let (r, lo, hi) = (1.44, 0.64, 2.25)
        let s = r.squareRoot(), a = lo.squareRoot(), b = hi.squareRoot()
        expectClose(ImpermanentLoss.concentrated(priceRatio: r, lower: lo, upper: hi),
                    (2 * s - a - s * s / b) / ((1 - 1 / b) * s * s + 1 - a) - 1, relative: 1e-14)
        #expect(ImpermanentLoss.concentrated(priceRatio: 1, lower: 0.5, upper: 2) == 0)
        #expect(ImpermanentLoss.concentrated(priceRatio: 2, lower: 2, upper: 1).isNaN)
    }

    @Test func tickMathAgreesWithTheContractConstants() {
        #expect(CL.sqrtPrice(atTick: 0) == 1)
        #expect(CL.tick(atSqrtPrice: 2000.0.squareRoot()) == 76012)  // MECHANISMS.md §6.2
        // MIN_SQRT_RATIO = 4295128739 is rounded to an integer of Q64.96: 2.3e-10 relative.
        expectClose(CL.sqrtPrice(atTick: CL.minTick + 1) / CL.minSqrtPrice, _pow(1.0001, 0.5), relative: 5e-10)
        expectClose(CL.sqrtPrice(atTick: 887_271), CL.maxSqrtPrice / _pow(1.0001, 0.5), relative: 1e-12)
        for t in [-887_000, -76012, -61, -1, 1, 59, 76012, 500_000] {
            #expect(CL.tick(atSqrtPrice: CL.sqrtPrice(atTick: t)) == t)
            #expect(CL.tick(atSqrtPrice: CL.sqrtPrice(atTick: t).nextDown) == t - 1)
        }
    }

    @Test func mechanismsVectorWithoutFee() throws {
        // MECHANISMS.md §6.2: L = 1e6 at P = 2000, sell 1 token0 with no fee →
        // √P' = 44.71936, price 1999.8211, out 1999.9106.
        var pool = try CL(price: 2000, tickSpacing: 10, fee: 0)
        try pool.mint(owner: "lp", tickLower: 70000, tickUpper: 80000, liquidity: 1e6)
        let result = try pool.swap(zeroForOne: true, amountIn: 1)
        expectClose(pool.sqrtPrice, 44.71936, relative: 1e-6)
        expectClose(pool.price, 1999.8211, relative: 1e-7)
        expectClose(result.amountOut, 1999.9106, relative: 1e-7)
    }

    @Test func rejectedOperationsChangeNothing() throws {
        let pool = try Self.referencePool()
        let before = pool
        func rejects(_ expected: PoolError, _ reason: String, _ body: (inout CL) throws(PoolError) -> Void,
                     sourceLocation: SourceLocation = #_sourceLocation) {
            var copy = pool
            #expect(throws: expected, sourceLocation: sourceLocation) { try body(&copy) }
            #expect(expected.description.hasPrefix(reason), sourceLocation: sourceLocation)
            #expect(copy.sqrtPrice == before.sqrtPrice && copy.liquidity == before.liquidity
                    && copy.initializedTicks == before.initializedTicks && copy.positionKeys == before.positionKeys,
                    sourceLocation: sourceLocation)
        }
        rejects(.zeroAmount, "amount") { p throws(PoolError) in try p.mint(owner: "x", tickLower: 0, tickUpper: 10, liquidity: 0) }
        rejects(.tickRangeInverted(lower: 10, upper: 10), "TLU") { p throws(PoolError) in
            try p.mint(owner: "x", tickLower: 10, tickUpper: 10, liquidity: 1) }
        rejects(.tickBelowMinimum(-887_280), "TLM") { p throws(PoolError) in
            try p.mint(owner: "x", tickLower: -887_280, tickUpper: 0, liquidity: 1) }
        rejects(.tickAboveMaximum(887_280), "TUM") { p throws(PoolError) in
            try p.mint(owner: "x", tickLower: 0, tickUpper: 887_280, liquidity: 1) }
        rejects(.tickNotOnSpacing(tick: 15, spacing: 10), "tick 15") { p throws(PoolError) in
            try p.mint(owner: "x", tickLower: 0, tickUpper: 15, liquidity: 1) }
        rejects(.insufficientPositionLiquidity(have: 1_000_000, need: 1_000_001), "LS") { p throws(PoolError) in
            try p.burn(owner: "a", tickLower: -100, tickUpper: 100, liquidity: 1_000_001) }
        rejects(.insufficientPositionLiquidity(have: 0, need: 1), "LS") { p throws(PoolError) in
            try p.burn(owner: "nobody", tickLower: -100, tickUpper: 100, liquidity: 1) }
        rejects(.positionNotFound, "NP") { p throws(PoolError) in
            try p.burn(owner: "nobody", tickLower: -100, tickUpper: 100, liquidity: 0) }
        rejects(.zeroAmount, "amount") { p throws(PoolError) in _ = try p.swap(zeroForOne: true, amountIn: 0) }
        rejects(.priceLimitOutOfRange(limit: 1.5, current: 1), "SPL") { p throws(PoolError) in
            _ = try p.swap(zeroForOne: true, amountIn: 1, sqrtPriceLimit: 1.5) }
        rejects(.priceLimitOutOfRange(limit: 0.5, current: 1), "SPL") { p throws(PoolError) in
            _ = try p.swap(zeroForOne: false, amountIn: 1, sqrtPriceLimit: 0.5) }
        rejects(.priceLimitOutOfRange(limit: CL.minSqrtPrice, current: 1), "SPL") { p throws(PoolError) in
            _ = try p.swap(zeroForOne: true, amountIn: 1, sqrtPriceLimit: CL.minSqrtPrice) }
        rejects(.invalidAmount(-1), "amount") { p throws(PoolError) in _ = try p.swap(zeroForOne: true, amountIn: -1) }
        #expect(throws: PoolError.sqrtPriceOutOfRange(CL.maxSqrtPrice)) { try CL(sqrtPrice: CL.maxSqrtPrice, tickSpacing: 1, fee: 0) }
        #expect(throws: PoolError.self) { try CL(sqrtPrice: 1, tickSpacing: 0, fee: 0) }
        #expect(throws: PoolError.self) { try CL(sqrtPrice: 1, tickSpacing: 1, fee: 1_000_000) }
        // A swap with no liquidity anywhere moves the price to the limit and takes nothing.
        var empty = try CL(sqrtPrice: 1, tickSpacing: 60, fee: 3000)
        let nothing = try empty.swap(zeroForOne: true, amountIn: 5, sqrtPriceLimit: 0.9)
        #expect(nothing.amountIn == 0 && nothing.amountOut == 0 && empty.sqrtPrice == 0.9)
    }

    /// Swaps that run through all the liquidity in their path never pay out more than the
    /// pool holds (the summed steps can exceed the balance by a few ulps; found by a run whose
    /// arbitrage pushed the price out of every range), and the invariants hold after each.
    @Test func drainingSwapsNeverLeaveANegativeBalance() throws {
        var rng = SplitMix(seed: 42)
        for trial in 0..<200 {
            let price = 0.2 + 5 * rng.unit()
            var pool = try CL(price: price, tickSpacing: 60, fee: 3000)
            let centre = CL.tick(atSqrtPrice: price.squareRoot()) / 60 * 60
            let width = 60 * (1 + Int(rng.unit() * 20))
            try pool.mint(owner: "lp", tickLower: centre - width, tickUpper: centre + width, liquidity: 1_000 + 1e6 * rng.unit())
            for _ in 0..<4 {
                let zeroForOne = rng.next() & 1 == 0
                // Far more than the range holds, so the swap drains it and stops at the limit.
                let limit = zeroForOne ? pool.sqrtPrice / 4 : pool.sqrtPrice * 4
                _ = try? pool.swap(zeroForOne: zeroForOne, amountIn: 1e9 * (0.5 + rng.unit()), sqrtPriceLimit: limit)
                #expect(pool.balance0 >= 0 && pool.balance1 >= 0, "trial \(trial): \(pool.balance0), \(pool.balance1)")
                #expect(throws: Never.self, "trial \(trial)") { try pool.checkInvariants() }
            }
        }
    }
}
}

/// A small deterministic generator for the swap sizes (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
