public import HomeostatScenario

/// Where protocol fee revenue goes (`mechanisms.revenue_split:`); the shares sum to 1.
public struct RevenueSplitSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "revenue_split"
    /// Share paid to lockers (replaces `fee_sharing.locker_share`).
    public var lockers: Double = 0
    /// Share kept by the treasury, in USD.
    public var treasury: Double = 0
    /// Share spent buying tokens on the market and burning them.
    public var buybackAndBurn: Double = 0
    /// Share for liquidity providers (must be 0 until the scenario declares pools).
    public var liquidityProviders: Double = 0
    /// Share for stakers under `mechanisms.staking`, pro-rata to stake.
    public var stakers: Double = 0
    /// All shares 0 (a valid split sets them to sum to 1).
    public init() {}
}

extension MechanismsSpec {
    /// Where fee revenue goes (`revenue_split:`); replaces `fee_sharing.locker_share`.
    public var revenueSplit: RevenueSplitSpec? {
        get { sections[RevenueSplitSpec.key] as? RevenueSplitSpec }
        set { sections[RevenueSplitSpec.key] = newValue }
    }
}

extension RevenueSplitSpec {
    /// `mechanisms.revenue_split: {lockers, treasury, buyback_and_burn, liquidity_providers,
    /// stakers}`, summing to 1. Stakers need `staking` (decoded before it); the section needs
    /// `fee_sharing`, and a share to liquidity providers needs a main pool with LP shares.
    public static let section = SectionDecoder(
        key: key, fields: ["lockers", "treasury", "buyback_and_burn", "liquidity_providers", "stakers"],
        decode: { (r: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = RevenueSplitSpec()
            spec.lockers = try r.double("lockers", default: 0, .fraction)
            spec.treasury = try r.double("treasury", default: 0, .fraction)
            spec.buybackAndBurn = try r.double("buyback_and_burn", default: 0, .fraction)
            spec.liquidityProviders = try r.double("liquidity_providers", default: 0, .fraction)
            spec.stakers = try r.double("stakers", default: 0, .fraction)
            if spec.stakers > 0 && r.decoded[StakingSpec.key] == nil {
                throw r.error(ScenarioError.Code.reference, at: .fieldKey("stakers"), "the scenario has no mechanisms.staking whose stakers could be paid")
            }
            let sum = spec.lockers + spec.treasury + spec.buybackAndBurn + spec.liquidityProviders + spec.stakers
            if abs(sum - 1) > 1e-9 {
                throw r.error(
                    ScenarioError.Code.outOfRange, at: .section,
                    "the shares sum to \(ScenarioError.number(sum)); expected lockers + treasury + buyback_and_burn + liquidity_providers + stakers = 1")
            }
            return spec
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in
            try checkLiquidityProviderShare(r, s)
            if s.mechanisms.feeSharing == nil {
                throw r.error(
                    ScenarioError.Code.conflict, at: .sectionKey,
                    "needs mechanisms.fee_sharing: it splits the fee revenue; add `fee_sharing: {}` or remove revenue_split")
            }
        })

    /// `liquidity_providers > 0` needs pools, and a main (first) pool with LP shares
    /// (constant product or StableSwap): the share is paid pro-rata to them.
    static func checkLiquidityProviderShare(_ r: SectionReader, _ s: Scenario) throws(ScenarioError) {
        guard let split = s.mechanisms.revenueSplit, split.liquidityProviders > 0 else { return }
        guard let main = s.pools.first else {
            throw r.error(
                ScenarioError.Code.conflict, at: .field("liquidity_providers"),
                "the scenario declares no pools for liquidity providers; set it to 0 and give the share to lockers or the treasury")
        }
        if main.kind == .concentrated {
            throw r.error(
                ScenarioError.Code.conflict, at: .field("liquidity_providers"),
                "the main pool '\(main.name)' (the first in pools:) is concentrated and has no LP shares to pay pro-rata to; "
                    + "put a constant_product or stableswap pool first, or set it to 0")
        }
    }
}

extension RevenueSplitSpec {
    /// Sixth under `mechanisms:`.
    public static var canonicalOrder: Int { 60 }

    /// Every share, zeros included.
    public func canonicalFields() -> SectionValue? {
        .map([
            ("lockers", .double(lockers)), ("treasury", .double(treasury)), ("buyback_and_burn", .double(buybackAndBurn)),
            ("liquidity_providers", .double(liquidityProviders)), ("stakers", .double(stakers)),
        ])
    }
}

extension RevenueSplitSpec {
    /// Its metrics and the alignment metrics (the incentive machinery's), by default.
    public static var defaultMetrics: [String] { ([.buybackBurned] + MetricName.alignment).map(\.rawValue) }
}
