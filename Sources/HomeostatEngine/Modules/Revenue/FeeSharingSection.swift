public import HomeostatScenario

extension FeeSharingSpec {
    /// `mechanisms.fee_sharing: {fee_rate, locker_share, payout}`; needs `vote_escrow` (it
    /// pays lockers pro-rata to voting power).
    public static let section = SectionDecoder(
        key: key, fields: ["fee_rate", "locker_share", "payout"],
        decode: { (f: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var fs = FeeSharingSpec()
            fs.feeRate = try f.double("fee_rate", default: fs.feeRate, .fraction)
            fs.lockerShare = try f.double("locker_share", default: fs.lockerShare, .fraction)
            fs.payout = try f.keyword("payout", default: fs.payout, what: "payout")
            return fs
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in try VoteEscrowSpec.requireEscrow(r, s) })
}
