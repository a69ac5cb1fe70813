import HomeostatCore
@testable import HomeostatMechanisms
import Testing

@Suite struct BribeMarketTests {
    /// Three voters with the same lock (σ = 1 per day until day 1000) split over two gauges.
    private func market() throws -> (GaugeController, VoteEscrow, [GaugeID]) {
        var c = GaugeController(parameters: .days(), startTime: 0)
        let type = try c.addType(weight: 1, now: 0)
        let g = [try c.addGauge(type: type, now: 0), try c.addGauge(type: type, now: 0), try c.addGauge(type: type, now: 0)]
        _ = c.addVoters(3)
        var escrow = VoteEscrow(parameters: .days(maxDays: 1000, weekRounding: false), startTime: 0)
        _ = escrow.addAccounts(3)
        for u in 0..<3 { try escrow.createLock(u, amount: 1000, unlockTime: 1000, now: 0) }
        try c.vote(voter: 0, gauge: g[0], weightBps: 10_000, escrow: escrow, now: 1)
        try c.vote(voter: 1, gauge: g[0], weightBps: 5_000, escrow: escrow, now: 1)
        try c.vote(voter: 1, gauge: g[1], weightBps: 5_000, escrow: escrow, now: 1)
        try c.vote(voter: 2, gauge: g[1], weightBps: 2_000, escrow: escrow, now: 1)
        return (c, escrow, g)
    }

    @Test func bribesPaidEqualBribesOfferedWhenVotesExist() throws {
        var (c, escrow, g) = try market()
        var bribes = BribeMarket()
        try bribes.offer(900, gauge: g[0], epoch: 1)
        try bribes.offer(700, gauge: g[1], epoch: 1)
        try bribes.offer(50, gauge: g[2], epoch: 1)   // nobody votes for gauge 2
        #expect(throws: BribeMarketError.epochNotFinal(epoch: 1, currentEpoch: 0)) { try bribes.settle(epoch: 1, controller: c) }
        c.checkpoint(now: 7)
        // Voter 1 moves its vote during epoch 1: the bribe for epoch 1 still follows epoch 1's votes.
        try c.vote(voter: 1, gauge: g[0], weightBps: 0, escrow: escrow, now: 11)
        let s = try bribes.settle(epoch: 1, controller: c)
        #expect(s.paid[0].isApproximatelyEqual(to: 900, relativeTolerance: 1e-14))
        #expect(s.paid[1].isApproximatelyEqual(to: 700, relativeTolerance: 1e-14))
        #expect(s.paid[2] == 0 && s.unpaid == [0, 0, 50] && s.offered == [900, 700, 50])
        // Pro-rata to votes: gauge 0 is voted 2:1 by voters 0 and 1, gauge 1 5:2 by voters 1 and 2.
        #expect(s.payouts[0].isApproximatelyEqual(to: 600, relativeTolerance: 1e-14))
        #expect(s.payouts[1].isApproximatelyEqual(to: 300 + 500, relativeTolerance: 1e-14))
        #expect(s.payouts[2].isApproximatelyEqual(to: 200, relativeTolerance: 1e-14))
        #expect(s.payouts.reduce(0, +).isApproximatelyEqual(to: 1600, relativeTolerance: 1e-14))
        #expect(bribes.totalOffered == 1650 && bribes.totalUnpaid == 50)
        #expect(bribes.totalPaid.isApproximatelyEqual(to: 1600, relativeTolerance: 1e-14))
        #expect(throws: BribeMarketError.alreadySettled(epoch: 1)) { try bribes.settle(epoch: 1, controller: c) }
        #expect(throws: BribeMarketError.alreadySettled(epoch: 1)) { try bribes.offer(1, gauge: g[0], epoch: 1) }
        // In epoch 2 voter 1 no longer votes for gauge 0: voter 0 takes the whole bribe.
        try bribes.offer(100, gauge: g[0], epoch: 2)
        c.checkpoint(now: 14)
        let s2 = try bribes.settle(epoch: 2, controller: c)
        #expect(s2.payouts[0].isApproximatelyEqual(to: 100, relativeTolerance: 1e-14) && s2.payouts[1] == 0)
    }

    @Test func randomBribesArePaidInFullWheneverTheGaugeHasVotes() throws {
        var rng = Xoshiro256StarStar(seed: 77)
        var (c, _, g) = try market()
        var bribes = BribeMarket()
        for k: Int64 in 1...20 {
            for gauge in g where rng.uniform() < 0.7 { try bribes.offer(rng.uniform(0, 1e4), gauge: gauge, epoch: k) }
            let offered = g.map { bribes.offered(gauge: $0, epoch: k) }
            c.checkpoint(now: c.epochStart(k))
            let s = try bribes.settle(epoch: k, controller: c)
            for i in g.indices {
                let voted = !c.voteWeights(gauge: g[i], epoch: k).isEmpty
                #expect(s.paid[i].isApproximatelyEqual(to: voted ? offered[i] : 0, relativeTolerance: 1e-12), "epoch \(k) gauge \(i)")
                #expect((s.paid[i] + s.unpaid[i]).isApproximatelyEqual(to: offered[i], relativeTolerance: 1e-12))
            }
        }
        #expect((bribes.totalPaid + bribes.totalUnpaid).isApproximatelyEqual(to: bribes.totalOffered, relativeTolerance: 1e-12))
    }

    @Test func emissionsUSDPerBribeUSD() {
        let m = BribeMarket.emissionsUSDPerBribeUSD(gaugeEmissions: [1000, 500, 200], tokenPriceUSD: 0.5, bribesUSD: [250, 0, 400])
        #expect(m.perGauge[0] == 2 && m.perGauge[1] == nil && m.perGauge[2] == 0.25)
        #expect(m.overall == (500.0 + 100) / 650)
        #expect(BribeMarket.emissionsUSDPerBribeUSD(gaugeEmissions: [1], tokenPriceUSD: 1, bribesUSD: [0]).overall == nil)
    }

    @Test func rejectsBadOffers() throws {
        let (c, _, _) = try market()
        var bribes = BribeMarket()
        #expect(throws: BribeMarketError.invalidAmount(-1)) { try bribes.offer(-1, gauge: GaugeID(0), epoch: 1) }
        try bribes.offer(5, gauge: GaugeID(9), epoch: 0)
        #expect(throws: BribeMarketError.unknownGauge(GaugeID(9))) { try bribes.settle(epoch: 0, controller: c) }
        #expect(bribes.offered(gauge: GaugeID(9), epoch: 0) == 5)
    }
}
