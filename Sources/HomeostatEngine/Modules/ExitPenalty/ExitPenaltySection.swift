public import HomeostatScenario

extension ExitPenaltySpec {
    /// Basis of the exit penalty's redistribution. Only voting power: the engine pays it
    /// through the reward accumulator, which shares by power.
    enum PenaltyBasis: String, CaseIterable { case votingPower = "voting_power" }

    /// `mechanisms.exit_penalty: {max_penalty, redistributed_share, basis}`; needs `vote_escrow`.
    public static let section = SectionDecoder(
        key: key, fields: ["max_penalty", "redistributed_share", "basis"],
        decode: { (e: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            var spec = ExitPenaltySpec()
            spec.maxPenalty = try e.double("max_penalty", default: spec.maxPenalty, .fraction)
            spec.redistributedShare = try e.double("redistributed_share", default: spec.redistributedShare, .fraction)
            _ = try e.keyword("basis", default: PenaltyBasis.votingPower, what: "penalty basis")
            return spec
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in try VoteEscrowSpec.requireEscrow(r, s) })
}
