/// A governance operation the contract would revert, with Compound GovernorBravo's reason
/// where it has one.
public enum GovernanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A governance parameter out of range; the message says which and what is allowed.
    case invalidParameter(String)
    /// No proposal with this id.
    case unknownProposal(ProposalID)
    /// A total voting power that is negative, NaN or infinite.
    case invalidTotalPower(Double)
    /// A vote weight that is negative, NaN or infinite.
    case invalidWeight(Double)
    /// A vote outside the voting window (the proposal is not active).
    case votingClosed(ProposalID, state: ProposalState)
    /// A second vote by the same voter.
    case alreadyVoted(ProposalID, voter: Int)
    /// The votes cast would exceed the total power measured at the snapshot: the caller
    /// passed weights from a different snapshot (or counted a voter twice under two ids).
    case votesExceedTotalPower(ProposalID, cast: Double, total: Double)
    /// Queueing a proposal that has not succeeded.
    case notSucceeded(ProposalID, state: ProposalState)
    /// Executing a proposal that is not queued.
    case notQueued(ProposalID, state: ProposalState)
    /// Executing before the timelock delay has passed.
    case timelockNotElapsed(ProposalID, eta: Int, day: Int)

    /// GovernorBravo's / Timelock's revert string, or a plain sentence where it has none.
    public var description: String {
        switch self {
        case .invalidParameter(let message): message
        case .unknownProposal(let id): "GovernorBravo::state: invalid proposal id \(id)"
        case .invalidTotalPower(let x): "total voting power must be a finite number >= 0, got \(x)"
        case .invalidWeight(let x): "vote weight must be a finite number >= 0, got \(x)"
        case .votingClosed(let id, let state): "GovernorBravo::castVoteInternal: voting is closed (proposal \(id) is \(state))"
        case .alreadyVoted(let id, let voter): "GovernorBravo::castVoteInternal: voter \(voter) already voted on \(id)"
        case .votesExceedTotalPower(let id, let cast, let total):
            "votes on \(id) would reach \(cast), more than the snapshot's total voting power \(total)"
        case .notSucceeded(let id, let state):
            "GovernorBravo::queue: proposal can only be queued if it is succeeded (\(id) is \(state))"
        case .notQueued(let id, let state):
            "GovernorBravo::execute: proposal can only be executed if it is queued (\(id) is \(state))"
        case .timelockNotElapsed(let id, let eta, let day):
            "Timelock::executeTransaction: Transaction hasn't surpassed time lock (\(id): eta day \(eta), now day \(day))"
        }
    }
}
