import HomeostatCore
import HomeostatMechanisms
import Testing

// A swap step that stops short of its target used to take its input and output from the
// change in √P and book "whatever input is left" as the fee. A trade that moves √P by a few
// ulps (trade / (L·√P) below ~1e-13) made that difference meaningless: the output came out
// wrong or zero and the fee swallowed the input. These tests pin the fixed arithmetic against
// closed forms and against a double-double reference of the whole swap loop.

extension Pools {
@Suite("ConcentratedLiquidityPool: small swaps and the exact reference")
struct ConcentratedSmallSwapTests {
    typealias CL = ConcentratedLiquidityPool

    static func fullRange(sqrtPrice: Double, liquidity: Double, fee: Int = 3000, spacing: Int = 60) throws -> CL {
        var pool = try CL(sqrtPrice: sqrtPrice, tickSpacing: spacing, fee: fee)
        let edge = CL.maxTick / spacing * spacing
        try pool.mint(owner: "lp", tickLower: -edge, tickUpper: edge, liquidity: liquidity)
        return pool
    }

    /// v3-core's "medium fee, 1:1 price, 2e18 max range liquidity", swapping 1,000 wei of
    /// token0: the contract charges 3 wei of fee and pays 996 (it rounds the output down; the
    /// unrounded answer is 997·(1 − 5e-16) wei). The old arithmetic paid 888 with a 109-wei fee.
    @Test func thousandWeiSwapPaysWhatTheInputBuys() throws {
        var pool = try Self.fullRange(sqrtPrice: 1, liquidity: 2)
        let wei = 1e-18
        let r = try pool.swap(zeroForOne: true, amountIn: 1000 * wei)
        expectClose(r.fee, 3 * wei, relative: 1e-12)
        // out = Δx·s·s' with s' = L·s/(L + Δx·s): 997 wei·2/(2 + 997e-18).
        expectClose(r.amountOut, 997 * wei * 2 / (2 + 997 * wei), relative: 1e-12)
        #expect(r.amountIn == 1000 * wei)

        let back = try pool.swap(zeroForOne: false, amountIn: 1000 * wei)
        expectClose(back.fee, 3 * wei, relative: 1e-12)
        expectClose(back.amountOut, 997 * wei, relative: 1e-12)
    }

    /// v3-core's "max full range liquidity" pool (L = (2¹²⁸ − 1)/29575 wei): a 1-token swap
    /// used to pay nothing, since it moves √P by less than an ulp.
    @Test func oneTokenSwapIntoMaximumLiquidityIsPaid() throws {
        let maxLiquidity = 340_282_366_920_938_463_463_374_607_431_768_211_455.0 / 29575 / 1e18
        for zeroForOne in [true, false] {
            var pool = try Self.fullRange(sqrtPrice: 1, liquidity: maxLiquidity)
            let r = try pool.swap(zeroForOne: zeroForOne, amountIn: 1)
            expectClose(r.fee, 0.003, relative: 1e-12)
            expectClose(r.amountOut, 0.997, relative: 1e-12)
        }
    }

    /// The realistic case: L = 1e9 at price 1, swaps of 1 and 0.001 tokens were off
    /// by 3.8e-8 and 2e-5 relative; the closed forms hold to 1e-12.
    @Test func realisticSmallSwapsMatchTheClosedForm() throws {
        for amount in [1.0, 0.001, 1e-9] {
            var down = try Self.fullRange(sqrtPrice: 1, liquidity: 1e9)
            let dx = amount * 0.997
            let r0 = try down.swap(zeroForOne: true, amountIn: amount)
            expectClose(r0.amountOut, dx * 1e9 / (1e9 + dx), relative: 1e-12)
            expectClose(r0.fee, amount * 0.003, relative: 1e-12)

            var up = try Self.fullRange(sqrtPrice: 1, liquidity: 1e9)
            let r1 = try up.swap(zeroForOne: false, amountIn: amount)
            expectClose(r1.amountOut, dx * 1e9 / (1e9 + dx), relative: 1e-12)
        }
    }

    // MARK: Property: every trade against a double-double reference

    struct Range {
        var lower: Int
        var upper: Int
        var liquidity: Double
    }

    /// The exact-input swap loop in double-double arithmetic, on the pool's own Double
    /// inputs (its √P, the √ prices of its ticks, the positions' liquidity): from `s`, step
    /// to the next tick bound of any position (or the limit) with the liquidity in range;
    /// a step that reaches its target uses `Δin = L·(1/t − 1/s)` or `L·(t − s)` plus
    /// `Δin·f/(1 − f)`, the last one uses all that remains (`fee = remaining·f`) and moves
    /// √P by `Δ = remaining·(1 − f)`. Bitmap-word steps are left out: with the liquidity
    /// constant, splitting a step changes nothing in exact arithmetic.
    static func referenceSwap(
        pool: CL, ranges: [Range], zeroForOne: Bool, amountIn: Double, limit: Double
    ) -> (used: DoubleDouble, out: DoubleDouble, fee: DoubleDouble) {
        typealias DD = DoubleDouble
        let f = DD(Double(pool.fee)) / DD(1e6)
        let keep = DD(1) - f
        var tick = pool.tick
        var s = pool.sqrtPrice
        var liquidity = DD(0)
        for r in ranges where r.lower <= tick && tick < r.upper { liquidity = liquidity + DD(r.liquidity) }
        let bounds = Set(ranges.flatMap { [$0.lower, $0.upper] }).sorted()
        func net(_ t: Int) -> DD {
            var n = DD(0)
            for r in ranges {
                if r.lower == t { n = n + DD(r.liquidity) }
                if r.upper == t { n = n - DD(r.liquidity) }
            }
            return n
        }
        var remaining = DD(amountIn)
        var used = DD(0), out = DD(0), fee = DD(0)
        while remaining.hi > 0 && s != limit {
            let next = zeroForOne ? bounds.last { $0 <= tick } : bounds.first { $0 > tick }
            let atNext = next.map(CL.sqrtPrice(atTick:))
            let target = atNext.map { zeroForOne ? max($0, limit) : min($0, limit) } ?? limit
            let gap = zeroForOne ? DD.twoSum(s, -target) : DD.twoSum(target, -s)
            let toTarget = zeroForOne ? liquidity * gap / (DD(s) * DD(target)) : liquidity * gap
            let lessFee = remaining * keep
            if toTarget < lessFee || toTarget == lessFee {
                let stepFee = toTarget * f / keep
                used = used + toTarget + stepFee
                remaining = remaining - toTarget - stepFee
                fee = fee + stepFee
                out = out + (zeroForOne ? liquidity * gap : liquidity * gap / (DD(s) * DD(target)))
                s = target
                if let next, target == atNext {
                    let n = net(next)
                    liquidity = zeroForOne ? liquidity - n : liquidity + n
                    tick = zeroForOne ? next - 1 : next
                }
            } else {
                let sNext = zeroForOne
                    ? liquidity * DD(s) / (liquidity + lessFee * DD(s))
                    : DD(s) + lessFee / liquidity
                out = out + (zeroForOne ? lessFee * DD(s) * sNext : lessFee / (DD(s) * sNext))
                fee = fee + remaining * f
                used = used + remaining
                remaining = DD(0)
            }
        }
        return (used, out, fee)
    }

    /// For random pools (1–4 positions, prices from e⁻²⁰ to e²⁰, every fee tier) and trades
    /// from 1e-20 to 1e3 of the pool's depth, both ways, some with a price limit: the input
    /// the pool takes is the output's fee plus the input it used (and plus what it left,
    /// the whole order), and output, fee and input used are within 1e-12 relative of the
    /// double-double reference.
    @Test func everyTradeMatchesTheDoubleDoubleReference() throws {
        var rng = Xoshiro256StarStar(seed: 0x5A_A11_5AA9)
        let spacings = [1, 10, 60, 200]
        let fees = [0, 100, 500, 3000, 10000]
        var worst = (out: 0.0, fee: 0.0, used: 0.0)
        var tinyTrades = 0
        for trial in 0..<2000 {
            let spacing = spacings[Int(rng.next() % 4)]
            let sqrtPrice = _exp(rng.uniform(-10, 10))
            var pool = try CL(sqrtPrice: sqrtPrice, tickSpacing: spacing, fee: fees[Int(rng.next() % 5)])
            let edge = CL.maxTick / spacing
            let centre = pool.tick / spacing
            var ranges: [Range] = []
            for k in 0..<(1 + Int(rng.next() % 4)) {
                let full = rng.uniform() < 0.25
                let below = full ? -edge : max(centre - Int(rng.next() % 400) - (k == 0 ? 1 : 0), -edge)
                let above = full ? edge : min(centre + 1 + Int(rng.next() % 400), edge)
                let r = Range(lower: below * spacing, upper: above * spacing, liquidity: _exp(rng.uniform(-7, 28)))
                try pool.mint(owner: "lp\(k)", tickLower: r.lower, tickUpper: r.upper, liquidity: r.liquidity)
                ranges.append(r)
            }
            let zeroForOne = rng.uniform() < 0.5
            // Sized against the depth at the current price: L/√P of token0, L·√P of token1.
            let depth = ranges.map(\.liquidity).max()! * (zeroForOne ? 1 / sqrtPrice : sqrtPrice)
            let relative = _exp(rng.uniform(-46, 7))
            if relative < 1e-13 { tinyTrades += 1 }
            let amountIn = depth * relative
            var limit: Double? = nil
            if rng.uniform() < 0.3 {
                limit = sqrtPrice * (zeroForOne ? rng.uniform(0.5, 0.999) : rng.uniform(1.001, 2))
            }
            let defaultLimit = zeroForOne ? CL.minSqrtPrice.nextUp : CL.maxSqrtPrice.nextDown
            let reference = Self.referenceSwap(
                pool: pool, ranges: ranges, zeroForOne: zeroForOne, amountIn: amountIn, limit: limit ?? defaultLimit)
            let before = (pool.balance0, pool.balance1)
            let r = try pool.swap(zeroForOne: zeroForOne, amountIn: amountIn, sqrtPriceLimit: limit)

            // Conservation: what the pool took is net input plus fee; the rest was left. The
            // balances resolve a change only to their own ulp.
            let (held0, held1) = (max(before.0, pool.balance0), max(before.1, pool.balance1))
            let taken = zeroForOne ? pool.balance0 - before.0 : pool.balance1 - before.1
            let paid = zeroForOne ? before.1 - pool.balance1 : before.0 - pool.balance0
            #expect(r.amountIn <= amountIn && r.fee >= 0 && r.fee <= r.amountIn, "trial \(trial)")
            expectClose(taken, r.amountIn, relative: 1e-15, absolute: 2 * (zeroForOne ? held0 : held1).ulp,
                        "trial \(trial): input booked")
            expectClose(paid, r.amountOut, relative: 1e-15, absolute: 2 * (zeroForOne ? held1 : held0).ulp,
                        "trial \(trial): output booked")

            let errors = (
                out: abs(r.amountOut - reference.out.double) / max(reference.out.double, .leastNormalMagnitude),
                fee: abs(r.fee - reference.fee.double) / max(reference.fee.double, .leastNormalMagnitude),
                used: abs(r.amountIn - reference.used.double) / reference.used.double)
            if reference.fee.double > 0 {
                #expect(errors.fee <= 1e-12, "trial \(trial): fee \(r.fee) vs \(reference.fee)")
                worst.fee = max(worst.fee, errors.fee)
            }
            #expect(errors.out <= 1e-12, "trial \(trial): out \(r.amountOut) vs \(reference.out), \(r), \(ranges)")
            #expect(errors.used <= 1e-12, "trial \(trial): used \(r.amountIn) vs \(reference.used)")
            worst.out = max(worst.out, errors.out)
            worst.used = max(worst.used, errors.used)
        }
        // The trades the old arithmetic got wrong must be among those drawn.
        #expect(tinyTrades > 400)
        print("concentrated reference: worst relative error out \(worst.out), fee \(worst.fee), used \(worst.used); \(tinyTrades) trades below 1e-13 of depth")
    }
}
}
