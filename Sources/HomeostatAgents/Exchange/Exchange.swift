public import HomeostatCore
public import HomeostatMechanisms

/// The AMM pools of a run and the router that trades through them: where agents, the
/// treasury, the buyback and the attacker swap the token, and what arbitrageurs realign.
///
/// The pools' state lives here, apart from the ``Economy`` (the clock, the ledger, the
/// outside market and the agents' columns), so that the economy stays the world state every
/// behaviour acts on and the pools are a venue beside it. Every method that moves coins takes
/// the economy `inout`: the pools change here, the ledger and the day's selling there, in the
/// same order as when both lived in one type (same bits).
///
/// **Routing.** An order is cut into ``routeSlices`` equal slices, each sent to the pool
/// that pays most for it at that moment (so large orders spread over pools as their prices
/// converge); with one pool it is one swap. A slice no pool accepts (a typed ``PoolError``
/// such as an output below one smallest unit or an exhausted side) is traded with the
/// outside market at the external price. A routed swap in a concentrated pool carries the
/// router's slippage limit: it stops where the pool price is ``routeLimit`` times below (a
/// sale) or above (a purchase) the external price, and the rest of the slice goes to the
/// outside market. Tokens sold to pools still count as the day's selling
/// (``Economy/soldToday``), which moves the external price through the impact model.
public struct Exchange: Sendable {
    /// AMM pools: the token against USD or an external asset, or USD against an asset.
    public internal(set) var pools: [LiquidityPool] = []
    /// Pools that trade the token (the router's candidates).
    public internal(set) var tokenPoolCount = 0
    /// Realised yearly volatility of the external price over the trailing window, computed
    /// once a day by the pools module (what LPs watch).
    public var realisedVolatility: Double = 0
    /// Days of price and fee history behind ``realisedVolatility`` and the pools' trailing
    /// fee APRs (LPs act on them only once there is a full window).
    public var liquidityObservationDays: Int = 0

    /// No pools: every trade goes to the outside market.
    public init() {}

    /// Slices an order is cut into when there are several pools.
    public static let routeSlices = 8
    /// How far from the external price a routed swap may move a concentrated pool's price.
    public static let routeLimit = 2.0

    /// The pool called `name`, if any.
    public func poolID(named name: String) -> PoolID? {
        pools.firstIndex { $0.name == name }.map(PoolID.init(index:))
    }

    /// Adds a pool of exactly one of the three mechanisms, trading the token against USD
    /// until ``setPoolCoins(_:coin0:coin1:)`` says otherwise; opens its ledger account
    /// `pool:NAME` in `economy`'s ledger.
    public mutating func addPool(
        name: String, constantProduct: ConstantProductPool? = nil, concentrated: ConcentratedLiquidityPool? = nil,
        stableSwap: StableSwapPool? = nil, economy: inout Economy
    ) -> PoolID {
        let mechanisms = (constantProduct == nil ? 0 : 1) + (concentrated == nil ? 0 : 1) + (stableSwap == nil ? 0 : 1)
        precondition(mechanisms == 1, "a pool is exactly one mechanism")
        precondition(stableSwap.map { $0.coinCount == 2 } ?? true, "a StableSwap pool of the economy has two coins")
        let id = PoolID(index: pools.count)
        tokenPoolCount += 1
        var pool = LiquidityPool(id: id, name: name, account: economy.ledger.open("pool:\(name)", kind: .contract))
        pool.constantProduct = constantProduct
        pool.concentrated = concentrated
        pool.stableSwap = stableSwap
        pools.append(pool)
        return id
    }
}
