import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// The protocol treasury's spending and diversification (`mechanisms.treasury`): it pays its
/// daily spending (a 30-day month) from its USD, as far as it goes, and on diversification
/// days sells native tokens by its ``DiversificationPolicy`` (through the pools when there
/// are any). Its holdings' metrics are the token module's (they exist without it).
public struct TreasuryModule: Module {
    let spec: TreasurySpec
    let diversification: DiversificationPolicy?
    var soldToday = 0.0

    /// The treasury of `spec`.
    public init(_ spec: TreasurySpec) throws(SimulationError) {
        self.spec = spec
        if let d = spec.diversification {
            do throws(TreasuryError) {
                diversification = try DiversificationPolicy(
                    tokensPerPeriod: d.tokensPerPeriod, minimumPrice: d.minimumPrice, maxStableShare: d.maxStableShare)
            } catch {
                throw SimulationError(day: 0, message: "mechanisms.treasury.diversification: \(error)")
            }
        } else {
            diversification = nil
        }
    }

    public var name: String { "treasury" }

    public var hooks: [Hook] {
        [Hook(.dayStart, 0, "restart the day's sales"), Hook(.afterAgents, 30, "spending; diversification sales")]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        guard hook.phase == .afterAgents else { soldToday = 0; return }
        let account = world.economy.treasuryAccount
        let spend = min(spec.monthlySpendUSD / 30, world.economy.ledger.balance(.cash, account))
        world.economy.ledger.transfer(.cash, from: account, to: world.economy.outside, spend)
        if let d = spec.diversification, let policy = diversification, world.day % d.periodDays == 0,
           let holdings = try? Treasury(
               native: world.economy.ledger.balance(.token, account), stables: world.economy.ledger.balance(.cash, account))
        {
            let q = policy.amountToSell(from: holdings, price: world.economy.market.price)
            world.venues.exchange.marketSell(q, from: account, economy: &world.economy)
            soldToday = q
        }
    }

    public func metricSlot(_ name: String, world: World) -> Int? {
        switch name {
        case MetricName.treasuryRunwayMonths.rawValue: 0
        case MetricName.treasurySellPressure.rawValue: 1
        default: nil
        }
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        guard slot == 0 else { return soldToday }
        return Self.runwayMonths(spendPerMonth: spec.monthlySpendUSD, world: world)
    }

    /// Months the treasury's USD lasts at `spendPerMonth` (infinite without spending).
    static func runwayMonths(spendPerMonth: Double, world: World) -> Double {
        spendPerMonth > 0 ? world.economy.ledger.balance(.cash, world.economy.treasuryAccount) / spendPerMonth : .infinity
    }
}
