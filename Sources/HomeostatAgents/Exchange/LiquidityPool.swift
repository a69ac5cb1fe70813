public import HomeostatCore
public import HomeostatMechanisms

/// A typed index of a pool in ``Exchange/pools``.
public struct PoolID: Hashable, Sendable {
    /// Position in ``Exchange/pools``.
    public let index: Int
    /// The pool at `index`.
    @inlinable public init(index: Int) { self.index = index }
}

/// Who a trade is for, so each pool's volume can be split by kind of flow (the toxic share
/// of volume is arbitrage plus informed flow).
public enum OrderFlow: Int, Sendable, CaseIterable {
    case holder, noise, informed, arbitrage, liquidity, treasury, attacker, farmer

    /// Arbitrage and informed flow: trades that LPs lose to on average.
    public var isToxic: Bool { self == .arbitrage || self == .informed }
}

/// One AMM pool of the economy: the mechanism (a Uniswap v2 pair, a v3 pool or a Curve
/// StableSwap pool of two coins: coin 0 the token and coin 1 USD or an external asset, or
/// coin 0 an external asset and coin 1 USD), its ledger account, which population holds
/// which LP shares, and the day's flows for metrics.
///
/// The pool's ledger account holds exactly its coins: a pair's reserves, or a v3 pool's
/// balances (positions' amounts plus fees owed), which ``Economy`` keeps in step with every
/// swap, deposit and withdrawal.
public struct LiquidityPool: Sendable {
    /// Its index in ``Exchange/pools``.
    public let id: PoolID
    /// The scenario's name for it.
    public let name: String
    /// Its ledger account, `pool:NAME`.
    public let account: AccountID
    /// The ledger asset of coin 0: the token, or an external asset of a USD/asset pool.
    public internal(set) var coin0: Asset = .token
    /// The ledger asset of coin 1: USD, or the external asset a token pool quotes.
    public internal(set) var coin1: Asset = .cash
    /// Whether coin 0 is the token (the router's candidates).
    public var tradesToken: Bool { coin0 == .token }
    /// The pair, for a constant-product pool.
    public internal(set) var constantProduct: ConstantProductPool?
    /// The v3 pool, for a concentrated pool.
    public internal(set) var concentrated: ConcentratedLiquidityPool?
    /// The StableSwap pool, for a StableSwap pool.
    public internal(set) var stableSwap: StableSwapPool?
    /// LP account in the full-range pool's shares of each ledger account (by account index; -1: none).
    var lpAccountOf: [Int32] = []
    /// The treasury's LP account (the day-0 liquidity and the fee switch's mint).
    public internal(set) var treasuryLP: LPAccount?

    /// USD volume swapped today, by ``OrderFlow`` raw value.
    public internal(set) var volumeToday = [Double](repeating: 0, count: OrderFlow.allCases.count)
    /// Swap fees charged today, USD at the external price.
    public internal(set) var feesToday = 0.0
    /// Arbitrageurs' profit today at the external price, before gas (the day's LVR).
    public internal(set) var lvrToday = 0.0
    /// Loss-versus-rebalancing since day 0 (trades and pool value over time).
    public internal(set) var lvr = LVRAccumulator()
    /// Trailing fee income per USD of pool value per year, computed by the engine each day.
    public var trailingFeeAPR = 0.0

    /// Coins the day-0 (protocol-owned) position put in, token and USD.
    public internal(set) var initialAmounts = (token: 0.0, usd: 0.0)
    /// LP shares of the day-0 position (constant product).
    public internal(set) var initialShares = 0.0
    /// Ranges of the day-0 position (concentrated): ticks and liquidity, owned by the treasury.
    public internal(set) var initialRanges: [(tickLower: Int, tickUpper: Int, liquidity: Double)] = []

    /// Owner name of the treasury's positions in a concentrated pool.
    public static let treasuryOwner = "treasury"

    init(id: PoolID, name: String, account: AccountID) {
        self.id = id
        self.name = name
        self.account = account
    }

    /// The swap fee as a fraction of the input.
    public var fee: Double {
        if let p = constantProduct { return p.fee }
        if let p = concentrated { return Double(p.fee) / Double(ConcentratedLiquidityPool.feeDenominator) }
        return stableSwap?.fee ?? 0
    }

    /// The full-range pool's LP shares (constant product or StableSwap).
    public var lpShares: LPShares? { constantProduct?.shares ?? stableSwap?.shares }

    /// Marginal price, USD per token (0 when empty).
    public var price: Double {
        if let p = constantProduct { return p.price }
        if let p = stableSwap { return Self.marginalPrice(p) }
        return concentrated?.price ?? 0
    }

    /// The fee-free marginal price of coin 0 in coin 1 of a two-coin StableSwap pool, from
    /// a sale of a millionth of its coin-0 balance (`dy₀ = dy / (1 − fee)`); 0 when empty.
    public static func marginalPrice(_ p: StableSwapPool) -> Double {
        let x = p.balance(0)
        guard x > 0, let dy = try? p.getDy(i: 0, j: 1, dx: x * 1e-6) else { return 0 }
        let fee = (try? p.dynamicFee(i: 0, j: 1)) ?? p.fee
        return dy / (1 - fee) / (x * 1e-6)
    }

    /// The coins the pool holds (its ledger account's balances): reserves, or a v3 pool's
    /// balances.
    public var holdings: (token: Double, usd: Double) {
        if let p = constantProduct { return (p.reserve0, p.reserve1) }
        if let p = concentrated { return (p.balance0, p.balance1) }
        if let p = stableSwap { return (p.balance(0) + p.adminBalances[0], p.balance(1) + p.adminBalances[1]) }
        return (0, 0)
    }

    /// Value of the holdings at `price` USD per token.
    public func value(at price: Double) -> Double {
        let h = holdings
        return h.token * price + h.usd
    }

    /// Value in USD of the holdings at `price0` and `price1` USD per coin 0 and coin 1
    /// (equal to ``value(at:)`` when coin 1 is USD, `price1 = 1`).
    public func value(price0: Double, price1: Double) -> Double {
        let h = holdings
        return h.token * price0 + h.usd * price1
    }

    /// Sells `amount` of coin `coinIn` (0: token, 1: USD) into the pool, limited to the price
    /// `sqrtPriceLimit` for a v3 pool.
    /// - Returns: output and fee (in the input coin).
    mutating func swap(coinIn: Int, amount: Double, sqrtPriceLimit: Double? = nil) throws(PoolError) -> (amountIn: Double, out: Double, fee: Double) {
        // Optional chaining mutates each mechanism in place (no copy of its arrays).
        if let out = try constantProduct?.swap(i: coinIn, dx: amount), let fee = constantProduct?.fee {
            return (amount, out, amount * fee)
        }
        if stableSwap != nil {
            // Read before the exchange, without binding a copy (which would make the exchange
            // copy the pool's arrays).
            let fee = (try? stableSwap?.dynamicFee(i: coinIn, j: 1 - coinIn)) ?? (stableSwap?.fee ?? 0)
            guard let out = try stableSwap?.exchange(i: coinIn, j: 1 - coinIn, dx: amount) else { throw .insufficientLiquidity }
            // The fee is charged on the output; expressed in the input coin at the trade's rate.
            return (amount, out, amount * fee)
        }
        guard let r = try concentrated?.swap(zeroForOne: coinIn == 0, amountIn: amount, sqrtPriceLimit: sqrtPriceLimit) else {
            throw .insufficientLiquidity
        }
        guard r.amountOut > 0 else { throw .insufficientOutputAmount }
        return (r.amountIn, r.amountOut, r.fee)
    }

    /// What selling `amount` of coin `coinIn` would pay, or nil if the pool rejects it.
    func quote(coinIn: Int, amount: Double, sqrtPriceLimit: Double? = nil) -> Double? {
        if let p = constantProduct { return try? p.getAmountOut(i: coinIn, dx: amount) }
        if let p = stableSwap { return try? p.getDy(i: coinIn, j: 1 - coinIn, dx: amount) }
        guard var copy = concentrated else { return nil }
        guard let r = try? copy.swap(zeroForOne: coinIn == 0, amountIn: amount, sqrtPriceLimit: sqrtPriceLimit), r.amountOut > 0 else {
            return nil
        }
        // A partial fill is quoted as what the filled part pays plus the rest at nothing.
        return r.amountOut
    }

    /// The LP account of ledger account `owner`, opened on first use (nil for a concentrated
    /// pool, which has no LP shares).
    mutating func lpAccount(for owner: AccountID, name: String) -> LPAccount? {
        let i = Int(owner.index)
        if i < lpAccountOf.count, lpAccountOf[i] >= 0 { return LPAccount(index: lpAccountOf[i]) }
        if lpAccountOf.count <= i { lpAccountOf.append(contentsOf: repeatElement(-1, count: i + 1 - lpAccountOf.count)) }
        guard let account = constantProduct?.openAccount(name) ?? stableSwap?.openAccount(name) else { return nil }
        lpAccountOf[i] = account.index
        return account
    }

    /// LP shares of a full-range pool held by ledger account `owner`.
    public func shares(of owner: AccountID) -> Double {
        guard let p = lpShares else { return 0 }
        let i = Int(owner.index)
        guard i < lpAccountOf.count, lpAccountOf[i] >= 0 else { return 0 }
        return p.balance(of: LPAccount(index: lpAccountOf[i]))
    }

    /// Starts a new day's flows.
    mutating func resetDay() {
        for k in volumeToday.indices { volumeToday[k] = 0 }
        feesToday = 0
        lvrToday = 0
    }

    mutating func recordSwap(flow: OrderFlow, usd: Double, feeUSD: Double) {
        volumeToday[flow.rawValue] += usd
        feesToday += feeUSD
    }
}

/// An LP population's coins into and out of its pool since day 0, for its P&L against
/// holding: tokens and USD deposited, tokens and USD withdrawn (fees collected included),
/// and gas paid.
public struct LPFlows: Sendable, Equatable {
    /// Tokens paid into positions.
    public var depositedTokens = 0.0
    /// USD paid into positions.
    public var depositedUSD = 0.0
    /// Tokens paid out by withdrawals (collected fees included).
    public var withdrawnTokens = 0.0
    /// USD paid out by withdrawals (collected fees included).
    public var withdrawnUSD = 0.0
    /// Gas paid to rebalance, USD.
    public var gasUSD = 0.0
    /// No flows yet.
    public init() {}
}
