/// The payload of a proposal: set the parameter called ``name`` to ``value``.
///
/// Governance only records and releases the change; the engine applies it to the scenario
/// model when ``Governance/execute(_:day:)`` returns it. Names are the engine's parameter
/// paths (for example `"treasury.split.lockers"`); this module does not interpret them.
public struct ParameterChange: Sendable, Hashable, CustomStringConvertible {
    /// The parameter's path in the engine's model.
    public var name: String
    /// Its new value.
    public var value: Double

    /// A change of `name` to `value`.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }

    /// `name = value`.
    public var description: String { "\(name) = \(value)" }
}

/// A typed index of a proposal in a ``Governance`` (its position in creation order).
public struct ProposalID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Position in ``Governance/proposals``.
    public let index: Int

    /// The proposal at `index`.
    public init(index: Int) { self.index = index }

    /// Orders by creation.
    public static func < (a: ProposalID, b: ProposalID) -> Bool { a.index < b.index }

    /// `#index`.
    public var description: String { "#\(index)" }
}

/// How a voter votes (OpenZeppelin `GovernorCountingSimple.VoteType`: Against, For, Abstain).
public enum VoteSupport: Sendable, Hashable {
    /// Against the change.
    case against
    /// For the change.
    case inFavor
    /// Counted for quorum (depending on ``QuorumCounting``) but not in the for/against ratio.
    case abstain
}

/// The life-cycle state of a proposal on a given day (Compound GovernorBravo
/// `ProposalState` without `Canceled`).
///
///     pending ──► active ──► defeated
///                    └─────► succeeded ──queue──► queued ──execute──► executed
///                                                    └──(grace period passes)──► expired
public enum ProposalState: Sendable, Hashable, CustomStringConvertible {
    /// Created; voting has not opened (`day < voteStart`).
    case pending
    /// Voting is open (`voteStart <= day < voteEnd`).
    case active
    /// Voting closed without quorum or without a passing majority.
    case defeated
    /// Voting closed with quorum and a passing majority; not queued yet.
    case succeeded
    /// Queued in the timelock; executable from ``Proposal/eta``.
    case queued
    /// Executed: the change was handed to the engine.
    case executed
    /// Queued but not executed before `eta + gracePeriod`.
    case expired

    /// The state's name.
    public var description: String {
        switch self {
        case .pending: "pending"
        case .active: "active"
        case .defeated: "defeated"
        case .succeeded: "succeeded"
        case .queued: "queued"
        case .executed: "executed"
        case .expired: "expired"
        }
    }
}

/// A proposal and its running tally.
///
/// Timeline in whole days, created on day `c`:
///
///     snapshotDay = c                       weights are measured here (by the caller)
///     voteStart   = c + votingDelay         first day a vote is accepted
///     voteEnd     = voteStart + votingPeriod   first day votes are refused (exclusive)
///     eta         = queue day + timelockDelay  first day it may execute
///     expiry      = eta + gracePeriod          first day it is expired (exclusive)
///
/// The rules (quorum, threshold, delays) are copied from ``Governance/parameters`` at
/// creation, so a proposal that changes the governance parameters does not change the
/// rules of proposals already open (GovernorBravo reads `quorumVotes` per proposal the same way).
public struct Proposal: Sendable {
    /// This proposal's index.
    public let id: ProposalID
    /// What executing it changes.
    public let change: ParameterChange
    /// The rules it is decided by, copied at creation.
    public let rules: Governance.Parameters
    /// Day it was created.
    public let createdDay: Int
    /// Day the voting weights are measured on (the creation day).
    public let snapshotDay: Int
    /// Total voting power at ``snapshotDay``, the base of the quorum.
    public let totalPower: Double
    /// First day of voting.
    public let voteStart: Int
    /// First day after voting (exclusive end).
    public let voteEnd: Int
    /// Weight cast for.
    public internal(set) var forVotes: Double = 0
    /// Weight cast against.
    public internal(set) var againstVotes: Double = 0
    /// Weight cast as abstain.
    public internal(set) var abstainVotes: Double = 0
    /// First day it may execute, once queued.
    public internal(set) var eta: Int?
    /// Day it was executed.
    public internal(set) var executedDay: Int?
    /// Voters that have voted (one vote per voter).
    var voters: Set<Int> = []

    init(id: ProposalID, change: ParameterChange, rules: Governance.Parameters, day: Int, totalPower: Double) {
        self.id = id
        self.change = change
        self.rules = rules
        self.createdDay = day
        self.snapshotDay = day
        self.totalPower = totalPower
        self.voteStart = day + rules.votingDelay
        self.voteEnd = day + rules.votingDelay + rules.votingPeriod
    }

    /// Whether `voter` has voted on this proposal.
    public func hasVoted(_ voter: Int) -> Bool { voters.contains(voter) }

    /// Number of voters so far.
    public var voterCount: Int { voters.count }

    /// Weight that counts toward quorum under ``Governance/Parameters/quorumCounting``.
    public var quorumVotes: Double {
        switch rules.quorumCounting {
        case .allVotes: forVotes + againstVotes + abstainVotes
        case .forAndAbstain: forVotes + abstainVotes
        case .forOnly: forVotes
        }
    }

    /// `quorumVotes ≥ quorum · totalPower` — reaching the quorum exactly is enough
    /// (OpenZeppelin `_quorumReached`: `quorum(snapshot) <= forVotes + abstainVotes`;
    /// GovernorBravo defeats only if `forVotes < quorumVotes`).
    public var quorumReached: Bool { quorumVotes >= rules.quorum * totalPower }

    /// `forVotes > threshold · (forVotes + againstVotes)` — strictly more, so a tie at the
    /// threshold fails (OpenZeppelin `_voteSucceeded`: `forVotes > againstVotes`; GovernorBravo
    /// defeats if `forVotes <= againstVotes`). Abstentions are not in the ratio. With no
    /// for/against votes it is false.
    ///
    /// Evaluated as `forVotes · (1 − threshold) > threshold · againstVotes`, which has no
    /// rounded sum: at `threshold = 0.5` it is exactly Bravo's `forVotes > againstVotes`, and a
    /// for-vote one ulp above the threshold passes.
    public var thresholdMet: Bool { forVotes * (1 - rules.threshold) > rules.threshold * againstVotes }

    /// The state on `day` (GovernorBravo `state(proposalId)`, computed, never stored).
    public func state(on day: Int) -> ProposalState {
        if executedDay != nil { return .executed }
        if day < voteStart { return .pending }
        if day < voteEnd { return .active }
        guard quorumReached && thresholdMet else { return .defeated }
        guard let eta else { return .succeeded }
        return day >= eta + rules.gracePeriod ? .expired : .queued
    }
}
