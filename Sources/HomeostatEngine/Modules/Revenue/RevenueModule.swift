import HomeostatAgents
import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// The fee path, in one place (`mechanisms.fee_sharing` and `mechanisms.revenue_split`):
/// revenue from traded volume (BM-1 step 5: `fee_rate × volume_usd × (P/P0)^elasticity`),
/// split between the lockers (the distributor: paid every day pro-rata to voting power, or
/// at the end of each weekly epoch, Curve's FeeDistributor) and the treasury, and the
/// treasury's part bought back and burned (`buyback_and_burn`). The liquidity providers'
/// and stakers' parts are taken from the treasury by their own modules right after, from
/// ``DaySignals/revenue``.
public struct RevenueModule: Module {
    var distributor: FeeDistributor
    var feeRate: Double
    var lockerShare: Double
    var volumeUSD: Double
    let volumeElasticity: Double
    /// The validated split when the scenario has `revenue_split` (its lockers' share is
    /// ``lockerShare``'s starting value; the liquidity providers' and stakers' parts are paid
    /// by the pools and staking modules).
    let split: RevenueSplit?
    let buybackShare: Double
    var buybackBurnedToday = 0.0

    /// The fee path of `fees`, with `split` replacing its locker share when given.
    ///
    /// - Throws: when the split's shares do not form a split.
    public init(_ fees: FeeSharingSpec, split spec: RevenueSplitSpec?, market: MarketSpec) throws(SimulationError) {
        distributor = FeeDistributor(payout: fees.payout == .weekly ? .weekly : .continuous)
        feeRate = fees.feeRate
        lockerShare = fees.lockerShare
        volumeUSD = market.volumeUSD
        volumeElasticity = market.volumeElasticity
        if let spec {
            lockerShare = spec.lockers
            buybackShare = spec.buybackAndBurn
            do throws(TreasuryError) {
                split = try RevenueSplit(
                    lockers: spec.lockers, treasury: spec.treasury + spec.stakers, buybackAndBurn: spec.buybackAndBurn,
                    liquidityProviders: spec.liquidityProviders)
            } catch {
                throw SimulationError(day: 0, message: "mechanisms.revenue_split: \(error)")
            }
        } else {
            buybackShare = 0
            split = nil
        }
    }

    public var name: String { "revenue" }

    public var hooks: [Hook] {
        var hooks = [
            Hook(.dayStart, 0, "restart the day's buyback"),
            Hook(.settlement, 30, buybackShare > 0 ? "fee revenue to lockers and treasury; buyback and burn" : "fee revenue to lockers and treasury"),
        ]
        if distributor.payout == .weekly { hooks.append(Hook(.settlement, 70, "pay a closed weekly epoch")) }
        return hooks
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        switch (hook.phase, hook.order) {
        case (.dayStart, _): buybackBurnedToday = 0
        case (.settlement, 30): collect(&world)
        default: payClosedEpoch(&world)
        }
    }

    /// The day's revenue: the lockers' share to the distributor, the rest to the treasury,
    /// then the buyback.
    mutating func collect(_ world: inout World) {
        let economy = world.economy
        let price = world.today.priceAtPayment
        let ratio = price / economy.market.initialPrice
        let volume = volumeUSD * (volumeElasticity == 1 ? ratio : _pow(ratio, volumeElasticity))
        let revenue = feeRate * volume
        guard revenue.isFinite else {
            world.fail(
                "the fee revenue (\(feeRate) × \(volume) USD of volume at price \(price)) is not a finite number; "
                    + "check market.volume_usd and market.volume_elasticity")
            return
        }
        let toLockers = revenue * lockerShare
        world.today.hasRevenue = true
        world.today.revenue = revenue
        world.today.lockerRevenue = toLockers
        world.economy.ledger.transfer(.cash, from: economy.outside, to: economy.distributorAccount, toLockers)
        world.economy.ledger.transfer(.cash, from: economy.outside, to: economy.treasuryAccount, revenue - toLockers)
        buyback(revenue: revenue, world: &world)
        if distributor.payout == .continuous {
            // With no voting power the revenue stays in the distributor, unclaimable.
            if world.today.votingPower > 0 { world.today.feesDue = toLockers }
        } else {
            distributor.receive(toLockers)
        }
        world.today.feesPaid = world.today.feesDue
    }

    /// The buyback share of today's revenue: USD from the treasury's revenue buys tokens on
    /// the market, which are burned.
    mutating func buyback(revenue: Double, world: inout World) {
        guard buybackShare > 0 else { return }
        let treasury = world.economy.treasuryAccount
        let usd = min(revenue * buybackShare, world.economy.ledger.balance(.cash, treasury))
        let bought = world.venues.exchange.marketBuy(usd: usd, for: treasury, economy: &world.economy)
        world.economy.ledger.burn(.token, from: treasury, bought)
        buybackBurnedToday = bought
    }

    /// On an epoch's first day: pays the closed epoch against the power snapshot taken at
    /// its start.
    mutating func payClosedEpoch(_ world: inout World) {
        let day = world.day
        guard distributor.isEpochStart(day: day) else { return }
        let supply = world.economy.escrow.snapshotPower(at: Int64(day))
        guard let closed = distributor.rollEpoch(newPower: world.economy.escrow.power, newSupply: supply) else { return }
        let perPower = closed.amount / closed.supply
        for p in world.populations {
            var share = 0.0
            for i in p.rows where i < closed.power.count { share += closed.power[i] }
            world.economy.ledger.transfer(
                .cash, from: world.economy.distributorAccount, to: p.account, closed.amount * share / closed.supply)
        }
        for i in 0..<min(closed.power.count, world.economy.agentCount) { world.economy.cash[i] += closed.power[i] * perPower }
        world.today.feesPaid += closed.amount
    }

    public func owns(_ action: EventAction) -> Bool {
        if case .set(let p, _) = action { return p == .feeRate || p == .lockerShare || p == .volumeUSD }
        return false
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        switch action {
        case .set(.feeRate, let value): feeRate = value
        case .set(.lockerShare, let value): lockerShare = value
        case .set(.volumeUSD, let value): volumeUSD = value
        default: break
        }
    }

    static let metrics: [MetricName] = [.feeRevenue, .feesToLockers, .realYield, .buybackBurned]

    public func metricSlot(_ name: String, world: World) -> Int? { Self.metrics.firstIndex { $0.rawValue == name } }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        switch Self.metrics[slot] {
        case .feeRevenue: world.today.revenue
        case .feesToLockers: world.today.feesPaid
        case .realYield: Self.realYield(world.today)
        default: buybackBurnedToday
        }
    }

    /// Fee revenue earned by lockers ÷ USD value of the day's emission (NaN without emission).
    static func realYield(_ today: DaySignals) -> Double {
        today.emitted > 0 ? today.lockerRevenue / (today.emitted * today.priceAtPayment) : .nan
    }
}
