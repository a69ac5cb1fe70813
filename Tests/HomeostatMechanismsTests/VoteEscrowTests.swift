import HomeostatCore
@testable import HomeostatMechanisms
import Testing

private let week: Int64 = 604_800
private let maxTime: Int64 = 126_144_000

@Test func curveConstants() {
    #expect(VoteEscrow.Parameters.curve.maxTime == maxTime)
    #expect(VoteEscrow.Parameters.curve.roundingPeriod == week)
    #expect(VoteEscrow.Parameters.days(maxDays: 1460, weekRounding: false) == .init(maxTime: 1460, roundingPeriod: 1))
    #expect(VoteEscrow.Parameters.days(maxDays: 1460, weekRounding: true).roundingPeriod == 7)
}

@Test func mechanismsSectionOneVector() throws {
    // MECHANISMS.md §1: the contract gives 997_995_941_146_607_619_200 wei at the lock and
    // 7_927_447_995_941 wei/s * 94_355_200 s = 747_995_941_146_612_243_200 wei a year later.
    var escrow = VoteEscrow(parameters: .curve, startTime: 1_700_000_000)
    let row = escrow.addAccounts(1).lowerBound
    try escrow.createLock(row, amount: 1000, unlockTime: 1_700_000_000 + maxTime, now: 1_700_000_000)
    #expect(escrow.end[row] == 1_825_891_200)
    #expect(escrow.balance(row, at: 1_700_000_000).isApproximatelyEqual(to: 997.995941146607619200, relativeTolerance: 1e-9))
    #expect(escrow.totalSupply(at: 1_700_000_000).isApproximatelyEqual(to: 997.995941146607619200, relativeTolerance: 1e-9))
    let yearLater: Int64 = 1_700_000_000 + 365 * 86_400
    #expect(escrow.balance(row, at: yearLater).isApproximatelyEqual(to: 747.9959411466122432, relativeTolerance: 1e-9))
    #expect(escrow.totalSupply(at: yearLater).isApproximatelyEqual(to: 747.9959411466122432, relativeTolerance: 1e-9))
    // Week rounding costs at most a week: a maximum lock starts within [99.52 %, 100 %] of the amount.
    #expect(escrow.balance(row, at: 1_700_000_000) >= 1000 * (1 - Double(week) / Double(maxTime)))
}

@Test func totalIsExactlyZeroOnceEveryLockHasEnded() throws {
    // Found while replaying weeks.jsonl: the global point is a running Double sum, and after
    // locks of different amounts and ends had all ended the escrow reported a total power of
    // 2.8e-17 (28 wei) where the contract's integers give exactly 0.
    var escrow = VoteEscrow(parameters: .curve, startTime: 1_700_092_799)
    let rows = escrow.addAccounts(3)
    try escrow.createLock(rows.lowerBound, amount: 10, unlockTime: 1_701_302_399, now: 1_700_092_799)
    try escrow.createLock(rows.lowerBound + 1, amount: 20, unlockTime: 1_701_302_400, now: 1_700_092_800)
    try escrow.createLock(rows.lowerBound + 2, amount: 30, unlockTime: 1_701_907_199, now: 1_700_092_800)
    try escrow.withdraw(rows.lowerBound, now: 1_700_697_600)
    for t: Int64 in [1_701_302_400, 1_701_302_401, 1_702_000_000, 1_800_000_000] {
        #expect(escrow.totalSupply(at: t) == 0, "t = \(t)")
    }
    escrow.checkpoint(now: 1_702_000_000)
    #expect(escrow.totalSupply(at: 1_702_000_000) == 0)
    // A new lock afterwards starts from a clean point.
    try escrow.withdraw(rows.lowerBound + 1, now: 1_702_000_000)
    try escrow.createLock(rows.lowerBound + 1, amount: 1.5, unlockTime: 1_720_000_000, now: 1_710_000_000)
    #expect(escrow.totalSupply(at: 1_710_000_000) == escrow.balance(rows.lowerBound + 1, at: 1_710_000_000))
    #expect(escrow.totalSupply(at: 1_719_446_400) == 0)
}

@Test func rejectionsFollowTheContractOrder() throws {
    var escrow = VoteEscrow(parameters: .curve, startTime: 1_700_000_000)
    let a = escrow.addAccounts(2).lowerBound
    let b = a + 1
    let now: Int64 = 1_700_000_000
    #expect(throws: VoteEscrowError.zeroValue) { try escrow.createLock(a, amount: 0, unlockTime: 0, now: now) }
    #expect(throws: VoteEscrowError.lockNotInFuture) { try escrow.createLock(a, amount: 1, unlockTime: now + 1, now: now) }
    #expect(throws: VoteEscrowError.lockTooLong) {
        try escrow.createLock(a, amount: 1, unlockTime: now + maxTime + week, now: now)
    }
    try escrow.createLock(a, amount: 1, unlockTime: now + 2 * week, now: now)
    #expect(throws: VoteEscrowError.withdrawOldTokensFirst) { try escrow.createLock(a, amount: 1, unlockTime: 0, now: now) }
    #expect(throws: VoteEscrowError.zeroValue) { try escrow.increaseAmount(b, amount: 0, now: now) }
    #expect(throws: VoteEscrowError.noExistingLock) { try escrow.increaseAmount(b, amount: 1, now: now) }
    #expect(throws: VoteEscrowError.lockExpired) { try escrow.increaseUnlockTime(b, unlockTime: now + week * 10, now: now) }
    #expect(throws: VoteEscrowError.canOnlyIncreaseDuration) {
        try escrow.increaseUnlockTime(a, unlockTime: escrow.end[a] + week - 1, now: now)
    }
    #expect(throws: VoteEscrowError.lockTooLong) {
        try escrow.increaseUnlockTime(a, unlockTime: now + maxTime + week, now: now)
    }
    #expect(throws: VoteEscrowError.lockNotExpired) { try escrow.withdraw(a, now: escrow.end[a] - 1) }
    let end = escrow.end[a]
    #expect(throws: VoteEscrowError.addToExpiredLock) { try escrow.increaseAmount(a, amount: 1, now: end) }
    #expect(throws: VoteEscrowError.lockExpired) { try escrow.increaseUnlockTime(a, unlockTime: end + week * 10, now: end) }
    #expect(try escrow.withdraw(b, now: end) == 0)
    #expect(try escrow.withdraw(a, now: end) == 1)
    #expect(escrow.amount[a] == 0 && escrow.end[a] == 0 && escrow.supply == 0)
    #expect(VoteEscrowError.lockNotExpired.description == "The lock didn't expire")
}

/// A labelled parameter set for the property loop.
struct EscrowCase: Sendable, CustomTestStringConvertible {
    let label: String
    let parameters: VoteEscrow.Parameters
    let sequences: Int
    let start: Int64
    var testDescription: String { label }
}

@Test(arguments: [
    EscrowCase(label: "curve seconds", parameters: .curve, sequences: 2000, start: 1_700_000_000),
    EscrowCase(label: "days, no rounding", parameters: .days(maxDays: 1460, weekRounding: false), sequences: 1000, start: 0),
    EscrowCase(label: "days, week rounding", parameters: .days(maxDays: 1460, weekRounding: true), sequences: 1000, start: 3),
])
func randomOperationSequencesKeepTheInvariants(_ c: EscrowCase) {
    let maxT = c.parameters.maxTime
    let period = c.parameters.roundingPeriod
    var rng = Xoshiro256StarStar(seed: 0x5EED_0001)
    var failures = 0
    var accepted = 0
    var rejectedCount = 0
    for sequence in 0..<c.sequences where failures < 5 {
        let accounts = 1 + Int(rng.next() % 5)
        var escrow = VoteEscrow(parameters: c.parameters, startTime: c.start)
        _ = escrow.addAccounts(accounts)
        var now = c.start
        for step in 0..<30 {
            // Time moves forward by nothing, a little, or up to a fifth of the longest lock.
            switch rng.next() % 4 {
            case 0: break
            case 1: now += Int64(rng.next() % 3)
            default: now += Int64(rng.next() % UInt64(maxT / 5))
            }
            let row = Int(rng.next() % UInt64(accounts))
            let amount = rng.next() % 10 == 0 ? 0 : rng.uniform(0, 1000)
            let unlock = now - 2 * period + Int64(rng.next() % UInt64(maxT + 4 * period))
            let before = (amount: escrow.amount, end: escrow.end, supply: escrow.supply)
            var rejected = false
            do {
                switch rng.next() % 5 {
                case 0, 1: try escrow.createLock(row, amount: amount, unlockTime: unlock, now: now)
                case 2: try escrow.increaseAmount(row, amount: amount, now: now)
                case 3: try escrow.increaseUnlockTime(row, unlockTime: unlock, now: now)
                default: try escrow.withdraw(row, now: now)
                }
            } catch {
                rejected = true
            }
            if rejected { rejectedCount += 1 } else { accepted += 1 }
            if rejected {
                #expect(escrow.amount == before.amount && escrow.end == before.end && escrow.supply == before.supply,
                        "\(c.label) sequence \(sequence) step \(step): a rejected operation changed the state")
            }
            if rng.next() % 7 == 0 { escrow.checkpoint(now: now) }
            let ok = checkEscrow(escrow, now: now, label: "\(c.label) sequence \(sequence) step \(step)",
                                 later: now + Int64(rng.next() % UInt64(maxT + 2 * period)))
            if !ok { failures += 1; break }
        }
    }
    // The loop is only a test if both outcomes are common.
    #expect(accepted > c.sequences * 8 && rejectedCount > c.sequences * 8, "accepted \(accepted), rejected \(rejectedCount)")
}

/// Checks MECHANISMS.md §1's invariants at `now` and at a `later` time; records and returns
/// false on the first violation.
private func checkEscrow(_ escrow: VoteEscrow, now: Int64, label: String, later: Int64) -> Bool {
    let p = escrow.parameters
    let violations = escrow.checkInvariants(at: now)
    guard violations.isEmpty else {
        Issue.record("\(label): \(violations)")
        return false
    }
    var sumAmount = 0.0
    var sumNow = 0.0
    var sumLater = 0.0
    for row in 0..<escrow.accountCount {
        let a = escrow.amount[row]
        let end = escrow.end[row]
        sumAmount += a
        let vNow = escrow.balance(row, at: now)
        let vLater = escrow.balance(row, at: later)
        sumNow += vNow
        sumLater += vLater
        var problems: [String] = []
        // I1: 0 <= ve <= a * (end - t) / maxTime <= a.
        if vNow < 0 || vNow > a * (1 + 1e-12) { problems.append("power \(vNow) outside [0, \(a)]") }
        let cap = a * Double(max(end - now, 0)) / Double(p.maxTime)
        if vNow > cap * (1 + 1e-12) { problems.append("power \(vNow) above a(end - t)/maxTime = \(cap)") }
        // I2: zero at and after the end, linear decay before it.
        if escrow.balance(row, at: end) != 0 || escrow.balance(row, at: end + 1) != 0 || escrow.balance(row, at: end + p.maxTime) != 0 {
            problems.append("power not zero at or after end \(end)")
        }
        if end > now + 1 {
            let mid = now + (end - now) / 2
            let d1 = vNow - escrow.balance(row, at: mid)
            let d2 = escrow.balance(row, at: mid) - escrow.balance(row, at: end)
            let rate = a / Double(p.maxTime)
            if !d1.isApproximatelyEqual(to: rate * Double(mid - now), relativeTolerance: 1e-9)
                || !d2.isApproximatelyEqual(to: rate * Double(end - mid), relativeTolerance: 1e-9) {
                problems.append("decay is not linear: \(d1) over \(mid - now), \(d2) over \(end - mid)")
            }
        }
        if vLater > vNow * (1 + 1e-12) { problems.append("power grew without an action: \(vNow) -> \(vLater)") }
        // I5: ends on period boundaries, at most maxTime ahead; no lock means end 0.
        if end % p.roundingPeriod != 0 { problems.append("end \(end) not a multiple of \(p.roundingPeriod)") }
        if end > now + p.maxTime { problems.append("end \(end) more than maxTime after \(now)") }
        if (a == 0) != (end == 0) { problems.append("amount \(a) with end \(end)") }
        if !problems.isEmpty {
            Issue.record("\(label), row \(row): \(problems.joined(separator: "; "))")
            return false
        }
    }
    // I3 now and later (the later total extrapolates through scheduled slope changes); I4.
    let scale = 1e-9 * (sumAmount + 1)
    let totalNow = escrow.totalSupply(at: now)
    let totalLater = escrow.totalSupply(at: later)
    if abs(totalNow - sumNow) > scale || abs(totalLater - sumLater) > scale
        || !escrow.supply.isApproximatelyEqual(to: sumAmount, absoluteTolerance: scale) {
        Issue.record("\(label): total \(totalNow) vs Σ \(sumNow), later \(totalLater) vs Σ \(sumLater), supply \(escrow.supply) vs Σ \(sumAmount)")
        return false
    }
    if sumLater == 0 && totalLater != 0 {
        Issue.record("\(label): total \(totalLater) after every lock has ended")
        return false
    }
    return true
}

@Test func invariantCheckCanFail() throws {
    // checkInvariants must notice a broken escrow: tamper with its internals.
    var escrow = VoteEscrow(parameters: .curve, startTime: 0)
    let row = escrow.addAccounts(1).lowerBound
    try escrow.createLock(row, amount: 100, unlockTime: 10 * week, now: 0)
    #expect(escrow.checkInvariants(at: week).isEmpty)
    var badSupply = escrow
    badSupply._supply += 1
    #expect(badSupply.checkInvariants(at: week).count == 1)
    var badPoint = escrow
    badPoint.pointBias += 1
    #expect(badPoint.checkInvariants(at: week).count == 1)
    var badEnd = escrow
    badEnd._end[row] += 1
    #expect(!badEnd.checkInvariants(at: week).isEmpty)
}

extension Double {
    /// `|self - other| <= max(absoluteTolerance, relativeTolerance * max(|self|, |other|))`.
    func isApproximatelyEqual(to other: Double, relativeTolerance: Double = 0, absoluteTolerance: Double = 0) -> Bool {
        abs(self - other) <= Swift.max(absoluteTolerance, relativeTolerance * Swift.max(abs(self), abs(other)))
    }
}
