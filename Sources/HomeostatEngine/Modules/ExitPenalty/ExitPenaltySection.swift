public import HomeostatScenario

/// veYFI-style early exit from a lock (`mechanisms.exit_penalty:`).
public struct ExitPenaltySpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "exit_penalty"
    /// Cap on the penalty fraction; the fraction is `min(remaining / max_lock, max_penalty)`.
    public var maxPenalty: Double = 0.75
    /// Share of the penalty paid to the remaining lockers pro-rata to voting power; the rest is burned.
    public var redistributedShare: Double = 1
    /// veYFI's rule.
    public init() {}
}

extension MechanismsSpec {
    /// Early exit from locks with a penalty (`exit_penalty:`).
    public var exitPenalty: ExitPenaltySpec? {
        get { sections[ExitPenaltySpec.key] as? ExitPenaltySpec }
        set { sections[ExitPenaltySpec.key] = newValue }
    }
}

extension ExitPenaltySpec {
    /// Basis of the exit penalty's redistribution. Only voting power: the engine pays it
    /// through the reward accumulator, which shares by power.
    enum PenaltyBasis: String, CaseIterable { case votingPower = "voting_power" }

    /// `mechanisms.exit_penalty: {max_penalty, redistributed_share, basis}`; needs `vote_escrow`.
    public static let section = SectionDecoder(
        key: key, fields: ["max_penalty", "redistributed_share", "basis"],
        settable: [.init(.maxExitPenalty, domain: .fraction, listingOrder: 90)],
        decode: { (e: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = ExitPenaltySpec()
            spec.maxPenalty = try e.double("max_penalty", default: spec.maxPenalty, .fraction)
            spec.redistributedShare = try e.double("redistributed_share", default: spec.redistributedShare, .fraction)
            _ = try e.keyword("basis", default: PenaltyBasis.votingPower, what: "penalty basis")
            return spec
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in try VoteEscrowSpec.requireEscrow(r, s) })
}

extension ExitPenaltySpec {
    /// Fifth under `mechanisms:`.
    public static var canonicalOrder: Int { 50 }

    /// Every field, defaults included (`basis` has one value).
    public func canonicalFields() -> SectionValue? {
        .map([
            ("max_penalty", .double(maxPenalty)), ("redistributed_share", .double(redistributedShare)),
            ("basis", .keyword(PenaltyBasis.votingPower.rawValue)),
        ])
    }
}

extension SettableParameter {
    /// `mechanisms.exit_penalty.max_penalty`.
    public static let maxExitPenalty = SettableParameter(rawValue: "mechanisms.exit_penalty.max_penalty")
}

extension ExitPenaltySpec {
    /// Its metrics and the alignment metrics (the incentive machinery's), by default.
    public static var defaultMetrics: [String] { ([.earlyExits, .exitPenalties] + MetricName.alignment).map(\.rawValue) }
}
