import HomeostatCore
import HomeostatMechanisms
import Testing

extension GovernanceMechanisms {
@Suite("Early exit with a veYFI penalty")
struct ExitPenaltyTests {
    static let maxDays: Int64 = 1460

    /// Day-tick escrow, no week rounding, with locks `(amount, end)` created on day 0.
    static func escrow(_ locks: [(Double, Int64)]) throws -> VoteEscrow {
        var escrow = VoteEscrow(parameters: .days(maxDays: 1460, weekRounding: false))
        let rows = escrow.addAccounts(locks.count)
        for (row, lock) in zip(rows, locks) {
            try escrow.createLock(row, amount: lock.0, unlockTime: lock.1, now: 0)
        }
        return escrow
    }

    /// `returned + burned + Σ redistributed + undistributed == locked`, to 1e-12 relative.
    static func expectConserved(_ exit: EarlyExit, sourceLocation: SourceLocation = #_sourceLocation) {
        let accounted = exit.returned + exit.burned + exit.redistributedTotal + exit.undistributed
        #expect(
            accounted.isApproximatelyEqual(to: exit.locked, relativeTolerance: 1e-12),
            "accounted \(accounted) vs locked \(exit.locked)", sourceLocation: sourceLocation)
        #expect(exit.returned >= 0 && exit.burned >= 0 && exit.undistributed >= 0, sourceLocation: sourceLocation)
        #expect(exit.redistributed.allSatisfy { $0 >= 0 }, sourceLocation: sourceLocation)
    }

    @Test func veYFIFractionMatchesTheContractRule() {
        let rule = ExitPenalty.veYFI
        let max = Self.maxDays
        #expect(rule.fraction(remaining: max, maxTime: max) == 0.75)
        #expect(rule.fraction(remaining: 10 * max, maxTime: max) == 0.75)  // lock beyond maxTime: capped
        #expect(rule.fraction(remaining: 1095, maxTime: max) == 0.75)      // exactly 3/4 of maxTime
        #expect(rule.fraction(remaining: 1094, maxTime: max) == 1094.0 / 1460.0)
        #expect(rule.fraction(remaining: 730, maxTime: max) == 0.5)
        #expect(rule.fraction(remaining: 1, maxTime: max) == 1.0 / 1460.0)
        #expect(rule.fraction(remaining: 0, maxTime: max) == 0)
        #expect(rule.fraction(remaining: -30, maxTime: max) == 0)
    }

    @Test func penaltyDecaysWithRemainingTime() throws {
        // The same 1000-token lock ending on day 1400, exited on successive days.
        let escrow = try Self.escrow([(1000, 1400), (500, 1460)])
        var previousPenalty = Double.infinity
        for day: Int64 in [0, 100, 305, 306, 500, 700, 1000, 1399, 1400, 1500] {
            var copy = escrow
            let exit = try copy.withdrawEarly(0, now: day, penalty: .veYFI)
            let remaining = max(0, 1400 - day)
            let expected = 1000 * min(Double(remaining) / 1460, 0.75)
            expectClose(exit.penalty, expected, relative: 1e-15, absolute: 0, "day \(day)")
            #expect(exit.penalty <= previousPenalty, "day \(day): penalty rose")
            if remaining < 1095 && remaining > 0 {
                #expect(exit.penalty < previousPenalty, "day \(day): penalty did not fall below the cap")
            }
            Self.expectConserved(exit)
            previousPenalty = exit.penalty
        }
        #expect(previousPenalty == 0)
    }

    @Test func redistributionIsProRataToVotingPowerAndConserved() throws {
        var escrow = try Self.escrow([(1000, 1460), (300, 730), (200, 365), (500, 100)])
        let day: Int64 = 50
        let powersAfter = (1..<4).map { escrow.balance($0, at: day) }
        let supplyBefore = escrow.supply
        let rule = try ExitPenalty(maxPenaltyFraction: 0.75, redistributedShare: 0.6, basis: .votingPower)
        let exit = try escrow.withdrawEarly(0, now: day, penalty: rule)
        // Remaining 1410 days ≥ 1095: capped at 75%.
        #expect(exit.fraction == 0.75)
        expectClose(exit.penalty, 750, relative: 1e-15)
        expectClose(exit.returned, 250, relative: 1e-15)
        expectClose(exit.burned, 300, relative: 1e-15)
        #expect(exit.redistributed.count == 4 && exit.redistributed[0] == 0)
        let totalPower = powersAfter.reduce(0, +)
        for (i, p) in powersAfter.enumerated() {
            expectClose(exit.redistributed[i + 1], 450 * p / totalPower, relative: 1e-12, "row \(i + 1)")
        }
        #expect(exit.undistributed == 0)
        Self.expectConserved(exit)
        // The lock is gone from the escrow exactly as a withdrawal would remove it.
        #expect(escrow.lockedAmount(0) == 0 && escrow.lockEnd(0) == 0)
        expectClose(escrow.supply, supplyBefore - 1000, relative: 1e-15)
        #expect(escrow.checkInvariants(at: day).isEmpty)
        #expect(escrow.checkInvariants(at: 400).isEmpty)
    }

    @Test func lockedAmountBasisSkipsEndedLocks() throws {
        var escrow = try Self.escrow([(1000, 1000), (300, 730), (200, 10)])
        let exit = try escrow.withdrawEarly(0, now: 20, penalty: try ExitPenalty(basis: .lockedAmount))
        // Row 2's lock ended on day 10: no share. Row 1 takes the whole penalty.
        #expect(exit.redistributed[2] == 0)
        expectClose(exit.redistributed[1], exit.penalty, relative: 1e-15)
        #expect(exit.burned == 0)
        Self.expectConserved(exit)
    }

    @Test(arguments: [0.0, 0.25, 1.0])
    func conservationOverRandomEscrows(share: Double) throws {
        var rng = Xoshiro256StarStar(seed: 20_240_611)
        let rule = try ExitPenalty(maxPenaltyFraction: 0.75, redistributedShare: share, basis: .votingPower)
        for trial in 0..<200 {
            let n = 1 + Int(rng.uniform() * 12)
            let locks = (0..<n).map { _ in (rng.uniform(1, 1e6), Int64(1 + rng.uniform() * 1459)) }
            var escrow = try Self.escrow(locks)
            let day = Int64(rng.uniform() * 1460)
            let row = Int(rng.uniform() * Double(n))
            let exit = try escrow.withdrawEarly(row, now: day, penalty: rule)
            Self.expectConserved(exit)
            expectClose(exit.burned, exit.penalty * (1 - share), relative: 1e-12, absolute: 1e-300, "trial \(trial)")
            #expect(escrow.checkInvariants(at: day).isEmpty, "trial \(trial)")
        }
    }

    @Test func lastLockerLeavesThePenaltyUndistributed() throws {
        var escrow = try Self.escrow([(800, 730)])
        let exit = try escrow.withdrawEarly(0, now: 0, penalty: .veYFI)
        expectClose(exit.penalty, 400, relative: 1e-15)
        expectClose(exit.undistributed, 400, relative: 1e-15)
        #expect(exit.redistributedTotal == 0 && exit.burned == 0)
        Self.expectConserved(exit)
        #expect(escrow.supply == 0 && escrow.totalSupply(at: 0) == 0)
    }

    @Test func rejectsAnEmptyRowAndInvalidRules() throws {
        var escrow = try Self.escrow([(800, 730)])
        _ = escrow.addAccounts(1)
        #expect(throws: VoteEscrowError.nothingLocked) { try escrow.withdrawEarly(1, now: 0, penalty: .veYFI) }
        _ = try escrow.withdrawEarly(0, now: 0, penalty: .veYFI)
        #expect(throws: VoteEscrowError.nothingLocked) { try escrow.withdrawEarly(0, now: 1, penalty: .veYFI) }
        #expect(throws: ExitPenaltyError.self) { try ExitPenalty(maxPenaltyFraction: 1.2) }
        #expect(throws: ExitPenaltyError.self) { try ExitPenalty(redistributedShare: -0.1) }
        #expect(throws: ExitPenaltyError.self) { try ExitPenalty(redistributedShare: .nan) }
    }
}
}
