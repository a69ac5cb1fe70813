/// Every metric the engine can record, with its unit and meaning. Scenario files name
/// metrics by their raw value.
public enum MetricName: String, Sendable, CaseIterable, Codable {
    case price
    case circulatingSupply = "circulating_supply"
    case locked
    case lockedShare = "locked_share"
    case holdersFree = "holders_free"
    case votingPower = "voting_power"
    case averageRemainingLockDays = "avg_remaining_lock_days"
    case sellPressure = "sell_pressure"
    case emission
    case feeRevenue = "fee_revenue"
    case feesToLockers = "fees_to_lockers"
    case realYield = "real_yield"
    case votingPowerGini = "vp_gini"
    case votingPowerNakamoto = "vp_nakamoto"
    case treasuryCash = "treasury_cash"
    case poolPrice = "pool_price"
    case toxicShare = "toxic_share"

    /// Unit, for tables and chart axes.
    public var unit: String {
        switch self {
        case .price: "USD/token"
        case .circulatingSupply, .locked, .holdersFree, .sellPressure, .emission: "tokens"
        case .lockedShare, .votingPowerGini: "fraction"
        case .votingPower: "ve"
        case .averageRemainingLockDays: "days"
        case .feeRevenue, .feesToLockers, .treasuryCash: "USD"
        case .realYield: "USD per USD emitted"
        case .votingPowerNakamoto: "holders"
        case .poolPrice: "USD/token"
        case .toxicShare: "fraction"
        }
    }

    /// One-line meaning, for docs and reports.
    public var meaning: String {
        switch self {
        case .price: "price of the token at the end of the day"
        case .circulatingSupply: "tokens outside the escrow and the protocol's own accounts (agents' wallets and the outside market)"
        case .locked: "tokens held by the vote-escrow"
        case .lockedShare: "locked / (locked + agents' free balances), as BM-1 defines it"
        case .holdersFree: "tokens in agents' wallets, unlocked"
        case .votingPower: "total voting power (ve) after the day's actions"
        case .averageRemainingLockDays: "amount-weighted average remaining lock, MAXTIME · V / locked (Curve I6)"
        case .sellPressure: "tokens agents sold to the outside market during the day"
        case .emission: "tokens emitted during the day"
        case .feeRevenue: "protocol fee revenue generated during the day (fee rate × volume)"
        case .feesToLockers: "fee revenue paid to lockers during the day"
        case .realYield: "fee revenue earned by lockers during the day (paid then, or at the epoch's end with weekly payouts) ÷ USD value of the day's emission (NaN on a day with no emission)"
        case .votingPowerGini: "Gini coefficient of voting power over all agents"
        case .votingPowerNakamoto: "fewest agents holding more than half of the voting power"
        case .treasuryCash: "USD held by the treasury"
        case .poolPrice: "price of the main pool (the first in `pools:`), USD per token"
        case .toxicShare: "share of the day's volume in all pools that is arbitrage or informed flow (NaN on a day without volume)"
        }
    }

    /// Metrics that exist only in a scenario with pools; a scenario without pools neither
    /// records them by default nor may name them.
    public var needsPools: Bool { self == .poolPrice || self == .toxicShare }

    /// Metrics that cost a sort of all agents per recorded step.
    public var isExpensive: Bool { self == .votingPowerGini || self == .votingPowerNakamoto }
}
