public import HomeostatCore

/// A Uniswap v3 pool: liquidity concentrated on tick ranges, swaps that cross initialized
/// ticks, fees tracked per unit of liquidity and paid to the positions in range.
///
/// **Prices and ticks.** The price of token0 in token1 at tick `i` is `p(i) = 1.0001^i`; the
/// pool keeps `√P` (``sqrtPrice``, the contract's `sqrtPriceX96 / 2^96`) and the current
/// tick, the greatest `i` with `√p(i) <= √P` (``tick(atSqrtPrice:)``). Ticks lie in
/// `[MIN_TICK, MAX_TICK] = [−887272, 887272]`; positions use multiples of ``tickSpacing``.
///
/// **Liquidity.** A position of liquidity `L` on `[i_a, i_b)` (`a = √p(i_a)`, `b = √p(i_b)`,
/// `s = √P`) holds
///
///     below the range (tick < i_a):  x = L·(1/a − 1/b),  y = 0
///     in the range:                  x = L·(1/s − 1/b),  y = L·(s − a)
///     above the range (tick >= i_b): x = 0,              y = L·(b − a)
///
/// (``amounts(liquidity:tickLower:tickUpper:)``); minting pays these amounts in, burning
/// credits them to the position. Each initialized tick stores `liquidityGross` (Σ L of
/// positions using it) and `liquidityNet` (+L at lower ticks, −L at upper ticks); the
/// active ``liquidity`` is the Σ L of positions whose range contains the current tick.
///
/// **Swaps** (exact input, the v3 swap loop): each step goes from `s` toward the next
/// initialized tick *within one 256-bit word of the tick bitmap* (or the word's edge, or
/// the price limit), with `L` constant:
///
///     input less fee   = remaining·(1 − f)           f = fee / 10⁶
///     token0 in:       s' = L·s / (L + Δx·s),  Δy_out = L·(s − s') = Δx·s·s'
///     token1 in:       s' = s + Δy / L,        Δx_out = L·(1/s − 1/s') = Δy/(s·s')
///     fee of the step  = Δin·f/(1 − f) when the target is reached, else remaining·f
///
/// (a step that stops short of its target takes its output from the product forms, never
/// from the difference of two nearly equal `√` prices; see ``swapStep(sqrtPrice:target:liquidity:remaining:feeFraction:)``)
///
/// The fee of each step is added to `feeGrowthGlobal += fee / L`; crossing an initialized
/// tick flips its `feeGrowthOutside ← feeGrowthGlobal − feeGrowthOutside` and adds its
/// `liquidityNet` to `L` (subtracts it when the price falls).
///
/// **Fees of a position**: `feeGrowthInside = global − below(lower) − above(upper)`, and a
/// position earns `L·(feeGrowthInside − feeGrowthInsideLast)`, credited to its tokens owed
/// at each mint, burn or poke (a burn of 0) and paid by ``collect(owner:tickLower:tickUpper:amount0:amount1:)``.
///
/// Invariants: the pool's balances cover every position's amounts at the current price,
/// the tokens owed, and the fees not yet credited (``checkInvariants(relativeTolerance:)``);
/// the fees credited to positions add up to the fees charged while liquidity was active;
/// fee growth never decreases.
///
/// Differences from the contract, which computes in integers (Q64.96 prices, Q128.128 fee
/// growth, uint128 liquidity, rounding amounts owed to the pool up and amounts paid out down):
/// - Everything is Double and nothing is rounded; results agree with the contract to about
///   1e-12 relative plus the contract's wei-level rounding. `√p(i)` is `exp(i·ln(1.0001)/2)`
///   (relative error about `|i|·1e-20`), not TickMath's fixed-point product.
/// - Amounts are token units and liquidity is in `√(token0·token1)` units; with two
///   18-decimal tokens these are the contract's numbers divided by 1e18.
/// - Only exact-input swaps; no protocol fee (`feeProtocol = 0`), no oracle observations,
///   no flash loans, no `maxLiquidityPerTick` cap. Tick look-up uses a sorted array of
///   initialized ticks instead of the bitmap, with the bitmap's word boundaries kept, so a
///   swap takes the contract's steps.
/// - Sums of Double liquidities can leave a residue where the contract's integers give 0:
///   a tick is cleared when the last position using it is burned (counted, not summed), and
///   the active liquidity and each tick's `liquidityNet` are compensated sums (their
///   rounding error carried along), and an active liquidity within `1e-15` of the change
///   that produced it is taken as 0.
public struct ConcentratedLiquidityPool: Sendable {
    /// TickMath `MIN_TICK`.
    public static let minTick = -887_272
    /// TickMath `MAX_TICK`.
    public static let maxTick = 887_272
    /// TickMath `MIN_SQRT_RATIO / 2^96`, `√p(MIN_TICK)`.
    public static let minSqrtPrice = 4_295_128_739.0 / 0x1p96
    /// TickMath `MAX_SQRT_RATIO / 2^96`, `√p(MAX_TICK)`.
    public static let maxSqrtPrice = 1_461_446_703_485_210_103_287_273_052_203_988_822_378_723_970_342.0 / 0x1p96
    /// Fees are in pips: hundredths of a basis point, `10⁶` = 100%.
    public static let feeDenominator = 1_000_000

    /// `ln(1.0001) / 2`, so that `√p(i) = exp(i·halfLogBase)`.
    static let halfLogBase = _log1p(0.0001) / 2

    /// Ticks of positions must be multiples of this (v3 factory: fee 500 → 10, 3000 → 60, 10000 → 200).
    public let tickSpacing: Int
    /// Swap fee in pips (3000 = 0.3%).
    public let fee: Int
    /// `√P`, the square root of the price of token0 in token1.
    public private(set) var sqrtPrice: Double
    /// The current tick: the greatest tick `i` with `√p(i) <= √P` — or, right after the
    /// price fell onto an initialized tick, one below it (as in the contract).
    public private(set) var tick: Int
    /// Active liquidity: Σ L of the positions whose range contains ``tick``.
    public private(set) var liquidity: Double = 0
    /// The rounding error of ``liquidity`` as a running sum (see ``addToLiquidity(_:_:)``).
    var liquidityLow: Double = 0
    /// Fees of token0 earned per unit of liquidity since the pool was created.
    public private(set) var feeGrowthGlobal0: Double = 0
    /// Fees of token1 earned per unit of liquidity since the pool was created.
    public private(set) var feeGrowthGlobal1: Double = 0
    /// Token0 held by the pool.
    public private(set) var balance0: Double = 0
    /// Token1 held by the pool.
    public private(set) var balance1: Double = 0
    /// Token0 charged as swap fees so far (including any charged with no liquidity active,
    /// which no position earns).
    public private(set) var feesCharged0: Double = 0
    /// Token1 charged as swap fees so far.
    public private(set) var feesCharged1: Double = 0

    /// Initialized ticks, ascending; `tickData[k]` belongs to `tickIndices[k]`.
    var tickIndices: [Int] = []
    var tickData: [TickInfo] = []
    var positionData: [PositionKey: Position] = [:]

    /// Creates a pool at a price (v3 `initialize`).
    ///
    /// - Parameters:
    ///   - sqrtPrice: `√P` in `[minSqrtPrice, maxSqrtPrice)`.
    ///   - tickSpacing: `1...16384` (the factory's range).
    ///   - fee: pips in `0..<10⁶`.
    /// - Throws: ``PoolError/sqrtPriceOutOfRange(_:)``, ``PoolError/invalidParameter(_:)``.
    public init(sqrtPrice: Double, tickSpacing: Int, fee: Int) throws(PoolError) {
        guard (1...16384).contains(tickSpacing) else {
            throw .invalidParameter("tick spacing must be in 1...16384, got \(tickSpacing)")
        }
        guard (0..<Self.feeDenominator).contains(fee) else {
            throw .invalidParameter("fee must be in 0..<1000000 pips, got \(fee)")
        }
        guard sqrtPrice >= Self.minSqrtPrice && sqrtPrice < Self.maxSqrtPrice else {
            throw .sqrtPriceOutOfRange(sqrtPrice)
        }
        self.tickSpacing = tickSpacing
        self.fee = fee
        self.sqrtPrice = sqrtPrice
        self.tick = Self.tick(atSqrtPrice: sqrtPrice)
    }

    /// Creates a pool at the price `price = P` (`√P` must be in range).
    ///
    /// - Throws: the errors of ``init(sqrtPrice:tickSpacing:fee:)``.
    public init(price: Double, tickSpacing: Int, fee: Int) throws(PoolError) {
        guard price > 0 && price.isFinite else { throw .sqrtPriceOutOfRange(price.squareRoot()) }
        try self.init(sqrtPrice: price.squareRoot(), tickSpacing: tickSpacing, fee: fee)
    }

    // MARK: Tick math

    /// `√p(i) = √(1.0001^i)` (TickMath `getSqrtRatioAtTick / 2^96`), for `|i| <= MAX_TICK`.
    ///
    /// Computed as `exp(i·ln(1.0001)/2)` with `ln(1.0001)` from `log1p`, so its relative
    /// error is a few ulps times `|i|·ln(1.0001)/2`, at most about 1e-14 at `MAX_TICK`.
    /// The extreme ticks return ``minSqrtPrice`` and ``maxSqrtPrice`` exactly.
    public static func sqrtPrice(atTick i: Int) -> Double {
        if i <= minTick { return minSqrtPrice }
        if i >= maxTick { return maxSqrtPrice }
        return _exp(Double(i) * halfLogBase)
    }

    /// The greatest tick `i` with `√p(i) <= s` (TickMath `getTickAtSqrtRatio`), for `s` in
    /// `[minSqrtPrice, maxSqrtPrice)`; clamped to `[MIN_TICK, MAX_TICK − 1]`.
    ///
    /// Consistent with ``sqrtPrice(atTick:)`` by construction: a guess from the logarithm
    /// is corrected against it.
    public static func tick(atSqrtPrice s: Double) -> Int {
        guard s > minSqrtPrice else { return minTick }
        guard s < maxSqrtPrice else { return maxTick - 1 }
        var i = Int((_log(s) / halfLogBase).rounded(.down))
        i = min(max(i, minTick), maxTick - 1)
        while i < maxTick - 1 && sqrtPrice(atTick: i + 1) <= s { i += 1 }
        while i > minTick && sqrtPrice(atTick: i) > s { i -= 1 }
        return i
    }

    /// Token0 between `√` prices `a < b` for liquidity `L`: `L·(b − a)/(a·b)`
    /// (SqrtPriceMath `getAmount0Delta`, unrounded).
    @inlinable
    public static func amount0Delta(_ a: Double, _ b: Double, liquidity: Double) -> Double {
        let (lo, hi) = a <= b ? (a, b) : (b, a)
        return liquidity * (hi - lo) / lo / hi
    }

    /// Token1 between `√` prices `a < b` for liquidity `L`: `L·(b − a)`
    /// (SqrtPriceMath `getAmount1Delta`, unrounded).
    @inlinable
    public static func amount1Delta(_ a: Double, _ b: Double, liquidity: Double) -> Double {
        liquidity * abs(b - a)
    }

    // MARK: Views

    /// `P = (√P)²`, the price of token0 in token1.
    public var price: Double { sqrtPrice * sqrtPrice }

    /// The initialized ticks, ascending.
    public var initializedTicks: [Int] { tickIndices }

    /// The state of an initialized tick, nil if `tick` is not initialized.
    public func tickInfo(_ tick: Int) -> TickInfo? {
        let k = lowerBound(tick)
        return k < tickIndices.count && tickIndices[k] == tick ? tickData[k] : nil
    }

    /// Every position ever minted, ordered by owner (Unicode scalar order), then lower and
    /// upper tick. Burned positions remain, with zero liquidity, as in the contract.
    public var positionKeys: [PositionKey] { positionData.keys.sorted() }

    /// The position of `owner` on `[tickLower, tickUpper)`, nil if it was never minted.
    public func position(owner: String, tickLower: Int, tickUpper: Int) -> Position? {
        positionData[PositionKey(owner: owner, tickLower: tickLower, tickUpper: tickUpper)]
    }

    /// Amounts of token0 and token1 that liquidity `L` on `[tickLower, tickUpper)` is worth
    /// at the current price: what a mint of `L` pays in (and a burn of `L` credits back).
    ///
    /// In range means `tickLower <= tick < tickUpper` (the current tick, as the contract
    /// decides it).
    /// - Complexity: O(1).
    public func amounts(liquidity L: Double, tickLower: Int, tickUpper: Int) -> (amount0: Double, amount1: Double) {
        let a = Self.sqrtPrice(atTick: tickLower)
        let b = Self.sqrtPrice(atTick: tickUpper)
        if tick < tickLower { return (Self.amount0Delta(a, b, liquidity: L), 0) }
        if tick < tickUpper {
            return (Self.amount0Delta(sqrtPrice, b, liquidity: L), Self.amount1Delta(a, sqrtPrice, liquidity: L))
        }
        return (0, Self.amount1Delta(a, b, liquidity: L))
    }

    /// Fee growth per unit of liquidity inside `[tickLower, tickUpper)` (Tick `getFeeGrowthInside`):
    /// `global − below − above`, where `below = outside(lower)` if `tick >= lower` else
    /// `global − outside(lower)`, and `above = outside(upper)` if `tick < upper` else
    /// `global − outside(upper)`. An uninitialized tick counts as `outside = 0`.
    public func feeGrowthInside(tickLower: Int, tickUpper: Int) -> (Double, Double) {
        let lower = tickInfo(tickLower) ?? TickInfo()
        let upper = tickInfo(tickUpper) ?? TickInfo()
        let below0 = tick >= tickLower ? lower.feeGrowthOutside0 : feeGrowthGlobal0 - lower.feeGrowthOutside0
        let below1 = tick >= tickLower ? lower.feeGrowthOutside1 : feeGrowthGlobal1 - lower.feeGrowthOutside1
        let above0 = tick < tickUpper ? upper.feeGrowthOutside0 : feeGrowthGlobal0 - upper.feeGrowthOutside0
        let above1 = tick < tickUpper ? upper.feeGrowthOutside1 : feeGrowthGlobal1 - upper.feeGrowthOutside1
        return (feeGrowthGlobal0 - below0 - above0, feeGrowthGlobal1 - below1 - above1)
    }

    /// Fees earned by a position and not yet collected: its tokens owed from fees plus the
    /// fees accrued since it was last touched, `L·(feeGrowthInside − last)`. Tokens owed
    /// from burned liquidity are included (they are indistinguishable in the contract too).
    public func uncollected(owner: String, tickLower: Int, tickUpper: Int) -> (amount0: Double, amount1: Double) {
        guard let p = position(owner: owner, tickLower: tickLower, tickUpper: tickUpper) else { return (0, 0) }
        guard p.liquidity > 0 else { return (p.tokensOwed0, p.tokensOwed1) }
        let (inside0, inside1) = feeGrowthInside(tickLower: tickLower, tickUpper: tickUpper)
        return (p.tokensOwed0 + p.liquidity * (inside0 - p.feeGrowthInside0Last),
                p.tokensOwed1 + p.liquidity * (inside1 - p.feeGrowthInside1Last))
    }

    // MARK: Positions

    /// Adds liquidity `L` to `owner`'s position on `[tickLower, tickUpper)` (v3 `mint`).
    ///
    /// Pays in ``amounts(liquidity:tickLower:tickUpper:)``; credits the position's fees
    /// accrued so far to its tokens owed; raises the active liquidity if the range contains
    /// the current tick. A tick initialized now at or below the current tick starts with
    /// `feeGrowthOutside = feeGrowthGlobal` (all growth so far counted below it).
    /// - Returns: the amounts of token0 and token1 paid in.
    /// - Throws: ``PoolError/invalidAmount(_:)``, ``PoolError/zeroAmount``, then the tick
    ///   checks in the contract's order: ``PoolError/tickRangeInverted(lower:upper:)``,
    ///   ``PoolError/tickBelowMinimum(_:)``, ``PoolError/tickAboveMaximum(_:)``,
    ///   ``PoolError/tickNotOnSpacing(tick:spacing:)``.
    /// - Complexity: O(initialized ticks) when a tick is initialized, else O(log ticks).
    @discardableResult
    public mutating func mint(
        owner: String, tickLower: Int, tickUpper: Int, liquidity L: Double
    ) throws(PoolError) -> (amount0: Double, amount1: Double) {
        guard L >= 0 && L.isFinite else { throw .invalidAmount(L) }
        guard L > 0 else { throw .zeroAmount }
        try checkTicks(tickLower, tickUpper)
        for t in [tickLower, tickUpper] where t % tickSpacing != 0 {
            throw .tickNotOnSpacing(tick: t, spacing: tickSpacing)
        }
        let key = PositionKey(owner: owner, tickLower: tickLower, tickUpper: tickUpper)
        let wasEmpty = (positionData[key]?.liquidity ?? 0) == 0
        if wasEmpty {
            initializeTickIfNeeded(tickLower)
            initializeTickIfNeeded(tickUpper)
        }
        updateTick(tickLower, delta: L, upper: false, positionAdded: wasEmpty)
        updateTick(tickUpper, delta: L, upper: true, positionAdded: wasEmpty)
        var p = positionData[key] ?? Position()
        accrue(&p, tickLower: tickLower, tickUpper: tickUpper)
        p.liquidity += L
        positionData[key] = p

        let out = amounts(liquidity: L, tickLower: tickLower, tickUpper: tickUpper)
        if tick >= tickLower && tick < tickUpper { addToLiquidity(L, 0) }
        balance0 += out.amount0
        balance1 += out.amount1
        return out
    }

    /// Removes liquidity `L` from `owner`'s position on `[tickLower, tickUpper)` (v3 `burn`).
    ///
    /// The amounts the liquidity is worth now, and the position's accrued fees, are added
    /// to its tokens owed (nothing leaves the pool until ``collect(owner:tickLower:tickUpper:amount0:amount1:)``).
    /// Burning 0 only credits the fees ("poke"). A tick no position uses any more is cleared.
    /// - Returns: the amounts of token0 and token1 the liquidity was worth.
    /// - Throws: ``PoolError/invalidAmount(_:)``, the range checks of mint except the
    ///   spacing, ``PoolError/positionNotFound`` (a poke of a position without liquidity),
    ///   ``PoolError/insufficientPositionLiquidity(have:need:)``.
    @discardableResult
    public mutating func burn(
        owner: String, tickLower: Int, tickUpper: Int, liquidity L: Double
    ) throws(PoolError) -> (amount0: Double, amount1: Double) {
        guard L >= 0 && L.isFinite else { throw .invalidAmount(L) }
        try checkTicks(tickLower, tickUpper)
        let key = PositionKey(owner: owner, tickLower: tickLower, tickUpper: tickUpper)
        var p = positionData[key] ?? Position()
        if L == 0 {
            guard p.liquidity > 0 else { throw .positionNotFound }
        } else {
            guard L <= p.liquidity else { throw .insufficientPositionLiquidity(have: p.liquidity, need: L) }
        }
        // Burning all of it: exactly what is left, so ticks and the active liquidity lose
        // the same amount they gained.
        let emptied = L > 0 && L >= p.liquidity
        updateTick(tickLower, delta: -L, upper: false, positionAdded: false)
        updateTick(tickUpper, delta: -L, upper: true, positionAdded: false)
        accrue(&p, tickLower: tickLower, tickUpper: tickUpper)
        p.liquidity = emptied ? 0 : p.liquidity - L
        let out = amounts(liquidity: L, tickLower: tickLower, tickUpper: tickUpper)
        p.tokensOwed0 += out.amount0
        p.tokensOwed1 += out.amount1
        positionData[key] = p
        if tick >= tickLower && tick < tickUpper && L > 0 { addToLiquidity(-L, 0) }
        if emptied {
            releaseTick(tickLower)
            releaseTick(tickUpper)
        }
        return out
    }

    /// Pays `owner` up to the requested amounts of the position's tokens owed (v3 `collect`).
    ///
    /// Fees accrued since the last mint, burn or poke are not owed yet: burn 0 first to
    /// collect them. A position that was never minted pays nothing.
    /// - Parameters:
    ///   - amount0: the most token0 to collect (`.infinity`: all of it).
    ///   - amount1: the most token1 to collect.
    /// - Returns: the amounts paid.
    /// - Throws: ``PoolError/invalidAmount(_:)`` for a negative or NaN request.
    @discardableResult
    public mutating func collect(
        owner: String, tickLower: Int, tickUpper: Int, amount0: Double = .infinity, amount1: Double = .infinity
    ) throws(PoolError) -> (amount0: Double, amount1: Double) {
        guard amount0 >= 0 && !amount0.isNaN else { throw .invalidAmount(amount0) }
        guard amount1 >= 0 && !amount1.isNaN else { throw .invalidAmount(amount1) }
        let key = PositionKey(owner: owner, tickLower: tickLower, tickUpper: tickUpper)
        guard var p = positionData[key] else { return (0, 0) }
        let paid0 = min(amount0, p.tokensOwed0)
        let paid1 = min(amount1, p.tokensOwed1)
        p.tokensOwed0 -= paid0
        p.tokensOwed1 -= paid1
        positionData[key] = p
        balance0 -= paid0
        balance1 -= paid1
        return (paid0, paid1)
    }

    // MARK: Swaps

    /// The result of a swap.
    public struct SwapResult: Sendable, Equatable {
        /// Input taken from the trader, fee included (less than asked if the price limit
        /// or the end of liquidity stopped the swap).
        public var amountIn: Double
        /// Output paid to the trader.
        public var amountOut: Double
        /// The part of ``amountIn`` charged as fee.
        public var fee: Double
        /// Initialized ticks crossed.
        public var ticksCrossed: Int
    }

    /// Sells `amountIn` of token0 (`zeroForOne`) or token1 for the other token (v3 `swap`
    /// with a positive `amountSpecified`), stopping at `sqrtPriceLimit`.
    ///
    /// Runs the swap loop of the type's discussion until the input is used up or the price
    /// reaches the limit.
    /// - Parameters:
    ///   - sqrtPriceLimit: `√` price the swap may not pass: below the current one and above
    ///     ``minSqrtPrice`` when selling token0, above it and below ``maxSqrtPrice`` when
    ///     selling token1. Default: just inside the extreme (the router's
    ///     `MIN_SQRT_RATIO + 1` / `MAX_SQRT_RATIO − 1`).
    /// - Returns: the amounts in and out, the fee and the ticks crossed.
    /// - Throws: ``PoolError/invalidAmount(_:)``, ``PoolError/zeroAmount`` ("AS"),
    ///   ``PoolError/priceLimitOutOfRange(limit:current:)`` ("SPL").
    /// - Complexity: O(steps · log ticks); a step ends at an initialized tick or a bitmap
    ///   word boundary (every `256·tickSpacing` ticks).
    @discardableResult
    public mutating func swap(zeroForOne: Bool, amountIn: Double, sqrtPriceLimit: Double? = nil) throws(PoolError) -> SwapResult {
        guard amountIn >= 0 && amountIn.isFinite else { throw .invalidAmount(amountIn) }
        guard amountIn > 0 else { throw .zeroAmount }
        let limit = sqrtPriceLimit ?? (zeroForOne ? Self.minSqrtPrice.nextUp : Self.maxSqrtPrice.nextDown)
        let limitOK = zeroForOne
            ? limit < sqrtPrice && limit > Self.minSqrtPrice
            : limit > sqrtPrice && limit < Self.maxSqrtPrice
        guard limitOK else { throw .priceLimitOutOfRange(limit: limit, current: sqrtPrice) }

        let feeFraction = Double(fee) / Double(Self.feeDenominator)
        var remaining = amountIn
        var out = 0.0
        var feeTotal = 0.0
        var used = 0.0
        var crossed = 0
        while remaining > 0 && sqrtPrice != limit {
            let start = sqrtPrice
            let found = nextInitializedTickWithinOneWord(tick, lte: zeroForOne)
            let next = min(max(found.tick, Self.minTick), Self.maxTick)
            let initialized = found.initialized
            let sqrtNext = Self.sqrtPrice(atTick: next)
            let target = (zeroForOne ? sqrtNext < limit : sqrtNext > limit) ? limit : sqrtNext
            let step = Self.swapStep(
                sqrtPrice: start, target: target, liquidity: liquidity, remaining: remaining,
                feeFraction: feeFraction)
            sqrtPrice = step.sqrtPrice
            // Short of the target the step used all that remained. The input used is summed
            // step by step, not taken as `amountIn − remaining`, which cancels
            // catastrophically when a large order drains a small range.
            if step.reachedTarget {
                let consumed = min(step.amountIn + step.fee, remaining)
                used += consumed
                remaining = max(remaining - consumed, 0)
            } else {
                used += remaining
                remaining = 0
            }
            out += step.amountOut
            feeTotal += step.fee
            if liquidity > 0 {
                if zeroForOne { feeGrowthGlobal0 += step.fee / liquidity } else { feeGrowthGlobal1 += step.fee / liquidity }
            }
            if sqrtPrice == sqrtNext {
                if initialized {
                    let net = crossTick(next)
                    if zeroForOne { addToLiquidity(-net.hi, -net.lo) } else { addToLiquidity(net.hi, net.lo) }
                    crossed += 1
                }
                tick = zeroForOne ? next - 1 : next
            } else if sqrtPrice != start {
                tick = Self.tick(atSqrtPrice: sqrtPrice)
            }
        }
        // A swap that empties the liquidity in its path owes exactly what the pool holds;
        // Double rounding can make the summed steps exceed it by a few ulps (the contract
        // rounds outputs down), so the output is capped at the balance.
        out = min(out, max(zeroForOne ? balance1 : balance0, 0))
        // Summed step by step, the input used can exceed the order by an ulp.
        used = min(used, amountIn)
        if zeroForOne {
            balance0 += used
            balance1 -= out
            feesCharged0 += feeTotal
        } else {
            balance1 += used
            balance0 -= out
            feesCharged1 += feeTotal
        }
        return SwapResult(amountIn: used, amountOut: out, fee: feeTotal, ticksCrossed: crossed)
    }

    /// One step of the swap loop (SwapMath `computeSwapStep`, exact input), unrounded.
    ///
    /// From `√` price `s` toward `target` with liquidity `L` and input `remaining` (fee
    /// included), `Δ = remaining·(1 − f)`:
    /// - if `Δ` reaches the target, the step ends there, uses the input to the target and
    ///   charges `Δin·f/(1 − f)` on it;
    /// - otherwise all of `remaining` is used: the fee is `remaining·f`, the input
    ///   `remaining − fee`, and the price moves as far as the input takes it —
    ///   token0 in: `s' = L·s/(L + Δ·s)`, out `L·(s − s') = Δ·s·s'`;
    ///   token1 in: `s' = s + Δ/L`, out `L·(1/s − 1/s') = Δ/(s·s')`.
    ///
    /// A step that stops short never subtracts nearly equal `√` prices: a small trade
    /// moves `√P` by a few ulps or less, so `s − s'` would carry no information (the
    /// output would come out wrong or zero and the fee swallow the input). Input, fee and
    /// output follow from `remaining` and the product forms above, each to a few ulps.
    /// - Returns: the new `√` price, the input used (fee excluded), the output, the fee, and
    ///   whether the step reached `target` (when it did not, `amountIn + fee` is all of
    ///   `remaining`).
    public static func swapStep(
        sqrtPrice s: Double, target: Double, liquidity L: Double, remaining: Double, feeFraction f: Double
    ) -> (sqrtPrice: Double, amountIn: Double, amountOut: Double, fee: Double, reachedTarget: Bool) {
        let zeroForOne = s >= target
        let lessFee = remaining * (1 - f)
        let toTarget = zeroForOne ? amount0Delta(target, s, liquidity: L) : amount1Delta(s, target, liquidity: L)
        if lessFee >= toTarget {
            let amountOut = zeroForOne ? amount1Delta(target, s, liquidity: L) : amount0Delta(s, target, liquidity: L)
            return (target, toTarget, amountOut, toTarget * f / (1 - f), true)
        }
        let fee = remaining * f
        let amountIn = remaining - fee
        if zeroForOne {
            let next = L * s / (L + amountIn * s)
            // Rounding may put `next` a hair past the target the input cannot reach.
            return (max(next, target), amountIn, amountIn * s * next, fee, false)
        } else {
            let next = s + amountIn / L
            return (min(next, target), amountIn, amountIn / (s * next), fee, false)
        }
    }

    // MARK: Invariants

    /// Checks that the pool's balances cover every position's amounts at the current
    /// price, its tokens owed and its uncollected fees (to `relativeTolerance` of the
    /// balance), that the active liquidity equals the Σ L of the positions in range, and
    /// that nothing is negative or NaN.
    ///
    /// - Throws: an `InvariantViolation` naming the broken identity.
    /// - Complexity: O(positions + ticks).
    public func checkInvariants(relativeTolerance: Double = 1e-9) throws(InvariantViolation) {
        var need0 = 0.0, need1 = 0.0, active = 0.0, scale = 0.0, total = 0.0
        for (key, p) in positionData {
            total += p.liquidity
            guard p.liquidity >= 0 && p.tokensOwed0 >= 0 && p.tokensOwed1 >= 0 else {
                throw InvariantViolation("position \(key) has a negative amount: \(p)")
            }
            let value = amounts(liquidity: p.liquidity, tickLower: key.tickLower, tickUpper: key.tickUpper)
            let fees = uncollected(owner: key.owner, tickLower: key.tickLower, tickUpper: key.tickUpper)
            need0 += value.amount0 + fees.amount0
            need1 += value.amount1 + fees.amount1
            if tick >= key.tickLower && tick < key.tickUpper {
                active += p.liquidity
                scale = max(scale, p.liquidity)
            }
        }
        guard balance0.isFinite && balance1.isFinite else { throw InvariantViolation("balances are not finite") }
        guard need0 <= balance0 + relativeTolerance * max(balance0, 1e-300) + 1e-18 else {
            throw InvariantViolation("token0: positions need \(need0) but the pool holds \(balance0)")
        }
        guard need1 <= balance1 + relativeTolerance * max(balance1, 1e-300) + 1e-18 else {
            throw InvariantViolation("token1: positions need \(need1) but the pool holds \(balance1)")
        }
        // The active liquidity is a running sum of `liquidityNet` over every tick crossed, so
        // its rounding is relative to the largest sum it carried, at most Σ L of all positions.
        guard abs(active - liquidity) <= relativeTolerance * max(scale, abs(liquidity), total) else {
            throw InvariantViolation("active liquidity \(liquidity) != Σ L in range \(active)")
        }
    }

    // MARK: Internals

    func checkTicks(_ lower: Int, _ upper: Int) throws(PoolError) {
        guard lower < upper else { throw .tickRangeInverted(lower: lower, upper: upper) }
        guard lower >= Self.minTick else { throw .tickBelowMinimum(lower) }
        guard upper <= Self.maxTick else { throw .tickAboveMaximum(upper) }
    }

    /// Adds `change + changeLow` to the active liquidity, a compensated running sum
    /// (``liquidity`` and ``liquidityLow``, about 106 bits): a plain Double sum keeps a
    /// residue of the order of the largest liquidity it carried (positions of 3e11 and 0.002
    /// leave the small one off by 3% once the large one is crossed), and a residue where no
    /// position is active prices the empty range as if it held liquidity, so a swap running
    /// to the extreme price pours its whole input into it (or takes input back if negative).
    /// A result within `1e-15·|change|` of zero is zero (a position minted in several parts
    /// is burned as its rounded sum); a wider margin would wipe out real liquidity, 1e-12
    /// used to take 0.003 for 0 when a position of 2.3e11 left the range.
    mutating func addToLiquidity(_ change: Double, _ changeLow: Double) {
        (liquidity, liquidityLow) = Self.compensatedSum(liquidity, liquidityLow, change, changeLow)
        if abs(liquidity) <= 1e-15 * abs(change) {
            liquidity = 0
            liquidityLow = 0
        }
    }

    /// `(hi + lo) + (x + xLo)` as a new pair `(hi, lo)`, the rounding error of the sum kept in `lo`.
    @inline(__always)
    static func compensatedSum(_ hi: Double, _ lo: Double, _ x: Double, _ xLo: Double) -> (Double, Double) {
        let s = hi + x
        let bb = s - hi
        let error = (hi - (s - bb)) + (x - bb)
        let t = error + lo + xLo
        let r = s + t
        return (r, t - (r - s))
    }

    /// Index of the first initialized tick `>= t`.
    func lowerBound(_ t: Int) -> Int {
        var low = 0, high = tickIndices.count
        while low < high {
            let mid = (low + high) / 2
            if tickIndices[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    mutating func initializeTickIfNeeded(_ t: Int) {
        let k = lowerBound(t)
        if k < tickIndices.count && tickIndices[k] == t { return }
        var info = TickInfo()
        if t <= tick {
            info.feeGrowthOutside0 = feeGrowthGlobal0
            info.feeGrowthOutside1 = feeGrowthGlobal1
        }
        tickIndices.insert(t, at: k)
        tickData.insert(info, at: k)
    }

    /// Tick `update`: `liquidityGross += |Δ|`-style bookkeeping with position counts.
    mutating func updateTick(_ t: Int, delta: Double, upper: Bool, positionAdded: Bool) {
        let k = lowerBound(t)
        guard k < tickIndices.count && tickIndices[k] == t else { return }
        tickData[k].liquidityGross += delta
        (tickData[k].liquidityNet, tickData[k].liquidityNetLow) = Self.compensatedSum(
            tickData[k].liquidityNet, tickData[k].liquidityNetLow, upper ? -delta : delta, 0)
        if positionAdded { tickData[k].positions += 1 }
    }

    /// One position stopped using tick `t`; clears it when none does.
    mutating func releaseTick(_ t: Int) {
        let k = lowerBound(t)
        guard k < tickIndices.count && tickIndices[k] == t else { return }
        tickData[k].positions -= 1
        if tickData[k].positions <= 0 {
            tickIndices.remove(at: k)
            tickData.remove(at: k)
        }
    }

    /// Tick `cross`: flips the fee growth outside and returns `liquidityNet`.
    mutating func crossTick(_ t: Int) -> (hi: Double, lo: Double) {
        let k = lowerBound(t)
        guard k < tickIndices.count && tickIndices[k] == t else { return (0, 0) }
        tickData[k].feeGrowthOutside0 = feeGrowthGlobal0 - tickData[k].feeGrowthOutside0
        tickData[k].feeGrowthOutside1 = feeGrowthGlobal1 - tickData[k].feeGrowthOutside1
        return (tickData[k].liquidityNet, tickData[k].liquidityNetLow)
    }

    /// Position `update`: credits `L·(inside − last)` to tokens owed and records `inside`.
    func accrueValues(_ p: Position, tickLower: Int, tickUpper: Int) -> Position {
        var p = p
        let (inside0, inside1) = feeGrowthInside(tickLower: tickLower, tickUpper: tickUpper)
        if p.liquidity > 0 {
            p.tokensOwed0 += p.liquidity * (inside0 - p.feeGrowthInside0Last)
            p.tokensOwed1 += p.liquidity * (inside1 - p.feeGrowthInside1Last)
        }
        p.feeGrowthInside0Last = inside0
        p.feeGrowthInside1Last = inside1
        return p
    }

    func accrue(_ p: inout Position, tickLower: Int, tickUpper: Int) {
        p = accrueValues(p, tickLower: tickLower, tickUpper: tickUpper)
    }

    /// TickBitmap `nextInitializedTickWithinOneWord`: the next initialized tick at or below
    /// `t` (`lte`) or above it, looking no further than the 256-bit bitmap word of the
    /// compressed tick; if none, the word's edge, not initialized.
    func nextInitializedTickWithinOneWord(_ t: Int, lte: Bool) -> (tick: Int, initialized: Bool) {
        let spacing = tickSpacing
        var compressed = t / spacing
        if t < 0 && t % spacing != 0 { compressed -= 1 }
        if lte {
            let bitPos = compressed & 255
            let wordStart = (compressed - bitPos) * spacing
            // Largest initialized tick <= compressed·spacing.
            let k = lowerBound(compressed * spacing + 1) - 1
            if k >= 0 && tickIndices[k] >= wordStart { return (tickIndices[k], true) }
            return (wordStart, false)
        } else {
            let c = compressed + 1
            let bitPos = c & 255
            let wordEnd = (c + (255 - bitPos)) * spacing
            let k = lowerBound(c * spacing)
            if k < tickIndices.count && tickIndices[k] <= wordEnd { return (tickIndices[k], true) }
            return (wordEnd, false)
        }
    }
}

/// The state of an initialized tick of a ``ConcentratedLiquidityPool`` (v3 `Tick.Info`).
public struct TickInfo: Sendable, Equatable {
    /// Σ L of the positions that use this tick as a bound.
    public internal(set) var liquidityGross: Double = 0
    /// Liquidity added to the active liquidity when the price crosses this tick upward
    /// (+L for positions starting here, −L for positions ending here).
    public internal(set) var liquidityNet: Double = 0
    /// The rounding error of ``liquidityNet`` as a sum of the positions' liquidity.
    var liquidityNetLow: Double = 0
    /// Fee growth of token0 on the other side of this tick from the current price.
    public internal(set) var feeGrowthOutside0: Double = 0
    /// Fee growth of token1 on the other side of this tick from the current price.
    public internal(set) var feeGrowthOutside1: Double = 0
    /// Number of positions with liquidity using this tick (not in the contract; it decides
    /// when the tick is cleared, where the contract tests `liquidityGross == 0`).
    public internal(set) var positions: Int = 0

    /// An uninitialized tick.
    public init() {}
}

/// Identifies a position: its owner and its tick range.
public struct PositionKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The owner's name.
    public let owner: String
    /// Lower tick (inclusive).
    public let tickLower: Int
    /// Upper tick (exclusive).
    public let tickUpper: Int

    /// The key of `owner`'s position on `[tickLower, tickUpper)`.
    public init(owner: String, tickLower: Int, tickUpper: Int) {
        self.owner = owner
        self.tickLower = tickLower
        self.tickUpper = tickUpper
    }

    /// Ordered by owner (Unicode scalar values), then lower tick, then upper tick.
    public static func < (a: PositionKey, b: PositionKey) -> Bool {
        if a.owner != b.owner {
            return a.owner.unicodeScalars.lexicographicallyPrecedes(b.owner.unicodeScalars) { $0.value < $1.value }
        }
        return (a.tickLower, a.tickUpper) < (b.tickLower, b.tickUpper)
    }

    /// `owner[lower, upper)`.
    public var description: String { "\(owner)[\(tickLower), \(tickUpper))" }
}

/// A liquidity position of a ``ConcentratedLiquidityPool`` (v3 `Position.Info`).
public struct Position: Sendable, Equatable {
    /// Liquidity L of the position.
    public internal(set) var liquidity: Double = 0
    /// Fee growth inside the range (token0) when the position was last touched.
    public internal(set) var feeGrowthInside0Last: Double = 0
    /// Fee growth inside the range (token1) when the position was last touched.
    public internal(set) var feeGrowthInside1Last: Double = 0
    /// Token0 owed to the owner: credited fees and burned liquidity, not yet collected.
    public internal(set) var tokensOwed0: Double = 0
    /// Token1 owed to the owner.
    public internal(set) var tokensOwed1: Double = 0

    /// An empty position.
    public init() {}
}
