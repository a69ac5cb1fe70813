public import HomeostatCore

/// An AMM pool (`pools:` entries): the token against USD, the token against an external
/// asset (`quote`), or USD against an external asset (`coins`, StableSwap only).
///
/// Coin 0 is the token and coin 1 is USD (or the `quote` asset), so a pool's price is USD
/// (or quote asset) per token; a `coins` pool's coin 0 is the asset and coin 1 USD. The day-0 liquidity is protocol-owned: its LP shares (or concentrated
/// positions) belong to the treasury, the tokens are minted into the pool and the USD
/// comes from the outside market.
public struct PoolSpec: Sendable, Equatable {
    /// The AMM design.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case constantProduct = "constant_product"
        case concentrated
        case stableswap
    }

    /// The pool's name, unique among pools; its ledger account is `pool:NAME`.
    public var name: String
    /// The AMM design.
    public var kind: Kind
    /// Tokens in the pool at day 0 (constant product, StableSwap), or the token side of the day-0
    /// liquidity valued at the day-0 price (concentrated: the day-0 value is twice this
    /// times `market.price`, spread over `ranges`).
    public var tokenReserve: Double
    /// USD in the pool at day 0 (constant product, StableSwap); `nil`: `tokenReserve × market.price`.
    public var usdReserve: Double? = nil
    /// Swap fee as a fraction of the input.
    public var fee: Double = 0.003
    /// The fee switch (0 = off): constant product, the share of the LPs' fee growth minted
    /// to the treasury as LP shares (Uniswap v2); StableSwap, the admin share of every fee
    /// (Curve's admin fee), claimed by the treasury each day.
    public var protocolFeeShare: Double = 0
    /// StableSwap amplification `A` (Curve's contract value).
    public var amplification: Double = 100
    /// Tick spacing of a concentrated pool.
    public var tickSpacing: Int = 60
    /// Day-0 protocol-owned ranges of a concentrated pool, each as price bounds
    /// relative to the day-0 price; the day-0 value is split equally between them.
    public var ranges: [PriceRange] = [PriceRange(lower: 0.5, upper: 2)]
    /// Trade size, in USD, of the pool's `pool_slippage` metric.
    public var slippageTradeUSD: Double = 10_000
    /// The coin the token trades against: `USD` or an external asset's symbol (`assets:`).
    public var quote: String = PoolSpec.usd
    /// A pool without the token: its two coins, `USD` and an external asset, in file order
    /// (StableSwap only; `usd_reserve` is its USD side, the asset side is worth the same at
    /// the asset's day-0 price). `nil`: a token pool.
    public var coins: [String]? = nil

    /// A pool with the given name, kind and day-0 token reserve, other fields at their defaults.
    public init(name: String, kind: Kind, tokenReserve: Double) {
        self.name = name; self.kind = kind; self.tokenReserve = tokenReserve
    }
}

/// A price range relative to the day-0 price (`lower < 1 < upper` for an in-range position).
public struct PriceRange: Sendable, Equatable {
    /// Lower bound as a multiple of the day-0 price, `> 0`.
    public var lower: Double
    /// Upper bound as a multiple of the day-0 price, `> lower`.
    public var upper: Double
    /// The range `[lower, upper] × P0`.
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }
}

/// Arbitrageurs: after the external price moves, each pool whose price is outside its fee
/// band is traded back toward the external price, when the profit exceeds the gas cost.
public struct ArbitrageurSpec: Sendable, Equatable {
    /// Cost of one arbitrage transaction in USD; a trade is made only if its profit at the
    /// external price exceeds it.
    public var gasUSD: Double = 0
    /// The defaults (no gas).
    public init() {}
}

/// Passive LPs: deposit at day 1 into a full-range pool (constant product or StableSwap), hold, withdraw when the pool's
/// trailing fee APR falls below the agent's threshold or the realised volatility rises above
/// its threshold, and re-enter when both are back on the right side.
public struct PassiveLPSpec: Sendable, Equatable {
    /// The pool (a `constant_product` or `stableswap` pool's name).
    public var pool: String
    /// Share of the agent's tokens (with the USD that matches them) deposited.
    public var depositFraction: Double = 1
    /// Per agent: the least trailing fee APR (fraction a year) the agent stays for.
    public var minFeeAPR: Distribution = .constant(0)
    /// Per agent: the highest realised volatility (yearly) the agent stays for.
    public var maxVolatility: Distribution = .constant(1)
    /// Whether the agents stake their LP shares in the pool's gauge (the first gauge of
    /// `mechanisms.gauges.list` on the pool) and claim its rewards every 7 days.
    public var stake: Bool = false
    /// A passive LP of `pool`.
    public init(pool: String) { self.pool = pool }
}

/// Range LPs: each agent keeps a concentrated position of `±width` around the price in a
/// concentrated pool and re-centres it (burn, collect, mint) when the price leaves the
/// inner band `±width·rebalanceBand`, paying `gasUSD` each time.
public struct RangeLPSpec: Sendable, Equatable {
    /// The pool (a `concentrated` pool's name).
    public var pool: String
    /// Per agent: half-width of the range as a fraction of the price (0.1: `[P/1.1, P·1.1]`).
    public var width: Distribution = .constant(0.1)
    /// Re-centre when the price moves past this fraction of the half-width.
    public var rebalanceBand: Double = 1
    /// Share of the agent's tokens (with matching USD) put in the position.
    public var depositFraction: Double = 1
    /// Gas paid per rebalance, in USD (to the outside market).
    public var gasUSD: Double = 0
    /// A range LP of `pool`.
    public init(pool: String) { self.pool = pool }
}

/// Noise traders: each day each agent trades with probability `activity`, an order whose
/// USD size is drawn from `size`, buying with probability `buyProbability` and selling
/// otherwise, through the router.
public struct NoiseTraderSpec: Sendable, Equatable {
    /// Daily probability that an agent trades.
    public var activity: Double = 0.1
    /// Order size in USD.
    public var size: Distribution = .lognormal(mu: 6, sigma: 1)
    /// Probability that an order is a buy (0.5: balanced flow).
    public var buyProbability: Double = 0.5
    /// A USD/asset pool (`coins`) the agents trade instead of the token: a "buy" swaps USD
    /// for the asset in the pool and sells it outside at its external price, a "sell" buys
    /// the asset outside and swaps it for USD in the pool. `nil`: the token, through the router.
    public var pool: String? = nil
    /// The defaults.
    public init() {}
}

/// Informed traders: each day each agent trades with probability `activity`; with
/// probability `accuracy` it knows the sign of the next external move and trades in its
/// direction (buys before a rise), otherwise it trades in a random direction.
public struct InformedTraderSpec: Sendable, Equatable {
    /// Daily probability that an agent trades.
    public var activity: Double = 0.1
    /// Probability of knowing the next move's sign.
    public var accuracy: Double = 0.6
    /// Order size in USD.
    public var size: Distribution = .lognormal(mu: 6, sigma: 1)
    /// The defaults.
    public init() {}
}

/// Metrics recorded once per pool, named `KIND:POOL` (for example `pool_value:main`).
public enum PoolMetricName: String, Sendable, CaseIterable {
    case value = "pool_value"
    case price = "pool_price"
    case feesEarned = "pool_fees"
    case impermanentLoss = "pool_il"
    case lvr = "pool_lvr"
    case delta = "pool_delta"
    case gamma = "pool_gamma"
    case depthUp = "pool_depth_up"
    case depthDown = "pool_depth_down"
    case slippage = "pool_slippage"
    case toxicShare = "pool_toxic_share"
    case volume = "pool_volume"
    case feeSwitchRevenue = "pool_fee_switch"

    /// Unit, for tables and chart axes.
    public var unit: String {
        switch self {
        case .value, .feesEarned, .lvr, .volume, .feeSwitchRevenue: "USD"
        case .price: "USD/token"
        case .impermanentLoss, .slippage, .toxicShare: "fraction"
        case .delta, .depthUp, .depthDown: "tokens"
        case .gamma: "tokens per USD/token"
        }
    }

    /// One-line meaning, for docs and `homeostat list`.
    public var meaning: String {
        switch self {
        case .value: "USD value of the pool's reserves at the external price"
        case .price: "the pool's marginal price, USD per token (a quote asset's price converted at its USD price; a USD/asset pool: USD per asset)"
        case .feesEarned: "swap fees earned by the pool's LPs during the day, USD at the external price"
        case .impermanentLoss: "the day-0 position's value against holding its day-0 coins, both at the pool price, minus 1"
        case .lvr: "loss-versus-rebalancing during the day: arbitrageurs' profit at the external price, USD"
        case .delta: "tokens held by the pool's liquidity (dV/dP of the LP position)"
        case .gamma: "d²V/dP² of the pool's liquidity (negative: LPs are short gamma)"
        case .depthUp: "USD-side input, in tokens' worth at the pool price, that moves the pool price up 2%"
        case .depthDown: "tokens sold into the pool that move its price down 2%"
        case .slippage: "shortfall of the execution price from the marginal price for selling the pool's slippage_trade_usd of tokens, fee included"
        case .toxicShare: "share of the day's volume that is arbitrage or informed flow (NaN on a day without volume)"
        case .volume: "USD volume swapped in the pool during the day"
        case .feeSwitchRevenue: "USD value of the LP shares minted to the treasury by the fee switch during the day"
        }
    }

    /// The metric `name` (`KIND:POOL`) split into its kind and pool, or nil.
    public static func parse(_ name: String) -> (metric: PoolMetricName, pool: String)? {
        splitQualifiedMetric(name).map { (metric: $0, pool: $1) }
    }
}
