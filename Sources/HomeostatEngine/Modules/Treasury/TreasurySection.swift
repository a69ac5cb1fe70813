public import HomeostatScenario

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
