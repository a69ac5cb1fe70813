import HomeostatCore
import HomeostatMechanisms
import Testing

extension Pools {
@Suite("Curve StableSwap")
struct StableSwapPoolTests {
    /// A pool funded by "lp0" with `balances`.
    static func funded(
        _ balances: [Double], A: Double = 100, fee: Double = 0.0004, offpeg: Double = 1
    ) throws -> (StableSwapPool, LPAccount) {
        var pool = try StableSwapPool(coinCount: balances.count, A: A, fee: fee, offpegFeeMultiplier: offpeg)
        let lp = pool.openAccount("lp0")
        _ = try pool.addLiquidity(who: lp, amounts: balances)
        return (pool, lp)
    }

    @Test func firstDepositMintsD() throws {
        let (pool, lp) = try Self.funded([1_000_000, 1_000_000, 1_000_000])
        #expect(pool.totalSupply == 3_000_000)
        #expect(pool.shares.balance(of: lp) == 3_000_000)
        #expect(try pool.virtualPrice() == 1)
        let (skewed, _) = try Self.funded([1_500_000, 500_000])
        expectClose(skewed.totalSupply, 1_996_715.821544259128824509, relative: 1e-13)
    }

    @Test(arguments: [2, 3, 5, 8])
    func feeFreeExchangeKeepsD(coins: Int) throws {
        var rng = Xoshiro256StarStar(seed: UInt64(coins))
        let start = (0..<coins).map { _ in rng.uniform(2e5, 2e6) }
        var (pool, _) = try Self.funded(start, A: 300, fee: 0)
        let d0 = try pool.invariant()
        for step in 0..<300 {
            let i = Int(rng.next() % UInt64(coins))
            let j = (i + 1 + Int(rng.next() % UInt64(coins - 1))) % coins
            _ = try pool.exchange(i: i, j: j, dx: pool.balance(i) * rng.uniform(1e-6, 0.3))
            expectClose(try pool.invariant(), d0, relative: 1e-12, "step \(step)")
        }
        #expect(pool.adminBalances.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [1.0, 2.0, 10.0])
    func virtualPriceNeverDecreases(offpeg: Double) throws {
        var rng = Xoshiro256StarStar(seed: 2024)
        let n = 3
        var pool = try StableSwapPool(coinCount: n, A: 200, fee: 0.001, offpegFeeMultiplier: offpeg)
        let lps = (0..<4).map { pool.openAccount("lp\($0)") }
        _ = try pool.addLiquidity(who: lps[0], amounts: [1e6, 2e6, 1.5e6])
        var vp = try pool.virtualPrice()
        var rose = false
        for step in 0..<1500 {
            let who = lps[Int(rng.next() % 4)]
            let op = rng.next() % 4
            switch op {
            case 0, 1:
                let i = Int(rng.next() % 3)
                let j = (i + 1 + Int(rng.next() % 2)) % 3
                _ = try pool.exchange(i: i, j: j, dx: pool.balance(i) * rng.uniform(1e-5, 0.4))
            case 2:
                var amounts = (0..<n).map { pool.balance($0) * rng.uniform(0, 0.2) }
                amounts[Int(rng.next() % 3)] = 0  // imbalanced on purpose
                _ = try pool.addLiquidity(who: who, amounts: amounts)
            default:
                let held = pool.shares.balance(of: who)
                guard held > 0 else { continue }
                if rng.next() & 1 == 0 {
                    _ = try pool.removeLiquidity(who: who, lpAmount: held * rng.uniform(0, 0.5))
                } else {
                    _ = try pool.removeLiquidityOneCoin(who: who, lpAmount: held * rng.uniform(0, 0.3), i: Int(rng.next() % 3))
                }
            }
            let now = try pool.virtualPrice()
            #expect(now >= vp * (1 - 1e-13), "step \(step), op \(op): virtual price fell from \(vp) to \(now)")
            if now > vp { rose = true }
            vp = now
        }
        #expect(rose && vp > 1.001)
        try pool.shares.checkInvariants()
    }

    @Test func getDyIsMonotoneInDx() throws {
        let (pool, _) = try Self.funded([1_000_000, 3_000_000], A: 50, fee: 0.0004, offpeg: 5)
        for (i, j) in [(0, 1), (1, 0)] {
            var dx = 1e-3
            var last = 0.0
            while dx < 2e7 {
                let dy = try pool.getDy(i: i, j: j, dx: dx)
                #expect(dy > last, "\(i)→\(j): dy(\(dx)) = \(dy) not above \(last)")
                #expect(dy < pool.balance(j))
                last = dy
                dx *= 1.3
            }
        }
    }

    @Test func amplificationInterpolatesBetweenConstantSumAndProduct() throws {
        let dx = 100_000.0
        let constantProduct = dx * 1e6 / (1e6 + dx)
        var dys: [Double] = []
        for A in [1e-4, 1, 100, 1e5] {
            let (pool, _) = try Self.funded([1_000_000, 1_000_000], A: A, fee: 0)
            dys.append(try pool.getDy(i: 0, j: 1, dx: dx))
        }
        // Tiny A: the invariant tends to x·y = (D/2)²; huge A: to x + y = D.
        expectClose(dys[0], constantProduct, relative: 1e-3)
        expectClose(dys[3], dx, relative: 2e-6)
        #expect(constantProduct < dys[0] && dys[0] < dys[1] && dys[1] < dys[2] && dys[2] < dys[3] && dys[3] < dx)
    }

    @Test func quotesMatchOperations() throws {
        var (pool, lp) = try Self.funded([1_000_000, 700_000, 1_300_000], fee: 0.0004, offpeg: 2)
        let q = try pool.getDy(i: 2, j: 1, dx: 54_321)
        #expect(try pool.exchange(i: 2, j: 1, dx: 54_321) == q)
        let w = try pool.calcWithdrawOneCoin(lpAmount: 10_000, i: 0)
        #expect(try pool.removeLiquidityOneCoin(who: lp, lpAmount: 10_000, i: 0) == w)
        // Withdrawing the abundant coin (2) pays more coins than the scarce one (1), and
        // withdrawing the scarce one pays less than the LP tokens' value at par.
        let abundant = try pool.calcWithdrawOneCoin(lpAmount: 10_000, i: 2)
        let scarce = try pool.calcWithdrawOneCoin(lpAmount: 10_000, i: 1)
        #expect(pool.balance(2) > pool.balance(0) && pool.balance(0) > pool.balance(1))
        let vp = try pool.virtualPrice()
        #expect(abundant > scarce && scarce < 10_000 * vp)
    }

    @Test func dynamicFeeRisesOffPeg() throws {
        #expect(StableSwapMath.dynamicFee(xpi: 1, xpj: 1, fee: 0.0004, offpegFeeMultiplier: 2) == 0.0004)
        #expect(StableSwapMath.dynamicFee(xpi: 1, xpj: 9, fee: 0.0004, offpegFeeMultiplier: 1) == 0.0004)
        // 4·x·y/(x+y)² = 0.36 at 1:9, so fee = 2f / (0.36 + 1) = 0.000588235294..., which the
        // contract floors to whole units of 1e-10: 5882352e-10.
        expectClose(StableSwapMath.dynamicFee(xpi: 1, xpj: 9, fee: 0.0004, offpegFeeMultiplier: 2), 5_882_352e-10, relative: 1e-15)
        let (pool, _) = try Self.funded([1_000_000, 200_000], offpeg: 3)
        let f = try pool.dynamicFee(i: 0, j: 1)
        #expect(f > 0.0004 && f < 3 * 0.0004)
    }

    @Test func balancedDepositPaysNoFee() throws {
        var (pool, _) = try Self.funded([1_000_000, 2_000_000, 500_000], fee: 0.004)
        let s0 = pool.totalSupply
        let bob = pool.openAccount("bob")
        let minted = try pool.addLiquidity(who: bob, amounts: [100_000, 200_000, 50_000])
        expectClose(minted, s0 * 0.1, relative: 1e-12)
        #expect(pool.adminBalances.allSatisfy { $0 < 1e-9 })
        // The same value deposited in one coin is charged the imbalance fee.
        let carol = pool.openAccount("carol")
        let skewMinted = try pool.addLiquidity(who: carol, amounts: [350_000, 0, 0])
        #expect(skewMinted < minted)
        #expect(pool.adminBalances.allSatisfy { $0 > 0 })
    }

    @Test func lastHolderEmptiesThePool() throws {
        var (pool, lp) = try Self.funded([1_000, 2_000])
        let bob = pool.openAccount("bob")
        _ = try pool.addLiquidity(who: bob, amounts: [10, 20])
        _ = try pool.exchange(i: 0, j: 1, dx: 100)
        _ = try pool.removeLiquidity(who: bob, lpAmount: pool.shares.balance(of: bob), claimAdminFees: false)
        let out = try pool.removeLiquidity(who: lp, lpAmount: pool.shares.balance(of: lp))
        #expect(pool.totalSupply == 0 && pool.balances == [0, 0] && pool.adminBalances == [0, 0])
        #expect(out[0] > 1000)
        #expect(throws: PoolError.emptyPool) { try pool.virtualPrice() }
        #expect(throws: PoolError.emptyPool) { try pool.getDy(i: 0, j: 1, dx: 1) }
        // A fresh first deposit restarts it.
        #expect(try pool.addLiquidity(who: lp, amounts: [5, 5]) == 10)
    }

    @Test func rejectsWhatTheContractRejects() throws {
        var (pool, lp) = try Self.funded([1_000_000, 1_000_000])
        let before = (pool.balances, pool.totalSupply)
        #expect(throws: PoolError.sameCoin(1)) { try pool.exchange(i: 1, j: 1, dx: 5) }
        #expect(throws: PoolError.coinIndexOutOfRange(index: 2, coinCount: 2)) { try pool.exchange(i: 0, j: 2, dx: 5) }
        #expect(throws: PoolError.coinIndexOutOfRange(index: -1, coinCount: 2)) { try pool.getDy(i: -1, j: 0, dx: 5) }
        #expect(throws: PoolError.zeroAmount) { try pool.exchange(i: 0, j: 1, dx: 0) }
        #expect(throws: PoolError.invalidAmount(-5)) { try pool.exchange(i: 0, j: 1, dx: -5) }
        #expect(throws: PoolError.self) { try pool.exchange(i: 0, j: 1, dx: .infinity) }
        #expect(throws: PoolError.invariantDidNotIncrease) { try pool.addLiquidity(who: lp, amounts: [0, 0]) }
        #expect(throws: PoolError.wrongAmountCount(given: 3, coinCount: 2)) { try pool.addLiquidity(who: lp, amounts: [1, 1, 1]) }
        let held = pool.shares.balance(of: lp)
        #expect(throws: PoolError.insufficientLPBalance(have: held, need: held + 1)) {
            try pool.removeLiquidity(who: lp, lpAmount: held + 1)
        }
        #expect(throws: PoolError.insufficientLPBalance(have: held, need: held + 1)) {
            try pool.removeLiquidityOneCoin(who: lp, lpAmount: held + 1, i: 0)
        }
        #expect(throws: PoolError.zeroAmount) { try pool.removeLiquidityOneCoin(who: lp, lpAmount: 0, i: 0) }
        #expect(throws: PoolError.unknownAccount(LPAccount(index: 7))) {
            try pool.removeLiquidity(who: LPAccount(index: 7), lpAmount: 1)
        }
        let dy = try pool.getDy(i: 0, j: 1, dx: 1000)
        #expect(throws: PoolError.exchangeBelowMinimum(dy: dy, minimum: 1000)) { try pool.exchange(i: 0, j: 1, dx: 1000, minDy: 1000) }
        #expect(throws: PoolError.self) { try pool.addLiquidity(who: lp, amounts: [1000, 0], minMint: 1000) }
        #expect(throws: PoolError.self) { try pool.removeLiquidityOneCoin(who: lp, lpAmount: 1000, i: 1, minAmount: 1000) }
        #expect(throws: PoolError.self) { try pool.removeLiquidity(who: lp, lpAmount: 1000, minAmounts: [600, 0]) }
        #expect(pool.balances == before.0 && pool.totalSupply == before.1)
        #expect(PoolError.mintBelowMinimum(minted: 1, minimum: 2).description == "Slippage screwed you")

        var empty = try StableSwapPool(coinCount: 3, A: 100, fee: 0.0004)
        let a = empty.openAccount("a")
        #expect(throws: PoolError.initialDepositRequiresAllCoins) { try empty.addLiquidity(who: a, amounts: [1, 0, 1]) }
        #expect(throws: PoolError.self) { try StableSwapPool(coinCount: 9, A: 100, fee: 0.0004) }
        #expect(throws: PoolError.self) { try StableSwapPool(coinCount: 2, A: 0, fee: 0.0004) }
        #expect(throws: PoolError.self) { try StableSwapPool(coinCount: 2, A: 100, fee: 0.2, offpegFeeMultiplier: 5) }
    }

    @Test func coinsAreConservedByEveryOperation() throws {
        let n = 3
        var rng = Xoshiro256StarStar(seed: 99)
        var pool = try StableSwapPool(coinCount: n, A: 150, fee: 0.002, offpegFeeMultiplier: 2)
        let accounts = (0..<3).map { pool.openAccount("t\($0)") }
        var wallet = Array(repeating: [Double](repeating: 1e7, count: n), count: 3)
        let totals = [Double](repeating: 3e7, count: n)
        func check(_ step: Int) {
            let holdings = pool.poolHoldings
            for k in 0..<n {
                let sum = holdings[k] + pool.adminFeesClaimed[k] + wallet.reduce(0) { $0 + $1[k] }
                expectClose(sum, totals[k], relative: 1e-14, "coin \(k) at step \(step)")
                #expect(pool.balance(k) >= 0 && pool.adminBalances[k] >= 0)
            }
        }
        let first = [1e6, 1.2e6, 0.8e6]
        _ = try pool.addLiquidity(who: accounts[0], amounts: first)
        for k in 0..<n { wallet[0][k] -= first[k] }
        check(0)
        for step in 1...800 {
            let t = Int(rng.next() % 3)
            switch rng.next() % 5 {
            case 0, 1:
                let i = Int(rng.next() % 3)
                let j = (i + 1 + Int(rng.next() % 2)) % 3
                let dx = min(wallet[t][i], pool.balance(i)) * rng.uniform(0, 0.2)
                guard let dy = try? pool.exchange(i: i, j: j, dx: dx) else { continue }
                wallet[t][i] -= dx
                wallet[t][j] += dy
            case 2:
                let amounts = (0..<n).map { wallet[t][$0] * rng.uniform(0, 0.05) }
                guard (try? pool.addLiquidity(who: accounts[t], amounts: amounts)) != nil else { continue }
                for k in 0..<n { wallet[t][k] -= amounts[k] }
            case 3:
                let lp = pool.shares.balance(of: accounts[t]) * rng.uniform(0, 0.6)
                guard let out = try? pool.removeLiquidity(who: accounts[t], lpAmount: lp, claimAdminFees: rng.next() & 1 == 0) else { continue }
                for k in 0..<n { wallet[t][k] += out[k] }
            default:
                let i = Int(rng.next() % 3)
                let lp = pool.shares.balance(of: accounts[t]) * rng.uniform(0, 0.3)
                guard let dy = try? pool.removeLiquidityOneCoin(who: accounts[t], lpAmount: lp, i: i) else { continue }
                wallet[t][i] += dy
            }
            check(step)
        }
        pool.withdrawAdminFees()
        check(801)
        try pool.shares.checkInvariants()
    }

    @Test func solversAreConsistent() throws {
        let xp = [1_200_000.0, 800_000, 1_000_000]
        let d = try StableSwapMath.getD(xp: xp, A: 400)
        let y = try StableSwapMath.getY(i: 0, j: 2, x: 1_300_000, xp: xp, A: 400, D: d)
        expectClose(try StableSwapMath.getD(xp: [1_300_000, 800_000, y], A: 400), d, relative: 1e-14)
        let yd = try StableSwapMath.getYD(i: 1, xp: xp, A: 400, D: d * 0.9)
        expectClose(try StableSwapMath.getD(xp: [1_200_000, yd, 1_000_000], A: 400), d * 0.9, relative: 1e-14)
        #expect(try StableSwapMath.getD(xp: [0, 0], A: 10) == 0)
        #expect(throws: PoolError.coinBalanceZero(1)) { try StableSwapMath.getD(xp: [5, 0], A: 10) }
    }
}
}
