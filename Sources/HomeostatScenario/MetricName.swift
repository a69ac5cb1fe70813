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
    case gaugeVotesRejected = "gauge_votes_rejected"
    case emissionUnminted = "emission_unminted"
    case bribesPaid = "bribes_paid"
    case emissionUSDPerBribeUSD = "emission_usd_per_bribe_usd"
    case earlyExits = "early_exits"
    case exitPenalties = "exit_penalties"
    case buybackBurned = "buyback_burned"
    case treasuryValue = "treasury_value"
    case treasuryStableShare = "treasury_stable_share"
    case treasuryRunwayMonths = "treasury_runway_months"
    case treasurySellPressure = "treasury_sell_pressure"
    case attackCostUSD = "attack_cost_usd"
    case proposalsExecuted = "proposals_executed"
    case proposalsDefeated = "proposals_defeated"
    case emissionEfficiency = "emission_efficiency"
    case newLockDays = "new_lock_days"
    case emissionSoldShare = "emission_sold_share"
    case emissionLockedShare = "emission_locked_share"
    case poolPrice = "pool_price"
    case toxicShare = "toxic_share"
    case mercenaryTVLShare = "mercenary_tvl_share"
    case staked
    case stakingQueued = "staking_queued"
    case stakingWithdrawn = "staking_withdrawn"

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
        case .gaugeVotesRejected, .earlyExits, .proposalsExecuted, .proposalsDefeated: "count"
        case .emissionUnminted, .exitPenalties, .buybackBurned, .treasurySellPressure: "tokens"
        case .bribesPaid, .treasuryValue, .attackCostUSD: "USD"
        case .emissionUSDPerBribeUSD: "USD per USD of bribes"
        case .treasuryStableShare: "fraction"
        case .treasuryRunwayMonths: "months"
        case .emissionEfficiency: "USD per USD emitted"
        case .emissionSoldShare, .emissionLockedShare: "fraction"
        case .newLockDays: "days"
        case .poolPrice: "USD/token"
        case .toxicShare: "fraction"
        case .mercenaryTVLShare: "fraction"
        case .staked, .stakingQueued, .stakingWithdrawn: "tokens"
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
        case .sellPressure: "tokens sold during the day (to the outside market, or into the pools when there are any): by agents, and by the treasury when it diversifies"
        case .emission: "tokens emitted during the day"
        case .feeRevenue: "protocol fee revenue generated during the day (fee rate × volume)"
        case .feesToLockers: "fee revenue paid to lockers during the day"
        case .realYield: "fee revenue earned by lockers during the day (paid then, or at the epoch's end with weekly payouts) ÷ USD value of the day's emission (NaN on a day with no emission)"
        case .votingPowerGini: "Gini coefficient of voting power over all agents"
        case .votingPowerNakamoto: "fewest agents holding more than half of the voting power"
        case .treasuryCash: "USD held by the treasury"
        case .gaugeVotesRejected: "gauge votes the controller rejected since day 0 (a second vote for a gauge within the vote delay, or more than 10,000 bps in use)"
        case .emissionUnminted: "tokens of the gauges' emission share not minted during the day: no gauge had weight, or the gauge it was routed to had no stakers (Curve mints only what gauges pay out)"
        case .bribesPaid: "bribe USD paid to gauge voters during the day"
        case .emissionUSDPerBribeUSD: "since day 0: USD value (at each day's price) of emissions routed to bribed gauges in bribed epochs ÷ bribe USD offered (NaN before any bribe)"
        case .earlyExits: "locks left early under the exit penalty during the day"
        case .exitPenalties: "tokens paid as exit penalties during the day (redistributed to lockers or burned)"
        case .buybackBurned: "tokens bought with the buyback share of revenue and burned during the day"
        case .treasuryValue: "USD value of the treasury: native tokens at the day's price plus USD"
        case .treasuryStableShare: "share of the treasury's value held in USD"
        case .treasuryRunwayMonths: "months the treasury's USD lasts at mechanisms.treasury.monthly_spend_usd (inf with no spending)"
        case .treasurySellPressure: "native tokens the treasury sold to diversify during the day"
        case .attackCostUSD: "USD an outsider needs to buy and lock (for the longest time) to hold a majority of voting power, at the day's price through the market's impact model, or with pools through the router (inf when the pools cannot supply it)"
        case .proposalsExecuted: "governance proposals executed since day 0"
        case .proposalsDefeated: "governance proposals that failed quorum or threshold since day 0"
        case .emissionEfficiency: "since day 0: protocol fee revenue ÷ USD value of emissions at each day's price (NaN before any emission)"
        case .emissionSoldShare: "since day 0: share of the emission agents claimed that they sold within 7 days of claiming it"
        case .emissionLockedShare: "since day 0: share of the emission agents claimed that they locked within 7 days of claiming it"
        case .newLockDays: "amount-weighted average duration in days of the locks created or extended during the day (NaN on a day without)"
        case .poolPrice: "price of the main pool (the first in `pools:`), USD per token"
        case .toxicShare: "share of the day's volume in all pools that is arbitrage or informed flow (NaN on a day without volume)"
        case .mercenaryTVLShare: "share of the USD staked in all gauges that mercenary farmers hold (NaN when nothing is staked)"
        case .staked: "tokens staked under mechanisms.staking (earning the stakers' revenue share), not counting those in the cool-down queue"
        case .stakingQueued: "tokens requested for withdrawal and still in the cool-down queue (neither staked nor free)"
        case .stakingWithdrawn: "tokens the cool-down queue released to the agents' wallets during the day"
        }
    }

    /// What the scenario needs for the metric to be recorded by default (when
    /// `metrics.names` is absent); nil: always recorded. Any metric may be named explicitly.
    public var requirement: MetricRequirement? {
        switch self {
        case .gaugeVotesRejected, .emissionUnminted, .earlyExits, .exitPenalties, .buybackBurned, .treasuryValue, .treasuryStableShare,
             .treasuryRunwayMonths, .treasurySellPressure, .attackCostUSD, .proposalsExecuted, .proposalsDefeated, .emissionEfficiency,
             .newLockDays, .emissionSoldShare, .emissionLockedShare, .staked, .stakingQueued, .stakingWithdrawn:
            .section
        case .bribesPaid, .emissionUSDPerBribeUSD: .bribes
        case .poolPrice, .toxicShare: .pools
        case .mercenaryTVLShare: .mercenaryFarmers
        default: nil
        }
    }

    /// The alignment metrics: how the incentive machinery's emissions are used. Every
    /// incentive section (gauges, exit penalty, revenue split, treasury, governance) records
    /// them by default, so scenarios without one keep their output columns.
    public static let alignment: [MetricName] = [.emissionEfficiency, .newLockDays, .emissionSoldShare, .emissionLockedShare]

    /// Metrics that exist only in a scenario with pools; a scenario without pools neither
    /// records them by default nor may name them.
    public var needsPools: Bool { requirement == .pools }

    /// Metrics that cost a sort of all agents per recorded step.
    public var isExpensive: Bool { self == .votingPowerGini || self == .votingPowerNakamoto }
}
