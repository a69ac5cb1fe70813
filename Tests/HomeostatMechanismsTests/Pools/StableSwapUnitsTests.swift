import HomeostatCore
import HomeostatMechanisms
import Testing

// Pools with coins of fewer than 18 decimals against `StableSwapNGModel`, an integer model
// of stableswap-ng: the contract keeps balances and admin fees in each coin's own units and
// rounds every operation down to them. A Double pool that does not drifts by a fraction of
// a unit per operation (the admin fees by about half a unit per swap), so after a few dozen
// swaps it is several units off — beyond the replay spec's "1e-9 relative, or a few wei",
// where a wei of a 6-decimal coin is 1e-6.

extension Pools {
@Suite("StableSwap in coin units against an integer model of stableswap-ng")
struct StableSwapUnitsTests {
    struct Setup: Sendable, CustomTestStringConvertible {
        let decimals: [Int]
        let A: Int
        /// Fee and off-peg multiplier in the contract's units of 1e-10.
        let fee: Int
        let multiplier: Int
        /// First deposit of each coin, tokens.
        let deposit: Double
        let seed: UInt64
        var testDescription: String {
            "decimals \(decimals), A \(A), fee \(fee), multiplier \(multiplier), deposit \(deposit)"
        }
    }

    static let setups: [Setup] = [
        Setup(decimals: [18, 6], A: 200, fee: 4_000_000, multiplier: 20_000_000_000, deposit: 1_000, seed: 1),
        Setup(decimals: [6, 6], A: 1000, fee: 1_000_000, multiplier: 10_000_000_000, deposit: 400, seed: 2),
        Setup(decimals: [6, 18, 8], A: 100, fee: 4_000_000, multiplier: 50_000_000_000, deposit: 5_000, seed: 3),
        Setup(decimals: [6, 6], A: 200, fee: 4_000_000, multiplier: 20_000_000_000, deposit: 2_000_000, seed: 4),
    ]

    /// A Double of tokens as whole units of a coin (`units / 10^d` for the Double pool,
    /// `units` for the integer model).
    struct Amount {
        let units: Double
        let decimals: Int
        var integer: WideUInt256 { WideUInt256(UInt128(units)) }
        var tokens: Double { units / scale(decimals) }
    }

    static func scale(_ decimals: Int) -> Double {
        var s = 1.0
        for _ in 0..<decimals { s *= 10 }
        return s
    }

    static func amount(_ tokens: Double, decimals: Int) -> Amount {
        Amount(units: max((tokens * scale(decimals)).rounded(.down), 1), decimals: decimals)
    }

    /// Largest difference seen, in units of the coin, and the number of comparisons.
    struct Tally {
        var worstUnits = 0.0
        var worstRelative = 0.0
        var comparisons = 0
    }

    /// `got` (tokens) against `want` (units of a `decimals` coin): within 1e-9 relative,
    /// `units` of the coin, or 32 ulps of the pool's `balance` of it. The last is what a
    /// Double pool resolves at all: an output `xp_j − y` of a small trade, and the admin
    /// share of its fee, carry a few ulps of the balance (the documented limit of the
    /// 18-decimal fast path, where a unit is far below an ulp); for a 6-decimal coin the
    /// units dominate.
    static func compare(
        _ got: Double, _ want: WideUInt256, decimals: Int, units: Double, balance: Double, _ what: String,
        tally: inout Tally, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let wantTokens = want.double / scale(decimals)
        let difference = abs(got - wantTokens)
        let inUnits = difference * scale(decimals)
        tally.comparisons += 1
        if decimals < 18 {
            tally.worstUnits = max(tally.worstUnits, inUnits)
            if wantTokens > 0 { tally.worstRelative = max(tally.worstRelative, difference / wantTokens) }
        }
        #expect(difference <= max(1e-9 * wantTokens, units / scale(decimals), 32 * balance.ulp),
                "\(what): \(got) vs the contract's \(wantTokens) (\(inUnits) units)", sourceLocation: sourceLocation)
    }

    /// 3,000 random operations — exchanges both ways (70%), deposits of one or all coins,
    /// one-coin and balanced withdrawals — on the Double pool and the integer model. After
    /// each: the amount paid or minted, every LP balance of a coin, every admin balance and
    /// the LP supply agree to 1e-9 relative or two units of the coin (one unit is the most
    /// a rounding boundary inside Double's error can cost; two allow for one such miss
    /// still standing in a balance).
    @Test(arguments: setups)
    func longRandomScriptAgreesInCoinUnits(_ setup: Setup) throws {
        let n = setup.decimals.count
        var model = StableSwapNGModel(A: setup.A, fee: setup.fee, offpegMultiplier: setup.multiplier, decimals: setup.decimals)
        var pool = try StableSwapPool(
            A: Double(setup.A), fee: Double(setup.fee) / 1e10, offpegFeeMultiplier: Double(setup.multiplier) / 1e10,
            decimals: setup.decimals)
        let lps = ["lp0", "lp1", "lp2"]
        var tally = Tally()
        let units = 2.0

        let first = setup.decimals.map { Self.amount(setup.deposit, decimals: $0) }
        let minted = try pool.addLiquidity(who: pool.openAccount("lp0"), amounts: first.map(\.tokens))
        let modelResult = model.addLiquidity(first.map(\.integer), who: "lp0")
        let modelMinted = try #require(modelResult)
        expectClose(minted, modelMinted.double / 1e18, relative: 1e-12)

        var rng = Xoshiro256StarStar(seed: setup.seed)
        var counts = [0, 0, 0, 0]
        for step in 0..<3000 {
            let u = rng.uniform()
            if u < 0.7 {
                let i = Int(rng.next() % UInt64(n))
                let j = (i + 1 + Int(rng.next() % UInt64(n - 1))) % n
                // From a millionth of the smaller balance to 40% of it: small trades and big
                // off-peg ones, without draining a coin.
                let depth = min(pool.balance(i), pool.balance(j))
                let dx = Self.amount(depth * _exp(rng.uniform(-14, -0.9)), decimals: setup.decimals[i])
                let dy = try pool.exchange(i: i, j: j, dx: dx.tokens)
                let modelResult = model.exchange(i: i, j: j, dx: dx.integer)
                let modelDy = try #require(modelResult, "step \(step)")
                Self.compare(dy, modelDy, decimals: setup.decimals[j], units: units, balance: pool.balance(j), "step \(step) exchange dy", tally: &tally)
                counts[0] += 1
            } else if u < 0.8 {
                let who = lps[Int(rng.next() % 3)]
                // Half of the deposits are of the scarcest coin alone (an imbalanced deposit that
                // pays the imbalance fee and keeps the random walk near the peg), half of all.
                let balances = pool.balances
                let scarcest = balances.indices.min { balances[$0] < balances[$1] }!
                let one = rng.uniform() < 0.5 ? scarcest : nil
                let amounts = (0..<n).map { k -> Amount? in
                    guard one == nil || one == k else { return nil }
                    return Self.amount(pool.balance(k) * rng.uniform(0.001, 0.1), decimals: setup.decimals[k])
                }
                let got = try pool.addLiquidity(who: pool.openAccount(who), amounts: amounts.map { $0?.tokens ?? 0 })
                let modelResult = model.addLiquidity(amounts.map { $0?.integer ?? .zero }, who: who)
                let want = try #require(modelResult, "step \(step)")
                expectClose(got, want.double / 1e18, relative: 1e-9, "step \(step) minted")
                counts[1] += 1
            } else {
                let holders = lps.filter { (model.lpBalance[$0] ?? .zero) > WideUInt256(1_000_000) }
                guard let who = holders.randomElement(using: &rng) else { continue }
                let held = model.lpBalance[who]!
                // At most a tenth of what the holder has: deposits (10% of operations, 0.1% to
                // 30% of the pool) keep the pool's size, and a rounding of the Double balance
                // cannot make the pool refuse the burn.
                let burn = held * WideUInt256(Int(1 + rng.next() % 100)) / WideUInt256(1000)
                let account = try #require(pool.shares.account(named: who))
                if u < 0.9 {
                    // One-coin withdrawals take the most plentiful coin, for the same reason.
                    let balances = pool.balances
                    let i = balances.indices.max { balances[$0] < balances[$1] }!
                    let dy = try pool.removeLiquidityOneCoin(who: account, lpAmount: burn.double / 1e18, i: i)
                    let modelResult = model.removeLiquidityOneCoin(burn, i: i, who: who)
                    let want = try #require(modelResult, "step \(step)")
                    Self.compare(dy, want, decimals: setup.decimals[i], units: units, balance: pool.balance(i), "step \(step) one-coin dy", tally: &tally)
                    counts[2] += 1
                } else {
                    let out = try pool.removeLiquidity(who: account, lpAmount: burn.double / 1e18)
                    let modelResult = model.removeLiquidity(burn, who: who)
                    let want = try #require(modelResult, "step \(step)")
                    for k in 0..<n {
                        Self.compare(out[k], want[k], decimals: setup.decimals[k], units: units, balance: pool.balance(k), "step \(step) amounts[\(k)]", tally: &tally)
                    }
                    counts[3] += 1
                }
            }
            let balances = model.balances
            for k in 0..<n {
                Self.compare(pool.balance(k), balances[k], decimals: setup.decimals[k], units: units, balance: pool.balance(k),
                             "step \(step) balances[\(k)]", tally: &tally)
                Self.compare(pool.adminBalances[k], model.admin[k], decimals: setup.decimals[k], units: units, balance: pool.balance(k),
                             "step \(step) admin_balances[\(k)]", tally: &tally)
            }
            expectClose(pool.totalSupply, model.totalSupply.double / 1e18, relative: 1e-10, "step \(step) total supply")
        }
        #expect(counts.allSatisfy { $0 > 100 }, "every kind of operation ran: \(counts)")
        print("stableswap units \(setup.decimals): \(counts) ops, \(tally.comparisons) comparisons, worst \(tally.worstUnits) units, \(tally.worstRelative) relative")
    }

    /// The symptom in miniature: a 6-decimal pool after 60 swaps. The contract's
    /// admin balance is a whole number of units; unrounded, the pool's was several units off.
    @Test func adminFeesAreWholeUnitsOfTheCoin() throws {
        var pool = try StableSwapPool(A: 200, fee: 0.0004, decimals: [6, 6])
        var model = StableSwapNGModel(A: 200, fee: 4_000_000, offpegMultiplier: 10_000_000_000, decimals: [6, 6])
        _ = try pool.addLiquidity(who: pool.openAccount("lp"), amounts: [400, 400])
        _ = model.addLiquidity([WideUInt256(400_000_000), WideUInt256(400_000_000)], who: "lp")
        for k in 0..<60 {
            let i = k % 2
            let dx = 7.123457 + Double(k)
            _ = try pool.exchange(i: i, j: 1 - i, dx: dx)
            _ = model.exchange(i: i, j: 1 - i, dx: WideUInt256(UInt128((dx * 1e6).rounded())))
        }
        for k in 0..<2 {
            let admin = pool.adminBalances[k] * 1e6
            #expect(admin == admin.rounded(), "admin balance \(pool.adminBalances[k]) is not whole units")
            #expect(abs(admin - model.admin[k].double) <= 1, "admin \(admin) units vs the contract's \(model.admin[k])")
        }
    }
}
}
