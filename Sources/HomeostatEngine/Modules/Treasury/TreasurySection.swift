public import HomeostatScenario

/// The protocol treasury's spending and diversification (`mechanisms.treasury:`).
public struct TreasurySpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "treasury"
    /// USD spent per 30-day month, paid daily from the treasury's USD.
    public var monthlySpendUSD: Double = 0
    /// Selling native tokens for USD, or nil (never).
    public var diversification: DiversificationSpec? = nil
    /// No spending, no diversification.
    public init() {}
}

/// Treasury sales of native tokens for USD.
public struct DiversificationSpec: Sendable, Equatable {
    /// Tokens sold per period.
    public var tokensPerPeriod: Double
    /// Days between sales.
    public var periodDays: Int = 7
    /// Sell only while the price is strictly above this.
    public var minimumPrice: Double = 0
    /// Stop once USD would exceed this share of the treasury's value, in (0, 1].
    public var maxStableShare: Double = 1
    /// `tokensPerPeriod` tokens every 7 days at any price.
    public init(tokensPerPeriod: Double) { self.tokensPerPeriod = tokensPerPeriod }
}

extension MechanismsSpec {
    /// Treasury spending and diversification (`treasury:`).
    public var treasury: TreasurySpec? {
        get { sections[TreasurySpec.key] as? TreasurySpec }
        set { sections[TreasurySpec.key] = newValue }
    }
}

extension TreasurySpec {
    /// Upper bound of day counts in the incentive fields (epochs, delays, periods).
    static let maxDays = 3_650

    /// `mechanisms.treasury: {monthly_spend_usd, diversification: {tokens_per_period,
    /// period_days, minimum_price, max_stable_share}}`.
    public static let section = SectionDecoder(
        key: key, fields: ["monthly_spend_usd", "diversification"],
        decode: { (t: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = TreasurySpec()
            spec.monthlySpendUSD = try t.double("monthly_spend_usd", default: 0, .amount)
            if let d = try t.mapping("diversification", allowed: ["tokens_per_period", "period_days", "minimum_price", "max_stable_share"]) {
                var div = DiversificationSpec(tokensPerPeriod: try d.double("tokens_per_period", .amount))
                div.periodDays = try d.int("period_days", default: div.periodDays, 1...maxDays, expected: "a number of days in 1...\(maxDays)")
                div.minimumPrice = try d.double("minimum_price", default: div.minimumPrice, .nonNegative)
                div.maxStableShare = try d.double(
                    "max_stable_share", default: div.maxStableShare,
                    ValueDomain(lower: 0, lowerInclusive: false, upper: 1, text: "a fraction in (0, 1]"))
                spec.diversification = div
            }
            return spec
        })
}

extension TreasurySpec {
    /// Eighth under `mechanisms:`.
    public static var canonicalOrder: Int { 80 }

    /// Every field, defaults included; `diversification` only when the treasury sells.
    public func canonicalFields() -> SectionValue? {
        var fields: [(String, SectionValue)] = [("monthly_spend_usd", .double(monthlySpendUSD))]
        if let d = diversification {
            fields.append(("diversification", .map([
                ("tokens_per_period", .double(d.tokensPerPeriod)), ("period_days", .int(d.periodDays)),
                ("minimum_price", .double(d.minimumPrice)), ("max_stable_share", .double(d.maxStableShare)),
            ])))
        }
        return .map(fields)
    }
}

extension TreasurySpec {
    /// Its metrics and the alignment metrics (the incentive machinery's), by default.
    public static var defaultMetrics: [String] { ([.treasuryValue, .treasuryStableShare, .treasuryRunwayMonths, .treasurySellPressure] + MetricName.alignment).map(\.rawValue) }
}
