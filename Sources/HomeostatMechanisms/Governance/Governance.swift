/// Token-weighted governance of parameter changes: propose, vote, queue behind a timelock,
/// execute (Compound GovernorBravo + Timelock, OpenZeppelin Governor counting).
///
/// A proposal changes one named parameter (``ParameterChange``). It is created on a day
/// with the total voting power at its snapshot (the creation day), opens after
/// ``Parameters/votingDelay`` days for ``Parameters/votingPeriod`` days, and is then
/// decided by two tests on the tally (see ``Proposal``):
///
///     quorum:    counted ≥ quorum · totalPower          (at the quorum passes)
///     threshold: for > threshold · (for + against)     (at the threshold fails)
///
/// A succeeded proposal is queued, may execute from `eta = queueDay + timelockDelay`, and
/// expires if not executed before `eta + gracePeriod` (Bravo: `block.timestamp >= eta +
/// GRACE_PERIOD` → Expired; Compound's Timelock has a 14-day grace period).
///
/// Weights are the caller's: ve power at the snapshot day (``VoteEscrow/balance(_:at:)``
/// with `at: snapshotDay`) or plain stake. The module records the snapshot day, checks one
/// vote per voter, and refuses a tally above the snapshot's total power.
///
/// Differences from the contracts: time is whole days; the snapshot is the creation day
/// (OpenZeppelin takes it at `proposal time + votingDelay`, GovernorBravo at the vote start;
/// taking it at creation means weights are fixed before anyone can react to the proposal);
/// voting is open on the half-open day range `[voteStart, voteEnd)`; there is no proposal
/// threshold, no cancel and no delegation (pass delegated weight as the delegate's weight).
public struct Governance: Sendable {
    /// Rules applied to proposals created from now on.
    public struct Parameters: Sendable, Equatable {
        /// Days from creation to the first day of voting (Bravo `votingDelay`).
        public let votingDelay: Int
        /// Days of voting (Bravo `votingPeriod`), at least 1.
        public let votingPeriod: Int
        /// Fraction of the snapshot's total voting power that must be counted, in `[0, 1]`.
        public let quorum: Double
        /// Fraction of for + against that "for" must strictly exceed, in `[0, 1)`; 0.5 is a
        /// simple majority.
        public let threshold: Double
        /// Days from queueing to the first day of execution (Timelock `delay`).
        public let timelockDelay: Int
        /// Days after `eta` during which a queued proposal may execute (Timelock
        /// `GRACE_PERIOD`, 14 days), at least 1.
        public let gracePeriod: Int
        /// Which votes count toward the quorum.
        public let quorumCounting: QuorumCounting

        /// Validated rules.
        ///
        /// - Throws: ``GovernanceError/invalidParameter(_:)`` for a negative delay, a voting
        ///   or grace period under one day, `quorum ∉ [0, 1]` or `threshold ∉ [0, 1)`.
        public init(
            votingDelay: Int = 0, votingPeriod: Int, quorum: Double, threshold: Double = 0.5,
            timelockDelay: Int, gracePeriod: Int = 14, quorumCounting: QuorumCounting = .allVotes
        ) throws(GovernanceError) {
            guard votingDelay >= 0 else { throw .invalidParameter("votingDelay must be >= 0 days, got \(votingDelay)") }
            guard votingPeriod >= 1 else { throw .invalidParameter("votingPeriod must be >= 1 day, got \(votingPeriod)") }
            guard quorum >= 0 && quorum <= 1 else { throw .invalidParameter("quorum must be in [0, 1], got \(quorum)") }
            guard threshold >= 0 && threshold < 1 else {
                throw .invalidParameter("threshold must be in [0, 1) (for votes must strictly exceed it), got \(threshold)")
            }
            guard timelockDelay >= 0 else { throw .invalidParameter("timelockDelay must be >= 0 days, got \(timelockDelay)") }
            guard gracePeriod >= 1 else { throw .invalidParameter("gracePeriod must be >= 1 day, got \(gracePeriod)") }
            self.votingDelay = votingDelay
            self.votingPeriod = votingPeriod
            self.quorum = quorum
            self.threshold = threshold
            self.timelockDelay = timelockDelay
            self.gracePeriod = gracePeriod
            self.quorumCounting = quorumCounting
        }
    }

    /// Which votes count toward the quorum.
    public enum QuorumCounting: Sendable, Hashable {
        /// For, against and abstain: the quorum is a participation requirement.
        case allVotes
        /// For and abstain (OpenZeppelin `GovernorCountingSimple._quorumReached`), so voting
        /// against never helps a proposal reach quorum.
        case forAndAbstain
        /// For only (Compound GovernorBravo: `forVotes < quorumVotes` → Defeated).
        case forOnly
    }

    /// Rules for new proposals. A proposal keeps the rules it was created with.
    public var parameters: Parameters
    /// Every proposal, in creation order (``ProposalID/index`` is the position).
    public private(set) var proposals: [Proposal] = []

    /// A governance with no proposals.
    public init(parameters: Parameters) {
        self.parameters = parameters
    }

    /// Creates a proposal on `day`, snapshotting `totalVotingPower` as the quorum base.
    ///
    /// - Parameters:
    ///   - change: what executing it does.
    ///   - day: creation day, also the snapshot day the caller must measure weights at.
    ///   - totalVotingPower: total voting power at the snapshot (ve total supply, or total stake).
    /// - Returns: the new proposal's id.
    /// - Throws: ``GovernanceError/invalidTotalPower(_:)``.
    public mutating func propose(
        _ change: ParameterChange, day: Int, totalVotingPower: Double
    ) throws(GovernanceError) -> ProposalID {
        guard totalVotingPower >= 0 && totalVotingPower.isFinite else { throw .invalidTotalPower(totalVotingPower) }
        let id = ProposalID(index: proposals.count)
        proposals.append(Proposal(id: id, change: change, rules: parameters, day: day, totalPower: totalVotingPower))
        return id
    }

    /// The proposal with this id.
    ///
    /// - Throws: ``GovernanceError/unknownProposal(_:)``.
    public func proposal(_ id: ProposalID) throws(GovernanceError) -> Proposal {
        guard proposals.indices.contains(id.index) else { throw .unknownProposal(id) }
        return proposals[id.index]
    }

    /// The state of a proposal on `day`.
    ///
    /// - Throws: ``GovernanceError/unknownProposal(_:)``.
    public func state(of id: ProposalID, on day: Int) throws(GovernanceError) -> ProposalState {
        try proposal(id).state(on: day)
    }

    /// Records `voter`'s vote with `weight` (its power at the proposal's snapshot day).
    ///
    /// Checks in Bravo's order: the proposal is active, the voter has not voted; then that
    /// the weight is valid and that the tally stays within the snapshot's total power
    /// (relative slack 1e-12 for rounding in the caller's sums).
    ///
    /// - Throws: ``GovernanceError/unknownProposal(_:)``, ``GovernanceError/votingClosed(_:state:)``,
    ///   ``GovernanceError/alreadyVoted(_:voter:)``, ``GovernanceError/invalidWeight(_:)``,
    ///   ``GovernanceError/votesExceedTotalPower(_:cast:total:)``. A rejected vote changes nothing.
    public mutating func castVote(
        on id: ProposalID, voter: Int, support: VoteSupport, weight: Double, day: Int
    ) throws(GovernanceError) {
        let p = try proposal(id)
        let state = p.state(on: day)
        guard state == .active else { throw .votingClosed(id, state: state) }
        guard !p.hasVoted(voter) else { throw .alreadyVoted(id, voter: voter) }
        guard weight >= 0 && weight.isFinite else { throw .invalidWeight(weight) }
        let cast = p.forVotes + p.againstVotes + p.abstainVotes + weight
        guard cast <= p.totalPower * (1 + 1e-12) else { throw .votesExceedTotalPower(id, cast: cast, total: p.totalPower) }
        proposals[id.index].voters.insert(voter)
        switch support {
        case .inFavor: proposals[id.index].forVotes += weight
        case .against: proposals[id.index].againstVotes += weight
        case .abstain: proposals[id.index].abstainVotes += weight
        }
    }

    /// Queues a succeeded proposal in the timelock (Bravo `queue`).
    ///
    /// - Returns: its `eta`, `day + timelockDelay`, the first day it may execute.
    /// - Throws: ``GovernanceError/unknownProposal(_:)``, ``GovernanceError/notSucceeded(_:state:)``.
    @discardableResult
    public mutating func queue(_ id: ProposalID, day: Int) throws(GovernanceError) -> Int {
        let state = try proposal(id).state(on: day)
        guard state == .succeeded else { throw .notSucceeded(id, state: state) }
        let eta = day + proposals[id.index].rules.timelockDelay
        proposals[id.index].eta = eta
        return eta
    }

    /// Executes a queued proposal whose timelock has passed and returns its change for the
    /// engine to apply (Bravo `execute`, Timelock `executeTransaction`).
    ///
    /// - Throws: ``GovernanceError/unknownProposal(_:)``, ``GovernanceError/notQueued(_:state:)``
    ///   (including an expired one), ``GovernanceError/timelockNotElapsed(_:eta:day:)`` for `day < eta`.
    public mutating func execute(_ id: ProposalID, day: Int) throws(GovernanceError) -> ParameterChange {
        let p = try proposal(id)
        let state = p.state(on: day)
        guard state == .queued, let eta = p.eta else { throw .notQueued(id, state: state) }
        guard day >= eta else { throw .timelockNotElapsed(id, eta: eta, day: day) }
        proposals[id.index].executedDay = day
        return p.change
    }
}
