public import HomeostatScenario

/// Protocol revenue paid to lockers.
public struct FeeSharingSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "fee_sharing"
    /// When lockers are paid: every day, or at the end of each 7-day epoch.
    public enum Payout: String, Sendable, Equatable, CaseIterable { case continuous, weekly }
    /// Protocol fee on traded volume (fraction).
    public var feeRate: Double = 0.003
    /// Share of the fee revenue paid to lockers (the fee switch: 0 = off); the rest goes to the treasury.
    public var lockerShare: Double = 1.0
    /// `continuous`: paid every day pro-rata to voting power. `weekly`: accrued over each
    /// 7-day epoch and paid pro-rata to voting power at the epoch's start (Curve FeeDistributor).
    public var payout: Payout = .continuous
    /// BM-1's fee sharing.
    public init() {}
}

extension MechanismsSpec {
    /// Fee revenue to lockers (`fee_sharing:`).
    public var feeSharing: FeeSharingSpec? {
        get { sections[FeeSharingSpec.key] as? FeeSharingSpec }
        set { sections[FeeSharingSpec.key] = newValue }
    }
}

extension FeeSharingSpec {
    /// `mechanisms.fee_sharing: {fee_rate, locker_share, payout}`; needs `vote_escrow` (it
    /// pays lockers pro-rata to voting power).
    public static let section = SectionDecoder(
        key: key, fields: ["fee_rate", "locker_share", "payout"],
        settable: [
            .init(.feeRate, domain: .fraction, listingOrder: 10), .init(.lockerShare, domain: .fraction, listingOrder: 20),
        ],
        decode: { (f: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var fs = FeeSharingSpec()
            fs.feeRate = try f.double("fee_rate", default: fs.feeRate, .fraction)
            fs.lockerShare = try f.double("locker_share", default: fs.lockerShare, .fraction)
            fs.payout = try f.keyword("payout", default: fs.payout, what: "payout")
            return fs
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in try VoteEscrowSpec.requireEscrow(r, s) })
}

extension FeeSharingSpec {
    /// Third under `mechanisms:`.
    public static var canonicalOrder: Int { 30 }

    /// Every field, defaults included.
    public func canonicalFields() -> SectionValue? {
        .map([("fee_rate", .double(feeRate)), ("locker_share", .double(lockerShare)), ("payout", .keyword(payout.rawValue))])
    }
}

extension SettableParameter {
    /// `mechanisms.fee_sharing.fee_rate`.
    public static let feeRate = SettableParameter(rawValue: "mechanisms.fee_sharing.fee_rate")
    /// `mechanisms.fee_sharing.locker_share`.
    public static let lockerShare = SettableParameter(rawValue: "mechanisms.fee_sharing.locker_share")
}
