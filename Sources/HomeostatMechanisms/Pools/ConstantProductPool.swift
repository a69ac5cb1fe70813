/// A Uniswap v2 pair: two coins, the constant product `x·y = k`, a fee on the input, LP
/// shares and the optional protocol fee.
///
/// **Swap** (exact input `dx` of coin `i` into reserves `x` of coin `i` and `y` of the other
/// coin, fee fraction `f`):
///
///     dy = dx·(1 − f)·y / (x + dx·(1 − f))
///
/// (v2: `out = in·997·y // (x·1000 + in·997)`). All of `dx` enters the reserves, so
/// `k = x·y` rises by the fee on every swap and never falls.
///
/// **Liquidity** (pair semantics: the whole of both amounts enters the reserves). The first
/// deposit mints `sqrt(a0·a1) − MINIMUM_LIQUIDITY` to the depositor and locks
/// `MINIMUM_LIQUIDITY` forever in the account ``LPShares/zeroAddress``; a later deposit mints
/// `min(a0·S/x, a1·S/y)` for supply `S`, so a deposit off the pool's ratio donates its excess
/// to the LPs (``proportionalAmounts(for:)`` gives the router's optimal amounts). A burn of
/// `ℓ` LP tokens pays `ℓ·x/S` and `ℓ·y/S`.
///
/// **Protocol fee** (v2 `_mintFee`, on while ``feeTo`` is set): before each mint or burn,
///
///     minted to feeTo = S·(√k − √kLast) / ((1/φ − 1)·√k + √kLast)
///
/// which is the share `φ` of the growth of `√k` since the last liquidity event (v2:
/// `φ = 1/6`, denominator `5·√k + √kLast`); `kLast = x·y` is stored after each mint or burn
/// while the fee is on and reset to 0 at the first mint or burn after it is turned off.
///
/// Invariants: `k` never decreases through a swap; `√k / S` never decreases except by the
/// protocol-fee mint; reserves stay `> 0` once funded.
///
/// Differences from the contract, which computes in integer wei:
/// - Amounts are Double token units and nothing is floored: `dy`, mints and burns are the
///   exact quotients (the contract's are lower by under one wei) and `sqrt` is exact (the
///   contract's Babylonian `sqrt` floors).
/// - Decisions the contract takes on integers ("output is zero", "minted zero", "burned
///   zero") compare the Double amount with one smallest unit: `10^−decimals` of a coin,
///   `1e-18` of an LP token. The default `MINIMUM_LIQUIDITY` is 1000 LP wei = `1e-15`.
/// - The fee `f` and the protocol share `φ` are parameters (the contract fixes 0.3% and 1/6).
/// - The pair's K check is satisfied by construction and not re-evaluated; reserves are
///   not capped at 2^112 wei; `skim`, `sync`, flash swaps and the TWAP accumulators are not
///   modelled.
public struct ConstantProductPool: Sendable {
    /// Uniswap v2's `MINIMUM_LIQUIDITY`, 1000 wei of an 18-decimal LP token.
    public static let defaultMinimumLiquidity = 1e-15

    /// Swap fee as a fraction of the input (v2: 0.003).
    public let fee: Double
    /// Share of the growth of `√k` minted to ``feeTo`` (v2: 1/6).
    public let protocolFeeShare: Double
    /// LP tokens locked forever at the first deposit.
    public let minimumLiquidity: Double
    /// Decimals of coin 0 and coin 1 (they set the size of one smallest unit).
    public let decimals: [Int]
    /// Reserve of coin 0.
    public private(set) var reserve0: Double = 0
    /// Reserve of coin 1.
    public private(set) var reserve1: Double = 0
    /// `x·y` after the last mint or burn while the protocol fee was on (0 otherwise).
    public private(set) var kLast: Double = 0
    /// Receiver of the protocol fee; `nil` means the fee is off (v2 `feeTo == address(0)`).
    public private(set) var feeTo: LPAccount?
    /// The pool's LP token: balances per account and total supply.
    public private(set) var shares = LPShares()

    let gamma: Double
    let unit0: Double
    let unit1: Double
    let protocolFeeFactor: Double
    /// One wei of the 18-decimal LP token.
    static let lpUnit = 1e-18

    /// Creates an empty pair.
    ///
    /// - Parameters:
    ///   - fee: swap fee fraction in `[0, 1)`; v2 charges 0.003.
    ///   - decimals: decimals of the two coins, each in `0...36`.
    ///   - protocolFeeShare: `φ ∈ (0, 1]`, the share of `√k` growth minted to ``feeTo``.
    ///   - minimumLiquidity: LP tokens locked at the first deposit, `>= 0`.
    /// - Throws: ``PoolError/invalidParameter(_:)`` for a value outside those ranges.
    public init(
        fee: Double = 0.003, decimals: [Int] = [18, 18], protocolFeeShare: Double = 1.0 / 6.0,
        minimumLiquidity: Double = ConstantProductPool.defaultMinimumLiquidity
    ) throws(PoolError) {
        guard fee >= 0 && fee < 1 else { throw .invalidParameter("fee must be in [0, 1), got \(fee)") }
        guard decimals.count == 2 else { throw .wrongAmountCount(given: decimals.count, coinCount: 2) }
        guard decimals.allSatisfy({ (0...36).contains($0) }) else {
            throw .invalidParameter("decimals must be in 0...36, got \(decimals)")
        }
        guard protocolFeeShare > 0 && protocolFeeShare <= 1 else {
            throw .invalidParameter("protocol fee share must be in (0, 1], got \(protocolFeeShare)")
        }
        guard minimumLiquidity >= 0 && minimumLiquidity.isFinite else {
            throw .invalidParameter("minimum liquidity must be finite and >= 0, got \(minimumLiquidity)")
        }
        self.fee = fee
        self.gamma = 1 - fee
        self.decimals = decimals
        self.unit0 = ConstantProductPool.unit(decimals: decimals[0])
        self.unit1 = ConstantProductPool.unit(decimals: decimals[1])
        self.protocolFeeShare = protocolFeeShare
        self.protocolFeeFactor = (1 - protocolFeeShare) / protocolFeeShare
        self.minimumLiquidity = minimumLiquidity
    }

    static func unit(decimals: Int) -> Double { 1 / powersOfTen[decimals] }

    // MARK: Accounts and parameters

    /// Opens the LP account `name` (or returns it if already open).
    public mutating func openAccount(_ name: String) -> LPAccount { shares.open(name) }

    /// Turns the protocol fee on (minted to `account`) or off (`nil`), like v2 `setFeeTo`.
    ///
    /// Like the contract, this does not touch ``kLast``: with the fee newly on, the first
    /// mint or burn mints nothing and starts the measurement.
    /// - Throws: ``PoolError/unknownAccount(_:)``.
    public mutating func setFeeTo(_ account: LPAccount?) throws(PoolError) {
        if let account { try shares.validate(account) }
        feeTo = account
    }

    // MARK: Views

    /// The reserve of coin `i` (0 or 1; any other index reads as 0).
    @inlinable
    public func reserve(_ i: Int) -> Double { i == 0 ? reserve0 : (i == 1 ? reserve1 : 0) }

    /// Marginal price of coin 0 in units of coin 1, before fee: `y / x` (0 when empty).
    public var price: Double { reserve0 > 0 ? reserve1 / reserve0 : 0 }

    /// `k = x·y`.
    public var k: Double { reserve0 * reserve1 }

    /// Output of selling `dx` of coin `i` for the other coin (v2 `getAmountOut`).
    ///
    /// `dy = dx·(1 − f)·y / (x + dx·(1 − f))`.
    /// - Throws: ``PoolError/coinIndexOutOfRange(index:coinCount:)``,
    ///   ``PoolError/invalidAmount(_:)``, ``PoolError/insufficientInputAmount`` for `dx == 0`,
    ///   ``PoolError/insufficientLiquidity`` when a reserve is zero.
    /// - Complexity: O(1).
    public func getAmountOut(i: Int, dx: Double) throws(PoolError) -> Double {
        guard i == 0 || i == 1 else { throw .coinIndexOutOfRange(index: i, coinCount: 2) }
        try Self.validate(dx)
        guard dx > 0 else { throw .insufficientInputAmount }
        let (x, y) = i == 0 ? (reserve0, reserve1) : (reserve1, reserve0)
        guard x > 0 && y > 0 else { throw .insufficientLiquidity }
        let inWithFee = dx * gamma
        return inWithFee * y / (x + inWithFee)
    }

    /// Input of coin `i` needed to receive exactly `dy` of the other coin (v2 `getAmountIn`,
    /// without its `+1` wei): `dx = x·dy / ((y − dy)·(1 − f))`.
    ///
    /// - Throws: ``PoolError/insufficientOutputAmount`` for `dy == 0`,
    ///   ``PoolError/insufficientLiquidity`` when a reserve is zero or `dy >= y`, and the
    ///   index and amount errors of ``getAmountOut(i:dx:)``.
    public func getAmountIn(i: Int, dy: Double) throws(PoolError) -> Double {
        guard i == 0 || i == 1 else { throw .coinIndexOutOfRange(index: i, coinCount: 2) }
        try Self.validate(dy)
        guard dy > 0 else { throw .insufficientOutputAmount }
        let (x, y) = i == 0 ? (reserve0, reserve1) : (reserve1, reserve0)
        guard x > 0 && y > 0 && dy < y else { throw .insufficientLiquidity }
        return x * dy / ((y - dy) * gamma)
    }

    /// The amounts the v2 router would take for a deposit of at most `amounts`: the largest
    /// deposit at the pool's ratio (`quote(a, x, y) = a·y/x`). An empty pool takes both.
    ///
    /// - Throws: ``PoolError/wrongAmountCount(given:coinCount:)``, ``PoolError/invalidAmount(_:)``.
    public func proportionalAmounts(for amounts: [Double]) throws(PoolError) -> [Double] {
        guard amounts.count == 2 else { throw .wrongAmountCount(given: amounts.count, coinCount: 2) }
        try Self.validate(amounts[0])
        try Self.validate(amounts[1])
        guard reserve0 > 0 && reserve1 > 0 else { return amounts }
        let optimal1 = amounts[0] * reserve1 / reserve0
        if optimal1 <= amounts[1] { return [amounts[0], optimal1] }
        return [amounts[1] * reserve0 / reserve1, amounts[1]]
    }

    /// LP tokens the protocol fee would mint to ``feeTo`` at a mint or burn now.
    public var pendingProtocolFee: Double {
        guard feeTo != nil && kLast > 0 else { return 0 }
        let rootK = (reserve0 * reserve1).squareRoot()
        let rootKLast = kLast.squareRoot()
        guard rootK > rootKLast else { return 0 }
        let minted = shares.totalSupply * (rootK - rootKLast) / (rootK * protocolFeeFactor + rootKLast)
        return minted >= Self.lpUnit ? minted : 0
    }

    // MARK: Operations

    /// Sells `dx` of coin `i` for the other coin (router `swapExactTokensForTokens` on one pair).
    ///
    /// Output as ``getAmountOut(i:dx:)``; reserves become `x + dx` and `y − dy`.
    /// - Parameters:
    ///   - i: the coin sold, 0 or 1.
    ///   - dx: amount sold, `> 0`.
    ///   - minOut: the least output accepted.
    /// - Returns: `dy`, the amount of coin `1 − i` paid out.
    /// - Throws: the errors of ``getAmountOut(i:dx:)``, then
    ///   ``PoolError/outputBelowMinimum(output:minimum:)``, ``PoolError/insufficientOutputAmount``
    ///   (output below one smallest unit), ``PoolError/insufficientLiquidity`` (output would
    ///   empty the reserve) — the router's and pair's order.
    /// - Complexity: O(1), no allocation.
    public mutating func swap(i: Int, dx: Double, minOut: Double = 0) throws(PoolError) -> Double {
        let out = try getAmountOut(i: i, dx: dx)
        try Self.validate(minOut)
        guard out >= minOut else { throw .outputBelowMinimum(output: out, minimum: minOut) }
        if i == 0 {
            guard out >= unit1 else { throw .insufficientOutputAmount }
            guard out < reserve1 else { throw .insufficientLiquidity }
            reserve0 += dx
            reserve1 -= out
        } else {
            guard out >= unit0 else { throw .insufficientOutputAmount }
            guard out < reserve0 else { throw .insufficientLiquidity }
            reserve1 += dx
            reserve0 -= out
        }
        return out
    }

    /// Deposits `amounts` (both enter the reserves) and mints LP tokens to `who` (v2 `mint`).
    ///
    /// First deposit: `sqrt(a0·a1) − MINIMUM_LIQUIDITY` to `who`, `MINIMUM_LIQUIDITY` to
    /// ``LPShares/zeroAddress``. Later: `min(a0·S/x, a1·S/y)`, with `S` counted after the
    /// protocol-fee mint.
    /// - Returns: the LP tokens minted to `who`.
    /// - Throws: ``PoolError/unknownAccount(_:)``, ``PoolError/wrongAmountCount(given:coinCount:)``,
    ///   ``PoolError/invalidAmount(_:)``, ``PoolError/insufficientLiquidityMinted`` when `who`
    ///   would get less than one LP wei (a first deposit with `sqrt(a0·a1) <= MINIMUM_LIQUIDITY`
    ///   included).
    public mutating func addLiquidity(who: LPAccount, amounts: [Double]) throws(PoolError) -> Double {
        try shares.validate(who)
        guard amounts.count == 2 else { throw .wrongAmountCount(given: amounts.count, coinCount: 2) }
        let a0 = amounts[0], a1 = amounts[1]
        try Self.validate(a0)
        try Self.validate(a1)
        let feeMint = pendingProtocolFee
        let supply = shares.totalSupply + feeMint
        let liquidity: Double
        if supply == 0 {
            let root = (a0 * a1).squareRoot()
            guard root > minimumLiquidity else { throw .insufficientLiquidityMinted }
            liquidity = root - minimumLiquidity
        } else {
            guard reserve0 > 0 && reserve1 > 0 else { throw .insufficientLiquidity }
            liquidity = min(a0 * supply / reserve0, a1 * supply / reserve1)
        }
        guard liquidity >= Self.lpUnit else { throw .insufficientLiquidityMinted }

        if let feeTo, feeMint > 0 { shares.mint(feeMint, to: feeTo) }
        if supply == 0 && minimumLiquidity > 0 {
            shares.mint(minimumLiquidity, to: shares.open(LPShares.zeroAddress))
        }
        shares.mint(liquidity, to: who)
        reserve0 += a0
        reserve1 += a1
        kLast = feeTo != nil ? reserve0 * reserve1 : 0
        return liquidity
    }

    /// Burns `lpAmount` of `who`'s LP tokens for `lpAmount·x/S` and `lpAmount·y/S` (v2 `burn`).
    ///
    /// `S` is counted after the protocol-fee mint.
    /// - Returns: the amounts of coin 0 and coin 1 paid out.
    /// - Throws: ``PoolError/unknownAccount(_:)``, ``PoolError/invalidAmount(_:)``,
    ///   ``PoolError/insufficientLPBalance(have:need:)``, ``PoolError/insufficientLiquidityBurned``
    ///   when a payout is below one smallest unit (a zero burn included).
    public mutating func removeLiquidity(who: LPAccount, lpAmount: Double) throws(PoolError) -> [Double] {
        try shares.validate(who)
        try Self.validate(lpAmount)
        let held = shares.balance(of: who)
        guard lpAmount <= held else { throw .insufficientLPBalance(have: held, need: lpAmount) }
        let feeMint = pendingProtocolFee
        let supply = shares.totalSupply + feeMint
        guard supply > 0 else { throw .insufficientLiquidityBurned }
        let out0: Double, out1: Double, left0: Double, left1: Double
        if lpAmount >= supply * (1 - LPShares.nearlyAll) {
            // Burning (nearly) everything: leave exactly the remaining holders' share of the
            // reserves (at least the locked MINIMUM_LIQUIDITY's), which `x − ℓ·x/S` cannot resolve.
            let keep = (shares.supply(afterBurning: lpAmount, from: who) + feeMint) / supply
            left0 = reserve0 * keep
            left1 = reserve1 * keep
            out0 = reserve0 - left0
            out1 = reserve1 - left1
        } else {
            out0 = lpAmount * reserve0 / supply
            out1 = lpAmount * reserve1 / supply
            left0 = reserve0 - out0
            left1 = reserve1 - out1
        }
        guard out0 >= unit0 && out1 >= unit1 else { throw .insufficientLiquidityBurned }

        if let feeTo, feeMint > 0 { shares.mint(feeMint, to: feeTo) }
        shares.burn(lpAmount, from: who)
        reserve0 = left0
        reserve1 = left1
        kLast = feeTo != nil ? reserve0 * reserve1 : 0
        return [out0, out1]
    }

    @inline(__always)
    static func validate(_ amount: Double) throws(PoolError) {
        guard amount >= 0 && amount.isFinite else { throw .invalidAmount(amount) }
    }
}
