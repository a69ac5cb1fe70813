import HomeostatCore
@testable import HomeostatMechanisms
import Testing

@Suite struct GaugeControllerKillTests {
    /// Three gauges with votes 3 : 1 : 1 (voters with equal locks) in epoch 1.
    private func voted() throws -> (GaugeController, [GaugeID]) {
        var c = GaugeController(parameters: .days(), startTime: 0)
        let type = try c.addType(weight: 1, now: 0)
        let g = try (0..<3).map { _ throws(GaugeControllerError) in try c.addGauge(type: type, now: 0) }
        _ = c.addVoters(5)
        var escrow = VoteEscrow(parameters: .days(maxDays: 1460, weekRounding: false), startTime: 0)
        _ = escrow.addAccounts(5)
        for v in 0..<5 {
            try escrow.createLock(v, amount: 100, unlockTime: 700, now: 0)
            try c.vote(voter: v, gauge: g[v < 3 ? 0 : v - 2], weightBps: 10_000, escrow: escrow, now: 0)
        }
        c.checkpoint(now: 7)
        return (c, g)
    }

    @Test func killingAGaugeRescalesTheLiveWeightsAndKeepsItsVotes() throws {
        var (c, g) = try voted()
        let before = c.relativeWeights(epoch: 1)
        #expect(c.liveWeights(before) == before)
        try c.setKilled(g[0], true)
        #expect(c.isKilled(g[0]) && !c.isKilled(g[1]))
        // The votes and the controller's own weights are untouched.
        #expect(c.relativeWeights(epoch: 1) == before)
        let live = c.liveWeights(before)
        #expect(live[0] == 0)
        #expect(live[1].isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(live[2].isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        // Reviving restores the weights exactly.
        try c.setKilled(g[0], false)
        #expect(c.liveWeights(before) == before)
    }

    @Test func killingEveryGaugeWithWeightRoutesNothing() throws {
        var (c, g) = try voted()
        for id in g { try c.setKilled(id, true) }
        #expect(c.liveWeights(c.relativeWeights(epoch: 1)) == [0, 0, 0])
        #expect(throws: GaugeControllerError.gaugeNotAdded(GaugeID(3))) { try c.setKilled(GaugeID(3), true) }
        #expect(!c.isKilled(GaugeID(7)))
    }

    /// Law: for any weights and any killed set with a live weight, the live weights are ≥ 0,
    /// 0 exactly on killed gauges, sum to 1, and keep the live gauges' ratios.
    @Test func liveWeightsSumToOneForAnyKilledSet() throws {
        var rng = SplitMix64(state: 42)
        for _ in 0..<200 {
            let n = 1 + Int(rng.next() % 6)
            var c = GaugeController(parameters: .days(), startTime: 0)
            let type = try c.addType(weight: 1, now: 0)
            var weights: [Double] = []
            for _ in 0..<n {
                _ = try c.addGauge(type: type, now: 0)
                weights.append(Double(rng.next() % 1000))
            }
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            weights = weights.map { $0 / total }
            for k in 0..<n where rng.next() % 3 == 0 { try c.setKilled(GaugeID(k), true) }
            let live = c.liveWeights(weights)
            let liveTotal = (0..<n).filter { !c.isKilled(GaugeID($0)) }.map { weights[$0] }.reduce(0, +)
            if liveTotal == 0 {
                #expect(live.allSatisfy { $0 == 0 })
                continue
            }
            #expect(abs(live.reduce(0, +) - 1) < 1e-12)
            for k in 0..<n {
                if c.isKilled(GaugeID(k)) { #expect(live[k] == 0) } else {
                    #expect(live[k] >= 0)
                    #expect(live[k].isApproximatelyEqual(to: weights[k] / liveTotal, relativeTolerance: 1e-12))
                }
            }
        }
    }
}
