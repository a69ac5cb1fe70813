import HomeostatMechanisms
import Testing

extension GovernanceMechanisms {
@Suite("Governance proposals")
struct GovernanceTests {
    static let change = ParameterChange(name: "treasury.split.lockers", value: 0.6)

    /// Rules with a 2-day delay, 3 days of voting, 2 days of timelock, 5 days of grace.
    static func governance(
        quorum: Double = 0.25, threshold: Double = 0.5, counting: Governance.QuorumCounting = .allVotes
    ) throws -> Governance {
        Governance(parameters: try Governance.Parameters(
            votingDelay: 2, votingPeriod: 3, quorum: quorum, threshold: threshold,
            timelockDelay: 2, gracePeriod: 5, quorumCounting: counting))
    }

    /// A boundary case: weights for / against / abstain and the expected outcome.
    struct Tally: Sendable, CustomTestStringConvertible {
        let name: String
        let inFavor: Double
        let against: Double
        let abstain: Double
        let expected: ProposalState
        var testDescription: String { name }
    }

    // Total power 1000, quorum 0.25 → 250 must vote (≥: at the quorum passes).
    @Test(arguments: [
        Tally(name: "quorum just below (250⁻)", inFavor: 250.0.nextDown, against: 0, abstain: 0, expected: .defeated),
        Tally(name: "quorum exactly at (250)", inFavor: 250, against: 0, abstain: 0, expected: .succeeded),
        Tally(name: "quorum just above (250⁺)", inFavor: 250.0.nextUp, against: 0, abstain: 0, expected: .succeeded),
        Tally(name: "quorum reached by against votes too", inFavor: 200, against: 49, abstain: 1, expected: .succeeded),
        Tally(name: "quorum short with abstain (249.5)", inFavor: 200, against: 0, abstain: 49.5, expected: .defeated),
    ])
    func quorumBoundary(_ c: Tally) throws {
        try expectOutcome(c, quorum: 0.25, threshold: 0.5)
    }

    // Quorum 0 out of the way; threshold 0.75 of for + against, strictly more (at fails).
    @Test(arguments: [
        Tally(name: "threshold just below (749.99 / 250)", inFavor: 749.99, against: 250, abstain: 0, expected: .defeated),
        Tally(name: "threshold exactly at (750 / 250)", inFavor: 750, against: 250, abstain: 0, expected: .defeated),
        Tally(name: "threshold one ulp above (750⁺ / 250)", inFavor: 750.0.nextUp, against: 250, abstain: 0, expected: .succeeded),
        Tally(name: "threshold above (751 / 250)", inFavor: 751, against: 250, abstain: 0, expected: .succeeded),
        Tally(name: "abstain is not in the ratio", inFavor: 750, against: 250, abstain: 400, expected: .defeated),
        Tally(name: "no for or against votes", inFavor: 0, against: 0, abstain: 300, expected: .defeated),
    ])
    func thresholdBoundary(_ c: Tally) throws {
        try expectOutcome(c, quorum: 0, threshold: 0.75, totalPower: 2000)
    }

    // Simple majority: 0.5 is OpenZeppelin/Bravo `forVotes > againstVotes`, a tie fails.
    @Test(arguments: [
        Tally(name: "majority tie", inFavor: 300, against: 300, abstain: 0, expected: .defeated),
        Tally(name: "majority one ulp ahead", inFavor: 300.0.nextUp, against: 300, abstain: 0, expected: .succeeded),
        Tally(name: "majority behind", inFavor: 300.0.nextDown, against: 300, abstain: 0, expected: .defeated),
    ])
    func simpleMajorityBoundary(_ c: Tally) throws {
        try expectOutcome(c, quorum: 0.25, threshold: 0.5)
    }

    func expectOutcome(_ c: Tally, quorum: Double, threshold: Double, totalPower: Double = 1000) throws {
        var gov = try Self.governance(quorum: quorum, threshold: threshold)
        let id = try gov.propose(Self.change, day: 10, totalVotingPower: totalPower)
        let voteDay = 12
        for (voter, support, weight) in [(1, VoteSupport.inFavor, c.inFavor), (2, .against, c.against), (3, .abstain, c.abstain)]
        where weight > 0 {
            try gov.castVote(on: id, voter: voter, support: support, weight: weight, day: voteDay)
        }
        #expect(try gov.state(of: id, on: 14) == .active)
        #expect(try gov.state(of: id, on: 15) == c.expected)
    }

    @Test func lifecycleAndWindow() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 10, totalVotingPower: 1000)
        let p = try gov.proposal(id)
        #expect(p.snapshotDay == 10 && p.voteStart == 12 && p.voteEnd == 15 && p.totalPower == 1000)
        #expect(try gov.state(of: id, on: 10) == .pending)
        #expect(try gov.state(of: id, on: 11) == .pending)
        #expect(throws: GovernanceError.votingClosed(id, state: .pending)) {
            try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 600, day: 11)
        }
        #expect(try gov.state(of: id, on: 12) == .active)
        try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 600, day: 14)
        // Day 15 is the first day after the window: votes are refused, the outcome is known.
        #expect(throws: GovernanceError.votingClosed(id, state: .succeeded)) {
            try gov.castVote(on: id, voter: 2, support: .against, weight: 400, day: 15)
        }
        #expect(try gov.proposal(id).againstVotes == 0)
        #expect(try gov.state(of: id, on: 15) == .succeeded)
        #expect(throws: GovernanceError.unknownProposal(ProposalID(index: 7))) { try gov.state(of: ProposalID(index: 7), on: 0) }
    }

    @Test func doubleVoteIsRejectedAndChangesNothing() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: id, voter: 7, support: .against, weight: 100, day: 2)
        for support in [VoteSupport.against, .inFavor, .abstain] {
            #expect(throws: GovernanceError.alreadyVoted(id, voter: 7)) {
                try gov.castVote(on: id, voter: 7, support: support, weight: 100, day: 3)
            }
        }
        let p = try gov.proposal(id)
        #expect(p.againstVotes == 100 && p.forVotes == 0 && p.abstainVotes == 0 && p.voterCount == 1)
        #expect(p.hasVoted(7) && !p.hasVoted(8))
        // The same voter may vote on another proposal.
        let other = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: other, voter: 7, support: .inFavor, weight: 100, day: 2)
        #expect(try gov.proposal(other).forVotes == 100)
    }

    @Test func weightsAreValidatedAgainstTheSnapshot() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        #expect(throws: GovernanceError.invalidWeight(-1)) { try gov.castVote(on: id, voter: 1, support: .inFavor, weight: -1, day: 2) }
        #expect(throws: GovernanceError.invalidWeight(.infinity)) {
            try gov.castVote(on: id, voter: 1, support: .inFavor, weight: .infinity, day: 2)
        }
        try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 700, day: 2)
        #expect(throws: GovernanceError.votesExceedTotalPower(id, cast: 1001, total: 1000)) {
            try gov.castVote(on: id, voter: 2, support: .against, weight: 301, day: 2)
        }
        // A refused vote does not mark the voter: it can vote again with a valid weight.
        try gov.castVote(on: id, voter: 2, support: .against, weight: 300, day: 2)
        #expect(try gov.proposal(id).againstVotes == 300)
        #expect(throws: GovernanceError.invalidTotalPower(-5)) { try gov.propose(Self.change, day: 0, totalVotingPower: -5) }
    }

    @Test func timelockIsRespected() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 10, totalVotingPower: 1000)
        try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 600, day: 12)
        // Not queued yet: execution is refused even after the window.
        #expect(throws: GovernanceError.notQueued(id, state: .succeeded)) { try gov.execute(id, day: 30) }
        let eta = try gov.queue(id, day: 16)
        #expect(eta == 18)
        #expect(try gov.state(of: id, on: 16) == .queued)
        #expect(throws: GovernanceError.notSucceeded(id, state: .queued)) { try gov.queue(id, day: 16) }
        for day in [16, 17] {
            #expect(throws: GovernanceError.timelockNotElapsed(id, eta: 18, day: day)) { try gov.execute(id, day: day) }
        }
        #expect(try gov.state(of: id, on: 17) == .queued)
        let applied = try gov.execute(id, day: 18)
        #expect(applied == Self.change)
        #expect(try gov.state(of: id, on: 18) == .executed)
        #expect(try gov.state(of: id, on: 1000) == .executed)
        #expect(try gov.proposal(id).executedDay == 18)
        #expect(throws: GovernanceError.notQueued(id, state: .executed)) { try gov.execute(id, day: 19) }
    }

    @Test func queuedProposalExpiresAfterItsGracePeriod() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 600, day: 2)
        let eta = try gov.queue(id, day: 5)  // eta 7, grace 5: executable on days 7...11.
        #expect(eta == 7)
        #expect(try gov.state(of: id, on: 11) == .queued)
        #expect(try gov.state(of: id, on: 12) == .expired)
        #expect(throws: GovernanceError.notQueued(id, state: .expired)) { try gov.execute(id, day: 12) }
        // The last day of the window still executes.
        var lastDay = gov
        #expect(try lastDay.execute(id, day: 11) == Self.change)
    }

    @Test func defeatedProposalCannotBeQueued() throws {
        var gov = try Self.governance()
        let id = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: id, voter: 1, support: .against, weight: 600, day: 2)
        #expect(throws: GovernanceError.notSucceeded(id, state: .defeated)) { try gov.queue(id, day: 5) }
        #expect(throws: GovernanceError.notSucceeded(id, state: .active)) { try gov.queue(id, day: 4) }
        #expect(throws: GovernanceError.notQueued(id, state: .defeated)) { try gov.execute(id, day: 9) }
    }

    @Test(arguments: [
        (Governance.QuorumCounting.allVotes, ProposalState.succeeded),
        (.forAndAbstain, .defeated),
        (.forOnly, .defeated),
    ])
    func quorumCountingRules(_ counting: Governance.QuorumCounting, _ expected: ProposalState) throws {
        // 150 for + 100 against = 250 participating; 150 for + 0 abstain < 250.
        var gov = try Self.governance(quorum: 0.25, counting: counting)
        let id = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: id, voter: 1, support: .inFavor, weight: 150, day: 2)
        try gov.castVote(on: id, voter: 2, support: .against, weight: 100, day: 2)
        #expect(try gov.state(of: id, on: 5) == expected)
    }

    @Test func proposalKeepsTheRulesItWasCreatedWith() throws {
        var gov = try Self.governance(quorum: 0.25)
        let old = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        gov.parameters = try Governance.Parameters(votingPeriod: 3, quorum: 0.5, timelockDelay: 0)
        let new = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: old, voter: 1, support: .inFavor, weight: 300, day: 2)
        try gov.castVote(on: new, voter: 1, support: .inFavor, weight: 300, day: 2)
        #expect(try gov.state(of: old, on: 5) == .succeeded)
        #expect(try gov.state(of: new, on: 3) == .defeated)
        // Zero timelock: executable on the day it is queued.
        let third = try gov.propose(Self.change, day: 0, totalVotingPower: 1000)
        try gov.castVote(on: third, voter: 1, support: .inFavor, weight: 600, day: 0)
        #expect(try gov.queue(third, day: 3) == 3)
        #expect(try gov.execute(third, day: 3) == Self.change)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 0, quorum: 0.1, timelockDelay: 0) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 1, quorum: 1.5, timelockDelay: 0) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 1, quorum: 0.1, threshold: 1, timelockDelay: 0) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 1, quorum: 0.1, timelockDelay: -1) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingDelay: -1, votingPeriod: 1, quorum: 0.1, timelockDelay: 0) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 1, quorum: 0.1, timelockDelay: 0, gracePeriod: 0) }
        #expect(throws: GovernanceError.self) { try Governance.Parameters(votingPeriod: 1, quorum: .nan, timelockDelay: 0) }
    }
}
}
