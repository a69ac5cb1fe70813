public import HomeostatScenario

extension VoteEscrowSpec {
    /// Upper bound of `max_lock_days` (10 years).
    static let maxLockDaysLimit = 3_650

    /// `mechanisms.vote_escrow: {max_lock_days, week_rounding}`.
    public static let section = SectionDecoder(
        key: key, fields: ["max_lock_days", "week_rounding"],
        decode: { (v: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var ve = VoteEscrowSpec()
            ve.maxLockDays = try v.int(
                "max_lock_days", default: ve.maxLockDays, 1...maxLockDaysLimit, expected: "a number of days in 1...\(maxLockDaysLimit)")
            ve.weekRounding = try v.bool("week_rounding", default: ve.weekRounding)
            return ve
        })

    /// The rule of every section that pays lockers pro-rata to voting power (emission, fee
    /// sharing, gauges, exit penalty): the scenario needs a vote-escrow. Placed at the
    /// section's key, so the error names the section that needs it.
    static func requireEscrow(_ r: SectionReader, _ s: Scenario) throws(ScenarioError) {
        guard s.mechanisms.voteEscrow == nil else { return }
        let key = r.path.split(separator: ".").last.map(String.init) ?? r.path
        throw r.error(
            ScenarioError.Code.conflict, at: .sectionKey,
            "needs mechanisms.vote_escrow: it pays lockers pro-rata to voting power; add `vote_escrow: {}` or remove \(key)")
    }
}
