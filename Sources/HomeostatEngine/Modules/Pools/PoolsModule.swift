import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

/// AMM pools (`pools:`): constant product (Uniswap v2, with the fee switch), StableSwap
/// (Curve, with admin fees) and concentrated liquidity (Uniswap v3), funded at day 0 with
/// protocol-owned liquidity. Agents trade through the router (``Exchange/sellTokens(_:from:flow:economy:)``);
/// after the external price moves, arbitrageurs realign every pool, then the day's
/// statistics (LVR interval, trailing fee APR, realised volatility, fee-switch revenue).
/// The liquidity providers' share of the revenue (`revenue_split.liquidity_providers`) and
/// the per-pool and per-LP-population metrics are here too (`PoolsModule+Metrics.swift`,
/// `PoolsModule+Providers.swift`).
///
/// The pools themselves, with the router and the arbitrage, are an ``Exchange`` (in Agents,
/// because behaviours trade through it), kept in the world's ``World/venues`` beside the
/// economy: the treasury, the buyback and the attacker trade through it too. This module
/// builds it at day 0 and runs it each day; nothing else adds pools.
public struct PoolsModule: Module {
    /// Days of history in the trailing windows.
    static let feeWindow = 7
    static let volatilityWindow = 30
    /// Tokens minted into the pools at day 0 (they count toward the token's supply).
    public private(set) var minted = 0.0
    /// Populations whose behaviour is ``ArbitrageurBehaviour``, in population order.
    public var arbitrageurs: [Int] = []
    /// Per pool: the last ``feeWindow`` days' fees (USD) and values, ring buffers.
    var feeHistory: [[Double]] = []
    var valueHistory: [[Double]] = []
    /// Squared daily log returns of the external price, ring buffer.
    var squaredReturns = [Double](repeating: 0, count: PoolsModule.volatilityWindow)
    var observedDays = 0
    /// Per pool: value at the external price when the current interval started (for LVR).
    var intervalStartValue: [Double] = []
    /// Per pool: treasury LP shares already counted as fee-switch revenue.
    var feeSwitchShares: [Double] = []
    /// Per pool: USD value of the LP shares the fee switch minted to the treasury today (a
    /// StableSwap pool: of the admin fees claimed today).
    var feeSwitchToday: [Double] = []
    /// Per pool: the trade size of `pool_slippage`, USD.
    var slippageTradeUSD: [Double] = []
    /// `revenue_split.liquidity_providers`.
    var liquidityProvidersShare = 0.0
    /// The liquidity providers' revenue share paid per population.
    var providerRevenue = ProviderRevenue()

    /// Builds the scenario's pools, funded at day 0 (tokens minted into the pool, USD from
    /// the outside market, the position owned by the treasury).
    public init(_ specs: [PoolSpec], assets: [AssetSpec], revenueSplit: RevenueSplitSpec?, world: inout World) throws(SimulationError) {
        var minted = 0.0
        for spec in specs {
            do throws(PoolError) {
                // Coin 0 is the token (or a coins pool's asset), coin 1 USD or the quote asset;
                // p0 is coin 1 per coin 0 at the day-0 external prices (the market price for a
                // token/USD pool) and price1 coin 1's USD price (1 for USD).
                let coins = Self.coins(of: spec, assets: assets)
                let price1 = world.economy.usdPrice(coins.coin1)
                let p0 = world.economy.usdPrice(coins.coin0) / price1
                switch spec.kind {
                case .constantProduct:
                    var pair = try ConstantProductPool(fee: spec.fee, protocolFeeShare: spec.protocolFeeShare > 0 ? spec.protocolFeeShare : 1.0 / 6.0)
                    let treasury = pair.openAccount(LiquidityPool.treasuryOwner)
                    if spec.protocolFeeShare > 0 { try pair.setFeeTo(treasury) }
                    let usd = spec.usdReserve.map { $0 / price1 } ?? spec.tokenReserve * p0
                    let shares = try pair.addLiquidity(who: treasury, amounts: [spec.tokenReserve, usd])
                    let id = world.venues.exchange.addPool(name: spec.name, constantProduct: pair, economy: &world.economy)
                    world.venues.exchange.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    world.venues.exchange.setInitialPosition(
                        id, token: spec.tokenReserve, usd: usd, shares: shares, treasury: treasury, economy: &world.economy)
                    minted += spec.tokenReserve
                case .stableswap:
                    var curve = try StableSwapPool(
                        coinCount: 2, A: spec.amplification, fee: spec.fee, adminFee: spec.protocolFeeShare)
                    let treasury = curve.openAccount(LiquidityPool.treasuryOwner)
                    // A coins pool: usd_reserve USD and the asset worth the same.
                    let amount0: Double
                    if spec.hasToken {
                        amount0 = spec.tokenReserve
                    } else {
                        // The decoder requires usd_reserve of a pool without the token.
                        guard let usdReserve = spec.usdReserve else {
                            throw PoolError.invalidParameter("pool \(spec.name) has neither the token nor usd_reserve")
                        }
                        amount0 = usdReserve / p0
                    }
                    let usd = spec.usdReserve.map { $0 / price1 } ?? spec.tokenReserve * p0
                    let shares = try curve.addLiquidity(who: treasury, amounts: [amount0, usd])
                    let id = world.venues.exchange.addPool(name: spec.name, stableSwap: curve, economy: &world.economy)
                    world.venues.exchange.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    world.venues.exchange.setInitialStableSwapPosition(
                        id, token: amount0, usd: usd, shares: shares, treasury: treasury, economy: &world.economy)
                    if spec.hasToken { minted += spec.tokenReserve }
                case .concentrated:
                    let fee = Int((spec.fee * Double(ConcentratedLiquidityPool.feeDenominator)).rounded())
                    let v3 = try ConcentratedLiquidityPool(price: p0, tickSpacing: spec.tickSpacing, fee: fee)
                    let id = world.venues.exchange.addPool(name: spec.name, concentrated: v3, economy: &world.economy)
                    world.venues.exchange.setPoolCoins(id, coin0: coins.coin0, coin1: coins.coin1)
                    let valuePerRange = 2 * spec.tokenReserve * p0 / Double(spec.ranges.count)
                    var ranges: [(Int, Int, Double)] = []
                    var amounts = (token: 0.0, usd: 0.0)
                    for r in spec.ranges {
                        guard let ticks = world.venues.exchange.tickRange(pool: id, lowerPrice: r.lower * p0, upperPrice: r.upper * p0) else {
                            throw PoolError.invalidParameter("range [\(r.lower), \(r.upper)] of pool \(spec.name) has no ticks")
                        }
                        guard let unit = world.venues.exchange.pools[id.index].concentrated?.amounts(
                            liquidity: 1, tickLower: ticks.tickLower, tickUpper: ticks.tickUpper)
                        else { throw PoolError.invalidParameter("pool \(spec.name) is not a concentrated pool") }
                        let liquidity = valuePerRange / (unit.amount0 * p0 + unit.amount1)
                        let paid = try world.venues.exchange.mintInitialRange(
                            id, tickLower: ticks.tickLower, tickUpper: ticks.tickUpper, liquidity: liquidity, economy: &world.economy)
                        ranges.append((ticks.tickLower, ticks.tickUpper, liquidity))
                        amounts.token += paid.amount0
                        amounts.usd += paid.amount1
                    }
                    world.venues.exchange.setInitialRanges(id, ranges: ranges, token: amounts.token, usd: amounts.usd)
                    minted += amounts.token
                }
            } catch {
                throw SimulationError(day: 0, message: "pool \(spec.name): \(error)")
            }
        }
        let count = world.venues.exchange.pools.count
        feeHistory = Array(repeating: Array(repeating: 0, count: Self.feeWindow), count: count)
        valueHistory = feeHistory
        intervalStartValue = world.venues.exchange.pools.indices.map { world.venues.exchange.poolValueUSD($0, economy: world.economy) }
        feeSwitchShares = world.venues.exchange.pools.map { $0.constantProduct?.shares.balance(named: LiquidityPool.treasuryOwner) ?? 0 }
        feeSwitchToday = Array(repeating: 0, count: count)
        self.minted = minted
        slippageTradeUSD = specs.map(\.slippageTradeUSD)
        liquidityProvidersShare = revenueSplit?.liquidityProviders ?? 0
    }


    /// The coins of pool `spec`: token and USD or its quote asset, or a coins pool's asset
    /// (coin 0) and USD (coin 1).
    static func coins(of spec: PoolSpec, assets: [AssetSpec]) -> (coin0: Asset, coin1: Asset) {
        if let asset = spec.externalAsset, !spec.hasToken { return (AssetsModule.ledgerAsset(asset, in: assets), .cash) }
        return (.token, AssetsModule.ledgerAsset(spec.quote, in: assets))
    }

    public var name: String { "pools" }

    public var hooks: [Hook] {
        var hooks = [
            Hook(.dayStart, 10, "restart the pools' daily flows"),
            Hook(.market, 20, "arbitrageurs realign the pools; fee APRs, volatility, fee-switch revenue"),
        ]
        if liquidityProvidersShare > 0 { hooks.append(Hook(.settlement, 40, "the liquidity providers' share of the revenue")) }
        return hooks
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        switch hook.phase {
        case .dayStart: world.venues.exchange.resetPoolDays()
        case .market: afterPriceMove(&world)
        default: if world.today.hasRevenue { payLiquidityProviders(revenue: world.today.revenue, world: &world) }
        }
    }

    /// After the external price moved: arbitrageurs realign every pool, then the day's
    /// statistics (LVR interval, trailing fee APR, realised volatility, fee-switch revenue).
    mutating func afterPriceMove(_ world: inout World) {
        let previousPrice = world.today.previousPrice
        for p in arbitrageurs {
            guard let arb = world.populations[p].behaviour as? ArbitrageurBehaviour else { continue }
            _ = arb.realign(
                rows: world.populations[p].rows, account: world.populations[p].account, economy: &world.economy,
                exchange: &world.venues.exchange)
        }
        let price = world.economy.market.price
        let slot = observedDays % Self.feeWindow
        for k in world.venues.exchange.pools.indices {
            let value = world.venues.exchange.poolValueUSD(k, economy: world.economy)
            world.venues.exchange.elapsePool(k, days: 1, startValue: intervalStartValue[k])
            intervalStartValue[k] = value
            feeHistory[k][slot] = world.venues.exchange.pools[k].feesToday
            valueHistory[k][slot] = value
            let n = min(observedDays + 1, Self.feeWindow)
            var fees = 0.0
            var values = 0.0
            for d in 0..<n { fees += feeHistory[k][d]; values += valueHistory[k][d] }
            world.venues.exchange.setTrailingFeeAPR(k, values > 0 ? fees / (values / Double(n)) * 365 / Double(n) : 0)
            feeSwitchToday[k] = 0
            if world.venues.exchange.pools[k].stableSwap != nil {
                // Curve's admin fees: claimed for the treasury every day.
                let claimed = world.venues.exchange.claimAdminFees(k, economy: &world.economy)
                let pool = world.venues.exchange.pools[k]
                feeSwitchToday[k] = claimed.token * world.economy.usdPrice(pool.coin0) + claimed.usd * world.economy.usdPrice(pool.coin1)
            }
            if let pair = world.venues.exchange.pools[k].constantProduct, pair.feeTo != nil {
                let held = pair.shares.balance(named: LiquidityPool.treasuryOwner)
                let minted = held - feeSwitchShares[k]
                if minted > 0, pair.shares.totalSupply > 0 {
                    feeSwitchToday[k] = minted * value / pair.shares.totalSupply
                }
                feeSwitchShares[k] = held
            }
        }
        let r = previousPrice > 0 && price > 0 ? _log(price / previousPrice) : 0
        squaredReturns[observedDays % Self.volatilityWindow] = r * r
        observedDays += 1
        let n = min(observedDays, Self.volatilityWindow)
        var sum = 0.0
        for d in 0..<n { sum += squaredReturns[d] }
        world.venues.exchange.realisedVolatility = (365 * sum / Double(n)).squareRoot()
        world.venues.exchange.liquidityObservationDays = observedDays
    }

}
