/// An AMM pool operation that the imitated contract would revert.
///
/// ``description`` is the contract's revert string where the contract has one (Uniswap v2's
/// `require` messages, stableswap-ng's `assert ..., "reason"`); where the contract reverts
/// without a reason (a bare `assert` with a `# dev:` comment, an arithmetic underflow) it
/// is a plain sentence saying what was wrong. A rejected operation changes nothing.
public enum PoolError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Validation shared by every pool

    /// An amount is negative, NaN or infinite (`uint256` arguments cannot be).
    case invalidAmount(Double)
    /// A coin index is outside `0..<coinCount`.
    case coinIndexOutOfRange(index: Int, coinCount: Int)
    /// A per-coin list has the wrong length.
    case wrongAmountCount(given: Int, coinCount: Int)
    /// An ``LPAccount`` that this pool's share ledger never opened.
    case unknownAccount(LPAccount)
    /// Burning more LP tokens than the account holds (the contract's balance underflow).
    case insufficientLPBalance(have: Double, need: Double)
    /// A pool parameter outside what the contract or factory accepts.
    case invalidParameter(String)

    // MARK: Uniswap v2 (UniswapV2Pair / UniswapV2Library / UniswapV2Router02)

    /// `amountIn == 0` ("UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT").
    case insufficientInputAmount
    /// The swap would pay out nothing ("UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT").
    case insufficientOutputAmount
    /// A reserve is zero, or the output would drain a reserve ("UniswapV2: INSUFFICIENT_LIQUIDITY").
    case insufficientLiquidity
    /// A deposit would mint no LP tokens ("UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED").
    case insufficientLiquidityMinted
    /// A burn would pay out nothing of a coin ("UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED").
    case insufficientLiquidityBurned
    /// The output is below the trader's minimum ("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT").
    case outputBelowMinimum(output: Double, minimum: Double)

    // MARK: Curve stableswap-ng

    /// `i == j` in an exchange or quote.
    case sameCoin(Int)
    /// A zero amount where the contract asserts a positive one (exchange `dx`, LP burn).
    case zeroAmount
    /// The first deposit leaves a coin out ("dev: initial deposit requires all coins").
    case initialDepositRequiresAllCoins
    /// A deposit that does not raise the invariant, e.g. all amounts zero (`assert D1 > D0`).
    case invariantDidNotIncrease
    /// The pool has no liquidity (D = 0 or no LP supply), so it cannot quote or trade.
    case emptyPool
    /// A coin's pool balance is zero while others are not, so D is undefined
    /// (the contract divides by zero).
    case coinBalanceZero(Int)
    /// Newton's method did not converge in 255 iterations (the contract raises).
    case didNotConverge
    /// Exchange output below `min_dy` ("Exchange resulted in fewer coins than expected").
    case exchangeBelowMinimum(dy: Double, minimum: Double)
    /// Minted LP tokens below `min_mint_amount` ("Slippage screwed you").
    case mintBelowMinimum(minted: Double, minimum: Double)
    /// One-coin withdrawal below `min_received` ("Not enough coins removed").
    case withdrawOneCoinBelowMinimum(dy: Double, minimum: Double)
    /// Balanced withdrawal of coin `coin` below its minimum
    /// ("Withdrawal resulted in fewer coins than expected").
    case withdrawalBelowMinimum(coin: Int, amount: Double, minimum: Double)

    // MARK: Uniswap v3 (UniswapV3Pool / TickMath / TickBitmap / LiquidityMath)

    /// A position's lower tick is not below its upper tick ("TLU").
    case tickRangeInverted(lower: Int, upper: Int)
    /// A lower tick below `MIN_TICK` ("TLM").
    case tickBelowMinimum(Int)
    /// An upper tick above `MAX_TICK` ("TUM").
    case tickAboveMaximum(Int)
    /// A tick that is not a multiple of the pool's tick spacing (`TickBitmap.flipTick`'s
    /// `require(tick % tickSpacing == 0)`, no reason string).
    case tickNotOnSpacing(tick: Int, spacing: Int)
    /// A square-root price outside `[MIN_SQRT_RATIO, MAX_SQRT_RATIO)` ("R").
    case sqrtPriceOutOfRange(Double)
    /// A swap's price limit on the wrong side of the current price or beyond the
    /// extreme prices ("SPL").
    case priceLimitOutOfRange(limit: Double, current: Double)
    /// Poking (burning 0 of) a position that has no liquidity ("NP").
    case positionNotFound
    /// Burning more liquidity than the position has ("LS", `LiquidityMath.addDelta` underflow).
    case insufficientPositionLiquidity(have: Double, need: Double)

    /// The contract's revert reason, or a plain sentence where the contract gives none.
    public var description: String {
        switch self {
        case .invalidAmount(let x): "amount must be a finite number >= 0, got \(x)"
        case .coinIndexOutOfRange(let i, let n): "coin index \(i) out of range 0..<\(n)"
        case .wrongAmountCount(let given, let n): "expected \(n) amounts (one per coin), got \(given)"
        case .unknownAccount(let a): "unknown LP account #\(a.index)"
        case .insufficientLPBalance(let have, let need):
            "burning \(need) LP tokens but the account holds only \(have)"
        case .invalidParameter(let message): message
        case .insufficientInputAmount: "UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT"
        case .insufficientOutputAmount: "UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT"
        case .insufficientLiquidity: "UniswapV2: INSUFFICIENT_LIQUIDITY"
        case .insufficientLiquidityMinted: "UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED"
        case .insufficientLiquidityBurned: "UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED"
        case .outputBelowMinimum: "UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT"
        case .sameCoin(let i): "cannot exchange coin \(i) for itself (i == j)"
        case .zeroAmount: "amount must be positive, got 0"
        case .initialDepositRequiresAllCoins: "initial deposit requires all coins"
        case .invariantDidNotIncrease: "deposit does not increase D (all amounts zero?)"
        case .emptyPool: "the pool has no liquidity"
        case .coinBalanceZero(let i): "coin \(i) has a zero pool balance, so D is undefined"
        case .didNotConverge: "Newton's method did not converge in 255 iterations"
        case .exchangeBelowMinimum: "Exchange resulted in fewer coins than expected"
        case .mintBelowMinimum: "Slippage screwed you"
        case .withdrawOneCoinBelowMinimum: "Not enough coins removed"
        case .withdrawalBelowMinimum: "Withdrawal resulted in fewer coins than expected"
        case .tickRangeInverted(let lower, let upper): "TLU (tick_lower \(lower) must be below tick_upper \(upper))"
        case .tickBelowMinimum(let tick): "TLM (tick_lower \(tick) is below MIN_TICK -887272)"
        case .tickAboveMaximum(let tick): "TUM (tick_upper \(tick) is above MAX_TICK 887272)"
        case .tickNotOnSpacing(let tick, let spacing): "tick \(tick) is not a multiple of the tick spacing \(spacing)"
        case .sqrtPriceOutOfRange(let s): "R (sqrt price \(s) is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO))"
        case .priceLimitOutOfRange(let limit, _):
            "SPL (sqrt price limit \(limit) is not strictly between the current sqrt price and the extreme in the swap's direction)"
        case .positionNotFound: "NP (the position has no liquidity)"
        case .insufficientPositionLiquidity(let have, let need):
            "LS (burning \(need) liquidity but the position has only \(have))"
        }
    }
}
