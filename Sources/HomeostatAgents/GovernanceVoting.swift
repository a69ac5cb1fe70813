public import HomeostatCore
public import HomeostatMechanisms

/// How a population votes on a proposal: each agent with power at the snapshot turns out
/// with probability `turnout` and, if it does, supports with probability `support` (two
/// uniform draws per agent with power, from the population's stream, whether or not it
/// turns out). The vote itself is governance's.
public struct GovernanceVoting: Sendable {
    /// Probability that an agent with power votes.
    public let turnout: Double
    /// Probability that a voter votes in favour.
    public let support: Double

    /// A population's voting rule.
    public init(turnout: Double, support: Double) {
        self.turnout = turnout
        self.support = support
    }

    /// Calls `vote` for each agent of `rows` with power in `snapshot` that turns out, in row
    /// order, with its side and weight.
    public func forEachVote(
        rows: Range<Int>, snapshot: [Double], rng: inout Xoshiro256StarStar, _ vote: (_ row: Int, _ side: VoteSupport, _ weight: Double) -> Void
    ) {
        for i in rows where i < snapshot.count && snapshot[i] > 0 {
            let drawnTurnout = Double(rng.next() >> 11) * 0x1p-53
            let drawnSupport = Double(rng.next() >> 11) * 0x1p-53
            guard drawnTurnout < turnout else { continue }
            vote(i, drawnSupport < support ? .inFavor : .against, snapshot[i])
        }
    }
}
