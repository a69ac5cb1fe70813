/// A Curve StableSwap plain pool of 2...8 coins with stableswap-ng semantics
/// (`curvefi/stableswap-ng:contracts/main/CurveStableSwapNG.vy`, views from
/// `CurveStableSwapNGViews.vy`).
///
/// Every coin is worth 1 (no rate oracles), so the normalised balances `xp` are the LP
/// balances in token units; the invariant and its solvers are in ``StableSwapMath``:
///
///     A_wp·nⁿ·Σx_i + D = A_wp·nⁿ·D + D^(n+1) / (nⁿ·Π x_i),    A (contract) = A_wp·n^(n−1)
///
/// **Fees.** A base fee `f` (fraction), scaled by the off-peg multiplier `m` into the dynamic
/// fee ``StableSwapMath/dynamicFee(xpi:xpj:fee:offpegFeeMultiplier:)`` (constant when
/// `m <= 1`). The admin share `a` of every fee (stableswap-ng: 50%) leaves the LPs'
/// balances and accrues in ``adminBalances`` until it is claimed; the rest stays with the LPs
/// and raises the virtual price.
///
/// **Exchange** `dx` of coin `i` for coin `j`: `x = xp_i + dx`, `y = get_y(i, j, x, xp, D)`,
/// `dy₀ = xp_j − y`, `fee = dy₀·fee_dyn((xp_i + x)/2, (xp_j + y)/2)`, the trader gets
/// `dy₀ − fee`; balances become `xp_i + dx` and `xp_j − (dy₀ − fee) − a·fee`.
///
/// **Deposits** mint `D` on the first deposit (every coin required). Later deposits charge
/// each coin `fee_dyn(old_k + new_k, (D0 + D1)/n; f·n/(4(n−1)))·|D1·old_k/D0 − new_k|` on its
/// deviation from a proportional deposit, and mint `S·(D2 − D0)/D0` where `D2` is D of the
/// new balances less those fees.
///
/// **Withdrawals**: balanced (`ℓ·balance_k/S` of each coin, no fee; it also claims the
/// admin fees by default, as the contract does) and one-coin (``calcWithdrawOneCoin(lpAmount:i:)``,
/// with the imbalance fee).
///
/// Invariants: D, and hence the virtual price `D/S`, does not decrease through exchanges,
/// deposits and withdrawals (fees only add; A is constant here); balances stay `>= 0`.
///
/// Differences from the contract, which computes in integers with floor division:
/// - The contract normalises balances to 18-decimal integers (`xp = balance·rate // 1e18`,
///   `rate = 10^(36 − decimals)`) and floors every quotient; here balances are Double token
///   units and the invariant's quotients are exact. The contract's wei-level safety margins
///   (`dy = xp_j − y − 1`, `(dy − 1)` in one-coin withdrawals) are not applied.
/// - **Coins of fewer than 18 decimals** (``roundsToUnits``): the contract holds balances
///   and admin fees as integers in each coin's own units and rounds down to them wherever
///   an 18-decimal amount becomes a coin amount, and so does this pool: the input taken,
///   `dy` and the admin share of an exchange; the ideal balance, the imbalance fee and its
///   admin share of a deposit; the amounts of a balanced withdrawal; `dy`, the fee-free
///   `dy_0` and the admin share of a one-coin withdrawal. Balances and admin fees stay whole
///   numbers of units (up to Double's resolution: exactly below about 2^50 units). An
///   input finer than a coin's unit is rounded down to it, as the token could not move
///   less. Without this, a 6-decimal pool drifted from the contract by a fraction of a unit
///   per operation (the admin fees alone by about half a unit per swap). A unit that lands
///   within Double's error of a rounding boundary can still come out one unit apart.
///   Pools of 18-decimal coins are not rounded (a wei is below what their Double balances
///   resolve), so their arithmetic is exactly that of the fast path.
/// - Fee rates, however, are computed as the contract computes them, as integers in units
///   of 1e-10 with its floor divisions (`fee·n // (4(n−1))`, both divisions of
///   `_dynamic_fee`): left unquantised they would differ by up to 2e-7 relative.
/// - Double resolves about 1e-16 of a balance: an output `dy` that is a small fraction of
///   the pool carries an absolute error of about `1e-16·balance` (from `dy = xp_j − y`).
/// - Newton's stop rule is relative (see ``StableSwapMath``).
/// - A is constant (no `ramp_A`); no price or D oracles; no `remove_liquidity_imbalance`.
public struct StableSwapPool: Sendable {
    /// stableswap-ng's admin fee share (`admin_fee = 5e9 / 1e10`).
    public static let defaultAdminFee = 0.5
    /// stableswap-ng `MAX_FEE` as a fraction (50%).
    public static let maxFee = 0.5
    /// stableswap-ng `MAX_A`.
    public static let maxA = 1_000_000.0

    /// Number of coins, 2...8.
    public let coinCount: Int
    /// The contract's A (`A_wp·n^(n−1)`, what the contract's `A()` returns).
    public let A: Double
    /// Base swap fee as a fraction (contract `fee / 1e10`).
    public let fee: Double
    /// Off-peg fee multiplier (contract `offpeg_fee_multiplier / 1e10`); `<= 1` means a constant fee.
    public let offpegFeeMultiplier: Double
    /// Share of each fee that goes to the admin (contract `admin_fee / 1e10`).
    public let adminFee: Double
    /// The pool's LP token: balances per account and total supply.
    public private(set) var shares = LPShares()

    let amp: Double
    /// `fee` and `offpegFeeMultiplier` in the contract's integer units of 1e-10.
    let feeUnits: Double
    let multiplierUnits: Double
    /// The imbalance fee base `fee·n / (4(n − 1))`, floored to 1e-10 as the contract does.
    let imbalanceFeeUnits: Double
    @usableFromInline var xp = CoinVector(repeating: 0)
    var admin = CoinVector(repeating: 0)
    var claimed = CoinVector(repeating: 0)
    let coinDecimals: InlineArray<8, Int>
    /// `10^decimals` of each coin: its smallest units per token.
    let unitsPerToken: CoinVector
    /// Some coin has fewer than 18 decimals: amounts in, out, admin fees and balances are
    /// kept in whole units of each coin, rounded where the contract rounds them (see the
    /// type's discussion). All-18-decimal pools skip this, as a unit is then far below what a
    /// Double balance resolves.
    public let roundsToUnits: Bool

    /// Creates an empty pool.
    ///
    /// - Parameters:
    ///   - A: the contract's A, in `(0, MAX_A)` (the contract's is an integer; any positive
    ///     value is accepted here).
    ///   - fee: base fee fraction in `[0, MAX_FEE]` (factory pools use 0.0004...0.01); the
    ///     contract stores it in units of 1e-10, and it is rounded to those units for fee
    ///     arithmetic.
    ///   - offpegFeeMultiplier: `m >= 0`, with `m·fee <= MAX_FEE` (the contract's `set_new_fee`
    ///     rule); rounded to 1e-10 like `fee`.
    ///   - adminFee: admin share in `[0, 1]`; stableswap-ng fixes 0.5.
    ///   - decimals: decimals of each coin, `0...18`; their count is the number of coins, 2...8.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a value outside those ranges.
    public init(
        A: Double, fee: Double, offpegFeeMultiplier: Double = 1, adminFee: Double = StableSwapPool.defaultAdminFee,
        decimals: [Int]
    ) throws(PoolError) {
        guard (2...8).contains(decimals.count) else {
            throw .invalidParameter("a StableSwap pool has 2...8 coins, got \(decimals.count)")
        }
        guard decimals.allSatisfy({ (0...18).contains($0) }) else {
            throw .invalidParameter("coin decimals must be in 0...18, got \(decimals)")
        }
        guard A > 0 && A < Self.maxA else { throw .invalidParameter("A must be in (0, \(Self.maxA)), got \(A)") }
        guard fee >= 0 && fee <= Self.maxFee else {
            throw .invalidParameter("fee must be in [0, \(Self.maxFee)], got \(fee)")
        }
        guard offpegFeeMultiplier >= 0 && offpegFeeMultiplier * fee <= Self.maxFee else {
            throw .invalidParameter("offpeg fee multiplier must be >= 0 with multiplier·fee <= \(Self.maxFee), got \(offpegFeeMultiplier)")
        }
        guard adminFee >= 0 && adminFee <= 1 else {
            throw .invalidParameter("admin fee must be in [0, 1], got \(adminFee)")
        }
        coinCount = decimals.count
        self.A = A
        amp = A * StableSwapMath.aPrecision
        self.fee = fee
        self.offpegFeeMultiplier = offpegFeeMultiplier
        self.adminFee = adminFee
        feeUnits = (fee * StableSwapMath.feeDenominator).rounded()
        multiplierUnits = (offpegFeeMultiplier * StableSwapMath.feeDenominator).rounded()
        let n = Double(decimals.count)
        imbalanceFeeUnits = (feeUnits * n / (4 * (n - 1))).rounded(.down)
        var d = InlineArray<8, Int>(repeating: 18)
        var units = CoinVector(repeating: 1e18)
        for k in decimals.indices {
            d[k] = decimals[k]
            units[k] = powersOfTen[decimals[k]]
        }
        coinDecimals = d
        unitsPerToken = units
        roundsToUnits = decimals.contains { $0 < 18 }
    }

    /// Creates an empty pool of `coinCount` 18-decimal coins.
    public init(
        coinCount: Int, A: Double, fee: Double, offpegFeeMultiplier: Double = 1,
        adminFee: Double = StableSwapPool.defaultAdminFee
    ) throws(PoolError) {
        guard (2...8).contains(coinCount) else {
            throw .invalidParameter("a StableSwap pool has 2...8 coins, got \(coinCount)")
        }
        try self.init(
            A: A, fee: fee, offpegFeeMultiplier: offpegFeeMultiplier, adminFee: adminFee,
            decimals: Array(repeating: 18, count: coinCount))
    }

    // MARK: State

    /// Opens the LP account `name` (or returns it if already open).
    public mutating func openAccount(_ name: String) -> LPAccount { shares.open(name) }

    /// LP token supply.
    public var totalSupply: Double { shares.totalSupply }

    /// The LPs' balance of coin `i`, admin fees excluded (contract `balances(i)`).
    ///
    /// - Precondition: `0 <= i < coinCount` (not checked beyond the fixed 8-coin storage).
    @inlinable
    public func balance(_ i: Int) -> Double { xp[i] }

    /// The LPs' balances, admin fees excluded (contract `get_balances()`).
    public var balances: [Double] { (0..<coinCount).map { xp[$0] } }

    /// Admin fees accrued and not yet claimed, per coin (contract `admin_balances`).
    public var adminBalances: [Double] { (0..<coinCount).map { admin[$0] } }

    /// Admin fees claimed so far (sent to the fee receiver), per coin.
    public var adminFeesClaimed: [Double] { (0..<coinCount).map { claimed[$0] } }

    /// Coins held by the pool: LP balances plus unclaimed admin fees.
    public var poolHoldings: [Double] { (0..<coinCount).map { xp[$0] + admin[$0] } }

    /// Decimals of each coin.
    public var decimals: [Int] { (0..<coinCount).map { coinDecimals[$0] } }

    /// The contract's rate multipliers `10^(36 − decimals)` (as Doubles).
    public var rates: [Double] { (0..<coinCount).map { powersOfTen[36 - coinDecimals[$0]] } }

    // MARK: Views

    /// The invariant D of the current balances (contract `get_D(xp, amp)`; 0 when empty).
    ///
    /// - Throws: ``PoolError/coinBalanceZero(_:)``, ``PoolError/didNotConverge``.
    public func invariant() throws(PoolError) -> Double {
        try StableSwapMath.getD(xp, n: coinCount, amp: amp)
    }

    /// `D / S`, the value of one LP token in coins (contract `get_virtual_price() / 1e18`).
    ///
    /// - Throws: ``PoolError/emptyPool`` when no LP tokens exist, and the errors of ``invariant()``.
    public func virtualPrice() throws(PoolError) -> Double {
        let supply = shares.totalSupply
        guard supply > 0 else { throw .emptyPool }
        return try invariant() / supply
    }

    /// The current dynamic fee for swapping coin `i` for coin `j` (contract `dynamic_fee(i, j)`).
    ///
    /// - Throws: ``PoolError/coinIndexOutOfRange(index:coinCount:)``, ``PoolError/sameCoin(_:)``.
    public func dynamicFee(i: Int, j: Int) throws(PoolError) -> Double {
        try StableSwapMath.checkPair(i: i, j: j, n: coinCount)
        return dynamicFeeUnits(xp[i], xp[j], base: feeUnits) / StableSwapMath.feeDenominator
    }

    /// Output of exchanging `dx` of coin `i` for coin `j`, after fee (contract `get_dy`).
    ///
    /// `dy = (xp_j − y)·(1 − fee_dyn((xp_i + x)/2, (xp_j + y)/2))` with `x = xp_i + dx`,
    /// `y = get_y(i, j, x, xp, D)`.
    /// - Throws: ``PoolError/coinIndexOutOfRange(index:coinCount:)``, ``PoolError/sameCoin(_:)``,
    ///   ``PoolError/invalidAmount(_:)``, ``PoolError/zeroAmount`` for `dx == 0`,
    ///   ``PoolError/emptyPool``, ``PoolError/didNotConverge``.
    /// - Complexity: two Newton solves over `n` coins, no allocation.
    public func getDy(i: Int, j: Int, dx: Double) throws(PoolError) -> Double {
        try quote(i: i, j: j, dx: dx).dy
    }

    struct Quote {
        var dy: Double
        var adminPart: Double
        /// The input taken: `dx`, or `dx` in whole units of coin `i` when rounding to units.
        var dx: Double
    }

    /// `x` rounded down to whole units of coin `k`, as the contract's `// rates[k]` rounds an
    /// 18-decimal amount to the coin's own. The margin of a few ulps keeps a value that is a
    /// whole number of units, computed a hair below it, from losing a unit.
    @inline(__always)
    func unitsBelow(_ x: Double, _ k: Int) -> Double {
        let v = x * unitsPerToken[k]
        return max((v + 4 * v.ulp).rounded(.down), 0) / unitsPerToken[k]
    }

    /// `x`, a whole number of units of coin `k` but for Double rounding, put back on that
    /// grid, so balances built by many additions and subtractions do not wander off it.
    @inline(__always)
    func onUnits(_ x: Double, _ k: Int) -> Double {
        (x * unitsPerToken[k]).rounded() / unitsPerToken[k]
    }

    @inline(__always)
    func quote(i: Int, j: Int, dx: Double) throws(PoolError) -> Quote {
        try StableSwapMath.checkPair(i: i, j: j, n: coinCount)
        guard dx >= 0 && dx.isFinite else { throw .invalidAmount(dx) }
        let dx = roundsToUnits ? unitsBelow(dx, i) : dx
        guard dx > 0 else { throw .zeroAmount }
        let d = try StableSwapMath.getD(xp, n: coinCount, amp: amp)
        guard d > 0 else { throw .emptyPool }
        let x = xp[i] + dx
        let y = try StableSwapMath.getY(i: i, j: j, x: x, xp: xp, n: coinCount, amp: amp, D: d)
        let dy0 = max(xp[j] - y, 0)
        let feeAmount = dy0 * dynamicFeeUnits((xp[i] + x) / 2, (xp[j] + y) / 2, base: feeUnits) / StableSwapMath.feeDenominator
        if roundsToUnits {
            // `dy = (dy − dy_fee) // rate_j`; the admin share `(dy_fee·admin_fee) // rate_j`.
            return Quote(dy: unitsBelow(dy0 - feeAmount, j), adminPart: unitsBelow(feeAmount * adminFee, j), dx: dx)
        }
        return Quote(dy: dy0 - feeAmount, adminPart: feeAmount * adminFee, dx: dx)
    }

    /// Coin `i` paid for burning `lpAmount` LP tokens into that coin alone, after the
    /// imbalance fee (contract `calc_withdraw_one_coin`).
    ///
    /// `D1 = D0 − ℓ·D0/S`; `new_y = get_y_D(i, xp, D1)`; each coin `k` is reduced by
    /// `fee_dyn(xavg_k, (D0 + D1)/(2n); f·n/(4(n−1)))·expected_k`, where `expected_i =
    /// xp_i·D1/D0 − new_y`, `expected_k = xp_k − xp_k·D1/D0` (`xavg_i = (xp_i + new_y)/2`,
    /// `xavg_k = xp_k`); `dy = reduced_i − get_y_D(i, reduced, D1)`.
    /// - Throws: ``PoolError/coinIndexOutOfRange(index:coinCount:)``, ``PoolError/invalidAmount(_:)``,
    ///   ``PoolError/zeroAmount``, ``PoolError/emptyPool``, ``PoolError/insufficientLPBalance(have:need:)``
    ///   when `lpAmount` exceeds the supply, ``PoolError/didNotConverge``.
    public func calcWithdrawOneCoin(lpAmount: Double, i: Int) throws(PoolError) -> Double {
        try withdrawOneCoinQuote(lpAmount: lpAmount, i: i).dy
    }

    struct WithdrawOneQuote {
        var dy: Double
        var fee: Double
    }

    func withdrawOneCoinQuote(lpAmount: Double, i: Int) throws(PoolError) -> WithdrawOneQuote {
        guard i >= 0 && i < coinCount else { throw .coinIndexOutOfRange(index: i, coinCount: coinCount) }
        guard lpAmount >= 0 && lpAmount.isFinite else { throw .invalidAmount(lpAmount) }
        guard lpAmount > 0 else { throw .zeroAmount }
        let supply = shares.totalSupply
        guard supply > 0 else { throw .emptyPool }
        guard lpAmount <= supply * (1 + LPShares.nearlyAll) else {
            throw .insufficientLPBalance(have: supply, need: lpAmount)
        }
        let n = coinCount
        let d0 = try StableSwapMath.getD(xp, n: n, amp: amp)
        guard d0 > 0 else { throw .emptyPool }
        // A holder's balance may exceed the running supply by rounding; burn at most all of it.
        let d1 = max(d0 - min(lpAmount, supply) * d0 / supply, 0)
        let newY = try StableSwapMath.getYD(i: i, xp: xp, n: n, amp: amp, D: d1)
        let ys = (d0 + d1) / (2 * Double(n))
        var reduced = xp
        for k in 0..<n {
            let xk = xp[k]
            let expected: Double
            let xavg: Double
            if k == i {
                expected = xk * d1 / d0 - newY
                xavg = (xk + newY) / 2
            } else {
                expected = xk - xk * d1 / d0
                xavg = xk
            }
            let f = dynamicFeeUnits(xavg, ys, base: imbalanceFeeUnits) / StableSwapMath.feeDenominator
            reduced[k] = xk - f * expected
        }
        let dy = reduced[i] - (try StableSwapMath.getYD(i: i, xp: reduced, n: n, amp: amp, D: d1))
        let dy0 = xp[i] - newY
        if roundsToUnits {
            // `dy // rate_i` and the fee-free `dy_0 // rate_i`; the fee is their difference,
            // taken in whole units (as token amounts the difference of two nearly equal
            // Doubles can fall a hair short of a whole unit and lose it to the admin's floor).
            let scale = unitsPerToken[i]
            let paid = unitsBelow(max(dy, 0), i) * scale
            let feeFree = unitsBelow(max(dy0, 0), i) * scale
            return WithdrawOneQuote(dy: paid.rounded() / scale, fee: max(feeFree.rounded() - paid.rounded(), 0) / scale)
        }
        return WithdrawOneQuote(dy: max(dy, 0), fee: max(dy0 - dy, 0))
    }

    @inline(__always)
    func dynamicFeeUnits(_ xpi: Double, _ xpj: Double, base: Double) -> Double {
        StableSwapMath.dynamicFeeUnits(xpi: xpi, xpj: xpj, feeUnits: base, multiplierUnits: multiplierUnits)
    }

    // MARK: Operations

    /// Exchanges `dx` of coin `i` for coin `j` (contract `exchange`).
    ///
    /// Pays ``getDy(i:j:dx:)``; the admin share of the fee moves from the LPs' balance of
    /// coin `j` to ``adminBalances``.
    /// - Returns: `dy`, the amount of coin `j` paid out.
    /// - Throws: the errors of ``getDy(i:j:dx:)``, then
    ///   ``PoolError/exchangeBelowMinimum(dy:minimum:)``.
    /// - Complexity: two Newton solves over `n` coins, no allocation.
    public mutating func exchange(i: Int, j: Int, dx: Double, minDy: Double = 0) throws(PoolError) -> Double {
        let q = try quote(i: i, j: j, dx: dx)
        guard minDy >= 0 && minDy.isFinite else { throw .invalidAmount(minDy) }
        guard q.dy >= minDy else { throw .exchangeBelowMinimum(dy: q.dy, minimum: minDy) }
        xp[i] += q.dx
        xp[j] -= q.dy + q.adminPart
        admin[j] += q.adminPart
        if roundsToUnits {
            xp[i] = onUnits(xp[i], i)
            xp[j] = onUnits(xp[j], j)
            admin[j] = onUnits(admin[j], j)
        }
        return q.dy
    }

    /// Deposits `amounts` and mints LP tokens to `who` (contract `add_liquidity`).
    ///
    /// First deposit: mints D of the deposit (every coin must be positive). Later: charges
    /// the imbalance fee per coin (admin share to ``adminBalances``) and mints `S·(D2 − D0)/D0`.
    /// - Returns: the LP tokens minted.
    /// - Throws: ``PoolError/unknownAccount(_:)``, ``PoolError/wrongAmountCount(given:coinCount:)``,
    ///   ``PoolError/invalidAmount(_:)``, ``PoolError/initialDepositRequiresAllCoins``,
    ///   ``PoolError/invariantDidNotIncrease`` (an all-zero deposit), ``PoolError/mintBelowMinimum(minted:minimum:)``,
    ///   ``PoolError/coinBalanceZero(_:)``, ``PoolError/didNotConverge``.
    public mutating func addLiquidity(who: LPAccount, amounts: [Double], minMint: Double = 0) throws(PoolError) -> Double {
        try shares.validate(who)
        let n = coinCount
        guard amounts.count == n else { throw .wrongAmountCount(given: amounts.count, coinCount: n) }
        for a in amounts where !(a >= 0 && a.isFinite) { throw .invalidAmount(a) }
        guard minMint >= 0 && minMint.isFinite else { throw .invalidAmount(minMint) }
        let supply = shares.totalSupply
        let d0 = try StableSwapMath.getD(xp, n: n, amp: amp)
        var newBalances = xp
        for k in 0..<n {
            let amount = roundsToUnits ? unitsBelow(amounts[k], k) : amounts[k]
            if amount > 0 {
                newBalances[k] = roundsToUnits ? onUnits(newBalances[k] + amount, k) : newBalances[k] + amount
            } else if supply == 0 {
                throw .initialDepositRequiresAllCoins
            }
        }
        let d1 = try StableSwapMath.getD(newBalances, n: n, amp: amp)
        guard d1 > d0 else { throw .invariantDidNotIncrease }

        var adminParts = CoinVector(repeating: 0)
        let minted: Double
        if supply > 0 {
            guard d0 > 0 else { throw .emptyPool }
            let ys = (d0 + d1) / Double(n)
            var afterFees = newBalances
            for k in 0..<n {
                let xs = xp[k] + newBalances[k]
                if roundsToUnits {
                    let rate = dynamicFeeUnits(xs, ys, base: imbalanceFeeUnits) / StableSwapMath.feeDenominator
                    // The ideal balance, the fee and its admin share, each `//` in coin units.
                    let difference = abs(unitsBelow(d1 * xp[k] / d0, k) - newBalances[k])
                    let feeK = unitsBelow(rate * difference, k)
                    adminParts[k] = unitsBelow(feeK * adminFee, k)
                    afterFees[k] -= feeK
                } else {
                    let ideal = d1 * xp[k] / d0
                    let difference = abs(ideal - newBalances[k])
                    let feeK = dynamicFeeUnits(xs, ys, base: imbalanceFeeUnits) * difference / StableSwapMath.feeDenominator
                    adminParts[k] = feeK * adminFee
                    afterFees[k] -= feeK
                }
            }
            let d2 = try StableSwapMath.getD(afterFees, n: n, amp: amp)
            minted = supply * (d2 - d0) / d0
        } else {
            minted = d1
        }
        guard minted >= minMint else { throw .mintBelowMinimum(minted: minted, minimum: minMint) }

        for k in 0..<n {
            xp[k] = newBalances[k] - adminParts[k]
            admin[k] += adminParts[k]
            if roundsToUnits {
                xp[k] = onUnits(xp[k], k)
                admin[k] = onUnits(admin[k], k)
            }
        }
        shares.mint(minted, to: who)
        return minted
    }

    /// Burns `lpAmount` of `who`'s LP tokens for `lpAmount·balance_k/S` of every coin, with
    /// no fee (contract `remove_liquidity`).
    ///
    /// - Parameters:
    ///   - minAmounts: least amount accepted per coin (`nil`: no minimum).
    ///   - claimAdminFees: also claim the admin fees, as the contract does by default
    ///     (`_claim_admin_fees = True`, fee receiver set).
    /// - Returns: the amounts paid out per coin.
    /// - Throws: ``PoolError/unknownAccount(_:)``, ``PoolError/invalidAmount(_:)``, ``PoolError/zeroAmount``,
    ///   ``PoolError/insufficientLPBalance(have:need:)``, ``PoolError/wrongAmountCount(given:coinCount:)``,
    ///   ``PoolError/withdrawalBelowMinimum(coin:amount:minimum:)``.
    public mutating func removeLiquidity(
        who: LPAccount, lpAmount: Double, minAmounts: [Double]? = nil, claimAdminFees: Bool = true
    ) throws(PoolError) -> [Double] {
        try shares.validate(who)
        guard lpAmount >= 0 && lpAmount.isFinite else { throw .invalidAmount(lpAmount) }
        guard lpAmount > 0 else { throw .zeroAmount }
        let held = shares.balance(of: who)
        guard lpAmount <= held else { throw .insufficientLPBalance(have: held, need: lpAmount) }
        let n = coinCount
        if let minAmounts {
            guard minAmounts.count == n else { throw .wrongAmountCount(given: minAmounts.count, coinCount: n) }
            for m in minAmounts where !(m >= 0 && m.isFinite) { throw .invalidAmount(m) }
        }
        let supply = shares.totalSupply
        // Burning (nearly) all LP tokens: the remaining holders keep exactly their share,
        // which `balance·ℓ/S` cannot resolve (an empty remainder empties the pool).
        let nearlyAll = lpAmount >= supply * (1 - LPShares.nearlyAll)
        let keep = nearlyAll ? shares.supply(afterBurning: lpAmount, from: who) / supply : 0
        var out = [Double](repeating: 0, count: n)
        for k in 0..<n {
            if roundsToUnits {
                // `balance·ℓ // S` in coin units; all of it when the whole supply is burned.
                out[k] = lpAmount >= supply ? xp[k] : unitsBelow(xp[k] * lpAmount / supply, k)
            } else {
                out[k] = nearlyAll ? xp[k] - xp[k] * keep : xp[k] * lpAmount / supply
            }
            if let minAmounts, out[k] < minAmounts[k] {
                throw .withdrawalBelowMinimum(coin: k, amount: out[k], minimum: minAmounts[k])
            }
        }
        for k in 0..<n {
            if roundsToUnits {
                xp[k] = onUnits(xp[k] - out[k], k)
            } else {
                xp[k] = nearlyAll ? xp[k] * keep : xp[k] - out[k]
            }
        }
        shares.burn(lpAmount, from: who)
        if claimAdminFees { _ = withdrawAdminFees() }
        return out
    }

    /// Burns `lpAmount` of `who`'s LP tokens for coin `i` alone (contract
    /// `remove_liquidity_one_coin`), paying ``calcWithdrawOneCoin(lpAmount:i:)``.
    ///
    /// The fee is `dy₀ − dy` with `dy₀ = xp_i − get_y_D(i, xp, D1)` the fee-free amount; its
    /// admin share moves to ``adminBalances``.
    /// - Returns: the amount of coin `i` paid out.
    /// - Throws: ``PoolError/unknownAccount(_:)``, ``PoolError/insufficientLPBalance(have:need:)``,
    ///   the errors of ``calcWithdrawOneCoin(lpAmount:i:)``, ``PoolError/withdrawOneCoinBelowMinimum(dy:minimum:)``.
    public mutating func removeLiquidityOneCoin(
        who: LPAccount, lpAmount: Double, i: Int, minAmount: Double = 0
    ) throws(PoolError) -> Double {
        try shares.validate(who)
        guard lpAmount >= 0 && lpAmount.isFinite else { throw .invalidAmount(lpAmount) }
        guard minAmount >= 0 && minAmount.isFinite else { throw .invalidAmount(minAmount) }
        let held = shares.balance(of: who)
        guard lpAmount <= held else { throw .insufficientLPBalance(have: held, need: lpAmount) }
        let q = try withdrawOneCoinQuote(lpAmount: lpAmount, i: i)
        guard q.dy >= minAmount else { throw .withdrawOneCoinBelowMinimum(dy: q.dy, minimum: minAmount) }
        let adminPart = roundsToUnits ? unitsBelow(q.fee * adminFee, i) : q.fee * adminFee
        xp[i] = max(xp[i] - q.dy - adminPart, 0)
        admin[i] += adminPart
        if roundsToUnits {
            xp[i] = onUnits(xp[i], i)
            admin[i] = onUnits(admin[i], i)
        }
        shares.burn(lpAmount, from: who)
        return q.dy
    }

    /// Sends the accrued admin fees to the fee receiver (contract `withdraw_admin_fees`).
    ///
    /// - Returns: the amounts claimed per coin (now counted in ``adminFeesClaimed``).
    @discardableResult
    public mutating func withdrawAdminFees() -> [Double] {
        var out = [Double](repeating: 0, count: coinCount)
        for k in 0..<coinCount {
            out[k] = admin[k]
            claimed[k] += admin[k]
            admin[k] = 0
        }
        return out
    }
}
