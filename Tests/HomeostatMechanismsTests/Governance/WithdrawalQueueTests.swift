@testable import HomeostatMechanisms
import Testing

extension GovernanceMechanisms {
@Suite("Staking withdrawal queue")
struct WithdrawalQueueTests {
    @Test func cannotClaimBeforeTheCooldown() throws {
        var queue = try WithdrawalQueue(cooldownDays: 7)
        let rows = queue.addAccounts(2)
        try queue.stake(rows.lowerBound, amount: 100)
        let id = try queue.requestWithdrawal(rows.lowerBound, amount: 40, day: 10)
        #expect(queue.staked[rows.lowerBound] == 60 && queue.pending == 40)
        #expect(queue.requests[id.index].claimableDay == 17)
        for day in 10..<17 {
            #expect(throws: WithdrawalQueueError.coolingDown(id, claimableDay: 17, day: day)) { try queue.claim(id, day: day) }
            #expect(queue.claimable(rows.lowerBound, day: day) == 0)
        }
        #expect(queue.pending == 40 && queue.claimed == 0)
        #expect(queue.claimable(rows.lowerBound, day: 17) == 40)
        #expect(try queue.claim(id, day: 17) == 40)
        #expect(queue.pending == 0 && queue.claimed == 40 && queue.claimable(rows.lowerBound, day: 30) == 0)
        #expect(throws: WithdrawalQueueError.alreadyClaimed(id)) { try queue.claim(id, day: 18) }
        #expect(queue.checkInvariants().isEmpty)
    }

    @Test func requestsAreIndependentAndConserved() throws {
        var queue = try WithdrawalQueue(cooldownDays: 3)
        let a = queue.addAccounts(2).lowerBound
        let b = a + 1
        try queue.stake(a, amount: 50)
        try queue.stake(b, amount: 80)
        let first = try queue.requestWithdrawal(a, amount: 20, day: 0)
        let second = try queue.requestWithdrawal(a, amount: 30, day: 2)
        let third = try queue.requestWithdrawal(b, amount: 80, day: 1)
        #expect(queue.checkInvariants().isEmpty)
        #expect(queue.claimable(a, day: 4) == 20)
        #expect(try queue.claim(first, day: 3) == 20)
        #expect(throws: WithdrawalQueueError.coolingDown(second, claimableDay: 5, day: 4)) { try queue.claim(second, day: 4) }
        #expect(try queue.claim(third, day: 4) == 80)
        #expect(queue.checkInvariants().isEmpty)
        #expect(queue.pending == 30 && queue.staked == [0, 0])
        #expect(throws: WithdrawalQueueError.insufficientStake(row: a, staked: 0, requested: 1)) {
            try queue.requestWithdrawal(a, amount: 1, day: 5)
        }
        #expect(throws: WithdrawalQueueError.invalidAmount(0)) { try queue.requestWithdrawal(b, amount: 0, day: 5) }
        #expect(throws: WithdrawalQueueError.invalidAmount(-1)) { try queue.stake(b, amount: -1) }
        #expect(throws: WithdrawalQueueError.unknownRequest(.init(index: 9))) { try queue.claim(.init(index: 9), day: 5) }
        #expect(throws: WithdrawalQueueError.self) { try WithdrawalQueue(cooldownDays: -1) }
    }

    @Test func zeroCooldownClaimsTheSameDay() throws {
        var queue = try WithdrawalQueue(cooldownDays: 0)
        let row = queue.addAccounts(1).lowerBound
        try queue.stake(row, amount: 5)
        let id = try queue.requestWithdrawal(row, amount: 5, day: 42)
        #expect(try queue.claim(id, day: 42) == 5)
    }

    @Test func invariantCheckCatchesABrokenBook() throws {
        var queue = try WithdrawalQueue(cooldownDays: 1)
        let row = queue.addAccounts(1).lowerBound
        try queue.stake(row, amount: 10)
        _ = try queue.requestWithdrawal(row, amount: 4, day: 0)
        // A request marked claimed without paying out: pending no longer matches the requests.
        var unpaid = queue
        unpaid.requests[0].claimed = true
        #expect(unpaid.checkInvariants().count == 1)
        // A stake that appeared from nowhere: the book no longer balances.
        var minted = queue
        minted.staked[row] += 1
        #expect(minted.checkInvariants().count == 1)
        var negative = queue
        negative.staked[row] = -6
        #expect(negative.checkInvariants().count == 2)
        #expect(queue.checkInvariants().isEmpty)
    }
}
}
