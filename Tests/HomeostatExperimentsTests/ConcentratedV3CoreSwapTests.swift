import Foundation
import HomeostatExperiments
import Testing

// Uniswap v3-core's own swap tests, replayed: the pool setups × swap cases of
// Uniswap/v3-core test/UniswapV3Pool.swaps.spec.ts that `homeostat replay concentrated`
// can express, with the expected numbers of its snapshot
// (test/__snapshots__/UniswapV3Pool.swaps.spec.ts.snap, commit d8b1c635). Translated:
// - Starting prices are the suite's `encodePriceSqrt(reserve1, reserve0)` Q64.96 integers
//   (bignumber.js at 40 decimal places, floored), written here as exact decimals of
//   `sqrtPriceX96 / 2^96`; "initialized at the max ratio" starts at `MAX_SQRT_RATIO − 1`.
// - Liquidity and amounts are wei / 1e18 (two 18-decimal tokens); the "swap to price"
//   cases send `type(int256).max` wei with the price as the limit, as the suite's callee does.
// - Exact-input cases without a limit use the router's `MIN_SQRT_RATIO + 1` /
//   `MAX_SQRT_RATIO − 1`, which is also the replay's default.
// Not expressible, so left out: the 4 exact-output cases of each pool (60 of 240), since
// the pool and the replay only swap exact input.
//
// Compared, per case, within the replay spec's tolerance (1e-9 relative, or a few wei where
// the contract rounds each step's amounts): the pool's balances after minting, the ticks
// before and after, amount0Delta and amount1Delta, both fee growth deltas (X128 / 2^128,
// a few wei over the liquidity), the price after and the execution price (the snapshot
// prints 5 significant digits, so to half a unit of the 5th digit); reverted cases must be
// rejected with the same code.

struct V3CoreSwapCase: Sendable, CustomTestStringConvertible {
    let pool: Int
    let swap: Int
    var testDescription: String {
        "\(ConcentratedV3CoreSwapTests.pools[pool].description) / \(ConcentratedV3CoreSwapTests.swaps[swap].description)"
    }
}

@Suite("Concentrated pool against v3-core's swap tests")
struct ConcentratedV3CoreSwapTests {
    struct Pool: Sendable {
        let description: String
        let fee: Int
        let tickSpacing: Int
        let sqrtPrice: String
        let positions: [(lower: Int, upper: Int, liquidity: String)]
        init(_ description: String, fee: Int, tickSpacing: Int, sqrtPrice: String, positions: [(Int, Int, String)]) {
            self.description = description
            self.fee = fee
            self.tickSpacing = tickSpacing
            self.sqrtPrice = sqrtPrice
            self.positions = positions.map { (lower: $0.0, upper: $0.1, liquidity: $0.2) }
        }
    }

    struct Swap: Sendable {
        let description: String
        let zeroForOne: Bool
        let amountIn: String
        let limit: String?
        init(_ description: String, zeroForOne: Bool, amountIn: String, limit: String?) {
            self.description = description
            self.zeroForOne = zeroForOne
            self.amountIn = amountIn
            self.limit = limit
        }
    }

    enum Outcome: Sendable {
        /// The contract reverts with this code.
        case reverted(String)
        /// Wei (and X128) as the snapshot prints them; prices to 5 significant digits.
        case swapped(
            before: [String], delta: [String], feeGrowthX128: [String], tickBefore: Int, tickAfter: Int,
            priceAfter: String, executionPrice: String)
    }

    static let cases: [V3CoreSwapCase] = pools.indices.flatMap { p in swaps.indices.map { V3CoreSwapCase(pool: p, swap: $0) } }

    static let wei = 1e-18
    /// Wei the contract may differ by: each step rounds its input up and its output down.
    static let weiSlack = 4e-18

    static func script(_ pool: Pool, _ swap: Swap) -> String {
        var lines = [#"{"op": "init", "sqrt_price": "\#(pool.sqrtPrice)", "tick_spacing": \#(pool.tickSpacing), "fee": \#(pool.fee)}"#]
        for p in pool.positions {
            lines.append(#"{"op": "mint", "who": "wallet", "tick_lower": \#(p.lower), "tick_upper": \#(p.upper), "liquidity": "\#(p.liquidity)"}"#)
        }
        lines.append(#"{"op": "query"}"#)
        let limit = swap.limit.map { #", "sqrt_price_limit": "\#($0)""# } ?? ""
        // v3-core's "swap to price" cases pass an amount of ~2^255 so the price limit stops the
        // swap; the replay refuses amounts above 1e40 units (RPL102), and 1e39 still reaches
        // any limit of these pools (their largest liquidity moves the price with ~1e38 wei).
        let amountIn = swap.limit != nil && swap.amountIn.count > 40 ? "1" + String(repeating: "0", count: 39) : swap.amountIn
        lines.append(#"{"op": "swap", "who": "trader", "zero_for_one": \#(swap.zeroForOne), "amount_in": "\#(amountIn)"\#(limit)}"#)
        lines.append(#"{"op": "query"}"#)
        return lines.joined(separator: "\n")
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func number(_ value: Any?) throws -> Double {
        try #require((value as? String).flatMap(Double.init), "not a decimal string: \(String(describing: value))")
    }

    static func numbers(_ value: Any?) throws -> [Double] {
        try #require(value as? [String]).map { try #require(Double($0)) }
    }

    /// `|got − want| <= max(1e-9·|want|, slack)`.
    static func agree(_ got: Double, _ want: Double, slack: Double) -> Bool {
        abs(got - want) <= max(1e-9 * abs(want), slack)
    }

    /// A number printed with 5 significant digits (JavaScript `toPrecision(5)`) agrees with
    /// some value in `low...high` to half a unit of its last digit (and the replay's 1e-9).
    static func agreeToPrintedDigits(_ low: Double, _ high: Double, _ printed: String) -> Bool {
        guard let want = Double(printed), want.isFinite, want != 0 else { return false }
        let margin = 0.5 * pow(10, log10(abs(want)).rounded(.down) - 4) * (1 + 1e-9) + 1e-9 * abs(want)
        return want >= low - margin && want <= high + margin
    }

    static func agreeToPrintedDigits(_ got: Double, _ printed: String) -> Bool {
        agreeToPrintedDigits(got, got, printed)
    }

    /// Cases where the contract's integer rounding, not arithmetic, decides the result, so no
    /// unrounded model can agree to the tolerance: `pool.swap` indices and why.
    static let roundingDominated: [String: String] = [
        // 1,000 wei sold at √P ≈ 1.3e19 (or bought at its inverse) with L = 2e18: the swap
        // crosses a dozen empty bitmap words, each step rounding its sub-wei input up to a
        // wei and charging a wei of fee, so 14 wei of the 1,000 go to fees instead of 3; the
        // price after is about (L/Δx)², 370 ticks (4%) away, and the output, L·√P·(1 − L/(Δx·√P)), 3e-6.
        "10.4": "per-step wei rounding over 12 bitmap words", "11.5": "per-step wei rounding over 12 bitmap words",
        "13.4": "per-step wei rounding over 12 bitmap words", "14.5": "per-step wei rounding over 12 bitmap words",
        // The trade moves √P by less than one unit of Q64.96 (at √P ≈ 7.7e-20 one unit is
        // 1.6e-10 relative; with L ≈ 1.2e34 wei a 1,000-wei trade moves √P by 7e-3 of a unit),
        // so the contract's price stays put, its input used rounds to 0 and the whole input
        // is booked as fee: it pays 0 out where the exact answer is Δx·(1 − f)·P.
        "11.0": "Q64.96 cannot resolve the price move", "11.4": "Q64.96 cannot resolve the price move",
        "12.4": "Q64.96 cannot resolve the price move", "12.5": "Q64.96 cannot resolve the price move",
    ]

    @Test(arguments: cases)
    func swapAgreesWithV3Core(_ c: V3CoreSwapCase) throws {
        let pool = Self.pools[c.pool]
        let swap = Self.swaps[c.swap]
        let outcome = Self.outcomes[c.pool * Self.swaps.count + c.swap]
        let lines = try runReplay(.concentrated, script: Self.script(pool, swap), scriptName: "v3-core")
        try #require(lines.count == pool.positions.count + 4)
        let initLine = try Self.object(lines[0])
        let before = try Self.object(lines[pool.positions.count + 1])
        let swapLine = try Self.object(lines[pool.positions.count + 2])
        let after = try Self.object(lines[pool.positions.count + 3])
        #expect(initLine["error"] == nil, "init was rejected: \(lines[0])")

        switch outcome {
        case .reverted(let code):
            let error = swapLine["error"] as? String ?? "(not rejected)"
            #expect(error.hasPrefix(code + " "), "the contract reverts with \(code); the replay says \(error)")
        case .swapped(let balances, let delta, let feeGrowthX128, let tickBefore, let tickAfter, let priceAfter, let executionPrice):
            try #require(swapLine["error"] == nil, "rejected: \(lines[pool.positions.count + 2])")
            if Self.roundingDominated["\(c.pool).\(c.swap)"] != nil {
                try expectContractRoundsAgainstTheTrader(swap: swap, swapLine: swapLine, after: after, delta: delta,
                                                         feeGrowthX128: feeGrowthX128)
                return
            }
            #expect(initLine["tick"] as? Int == tickBefore, "tick before")
            let held = try Self.numbers(before["balances"])
            for k in 0..<2 {
                let want = try #require(Double(balances[k])) * Self.wei
                #expect(Self.agree(held[k], want, slack: Self.weiSlack), "amount\(k)Before \(held[k]) vs \(want)")
            }
            let amountIn = try Self.number(swapLine["amount_in"])
            let amountOut = try Self.number(swapLine["amount_out"])
            let got = swap.zeroForOne ? [amountIn, -amountOut] : [-amountOut, amountIn]
            for k in 0..<2 {
                let want = try #require(Double(delta[k])) * Self.wei
                #expect(Self.agree(got[k], want, slack: Self.weiSlack), "amount\(k)Delta \(got[k]) vs \(want)")
            }
            #expect(swapLine["tick"] as? Int == tickAfter, "tick after")
            // Fee growth is fee per unit of liquidity; the contract's wei rounding of the fee
            // shows divided by the smallest liquidity that earned it.
            let smallest = try pool.positions.map { try #require(Double($0.liquidity)) }.min()!
            let growth = try Self.numbers(after["fee_growth_global"])
            for k in 0..<2 {
                let want = try #require(Double(feeGrowthX128[k])) * 0x1p-128
                #expect(Self.agree(growth[k], want, slack: Self.weiSlack / smallest),
                        "feeGrowthGlobal\(k)X128Delta \(growth[k] * 0x1p128) vs \(feeGrowthX128[k])")
            }
            let price = try Self.number(after["price"])
            #expect(Self.agreeToPrintedDigits(price, priceAfter), "price after \(price) vs \(priceAfter)")
            // Execution price −Δ1/Δ0, from amounts the contract may round by a few wei; the
            // snapshot prints ±Infinity or NaN when Δ0 is 0 wei.
            if let printed = Double(executionPrice), printed.isFinite {
                let (x, y) = (abs(got[0]), abs(got[1]))
                let low = max(y - Self.weiSlack, 0) / (x + Self.weiSlack)
                let high = x > Self.weiSlack ? (y + Self.weiSlack) / (x - Self.weiSlack) : .infinity
                #expect(Self.agreeToPrintedDigits(low, high, executionPrice),
                        "execution price \(-got[1] / got[0]) vs \(executionPrice)")
            } else {
                #expect(abs(got[0]) < Self.wei, "Δ0 \(got[0]) should be below a wei (execution price \(executionPrice))")
            }
        }
    }

    /// Where the contract's rounding decides (``roundingDominated``), it still rounds against
    /// the trader: the same input, no more output than the unrounded pool pays (to a few wei),
    /// and no less fee growth.
    func expectContractRoundsAgainstTheTrader(
        swap: Swap, swapLine: [String: Any], after: [String: Any], delta: [String], feeGrowthX128: [String]
    ) throws {
        let amountIn = try Self.number(swapLine["amount_in"])
        let amountOut = try Self.number(swapLine["amount_out"])
        let k = swap.zeroForOne ? 0 : 1
        let contractIn = try #require(Double(delta[k])) * Self.wei
        let contractOut = -(try #require(Double(delta[1 - k]))) * Self.wei
        #expect(Self.agree(amountIn, contractIn, slack: Self.weiSlack), "input \(amountIn) vs \(contractIn)")
        #expect(contractOut <= amountOut * (1 + 1e-12) + Self.weiSlack, "the contract paid \(contractOut) > \(amountOut)")
        let growth = try Self.numbers(after["fee_growth_global"])[k]
        #expect(try #require(Double(feeGrowthX128[k])) * 0x1p-128 >= growth * (1 - 1e-12), "fee growth")
    }

    /// `MAX_SQRT_RATIO − 1` rounds to the Double nearest `MAX_SQRT_RATIO`, which the pool
    /// refuses; the replay takes the representable neighbour below, and refuses
    /// `MAX_SQRT_RATIO` itself as the factory does.
    @Test func initJustBelowTheMaximumRatioIsAccepted() throws {
        let maxMinusOne = "18446050711097703530.314034002219689208382672097690866110600516344698952060816854459091018725303001701831817626953125"
        let max = "18446050711097703530.31403400221968920838267209770348788508405253358553971786137903876579002826474606990814208984375"
        let lines = try runReplay(.concentrated, script: #"""
            {"op": "init", "sqrt_price": "\#(maxMinusOne)", "tick_spacing": 60, "fee": 3000}
            {"op": "mint", "who": "a", "tick_lower": -887220, "tick_upper": 887220, "liquidity": "2"}
            {"op": "swap", "who": "b", "zero_for_one": true, "amount_in": "1", "sqrt_price_limit": "1"}
            {"op": "swap", "who": "b", "zero_for_one": false, "amount_in": "1", "sqrt_price_limit": "\#(maxMinusOne)"}
            """#, scriptName: "max")
        #expect(try Self.object(lines[0])["tick"] as? Int == 887271)
        #expect(try Self.object(lines[2])["error"] == nil)
        // Back up with the contract's largest limit written out: accepted, not SPL.
        let up = try Self.object(lines[3])
        #expect(up["error"] == nil, "\(lines[3])")
        #expect(up["amount_in"] as? String == "1")

        #expect(throws: ReplayScriptError.self) {
            try runReplay(.concentrated, script: #"{"op": "init", "sqrt_price": "\#(max)", "tick_spacing": 60, "fee": 3000}"#,
                          scriptName: "max")
        }
    }

    /// The counts the suite's comment states: 15 pools × 10 exact-input cases, 40 of them
    /// reverted by the contract.
    @Test func translatedCaseCounts() {
        #expect(Self.pools.count == 15 && Self.swaps.count == 10 && Self.outcomes.count == 150)
        let reverted = Self.outcomes.filter { if case .reverted = $0 { true } else { false } }.count
        #expect(reverted == 40)
        for key in Self.roundingDominated.keys {
            let parts = key.split(separator: ".").compactMap { Int($0) }
            guard case .swapped = Self.outcomes[parts[0] * Self.swaps.count + parts[1]] else {
                Issue.record("\(key) is not a swap that went through")
                continue
            }
        }
    }

    static let pools: [Pool] = [
        Pool("low fee, 1:1 price, 2e18 max range liquidity", fee: 500, tickSpacing: 10,
             sqrtPrice: "1",
             positions: [(-887270, 887270, "2")]),
        Pool("medium fee, 1:1 price, 2e18 max range liquidity", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(-887220, 887220, "2")]),
        Pool("high fee, 1:1 price, 2e18 max range liquidity", fee: 10000, tickSpacing: 200,
             sqrtPrice: "1",
             positions: [(-887200, 887200, "2")]),
        Pool("medium fee, 10:1 price, 2e18 max range liquidity", fee: 3000, tickSpacing: 60,
             sqrtPrice: "3.162277660168379331998893544425065660529944344372382651099651074133589645498432219028472900390625",
             positions: [(-887220, 887220, "2")]),
        Pool("medium fee, 1:10 price, 2e18 max range liquidity", fee: 3000, tickSpacing: 60,
             sqrtPrice: "0.3162277660168379331998893544311469690178118644393093737698929857060647918842732906341552734375",
             positions: [(-887220, 887220, "2")]),
        Pool("medium fee, 1:1 price, 0 liquidity, all liquidity around current price", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(-887220, -60, "2"), (60, 887220, "2")]),
        Pool("medium fee, 1:1 price, additional liquidity around current price", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(-887220, 887220, "2"), (-887220, -60, "2"), (60, 887220, "2")]),
        Pool("low fee, large liquidity around current price (stable swap)", fee: 500, tickSpacing: 10,
             sqrtPrice: "1",
             positions: [(-10, 10, "2")]),
        Pool("medium fee, token0 liquidity only", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(0, 120000, "2")]),
        Pool("medium fee, token1 liquidity only", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(-120000, 0, "2")]),
        Pool("close to max price", fee: 3000, tickSpacing: 60,
             sqrtPrice: "13043817825332782212.34957180625250836888327628958609246762923066304258969995422123844264206127263605594635009765625",
             positions: [(-887220, 887220, "2")]),
        Pool("close to min price", fee: 3000, tickSpacing: 60,
             sqrtPrice: "0.0000000000000000000768114574776909087029005752096199981238111575976290623657405376434326171875",
             positions: [(-887220, 887220, "2")]),
        Pool("max full range liquidity at 1:1 price with default fee", fee: 3000, tickSpacing: 60,
             sqrtPrice: "1",
             positions: [(-887220, 887220, "11505743598341114.571880798222544994")]),
        Pool("initialized at the max ratio", fee: 3000, tickSpacing: 60,
             sqrtPrice: "18446050711097703530.314034002219689208382672097690866110600516344698952060816854459091018725303001701831817626953125",
             positions: [(-887220, 887220, "2")]),
        Pool("initialized at the min ratio", fee: 3000, tickSpacing: 60,
             sqrtPrice: "0.000000000000000000054212146321413167233315057414613324753005496603464052896015346050262451171875",
             positions: [(-887220, 887220, "2")]),
    ]

    static let swaps: [Swap] = [
        Swap("swap exactly 1.0000 token0 for token1", zeroForOne: true, amountIn: "1", limit: nil),
        Swap("swap exactly 1.0000 token1 for token0", zeroForOne: false, amountIn: "1", limit: nil),
        Swap("swap exactly 1.0000 token0 for token1 to price 0.50000", zeroForOne: true, amountIn: "1", limit: "0.707106781186547524400844362099066098626108860845135175958453555011828939314000308513641357421875"),
        Swap("swap exactly 1.0000 token1 for token0 to price 2.0000", zeroForOne: false, amountIn: "1", limit: "1.41421356237309504880168872419813219725221772169027035191690711002365787862800061702728271484375"),
        Swap("swap exactly 0.0000000000000010000 token0 for token1", zeroForOne: true, amountIn: "0.000000000000001", limit: nil),
        Swap("swap exactly 0.0000000000000010000 token1 for token0", zeroForOne: false, amountIn: "0.000000000000001", limit: nil),
        Swap("swap token1 for token0 to price 2.5000", zeroForOne: false, amountIn: "57896044618658097711785492504343953926634992332820282019728.792003956564819967", limit: "1.58113883008418966599944677220622194302320407774289749702756324722940917126834392547607421875"),
        Swap("swap token0 for token1 to price 0.40000", zeroForOne: true, amountIn: "57896044618658097711785492504343953926634992332820282019728.792003956564819967", limit: "0.632455532033675866399778708874915712519159917765206404584310551086900886730290949344635009765625"),
        Swap("swap token0 for token1 to price 2.5000", zeroForOne: true, amountIn: "57896044618658097711785492504343953926634992332820282019728.792003956564819967", limit: "1.58113883008418966599944677220622194302320407774289749702756324722940917126834392547607421875"),
        Swap("swap token1 for token0 to price 0.40000", zeroForOne: false, amountIn: "57896044618658097711785492504343953926634992332820282019728.792003956564819967", limit: "0.632455532033675866399778708874915712519159917765206404584310551086900886730290949344635009765625"),
    ]

    /// One per pool × swap, in that order.
    static let outcomes: [Outcome] = [
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000000000000000000", "-666444407401233536"],
                 feeGrowthX128: ["85070591730234956148210572796405514", "0"], tickBefore: 0, tickAfter: -8107,
                 priceAfter: "0.44459", executionPrice: "0.66644"),  // 0.0
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-666444407401233536", "1000000000000000000"],
                 feeGrowthX128: ["0", "85070591730234956148210572796405515"], tickBefore: 0, tickAfter: 8106,
                 priceAfter: "2.2493", executionPrice: "1.5005"),  // 0.1
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["828841545518949575", "-585786437626904950"],
                 feeGrowthX128: ["70510040727899606087499539976421836", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.70675"),  // 0.2
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-585786437626904950", "828841545518949574"],
                 feeGrowthX128: ["0", "70510040727899435946316079507190105"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.4149"),  // 0.3
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000", "-998"],
                 feeGrowthX128: ["170141183460469231731", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99800"),  // 0.4
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-998", "1000"],
                 feeGrowthX128: ["0", "170141183460469231731"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0020"),  // 0.5
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-735088935932648266", "1162859089713235954"],
                 feeGrowthX128: ["0", "98925110860787308007692432636113978"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5819"),  // 0.6
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1162859089713235953", "-735088935932648266"],
                 feeGrowthX128: ["98925110860787308007692432636113977", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.63214"),  // 0.7
        .reverted("SPL"),  // 0.8
        .reverted("SPL"),  // 0.9
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000000000000000000", "-665331998665331998"],
                 feeGrowthX128: ["510423550381407695195061911147652317", "0"], tickBefore: 0, tickAfter: -8090,
                 priceAfter: "0.44533", executionPrice: "0.66533"),  // 1.0
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-665331998665331998", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407695195061911147652317"], tickBefore: 0, tickAfter: 8089,
                 priceAfter: "2.2455", executionPrice: "1.5030"),  // 1.1
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["830919884399388263", "-585786437626904951"],
                 feeGrowthX128: ["424121077477644648929101317621422688", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.70499"),  // 1.2
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-585786437626904951", "830919884399388263"],
                 feeGrowthX128: ["0", "424121077477644648929101317621422688"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.4185"),  // 1.3
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000", "-996"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99600"),  // 1.4
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-996", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0040"),  // 1.5
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-735088935932648267", "1165774985123750584"],
                 feeGrowthX128: ["0", "595039006852697554786973994761078087"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5859"),  // 1.6
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1165774985123750584", "-735088935932648267"],
                 feeGrowthX128: ["595039006852697554786973994761078087", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.63056"),  // 1.7
        .reverted("SPL"),  // 1.8
        .reverted("SPL"),  // 1.9
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000000000000000000", "-662207357859531772"],
                 feeGrowthX128: ["1701411834604692317316873037158841057", "0"], tickBefore: 0, tickAfter: -8043,
                 priceAfter: "0.44742", executionPrice: "0.66221"),  // 2.0
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-662207357859531772", "1000000000000000000"],
                 feeGrowthX128: ["0", "1701411834604692317316873037158841057"], tickBefore: 0, tickAfter: 8042,
                 priceAfter: "2.2350", executionPrice: "1.5101"),  // 2.1
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["836795075501202120", "-585786437626904951"],
                 feeGrowthX128: ["1423733044596672457631004491657125052", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.70004"),  // 2.2
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-585786437626904951", "836795075501202120"],
                 feeGrowthX128: ["0", "1423733044596672457631004491657125052"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.4285"),  // 2.3
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1000", "-989"],
                 feeGrowthX128: ["1701411834604692317316", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.98900"),  // 2.4
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-989", "1000"],
                 feeGrowthX128: ["0", "1701411834604692317316"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0111"),  // 2.5
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["-735088935932648267", "1174017838553918518"],
                 feeGrowthX128: ["0", "1997487844552658120479227965844634309"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5971"),  // 2.6
        .swapped(before: ["2000000000000000000", "2000000000000000000"], delta: ["1174017838553918518", "-735088935932648267"],
                 feeGrowthX128: ["1997487844552658120479227965844634309", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.62613"),  // 2.7
        .reverted("SPL"),  // 2.8
        .reverted("SPL"),  // 2.9
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["1000000000000000000", "-3869747612262812754"],
                 feeGrowthX128: ["510423550381407865336245371616884048", "0"], tickBefore: 23027, tickAfter: 4098,
                 priceAfter: "1.5065", executionPrice: "3.8697"),  // 3.0
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["-86123526743846551", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407695195061911147652317"], tickBefore: 23027, tickAfter: 25954,
                 priceAfter: "13.401", executionPrice: "11.611"),  // 3.1
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["1000000000000000000", "-3869747612262812754"],
                 feeGrowthX128: ["510423550381407865336245371616884048", "0"], tickBefore: 23027, tickAfter: 4098,
                 priceAfter: "1.5065", executionPrice: "3.8697"),  // 3.2
        .reverted("SPL"),  // 3.3
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["1000", "-9969"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: 23027, tickAfter: 23027,
                 priceAfter: "10.000", executionPrice: "9.9690"),  // 3.4
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["-99", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 23027, tickAfter: 23027,
                 priceAfter: "10.000", executionPrice: "10.101"),  // 3.5
        .reverted("SPL"),  // 3.6
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["2537434431428990438", "-5059644256269406930"],
                 feeGrowthX128: ["1295166291350014007196790362622908786", "0"], tickBefore: 23027, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "1.9940"),  // 3.7
        .swapped(before: ["632455532033675867", "6324555320336758664"], delta: ["634358607857247610", "-3162277660168379331"],
                 feeGrowthX128: ["323791572837503501799197590655727196", "0"], tickBefore: 23027, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "4.9850"),  // 3.8
        .reverted("SPL"),  // 3.9
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["1000000000000000000", "-86123526743846551"],
                 feeGrowthX128: ["510423550381407695195061911147652317", "0"], tickBefore: -23028, tickAfter: -25955,
                 priceAfter: "0.074620", executionPrice: "0.086124"),  // 4.0
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["-3869747612262812753", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407865336245371616884047"], tickBefore: -23028, tickAfter: -4099,
                 priceAfter: "0.66378", executionPrice: "0.25841"),  // 4.1
        .reverted("SPL"),  // 4.2
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["-3869747612262812753", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407865336245371616884047"], tickBefore: -23028, tickAfter: -4099,
                 priceAfter: "0.66378", executionPrice: "0.25841"),  // 4.3
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["1000", "-99"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: -23028, tickAfter: -23028,
                 priceAfter: "0.10000", executionPrice: "0.099000"),  // 4.4
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["-9969", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: -23028, tickAfter: -23028,
                 priceAfter: "0.10000", executionPrice: "0.10031"),  // 4.5
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["-5059644256269406930", "2537434431428990440"],
                 feeGrowthX128: ["0", "1295166291350014177337973823092140516"], tickBefore: -23028, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "0.50150"),  // 4.6
        .reverted("SPL"),  // 4.7
        .reverted("SPL"),  // 4.8
        .swapped(before: ["6324555320336758664", "632455532033675867"], delta: ["-3162277660168379331", "634358607857247611"],
                 feeGrowthX128: ["0", "323791572837503501799197590655727195"], tickBefore: -23028, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.20060"),  // 4.9
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["1000000000000000000", "-662011820624678025"],
                 feeGrowthX128: ["510423550381407695195061911147652317", "0"], tickBefore: 0, tickAfter: -8130,
                 priceAfter: "0.44355", executionPrice: "0.66201"),  // 5.0
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["-662011820624678025", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407695195061911147652317"], tickBefore: 0, tickAfter: 8129,
                 priceAfter: "2.2545", executionPrice: "1.5105"),  // 5.1
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["824893095908431542", "-579795727715083389"],
                 feeGrowthX128: ["421044862698692740725170743495410672", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.70287"),  // 5.2
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["-579795727715083389", "824893095908431542"],
                 feeGrowthX128: ["0", "421044862698692740725170743495410672"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.4227"),  // 5.3
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["1000", "-991"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: 0, tickAfter: -61,
                 priceAfter: "0.99402", executionPrice: "0.99100"),  // 5.4
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["-991", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 0, tickAfter: 60,
                 priceAfter: "1.0060", executionPrice: "1.0091"),  // 5.5
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["-729098226020826705", "1159748196632793863"],
                 feeGrowthX128: ["0", "591962792073745646583043420635066071"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5907"),  // 5.6
        .swapped(before: ["1994009290088178439", "1994009290088178439"], delta: ["1159748196632793863", "-729098226020826705"],
                 feeGrowthX128: ["591962792073745646583043420635066071", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.62867"),  // 5.7
        .reverted("SPL"),  // 5.8
        .reverted("SPL"),  // 5.9
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["1000000000000000000", "-795933705287758544"],
                 feeGrowthX128: ["256749882580179971840679703106063897", "0"], tickBefore: 0, tickAfter: -4476,
                 priceAfter: "0.63923", executionPrice: "0.79593"),  // 6.0
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["-795933705287758544", "1000000000000000000"],
                 feeGrowthX128: ["0", "256749882580179971840679703106063897"], tickBefore: 0, tickAfter: 4475,
                 priceAfter: "1.5644", executionPrice: "1.2564"),  // 6.1
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["1000000000000000000", "-795933705287758544"],
                 feeGrowthX128: ["256749882580179971840679703106063897", "0"], tickBefore: 0, tickAfter: -4476,
                 priceAfter: "0.63923", executionPrice: "0.79593"),  // 6.2
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["-795933705287758544", "1000000000000000000"],
                 feeGrowthX128: ["0", "256749882580179971840679703106063897"], tickBefore: 0, tickAfter: 4475,
                 priceAfter: "1.5644", executionPrice: "1.2564"),  // 6.3
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["1000", "-996"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99600"),  // 6.4
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["-996", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0040"),  // 6.5
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["-1464187161953474971", "2325523181756544449"],
                 feeGrowthX128: ["0", "595039006852697724928157455230309818"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5883"),  // 6.6
        .swapped(before: ["3994009290088178439", "3994009290088178439"], delta: ["2325523181756544449", "-1464187161953474971"],
                 feeGrowthX128: ["595039006852697724928157455230309818", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.62962"),  // 6.7
        .reverted("SPL"),  // 6.8
        .reverted("SPL"),  // 6.9
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["1000700370186095", "-999700069986002"],
                 feeGrowthX128: ["85130172636557991529041720559172", "0"], tickBefore: 0, tickAfter: -887272,
                 priceAfter: "0.0000000000000000000000000000000000000029390", executionPrice: "0.99900"),  // 7.0
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["-999700069986002", "1000700370186095"],
                 feeGrowthX128: ["0", "85130172636557991529041720559172"], tickBefore: 0, tickAfter: 887271,
                 priceAfter: "3.4026e+38", executionPrice: "1.0010"),  // 7.1
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["1000700370186095", "-999700069986002"],
                 feeGrowthX128: ["85130172636557991529041720559172", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.99900"),  // 7.2
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["-999700069986002", "1000700370186095"],
                 feeGrowthX128: ["0", "85130172636557991529041720559172"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.0010"),  // 7.3
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["1000", "-998"],
                 feeGrowthX128: ["170141183460469231731", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99800"),  // 7.4
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["-998", "1000"],
                 feeGrowthX128: ["0", "170141183460469231731"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0020"),  // 7.5
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["-999700069986002", "1000700370186095"],
                 feeGrowthX128: ["0", "85130172636557991529041720559172"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.0010"),  // 7.6
        .swapped(before: ["999700069986003", "999700069986003"], delta: ["1000700370186095", "-999700069986002"],
                 feeGrowthX128: ["85130172636557991529041720559172", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.99900"),  // 7.7
        .reverted("SPL"),  // 7.8
        .reverted("SPL"),  // 7.9
        .swapped(before: ["1995041008271423675", "0"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: -887272,
                 priceAfter: "0.0000000000000000000000000000000000000029390", executionPrice: "NaN"),  // 8.0
        .swapped(before: ["1995041008271423675", "0"], delta: ["-665331998665331998", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407695195061911147652317"], tickBefore: 0, tickAfter: 8089,
                 priceAfter: "2.2455", executionPrice: "1.5030"),  // 8.1
        .swapped(before: ["1995041008271423675", "0"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "NaN"),  // 8.2
        .swapped(before: ["1995041008271423675", "0"], delta: ["-585786437626904951", "830919884399388263"],
                 feeGrowthX128: ["0", "424121077477644648929101317621422688"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "1.4185"),  // 8.3
        .swapped(before: ["1995041008271423675", "0"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: -887272,
                 priceAfter: "0.0000000000000000000000000000000000000029390", executionPrice: "NaN"),  // 8.4
        .swapped(before: ["1995041008271423675", "0"], delta: ["-996", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0040"),  // 8.5
        .swapped(before: ["1995041008271423675", "0"], delta: ["-735088935932648267", "1165774985123750584"],
                 feeGrowthX128: ["0", "595039006852697554786973994761078087"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5859"),  // 8.6
        .swapped(before: ["1995041008271423675", "0"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "NaN"),  // 8.7
        .reverted("SPL"),  // 8.8
        .reverted("SPL"),  // 8.9
        .swapped(before: ["0", "1995041008271423675"], delta: ["1000000000000000000", "-665331998665331998"],
                 feeGrowthX128: ["510423550381407695195061911147652317", "0"], tickBefore: 0, tickAfter: -8090,
                 priceAfter: "0.44533", executionPrice: "0.66533"),  // 9.0
        .swapped(before: ["0", "1995041008271423675"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: 887271,
                 priceAfter: "3.4026e+38", executionPrice: "NaN"),  // 9.1
        .swapped(before: ["0", "1995041008271423675"], delta: ["830919884399388263", "-585786437626904951"],
                 feeGrowthX128: ["424121077477644648929101317621422688", "0"], tickBefore: 0, tickAfter: -6932,
                 priceAfter: "0.50000", executionPrice: "0.70499"),  // 9.2
        .swapped(before: ["0", "1995041008271423675"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: 6931,
                 priceAfter: "2.0000", executionPrice: "NaN"),  // 9.3
        .swapped(before: ["0", "1995041008271423675"], delta: ["1000", "-996"],
                 feeGrowthX128: ["510423550381407695195", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99600"),  // 9.4
        .swapped(before: ["0", "1995041008271423675"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: 887271,
                 priceAfter: "3.4026e+38", executionPrice: "NaN"),  // 9.5
        .swapped(before: ["0", "1995041008271423675"], delta: ["0", "0"],
                 feeGrowthX128: ["0", "0"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "NaN"),  // 9.6
        .swapped(before: ["0", "1995041008271423675"], delta: ["1165774985123750584", "-735088935932648267"],
                 feeGrowthX128: ["595039006852697554786973994761078087", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.63056"),  // 9.7
        .reverted("SPL"),  // 9.8
        .reverted("SPL"),  // 9.9
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["1000000000000000000", "-26087635650665564420687107504180041533"],
                 feeGrowthX128: ["510423550381413479995299567101531162", "0"], tickBefore: 880340, tickAfter: 13923,
                 priceAfter: "4.0241", executionPrice: "2.6088e+19"),  // 10.0
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["0", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381407695195061911147652317"], tickBefore: 880340, tickAfter: 880340,
                 priceAfter: "1.7014e+38", executionPrice: "-Infinity"),  // 10.1
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["1000000000000000000", "-26087635650665564420687107504180041533"],
                 feeGrowthX128: ["510423550381413479995299567101531162", "0"], tickBefore: 880340, tickAfter: 13923,
                 priceAfter: "4.0241", executionPrice: "2.6088e+19"),  // 10.2
        .reverted("SPL"),  // 10.3
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["1000", "-26083549850867114346332688477747755628"],
                 feeGrowthX128: ["2381976568446569244235", "0"], tickBefore: 880340, tickAfter: 705098,
                 priceAfter: "4.1734e+30", executionPrice: "2.6084e+34"),  // 10.4
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["0", "1000"],
                 feeGrowthX128: ["0", "510423550381407695195"], tickBefore: 880340, tickAfter: 880340,
                 priceAfter: "1.7014e+38", executionPrice: "-Infinity"),  // 10.5
        .reverted("SPL"),  // 10.6
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["3171793039286238109", "-26087635650665564423434232548437664977"],
                 feeGrowthX128: ["1618957864187523123655042148763283097", "0"], tickBefore: 880340, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "8.2249e+18"),  // 10.7
        .swapped(before: ["1", "26087635650665564424699143612505016738"], delta: ["1268717215714495281", "-26087635650665564421536865952336637378"],
                 feeGrowthX128: ["647583145675012618257449376796101507", "0"], tickBefore: 880340, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "2.0562e+19"),  // 10.8
        .reverted("SPL"),  // 10.9
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["1000000000000000000", "0"],
                 feeGrowthX128: ["170141183460469231731687303715884105728", "0"], tickBefore: -880303, tickAfter: -880303,
                 priceAfter: "0.0000000000000000000000000000000000000059000", executionPrice: "0.0000"),  // 11.0
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["-26037782196502120271413746514214063808", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381413820277666488039994629"], tickBefore: -880303, tickAfter: -13924,
                 priceAfter: "0.24850", executionPrice: "0.000000000000000000038406"),  // 11.1
        .reverted("SPL"),  // 11.2
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["-26037782196502120271413746514214063808", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381413820277666488039994629"], tickBefore: -880303, tickAfter: -13924,
                 priceAfter: "0.24850", executionPrice: "0.000000000000000000038406"),  // 11.3
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["1000", "0"],
                 feeGrowthX128: ["170141183460469231731687", "0"], tickBefore: -880303, tickAfter: -880303,
                 priceAfter: "0.0000000000000000000000000000000000000059000", executionPrice: "0.0000"),  // 11.4
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["-26033697540846965126433148994127431276", "1000"],
                 feeGrowthX128: ["0", "2381976568446569244235"], tickBefore: -880303, tickAfter: -705093,
                 priceAfter: "0.00000000000000000000000000000023974", executionPrice: "0.000000000000000000000000000000000038412"),  // 11.5
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["-26037782196502120274160871558471687260", "3171793039286238112"],
                 feeGrowthX128: ["0", "1618957864187523634078592530170978294"], tickBefore: -880303, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "0.00000000000000000012182"),  // 11.6
        .reverted("SPL"),  // 11.7
        .reverted("SPL"),  // 11.8
        .swapped(before: ["26037782196502120275425782622539039026", "1"], delta: ["-26037782196502120272263504962370659661", "1268717215714495283"],
                 feeGrowthX128: ["0", "647583145675012958539816297734564973"], tickBefore: -880303, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.000000000000000000048726"),  // 11.9
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["1000000000000000000", "-996999999999999318"],
                 feeGrowthX128: ["88725000000017597125", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99700"),  // 12.0
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["-996999999999999232", "1000000000000000000"],
                 feeGrowthX128: ["0", "88725000000020140575"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0030"),  // 12.1
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["1000000000000000000", "-996999999999999318"],
                 feeGrowthX128: ["88725000000017597125", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.99700"),  // 12.2
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["-996999999999999232", "1000000000000000000"],
                 feeGrowthX128: ["0", "88725000000020140575"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "1.0030"),  // 12.3
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["1000", "0"],
                 feeGrowthX128: ["29575000", "0"], tickBefore: 0, tickAfter: -1,
                 priceAfter: "1.0000", executionPrice: "0.0000"),  // 12.4
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["0", "1000"],
                 feeGrowthX128: ["0", "29575000"], tickBefore: 0, tickAfter: 0,
                 priceAfter: "1.0000", executionPrice: "-Infinity"),  // 12.5
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["-4228872409409224753601131224936259", "6706554036096900675845906992220230"],
                 feeGrowthX128: ["0", "595039006852697512464428097884749099"], tickBefore: 0, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "1.5859"),  // 12.6
        .swapped(before: ["11505743598341114571255423385623647", "11505743598341114571255423385506404"], delta: ["6706554036096900675845906992672697", "-4228872409409224753601131225116702"],
                 feeGrowthX128: ["595039006852697512464428097924911949", "0"], tickBefore: 0, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.63056"),  // 12.7
        .reverted("SPL"),  // 12.8
        .reverted("SPL"),  // 12.9
        .swapped(before: ["0", "36796311329002736532545403775337522448"], delta: ["1000000000000000000", "-36796311329002736528533367667012547243"],
                 feeGrowthX128: ["510423550381413479995299567101531162", "0"], tickBefore: 887271, tickAfter: 13923,
                 priceAfter: "4.0241", executionPrice: "3.6796e+19"),  // 13.0
        .reverted("SPL"),  // 13.1
        .swapped(before: ["0", "36796311329002736532545403775337522448"], delta: ["1000000000000000000", "-36796311329002736528533367667012547243"],
                 feeGrowthX128: ["510423550381413479995299567101531162", "0"], tickBefore: 887271, tickAfter: 13923,
                 priceAfter: "4.0241", executionPrice: "3.6796e+19"),  // 13.2
        .reverted("SPL"),  // 13.3
        .swapped(before: ["0", "36796311329002736532545403775337522448"], delta: ["1000", "-36792225529204286454178948640580261338"],
                 feeGrowthX128: ["2381976568446569244235", "0"], tickBefore: 887271, tickAfter: 705098,
                 priceAfter: "4.1734e+30", executionPrice: "3.6792e+34"),  // 13.4
        .reverted("SPL"),  // 13.5
        .reverted("SPL"),  // 13.6
        .swapped(before: ["0", "36796311329002736532545403775337522448"], delta: ["3171793039286238109", "-36796311329002736531280492711270170687"],
                 feeGrowthX128: ["1618957864187523123655042148763283097", "0"], tickBefore: 887271, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "1.1601e+19"),  // 13.7
        .swapped(before: ["0", "36796311329002736532545403775337522448"], delta: ["1268717215714495281", "-36796311329002736529383126115169143088"],
                 feeGrowthX128: ["647583145675012618257449376796101507", "0"], tickBefore: 887271, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "2.9003e+19"),  // 13.8
        .reverted("SPL"),  // 13.9
        .reverted("SPL"),  // 14.0
        .swapped(before: ["36796311322104302062438284732106019258", "0"], delta: ["-36796311322104302058426248623781044040", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381413820277666488039994629"], tickBefore: -887272, tickAfter: -13924,
                 priceAfter: "0.24850", executionPrice: "0.000000000000000000027177"),  // 14.1
        .reverted("SPL"),  // 14.2
        .swapped(before: ["36796311322104302062438284732106019258", "0"], delta: ["-36796311322104302058426248623781044040", "1000000000000000000"],
                 feeGrowthX128: ["0", "510423550381413820277666488039994629"], tickBefore: -887272, tickAfter: -13924,
                 priceAfter: "0.24850", executionPrice: "0.000000000000000000027177"),  // 14.3
        .reverted("SPL"),  // 14.4
        .swapped(before: ["36796311322104302062438284732106019258", "0"], delta: ["-36792226666449146913445651103694411508", "1000"],
                 feeGrowthX128: ["0", "2381976568446569244235"], tickBefore: -887272, tickAfter: -705093,
                 priceAfter: "0.00000000000000000000000000000023974", executionPrice: "0.000000000000000000000000000000000027180"),  // 14.5
        .swapped(before: ["36796311322104302062438284732106019258", "0"], delta: ["-36796311322104302061173373668038667492", "3171793039286238112"],
                 feeGrowthX128: ["0", "1618957864187523634078592530170978294"], tickBefore: -887272, tickAfter: 9163,
                 priceAfter: "2.5000", executionPrice: "0.000000000000000000086199"),  // 14.6
        .reverted("SPL"),  // 14.7
        .reverted("SPL"),  // 14.8
        .swapped(before: ["36796311322104302062438284732106019258", "0"], delta: ["-36796311322104302059276007071937639893", "1268717215714495283"],
                 feeGrowthX128: ["0", "647583145675012958539816297734564973"], tickBefore: -887272, tickAfter: -9164,
                 priceAfter: "0.40000", executionPrice: "0.000000000000000000034479"),  // 14.9
    ]
}
