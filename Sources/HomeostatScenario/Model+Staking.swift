/// Plain (non-ve) staking of the token with a withdrawal cool-down (`mechanisms.staking:`).
///
/// Staked tokens leave the agent's wallet for the staking contract; a withdrawal request
/// stops them counting as stake at once and returns them to the wallet `cooldownDays` later.
/// Stakers earn `revenue_split.stakers` of the fee revenue, pro-rata to stake.
public struct StakingSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "staking"
    /// Days between a withdrawal request and the day its tokens are free again.
    public var cooldownDays: Int = 7
    /// A 7-day cool-down.
    public init() {}
}
