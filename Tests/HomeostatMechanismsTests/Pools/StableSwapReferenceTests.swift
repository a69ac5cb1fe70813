import HomeostatMechanisms
import Testing

// Reference numbers for these tests were produced by a throw-away Python script (not in the
// repository) that re-implements the integer arithmetic of
// curvefi/stableswap-ng contracts/main/CurveStableSwapNG.vy (plain pool: get_D, get_y,
// get_y_D, _dynamic_fee, exchange, add_liquidity, remove_liquidity, remove_liquidity_one_coin)
// and CurveStableSwapNGViews.vy (get_dy, calc_withdraw_one_coin) on uint256 wei with floor
// division, A_PRECISION = 100, FEE_DENOMINATOR = 1e10, admin_fee = 5e9 and rates
// 10^(36 − decimals); its results were printed as exact decimal strings of token units.
// The same script reproduces MECHANISMS.md §6.3's worked example to the wei
// (dy = 99900110864758514706207 wei), which is checked below too.
//
// Tolerances: outputs (dy, LP minted, admin fees) 1e-9 relative, as the replay spec allows;
// pool-sized quantities (balances, D, supply) 1e-12 relative; plus two smallest units of a
// 6-decimal coin where the contract floors to that coin's unit and the Double pool does not.

extension Pools {
@Suite("StableSwap against the contract's integer arithmetic")
struct StableSwapReferenceTests {
    static let usdcUnits = 2e-6

    @Test func mechanismsWorkedExample() throws {
        expectClose(try StableSwapMath.getD(xp: [1_500_000, 500_000], A: 100), 1_996_715.821544259128824509, relative: 1e-13)
        expectClose(try StableSwapMath.getD(xp: [1_500_000, 500_000], A: 2000), 1_999_833.458225796289774352, relative: 1e-13)
        #expect(try StableSwapMath.getD(xp: [1_000_000, 1_000_000], A: 100) == 2_000_000)

        var noFee = try StableSwapPool(coinCount: 2, A: 100, fee: 0)
        let lp = noFee.openAccount("lp0")
        #expect(try noFee.addLiquidity(who: lp, amounts: [1_000_000, 1_000_000]) == 2_000_000)
        expectClose(try noFee.getDy(i: 0, j: 1, dx: 100_000), 99_900.110864758514706207, relative: 1e-12)
        var withFee = try StableSwapPool(coinCount: 2, A: 100, fee: 0.0004)
        _ = try withFee.addLiquidity(who: withFee.openAccount("lp0"), amounts: [1_000_000, 1_000_000])
        expectClose(try withFee.exchange(i: 0, j: 1, dx: 100_000), 99_900.110864758514706207 * (1 - 0.0004), relative: 1e-12)
    }

    /// 2 coins, 18 decimals, A = 200, fee 0.0004, constant fee (multiplier 1), 1e6/1e6.
    @Test func twoCoinScript() throws {
        var pool = try StableSwapPool(A: 200, fee: 0.0004, offpegFeeMultiplier: 1, decimals: [18, 18])
        let lp0 = pool.openAccount("lp0")
        let lp1 = pool.openAccount("lp1")
        #expect(try pool.addLiquidity(who: lp0, amounts: [1_000_000, 1_000_000]) == 2_000_000)

        expectClose(try pool.getDy(i: 0, j: 1, dx: 1000), 999.595026885489775669)
        expectClose(try pool.exchange(i: 0, j: 1, dx: 1000), 999.595026885489775669)
        expectClose(pool.balance(0), 1_001_000, relative: 1e-15)
        expectClose(pool.balance(1), 999_000.204974109531134741, relative: 1e-12)
        #expect(pool.adminBalances[0] == 0)
        expectClose(pool.adminBalances[1], 0.199999004979089590)
        expectClose(try pool.invariant(), 2_000_000.200000000446170810, relative: 1e-12)
        expectClose(try pool.virtualPrice(), 1.000000100000000223, relative: 1e-13)

        expectClose(try pool.getDy(i: 1, j: 0, dx: 500), 499.803729354580776833)

        expectClose(try pool.addLiquidity(who: lp1, amounts: [1000, 0]), 999.793887176227446589)
        expectClose(pool.balance(0), 1_001_999.950049684043314709, relative: 1e-12)
        expectClose(pool.balance(1), 999_000.155024414607897166, relative: 1e-12)
        expectClose(pool.adminBalances[0], 0.049950315956685291)
        expectClose(pool.adminBalances[1], 0.249948699902327165)
        expectClose(pool.totalSupply, 2_000_999.793887176227446589, relative: 1e-12)

        expectClose(try pool.calcWithdrawOneCoin(lpAmount: 500, i: 1), 499.895882907238911034)
        expectClose(try pool.removeLiquidityOneCoin(who: lp1, lpAmount: 500, i: 1), 499.895882907238911034)
        expectClose(pool.balance(1), 998_500.209067382682339944, relative: 1e-12)
        expectClose(pool.adminBalances[1], 0.300022824588973353)
        expectClose(pool.totalSupply, 2_000_499.793887176227446589, relative: 1e-12)
        expectClose(try pool.invariant(), 2_000_500.143886765873222750, relative: 1e-12)
        expectClose(try pool.virtualPrice(), 1.000000174956073834, relative: 1e-13)

        let out = try pool.removeLiquidity(who: lp0, lpAmount: 100_000)
        expectClose(out[0], 50_087.480794121722800017)
        expectClose(out[1], 49_912.537462810450560967)
        expectClose(pool.balance(0), 951_912.469255562320514692, relative: 1e-12)
        expectClose(pool.balance(1), 948_587.671604572231778977, relative: 1e-12)
        expectClose(pool.totalSupply, 1_900_499.793887176227446589, relative: 1e-12)
        expectClose(try pool.virtualPrice(), 1.000000174956073834, relative: 1e-13)
        // remove_liquidity claims the admin fees (the contract's default `_claim_admin_fees`).
        #expect(pool.adminBalances == [0, 0])
        expectClose(pool.adminFeesClaimed[0], 0.049950315956685291)
        expectClose(pool.adminFeesClaimed[1], 0.300022824588973353)
        expectClose(pool.shares.balance(named: "lp1"), 499.793887176227446589, relative: 1e-12)
    }

    /// 3 coins with decimals 18/6/6, A = 100, fee 0.0004, off-peg multiplier 2 (dynamic fee).
    @Test func threeCoinDynamicFeeScript() throws {
        var pool = try StableSwapPool(A: 100, fee: 0.0004, offpegFeeMultiplier: 2, decimals: [18, 6, 6])
        #expect(pool.rates == [1e18, 1e30, 1e30])
        let lp0 = pool.openAccount("lp0")
        let lp1 = pool.openAccount("lp1")
        let u = Self.usdcUnits
        expectClose(try pool.addLiquidity(who: lp0, amounts: [1_000_000, 500_000, 800_000]), 2_299_040.800546361224176126, relative: 1e-12)
        expectClose(try pool.invariant(), 2_299_040.800546361224176126, relative: 1e-12)

        expectClose(try pool.exchange(i: 1, j: 0, dx: 12_345.678901), 12_442.133656422325605264)
        expectClose(pool.balance(0), 987_555.237987480130173715, relative: 1e-12)
        expectClose(pool.balance(1), 512_345.678901, relative: 1e-12)
        expectClose(pool.adminBalances[0], 2.628356097544221021)

        expectClose(try pool.getDy(i: 2, j: 1, dx: 50_000), 49_620.308539, absolute: u)
        expectClose(try pool.getDy(i: 0, j: 2, dx: 250_000), 248_552.196818, absolute: u)

        expectClose(try pool.addLiquidity(who: lp1, amounts: [0, 100_000, 0]), 100_373.178820317286095485)
        expectClose(pool.balance(0), 987_551.981861574576770263, relative: 1e-12)
        expectClose(pool.balance(1), 612_339.777503, absolute: u)
        expectClose(pool.balance(2), 799_997.379714, absolute: u)
        expectClose(pool.adminBalances[0], 5.884482003097624473)
        expectClose(pool.adminBalances[1], 5.901398, absolute: u)
        expectClose(pool.adminBalances[2], 2.620286, absolute: u)
        expectClose(pool.totalSupply, 2_399_413.979366678510271611, relative: 1e-12)

        expectClose(try pool.calcWithdrawOneCoin(lpAmount: 20_000, i: 2), 19_998.186889, absolute: u)
        expectClose(try pool.removeLiquidityOneCoin(who: lp1, lpAmount: 20_000, i: 2), 19_998.186889, absolute: u)
        expectClose(pool.balance(2), 779_997.186001, absolute: u)
        expectClose(pool.adminBalances[2], 4.627110, absolute: u)
        expectClose(pool.totalSupply, 2_379_413.979366678510271611, relative: 1e-12)
        // D sums the balances, each within a couple of 6-decimal units of the contract's.
        expectClose(try pool.invariant(), 2_379_430.388443182759278573, absolute: 3 * u)
        expectClose(try pool.virtualPrice(), 1.000006896268008233, relative: 2e-12)
    }
}
}
