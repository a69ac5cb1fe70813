import Foundation
import HomeostatExperiments
import Testing

// Expected outputs (`Replay/stableswap-*.out.jsonl`, `Replay/constant-product.out.jsonl`) were
// produced once, independently of the Swift pools, by throwaway Python models (not committed)
// of the contracts' integer arithmetic on uint256 wei with floor division:
// - stableswap: curvefi/stableswap-ng CurveStableSwapNG.vy plain pool — get_D (D_P·D // x,
//   then // nⁿ), get_y, get_y_D, _dynamic_fee, exchange (dy = xp_j − y − 1, admin fee 5e9 of
//   1e10), add_liquidity (imbalance fee fee·n // (4(n−1))), remove_liquidity (claiming the
//   admin fees), remove_liquidity_one_coin ((dy − 1)), and the views get_dy and
//   calc_withdraw_one_coin; A_PRECISION = 100, FEE_DENOMINATOR = 1e10, fees from the script's
//   decimal strings in units of 1e-10. The model reproduces MECHANISMS.md §6.3's worked
//   example to the wei (99900110864758514706207).
// - constant-product: UniswapV2Pair mint (isqrt, MINIMUM_LIQUIDITY = 1000 wei to address
//   zero), burn, swap with UniswapV2Library.getAmountOut (997/1000), protocol fee off.
// - concentrated: Uniswap v3-core — TickMath.getSqrtRatioAtTick with its constants (the model
//   checks MIN/MAX_SQRT_RATIO and tick 76012 for price 2000), getTickAtSqrtRatio by its
//   definition (greatest tick whose ratio is <= the price), SqrtPriceMath's rounded amount
//   and next-price functions (with the overflow branch), SwapMath.computeSwapStep, the
//   TickBitmap one-word search, Tick.update/cross/getFeeGrowthInside in uint256 wrapping
//   arithmetic, Position.update (Q128 fee growth), and the pool's mint/burn/collect/swap loop
//   (exact input, feeProtocol 0), on Q64.96 prices and liquidity in wei (two 18-decimal
//   tokens); prices and fee growth were written as 30-digit decimals.
// Wei were written back as exact decimals of token units. Which operations are rejected
// comes from the models' reverts; the error texts are the Swift pools' descriptions of the
// same conditions. Numbers are compared within 1e-9 relative (replay.md), everything else
// exactly (see `jsonLineDifference`).

@Test(arguments: [
    (ReplayKind.stableswap, "stableswap-walkthrough"), (.stableswap, "stableswap-rejections"),
    (.constantProduct, "constant-product"), (.concentrated, "concentrated"),
])
func poolReplayMatchesContractModel(_ kind: ReplayKind, _ name: String) throws {
    let script = try ReplayFixtures.text(name + ".jsonl")
    let expected = try ReplayFixtures.text(name + ".out.jsonl").split(separator: "\n").map(String.init)
    let actual = try runReplay(kind, script: script, scriptName: name + ".jsonl")
    #expect(actual.count == expected.count, "number of output lines")
    for (index, (got, want)) in zip(actual, expected).enumerated() {
        expectSameJSONLine(got, want, context: "\(name) output line \(index + 1)")
    }
}

@Test func poolReplayLayoutIsExact() throws {
    // Whole-line text where every value is exact in binary: key order, arrays, `t` echoed
    // only when given, `who` defaulting to lp0.
    let script = """
        {"op": "init", "t": 5, "A": 100, "fee": "0", "balances": ["1000", "1000"]}
        {"op": "remove_liquidity", "who": "lp0", "lp_amount": "500"}
        {"op": "query", "get_dy": [], "calc_withdraw_one_coin": [["1", 7]]}
        """
    #expect(try runReplay(.stableswap, script: script, scriptName: "layout") == [
        #"{"line": 0, "t": 5, "op": "init", "who": "lp0", "lp_minted": "2000", "balances": ["1000", "1000"], "total_supply": "2000"}"#,
        #"{"line": 1, "op": "remove_liquidity", "who": "lp0", "amounts": ["250", "250"], "balances": ["750", "750"], "total_supply": "1500"}"#,
        #"{"line": 2, "op": "query", "balances": ["750", "750"], "total_supply": "1500", "admin_balances": ["0", "0"], "virtual_price": "1", "D": "1500", "lp_balances": {"lp0": "1500"}, "get_dy": [], "calc_withdraw_one_coin": [{"lp_amount": "1", "i": 7, "error": "coin index 7 out of range 0..<2"}]}"#,
    ])
    let v2 = """
        {"op": "init", "reserves": ["4", "9"], "fee": "0"}
        {"op": "query"}
        """
    #expect(try runReplay(.constantProduct, script: v2, scriptName: "layout") == [
        #"{"line": 0, "op": "init", "who": "lp0", "lp_minted": "5.999999999999999", "reserves": ["4", "9"], "total_supply": "6"}"#,
        #"{"line": 1, "op": "query", "reserves": ["4", "9"], "total_supply": "6", "lp_balances": {"0x0000000000000000000000000000000000000000": "0.000000000000001", "lp0": "5.999999999999999"}}"#,
    ])
}
