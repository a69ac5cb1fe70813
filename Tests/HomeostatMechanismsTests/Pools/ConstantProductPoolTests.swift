import HomeostatCore
import HomeostatMechanisms
import Testing

extension Pools {
@Suite("Uniswap v2 constant product")
struct ConstantProductPoolTests {
    /// A pool funded by "lp0" with `reserves`.
    static func funded(_ r0: Double, _ r1: Double, fee: Double = 0.003, decimals: [Int] = [18, 18]) throws -> (ConstantProductPool, LPAccount) {
        var pool = try ConstantProductPool(fee: fee, decimals: decimals)
        let lp = pool.openAccount("lp0")
        _ = try pool.addLiquidity(who: lp, amounts: [r0, r1])
        return (pool, lp)
    }

    @Test func getAmountOutMatchesHandComputedNumbers() throws {
        // dy = dx·0.997·y / (x + dx·0.997); 1000/1000, dx = 10: 9.97·1000 / 1009.97.
        let (pool, _) = try Self.funded(1000, 1000)
        expectClose(try pool.getAmountOut(i: 0, dx: 10), 9970.0 / 1009.97, relative: 1e-15)
        expectClose(try pool.getAmountOut(i: 1, dx: 1), 997.0 / 1000.997, relative: 1e-15)
        // MECHANISMS.md §6.1 vectors: 1000 ETH / 2,000,000 USDC (6 decimals); the contract
        // floors to whole USDC units, so the Double output may exceed it by < 1e-6.
        let (eth, _) = try Self.funded(1000, 2_000_000, decimals: [18, 6])
        for (dx, floored) in [(1.0, 1992.013962), (10.0, 19743.160687), (100.0, 181322.178776)] {
            let out = try eth.getAmountOut(i: 0, dx: dx)
            #expect(out >= floored && out < floored + 1e-6, "dx \(dx): \(out) vs contract \(floored)")
        }
        // Exact-output inverse.
        let dx = try pool.getAmountIn(i: 0, dy: 9970.0 / 1009.97)
        expectClose(dx, 10, relative: 1e-12)
    }

    @Test func swapMovesReservesAndKGrowsByTheFee() throws {
        var (pool, _) = try Self.funded(1000, 2_000_000, decimals: [18, 6])
        let k0 = pool.k
        let out = try pool.swap(i: 0, dx: 10)
        expectClose(out, 19743.160687, absolute: 1e-6)
        #expect(pool.reserve0 == 1010)
        expectClose(pool.reserve1, 2_000_000 - out, relative: 1e-15)
        // MECHANISMS.md §6.1: after the 10-ETH trade k1/k0 = 1.0000297.
        expectClose(pool.k / k0, 1.0000297, absolute: 5e-8)
    }

    @Test(arguments: [0.003, 0.0005, 0.01])
    func kNeverDecreasesThroughSwaps(fee: Double) throws {
        var (pool, _) = try Self.funded(5_000, 7_000, fee: fee)
        var rng = Xoshiro256StarStar(seed: 42)
        var k = pool.k
        for step in 0..<2_000 {
            let i = Int(rng.next() & 1)
            let dx = pool.reserve(i) * rng.uniform(1e-6, 0.2)
            _ = try pool.swap(i: i, dx: dx)
            #expect(pool.k > k, "step \(step): k fell from \(k) to \(pool.k)")
            k = pool.k
        }
    }

    @Test func feeFreeSwapKeepsK() throws {
        var (pool, _) = try Self.funded(5_000, 7_000, fee: 0)
        let k0 = pool.k
        _ = try pool.swap(i: 0, dx: 1234.5)
        _ = try pool.swap(i: 1, dx: 42)
        expectClose(pool.k, k0, relative: 1e-14)
    }

    @Test func firstDepositLocksMinimumLiquidity() throws {
        var pool = try ConstantProductPool()
        let alice = pool.openAccount("alice")
        let minted = try pool.addLiquidity(who: alice, amounts: [1000, 4000])
        #expect(minted == 2000 - 1e-15)
        #expect(pool.shares.balance(named: LPShares.zeroAddress) == 1e-15)
        #expect(pool.shares.balance(of: alice) == minted)
        #expect(pool.shares.totalSupply == 2000)
        // The locked share can never be burned, so the pool never empties: after Alice
        // burns everything, 1e-15 of 2000 LP tokens still own 1e-15/2000 of the reserves.
        let back = try pool.removeLiquidity(who: alice, lpAmount: minted)
        expectClose(back[0], 1000, relative: 1e-15)
        #expect(pool.shares.totalSupply == 1e-15)
        expectClose(pool.reserve0, 1000 * 1e-15 / 2000, relative: 1e-12)
        expectClose(pool.reserve1, 4000 * 1e-15 / 2000, relative: 1e-12)

        var tiny = try ConstantProductPool()
        let bob = tiny.openAccount("bob")
        // sqrt(1e-15 · 1e-15) = MINIMUM_LIQUIDITY: nothing left to mint.
        #expect(throws: PoolError.insufficientLiquidityMinted) {
            try tiny.addLiquidity(who: bob, amounts: [1e-15, 1e-15])
        }
        #expect(throws: PoolError.insufficientLiquidityMinted) {
            try tiny.addLiquidity(who: bob, amounts: [5, 0])
        }
        #expect(tiny.shares.totalSupply == 0 && tiny.reserve0 == 0)
    }

    @Test func mintAndBurnAreProportional() throws {
        var (pool, lp0) = try Self.funded(1000, 3000)
        _ = try pool.swap(i: 0, dx: 100)  // reserves no longer at the deposit ratio
        let s0 = pool.shares.totalSupply
        let (x, y) = (pool.reserve0, pool.reserve1)
        let bob = pool.openAccount("bob")
        // Proportional deposit: both ratios agree.
        let minted = try pool.addLiquidity(who: bob, amounts: [x * 0.1, y * 0.1])
        expectClose(minted, s0 * 0.1, relative: 1e-14)
        // Off-ratio deposit mints the smaller ratio: the excess coin 1 is donated.
        let carol = pool.openAccount("carol")
        let s1 = pool.shares.totalSupply
        let (x1, y1) = (pool.reserve0, pool.reserve1)
        let mintedCarol = try pool.addLiquidity(who: carol, amounts: [x1 * 0.05, y1 * 0.2])
        expectClose(mintedCarol, s1 * 0.05, relative: 1e-14)
        // Router helper takes only the proportional part.
        let optimal = try pool.proportionalAmounts(for: [10, 1e9])
        expectClose(optimal[1] / optimal[0], pool.reserve1 / pool.reserve0, relative: 1e-14)
        // Burn pays lp·reserve/S of each coin.
        let s2 = pool.shares.totalSupply
        let (x2, y2) = (pool.reserve0, pool.reserve1)
        let out = try pool.removeLiquidity(who: bob, lpAmount: minted)
        expectClose(out[0], minted * x2 / s2, relative: 1e-14)
        expectClose(out[1], minted * y2 / s2, relative: 1e-14)
        #expect(pool.shares.balance(of: bob) == 0)
        // Value per share (√k/S) is unchanged by a burn.
        expectClose(pool.k.squareRoot() / pool.shares.totalSupply, (x2 * y2).squareRoot() / s2, relative: 1e-13)
        _ = lp0
        try pool.shares.checkInvariants()
    }

    @Test func protocolFeeMintsOneSixthOfRootKGrowth() throws {
        var (pool, lp0) = try Self.funded(10_000, 10_000)
        let treasury = pool.openAccount("feeTo")
        try pool.setFeeTo(treasury)
        // Fee just turned on: kLast is 0, so the next liquidity event mints nothing and starts the measurement.
        _ = try pool.addLiquidity(who: lp0, amounts: [1, 1])
        #expect(pool.shares.balance(of: treasury) == 0)
        #expect(pool.kLast == pool.k)
        let rootKLast = pool.kLast.squareRoot()
        for _ in 0..<50 {
            _ = try pool.swap(i: 0, dx: 500)
            _ = try pool.swap(i: 1, dx: 500)
        }
        let rootK = pool.k.squareRoot()
        let s = pool.shares.totalSupply
        #expect(rootK > rootKLast)
        let expected = s * (rootK - rootKLast) / (5 * rootK + rootKLast)
        expectClose(pool.pendingProtocolFee, expected, relative: 1e-12)
        _ = try pool.removeLiquidity(who: lp0, lpAmount: 1)
        let minted = pool.shares.balance(of: treasury)
        expectClose(minted, expected, relative: 1e-12)
        // The recipient's share of √k is 1/6 of the growth since kLast.
        expectClose(minted / (s + minted) * rootK, (rootK - rootKLast) / 6, relative: 1e-10)
        // Turning it off resets kLast at the next liquidity event.
        try pool.setFeeTo(nil)
        _ = try pool.swap(i: 0, dx: 500)
        _ = try pool.addLiquidity(who: lp0, amounts: [1, 1])
        #expect(pool.kLast == 0)
        #expect(pool.shares.balance(of: treasury) == minted)
    }

    @Test func rejectsWhatThePairRejects() throws {
        var (pool, lp0) = try Self.funded(1000, 1000, decimals: [18, 6])
        #expect(throws: PoolError.coinIndexOutOfRange(index: 2, coinCount: 2)) { try pool.swap(i: 2, dx: 1) }
        #expect(throws: PoolError.invalidAmount(-1)) { try pool.swap(i: 0, dx: -1) }
        #expect(throws: PoolError.self) { try pool.swap(i: 0, dx: .nan) }
        #expect(throws: PoolError.insufficientInputAmount) { try pool.swap(i: 0, dx: 0) }
        #expect(throws: PoolError.outputBelowMinimum(output: 9970.0 / 1009.97, minimum: 10)) {
            try pool.swap(i: 0, dx: 10, minOut: 10)
        }
        // Output below one USDC unit (1e-6): the pair's INSUFFICIENT_OUTPUT_AMOUNT.
        #expect(throws: PoolError.insufficientOutputAmount) { try pool.swap(i: 0, dx: 1e-7) }
        #expect(throws: PoolError.insufficientLPBalance(have: pool.shares.balance(of: lp0), need: 1e9)) {
            try pool.removeLiquidity(who: lp0, lpAmount: 1e9)
        }
        #expect(throws: PoolError.insufficientLiquidityBurned) { try pool.removeLiquidity(who: lp0, lpAmount: 0) }
        #expect(throws: PoolError.insufficientLiquidityMinted) { try pool.addLiquidity(who: lp0, amounts: [0, 5]) }
        #expect(throws: PoolError.unknownAccount(LPAccount(index: 99))) {
            try pool.addLiquidity(who: LPAccount(index: 99), amounts: [1, 1])
        }
        #expect(throws: PoolError.wrongAmountCount(given: 3, coinCount: 2)) {
            try pool.addLiquidity(who: lp0, amounts: [1, 1, 1])
        }
        let empty = try ConstantProductPool()
        #expect(throws: PoolError.insufficientLiquidity) { try empty.getAmountOut(i: 0, dx: 1) }
        #expect(throws: PoolError.self) { try ConstantProductPool(fee: 1) }
        // Rejections leave the pool untouched.
        #expect(pool.reserve0 == 1000 && pool.reserve1 == 1000)
        #expect(PoolError.insufficientOutputAmount.description == "UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT")
    }

    @Test func coinsAreConservedByEveryOperation() throws {
        var pool = try ConstantProductPool()
        let names = ["a", "b", "c"]
        let accounts = names.map { pool.openAccount($0) }
        var wallet: [[Double]] = Array(repeating: [1e6, 1e6], count: names.count)
        let total0 = 3e6, total1 = 3e6
        var rng = Xoshiro256StarStar(seed: 7)
        func check(_ step: Int) {
            let sum0 = pool.reserve0 + wallet.reduce(0) { $0 + $1[0] }
            let sum1 = pool.reserve1 + wallet.reduce(0) { $0 + $1[1] }
            expectClose(sum0, total0, relative: 1e-13, "coin 0 at step \(step)")
            expectClose(sum1, total1, relative: 1e-13, "coin 1 at step \(step)")
        }
        let a0 = 1000.0, a1 = 1500.0
        _ = try pool.addLiquidity(who: accounts[0], amounts: [a0, a1])
        wallet[0][0] -= a0
        wallet[0][1] -= a1
        check(0)
        for step in 1...600 {
            let who = Int(rng.next() % 3)
            switch rng.next() % 3 {
            case 0:
                let i = Int(rng.next() & 1)
                let dx = wallet[who][i] * rng.uniform(0, 0.01)
                guard let out = try? pool.swap(i: i, dx: dx) else { continue }
                wallet[who][i] -= dx
                wallet[who][1 - i] += out
            case 1:
                let want = [wallet[who][0] * rng.uniform(0, 0.01), wallet[who][1] * rng.uniform(0, 0.01)]
                let amounts = try pool.proportionalAmounts(for: want)
                guard (try? pool.addLiquidity(who: accounts[who], amounts: amounts)) != nil else { continue }
                wallet[who][0] -= amounts[0]
                wallet[who][1] -= amounts[1]
            default:
                let lp = pool.shares.balance(of: accounts[who]) * rng.uniform(0, 1)
                guard let out = try? pool.removeLiquidity(who: accounts[who], lpAmount: lp) else { continue }
                wallet[who][0] += out[0]
                wallet[who][1] += out[1]
            }
            check(step)
            #expect(pool.reserve0 > 0 && pool.reserve1 > 0)
        }
        try pool.shares.checkInvariants()
    }
}

}

extension Pools {
@Suite("Impermanent loss")
struct ImpermanentLossTests {
    @Test func constantProductFormula() {
        expectClose(ImpermanentLoss.constantProduct(priceRatio: 2), 2 * 2.0.squareRoot() / 3 - 1, relative: 1e-15)
        // MECHANISMS.md §7 table.
        for (r, il) in [(1.25, -0.00619), (1.5, -0.02020), (2, -0.05719), (3, -0.13397), (4, -0.2), (5, -0.25464)] {
            expectClose(ImpermanentLoss.constantProduct(priceRatio: r), il, absolute: 5e-6, "r = \(r)")
            expectClose(ImpermanentLoss.constantProduct(priceRatio: 1 / r), il, absolute: 5e-6, "r = 1/\(r)")
        }
        #expect(ImpermanentLoss.constantProduct(priceRatio: 1) == 0)
        #expect(ImpermanentLoss.constantProduct(priceRatio: 0).isNaN)
    }

    @Test(arguments: [2.0, 0.5, 3.0])
    func simulatedArbitrageMatchesFormula(priceRatio r: Double) throws {
        // Deposit 1000/1000 (price of coin 0 = 1 coin 1) into a fee-free pair, let an
        // arbitrageur move the price to r, withdraw everything and compare with holding.
        var pool = try ConstantProductPool(fee: 0)
        let lp = pool.openAccount("lp")
        let minted = try pool.addLiquidity(who: lp, amounts: [1000, 1000])
        let k = pool.k
        if r > 1 {  // buy coin 0 with coin 1 until y/x = r: y' = sqrt(k·r)
            _ = try pool.swap(i: 1, dx: (k * r).squareRoot() - pool.reserve1)
        } else {  // sell coin 0 until x' = sqrt(k/r)
            _ = try pool.swap(i: 0, dx: (k / r).squareRoot() - pool.reserve0)
        }
        expectClose(pool.price, r, relative: 1e-12)
        let out = try pool.removeLiquidity(who: lp, lpAmount: minted)
        let valueLP = out[0] * r + out[1]
        let valueHold = 1000 * r + 1000
        expectClose(valueLP / valueHold - 1, ImpermanentLoss.constantProduct(priceRatio: r), relative: 1e-9)
        if r == 2 { expectClose(valueLP / valueHold - 1, -0.0571909584179366, relative: 1e-9) }
    }
}
}
