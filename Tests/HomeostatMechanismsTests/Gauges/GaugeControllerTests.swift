import HomeostatCore
@testable import HomeostatMechanisms
import Testing

/// A controller in day ticks (7-day epochs from day 0, 10-day vote delay) with one type of
/// weight 1 and `gauges` gauges, all set up in epoch −1 so they count from epoch 0, and an
/// escrow of `voters` accounts (4-year max, no week rounding).
private func dayMarket(gauges: Int, voters: Int) throws -> (GaugeController, VoteEscrow, [GaugeID]) {
    var controller = GaugeController(parameters: .days(), startTime: -7)
    let type = try controller.addType(weight: 1, now: -7)
    var ids: [GaugeID] = []
    for _ in 0..<gauges { ids.append(try controller.addGauge(type: type, now: -7)) }
    _ = controller.addVoters(voters)
    var escrow = VoteEscrow(parameters: .days(maxDays: 1460, weekRounding: false), startTime: -7)
    _ = escrow.addAccounts(voters)
    return (controller, escrow, ids)
}

@Suite struct GaugeControllerTests {
    @Test func presets() {
        #expect(GaugeController.Parameters.curve == .init(epochLength: 604_800, voteDelay: 864_000))
        #expect(GaugeController.Parameters.days() == .init(epochLength: 7, voteDelay: 10))
        let c = GaugeController(parameters: .days(), startTime: -1)
        #expect(c.epoch(containing: -1) == -1 && c.epoch(containing: 0) == 0 && c.epoch(containing: 6) == 0)
        #expect(c.epoch(containing: 7) == 1 && c.epochStart(3) == 21 && c.firstEpoch == -1)
    }

    @Test func aVoteTakesEffectAtTheNextEpochBoundary() throws {
        var (c, escrow, g) = try dayMarket(gauges: 2, voters: 2)
        try escrow.createLock(0, amount: 1000, unlockTime: 700, now: 0)
        try escrow.createLock(1, amount: 500, unlockTime: 350, now: 0)
        try c.vote(voter: 0, gauge: g[0], weightBps: 10_000, escrow: escrow, now: 3)
        // Epoch 0 started before the vote: no weight at all, so nothing is routed.
        #expect(c.relativeWeights(epoch: 0) == [0, 0])
        #expect(c.totalWeight(epoch: 0) == 0)
        #expect(c.route(amount: 70, epoch: 0).unrouted == 70)
        // Epoch 1 (day 7) has the vote: σ · (700 − 7) with σ = 1000 / 1460.
        c.checkpoint(now: 7)
        #expect(c.gaugeWeight(g[0], epoch: 1).isApproximatelyEqual(to: 1000.0 / 1460 * 693, relativeTolerance: 1e-12))
        #expect(c.gaugeWeight(g[0], epoch: 1).isApproximatelyEqual(to: escrow.balance(0, at: 7), relativeTolerance: 1e-12))
        #expect(c.relativeWeights(epoch: 1) == [1, 0])
        // A vote cast on the first day of epoch 2 counts from epoch 3, not 2.
        try c.vote(voter: 1, gauge: g[1], weightBps: 10_000, escrow: escrow, now: 14)
        #expect(c.relativeWeights(epoch: 2) == [1, 0])
        #expect(c.latestVote(voter: 1, gauge: g[1])?.effectiveEpoch == 3)
        c.checkpoint(now: 21)
        let w0 = 1000.0 / 1460 * (700 - 21)
        let w1 = 500.0 / 1460 * (350 - 21)
        let rel = c.relativeWeights(epoch: 3)
        #expect(rel[0].isApproximatelyEqual(to: w0 / (w0 + w1), relativeTolerance: 1e-12))
        #expect(rel[1].isApproximatelyEqual(to: w1 / (w0 + w1), relativeTolerance: 1e-12))
        // Epochs already passed did not change.
        #expect(c.relativeWeights(epoch: 1) == [1, 0] && c.relativeWeights(epoch: 2) == [1, 0])
    }

    @Test func unixSecondsWithCurveConstants() throws {
        // MECHANISMS §1's lock: 1000 tokens at 1_700_000_000 (a Tuesday) until 1_825_891_200.
        let now: Int64 = 1_700_000_000
        var escrow = VoteEscrow(parameters: .curve, startTime: now)
        _ = escrow.addAccounts(1)
        try escrow.createLock(0, amount: 1000, unlockTime: now + 126_144_000, now: now)
        var c = GaugeController(parameters: .curve, startTime: now - 604_800)
        let type = try c.addType(weight: 1, now: now - 604_800)
        let g = try c.addGauge(type: type, now: now - 604_800)
        _ = c.addVoters(1)
        try c.vote(voter: 0, gauge: g, weightBps: 2_500, escrow: escrow, now: now)
        // The next boundary is Thursday 2023-11-16 00:00 UTC = 2811 weeks.
        let next: Int64 = 1_700_092_800
        #expect(c.epoch(containing: now) == 2810 && c.epochStart(2811) == next)
        #expect(c.gaugeWeight(g, epoch: 2810) == 0)
        let expected = 0.25 * escrow.balance(0, at: next)
        #expect(c.gaugeWeight(g, epoch: 2811).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        #expect(c.relativeWeight(g, epoch: 2811) == 1)
        // A year of weeks later the projection still equals the quarter of the ve balance.
        let later: Int64 = 2811 + 52
        c.checkpoint(now: c.epochStart(later) + 5)
        #expect(c.gaugeWeight(g, epoch: later).isApproximatelyEqual(
            to: 0.25 * escrow.balance(0, at: c.epochStart(later)), relativeTolerance: 1e-9))
        // Past the lock end, nothing is left.
        #expect(c.gaugeWeight(g, epoch: 1_825_891_200 / 604_800) == 0)
    }

    @Test func aSecondVoteWithinTenDaysIsRejectedWithTheContractReason() throws {
        var (c, escrow, g) = try dayMarket(gauges: 2, voters: 1)
        try escrow.createLock(0, amount: 100, unlockTime: 400, now: 0)
        try c.vote(voter: 0, gauge: g[0], weightBps: 4_000, escrow: escrow, now: 3)
        let before = c
        let error = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 0, gauge: g[0], weightBps: 5_000, escrow: escrow, now: 12)
        }
        #expect(error == .voteTooOften(lastVote: 3, now: 12))
        #expect(error.description == "Cannot vote so often")
        #expect(c.powerUsed(voter: 0) == 4_000 && c.latestVote(voter: 0, gauge: g[0]) == before.latestVote(voter: 0, gauge: g[0]))
        // The delay is per gauge: another gauge can be voted at once.
        try c.vote(voter: 0, gauge: g[1], weightBps: 1_000, escrow: escrow, now: 12)
        // Ten days after the first vote it may change.
        try c.vote(voter: 0, gauge: g[0], weightBps: 5_000, escrow: escrow, now: 13)
        #expect(c.powerUsed(voter: 0) == 6_000)
        #expect(c.checkInvariants().isEmpty)
    }

    @Test func otherRejectionsFollowTheContract() throws {
        var (c, escrow, g) = try dayMarket(gauges: 2, voters: 2)
        try escrow.createLock(0, amount: 100, unlockTime: 14, now: 0)
        try escrow.createLock(1, amount: 100, unlockTime: 400, now: 0)
        // The lock must end after the next boundary: day 14 is after 7 but not after 14.
        try c.vote(voter: 0, gauge: g[0], weightBps: 100, escrow: escrow, now: 6)
        let tooSoon = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 0, gauge: g[1], weightBps: 100, escrow: escrow, now: 7)
        }
        #expect(tooSoon == .lockExpiresTooSoon(lockEnd: 14, nextEpochStart: 14))
        #expect(tooSoon.description == "Your token lock expires too soon")
        let noLock = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 0, gauge: g[1], weightBps: 100, slope: 0, lockEnd: 0, now: 7)
        }
        #expect(noLock.description == "Your token lock expires too soon")
        let over = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 1, gauge: g[0], weightBps: 10_001, escrow: escrow, now: 7)
        }
        #expect(over.description == "You used all your voting power")
        let missing = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 1, gauge: GaugeID(7), weightBps: 1, escrow: escrow, now: 7)
        }
        #expect(missing == .gaugeNotAdded(GaugeID(7)) && missing.description == "Gauge not added")
        try c.vote(voter: 1, gauge: g[0], weightBps: 6_000, escrow: escrow, now: 7)
        let projected = c.relativeWeights(epoch: 2)
        let tooMuch = try #require(throws: GaugeControllerError.self) {
            try c.vote(voter: 1, gauge: g[1], weightBps: 4_001, escrow: escrow, now: 8)
        }
        #expect(tooMuch == .tooMuchPowerUsed(powerUsedBps: 10_001) && tooMuch.description == "Used too much power")
        #expect(c.powerUsed(voter: 1) == 6_000 && c.relativeWeights(epoch: 2) == projected)
        try c.vote(voter: 1, gauge: g[1], weightBps: 4_000, escrow: escrow, now: 8)
        #expect(c.powerUsed(voter: 1) == 10_000)
        // Lowering a vote frees power (after the delay).
        try c.vote(voter: 1, gauge: g[0], weightBps: 0, escrow: escrow, now: 17)
        #expect(c.powerUsed(voter: 1) == 4_000)
        #expect(throws: GaugeControllerError.invalidGaugeType(GaugeTypeID(3))) { try c.addGauge(type: GaugeTypeID(3), now: 17) }
        #expect(throws: GaugeControllerError.invalidWeight(-1)) { try c.addType(weight: -1, now: 17) }
        #expect(c.checkInvariants().isEmpty)
    }

    @Test func aVoteDecaysWithTheLockAndEndsAtItsEndEvenOffABoundary() throws {
        // Lock end day 30 is not a multiple of 7: the weight at each boundary must still be
        // σ · max(30 − 7k, 0), with σ = 0.5 · 1460 / 1460, next to a longer vote on the same
        // gauge (so the gauge's point does not simply reset to 0 when the short vote ends).
        var (c, escrow, g) = try dayMarket(gauges: 2, voters: 2)
        try escrow.createLock(0, amount: 1460, unlockTime: 30, now: 0)
        try escrow.createLock(1, amount: 1460, unlockTime: 1000, now: 0)
        try c.vote(voter: 0, gauge: g[0], weightBps: 5_000, escrow: escrow, now: 0)
        try c.vote(voter: 1, gauge: g[0], weightBps: 5_000, escrow: escrow, now: 0)
        try c.vote(voter: 1, gauge: g[1], weightBps: 5_000, escrow: escrow, now: 0)
        c.checkpoint(now: 60)
        for k: Int64 in 1...8 {
            let long = 0.5 * Double(1000 - 7 * k)
            let short = 0.5 * Double(max(30 - 7 * k, 0))
            #expect(c.gaugeWeight(g[0], epoch: k).isApproximatelyEqual(to: short + long, relativeTolerance: 1e-12), "epoch \(k)")
            #expect(c.gaugeWeight(g[1], epoch: k).isApproximatelyEqual(to: long, relativeTolerance: 1e-12), "epoch \(k)")
            #expect(c.voteWeight(voter: 0, gauge: g[0], epoch: k) == short)
        }
        #expect(c.relativeWeight(g[0], epoch: 5) == 0.5)
        #expect(c.checkInvariants().isEmpty)
    }

    @Test func typeWeightsScaleGaugesFromTheNextEpoch() throws {
        var c = GaugeController(parameters: .days(), startTime: -7)
        let t1 = try c.addType(weight: 1, now: -7)
        let t2 = try c.addType(weight: 2, now: -7)
        let a = try c.addGauge(type: t1, weight: 10, now: -7)
        let b = try c.addGauge(type: t2, weight: 10, now: -7)
        #expect(c.relativeWeight(a, epoch: -1) == 0)
        #expect(c.relativeWeight(a, epoch: 0).isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-15))
        #expect(c.relativeWeight(b, epoch: 0).isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-15))
        try c.changeTypeWeight(t2, weight: 3, now: 9)
        #expect(c.relativeWeight(b, epoch: 1).isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-15))
        #expect(c.relativeWeight(b, epoch: 2).isApproximatelyEqual(to: 3.0 / 4, relativeTolerance: 1e-15))
        try c.changeTypeWeight(t1, weight: 0, now: 9)
        try c.changeTypeWeight(t2, weight: 0, now: 9)
        #expect(c.relativeWeights(epoch: 2) == [0, 0] && c.route(amount: 5, epoch: 2).unrouted == 5)
    }

    /// Random vote sequences: the weights stay ≥ 0 and sum to 1, no voter uses more than
    /// 10000 bps, and every gauge weight equals a brute-force sum over the votes in force.
    @Test(arguments: [1 as UInt64, 7, 2024, 99_991])
    func randomVoteSequencesKeepTheInvariants(seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed)
        let voters = 12
        let gaugeCount = 5
        var c = GaugeController(parameters: .days(), startTime: -7)
        let types = [try c.addType(weight: 1, now: -7), try c.addType(weight: 0.5 + rng.uniform(), now: -7)]
        var gauges: [GaugeID] = []
        for i in 0..<gaugeCount { gauges.append(try c.addGauge(type: types[i % 2], now: -7)) }
        _ = c.addVoters(voters)
        var escrow = VoteEscrow(parameters: .days(maxDays: 1460, weekRounding: rng.uniform() < 0.5), startTime: -7)
        _ = escrow.addAccounts(voters)
        // The test's own record: (voter, gauge) → votes (effective epoch, slope, end), and bps.
        struct Cast { let effective: Int64; let slope: Double; let end: Int64 }
        var casts: [[[Cast]]] = Array(repeating: Array(repeating: [], count: gaugeCount), count: voters)
        var bps = Array(repeating: Array(repeating: 0, count: gaugeCount), count: voters)
        var accepted = 0
        var rejected = 0
        for day in Int64(0)..<Int64(400) {
            for _ in 0..<3 {
                let u = Int(rng.next() % UInt64(voters))
                if escrow.end[u] <= day {
                    _ = try escrow.withdraw(u, now: day)
                    if rng.uniform() < 0.7 {
                        try escrow.createLock(u, amount: rng.uniform(1, 1000), unlockTime: day + 8 + Int64(rng.next() % 700), now: day)
                    }
                }
                let g = Int(rng.next() % UInt64(gaugeCount))
                let w = rng.uniform() < 0.2 ? 0 : Int(rng.next() % 10_001)
                let slope = escrow.lockedAmount(u) * escrow.powerPerAmountTick
                do {
                    try c.vote(voter: u, gauge: gauges[g], weightBps: w, escrow: escrow, now: day)
                    let effective = c.epoch(containing: day) + 1
                    var list = casts[u][g]
                    if list.last?.effective == effective { list.removeLast() }
                    list.append(Cast(effective: effective, slope: slope * Double(w) / 10_000, end: escrow.end[u]))
                    casts[u][g] = list
                    bps[u][g] = w
                    accepted += 1
                } catch {
                    rejected += 1
                    let used = bps[u].reduce(0, +)
                    switch error {
                    case .tooMuchPowerUsed(let p): #expect(p == used - bps[u][g] + w && p > 10_000)
                    case .voteTooOften, .lockExpiresTooSoon: break
                    default: Issue.record("unexpected rejection \(error)")
                    }
                }
                #expect(c.powerUsed(voter: u) == bps[u].reduce(0, +))
                #expect(c.powerUsed(voter: u) <= 10_000)
            }
            c.checkpoint(now: day)
            if day % 7 == 0 {
                let k = c.epoch(containing: day)
                let rel = c.relativeWeights(epoch: k)
                let weights = c.epochWeights(k)
                #expect(rel.allSatisfy { $0 >= 0 && $0 <= 1 })
                if weights.total > 0 {
                    #expect(rel.reduce(0, +).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12), "seed \(seed) epoch \(k)")
                } else {
                    #expect(rel.allSatisfy { $0 == 0 })
                }
                for g in 0..<gaugeCount {
                    var brute = 0.0
                    for u in 0..<voters {
                        if let v = casts[u][g].last(where: { $0.effective <= k }) {
                            brute += v.slope * Double(max(v.end - c.epochStart(k), 0))
                        }
                    }
                    #expect(weights.gauges[g].isApproximatelyEqual(to: brute, relativeTolerance: 1e-9, absoluteTolerance: 1e-9),
                            "seed \(seed) epoch \(k) gauge \(g)")
                    let fromVotes = c.voteWeights(gauge: gauges[g], epoch: k).reduce(0) { $0 + $1.weight }
                    #expect(fromVotes.isApproximatelyEqual(to: brute, relativeTolerance: 1e-12, absoluteTolerance: 1e-12))
                }
                #expect(c.checkInvariants().isEmpty, "seed \(seed) day \(day)")
            }
        }
        // The sequence exercised both paths.
        #expect(accepted > 100 && rejected > 50)
    }
}
