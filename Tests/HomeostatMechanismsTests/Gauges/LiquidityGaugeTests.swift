import HomeostatCore
@testable import HomeostatMechanisms
import Testing

@Suite struct LiquidityGaugeTests {
    /// MECHANISMS §3.2: l = 100, L = 1000 → 40 (v/V = 0), 70 (0.05), 100 (≥ 0.10).
    struct BoostVector: Sendable, CustomTestStringConvertible {
        let veShare: Double
        let working: Double
        var testDescription: String { "v/V = \(veShare) → wb \(working)" }
    }

    @Test(arguments: [
        BoostVector(veShare: 0, working: 40), BoostVector(veShare: 0.05, working: 70),
        BoostVector(veShare: 0.10, working: 100), BoostVector(veShare: 0.5, working: 100),
    ])
    func mechanismsSectionThreeTwoVectors(_ c: BoostVector) throws {
        let wb = LiquidityGauge.workingBalance(balance: 100, totalSupply: 1000, ve: c.veShare * 1e6, veTotal: 1e6, boost: .curve)
        #expect(wb.isApproximatelyEqual(to: c.working, relativeTolerance: 1e-12))
        // The same through deposits: 900 staked without ve, then 100 with the ve share.
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(2)
        try gauge.deposit(1, amount: 900, ve: 0, veTotal: 1e6)
        try gauge.deposit(0, amount: 100, ve: c.veShare * 1e6, veTotal: 1e6)
        #expect(gauge.workingBalance[0].isApproximatelyEqual(to: c.working, relativeTolerance: 1e-12))
        #expect(gauge.workingBalance[1] == 360)
        #expect(gauge.workingSupply.isApproximatelyEqual(to: 360 + c.working, relativeTolerance: 1e-12))
    }

    @Test func boostBoundsOnRandomInputs() {
        var rng = Xoshiro256StarStar(seed: 42)
        for i in 0..<10_000 {
            let s = rng.uniform(1, 1e7)
            let b = rng.uniform() * s
            let vTotal = rng.uniform(1, 1e7)
            let v = rng.uniform() * vTotal
            let wb = LiquidityGauge.workingBalance(balance: b, totalSupply: s, ve: v, veTotal: vTotal, boost: .curve)
            #expect(wb <= b && wb >= 0.4 * b * (1 - 1e-15), "case \(i)")
            let noVe = LiquidityGauge.workingBalance(balance: b, totalSupply: s, ve: 0, veTotal: vTotal, boost: .curve)
            #expect(noVe == 0.4 * b, "case \(i)")
            // Full deposit (2.5×) once v/V >= b/S.
            let enough = LiquidityGauge.workingBalance(balance: b, totalSupply: s, ve: vTotal * b / s * 1.000001, veTotal: vTotal, boost: .curve)
            #expect(enough == b, "case \(i)")
            #expect(LiquidityGauge.workingBalance(balance: b, totalSupply: s, ve: v, veTotal: vTotal, boost: .unboosted) == b)
        }
        // No ve supply at all: no boost term.
        #expect(LiquidityGauge.workingBalance(balance: 10, totalSupply: 10, ve: 0, veTotal: 0, boost: .curve) == 4)
    }

    @Test func unboostedGaugePaysProRataToStake() throws {
        var gauge = LiquidityGauge(boost: .unboosted)
        _ = gauge.addAccounts(2)
        try gauge.deposit(0, amount: 1, ve: 0, veTotal: 0)
        try gauge.deposit(1, amount: 3, ve: 0, veTotal: 0)
        #expect(gauge.workingBalance == [1, 3] && gauge.workingSupply == 4)
        gauge.distribute(100)
        #expect(gauge.claimable(0).isApproximatelyEqual(to: 25, relativeTolerance: 1e-14))
        #expect(gauge.claim(1, ve: 0, veTotal: 0).isApproximatelyEqual(to: 75, relativeTolerance: 1e-14))
        #expect(gauge.claim(1, ve: 0, veTotal: 0) == 0)
        #expect(gauge.checkInvariants().isEmpty)
    }

    @Test func boostedGaugePaysProRataToWorkingBalance() throws {
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(2)
        try gauge.deposit(0, amount: 100, ve: 0, veTotal: 50)   // wb 40
        try gauge.deposit(1, amount: 100, ve: 50, veTotal: 50)  // wb min(40 + 0.6·200, 100) = 100
        #expect(gauge.workingBalance == [40, 100])
        gauge.distribute(140)
        #expect(gauge.claimable(0).isApproximatelyEqual(to: 40, relativeTolerance: 1e-14))
        #expect(gauge.claimable(1).isApproximatelyEqual(to: 100, relativeTolerance: 1e-14))
        // The boosted LP earns 2.5× the unboosted one on the same stake.
        #expect((gauge.claimable(1) / gauge.claimable(0)).isApproximatelyEqual(to: 2.5, relativeTolerance: 1e-14))
    }

    @Test func emissionWithNoStakersIsNotMintedToAnyone() throws {
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(1)
        #expect(gauge.distribute(10) == 10)
        try gauge.deposit(0, amount: 5, ve: 0, veTotal: 0)
        #expect(gauge.claimable(0) == 0)
        #expect(gauge.distribute(7) == 0)
        try gauge.withdraw(0, amount: 5, ve: 0, veTotal: 0)
        #expect(gauge.workingSupply == 0 && gauge.totalSupply == 0)
        #expect(gauge.distribute(3) == 3)
        #expect(gauge.unminted == 13 && gauge.received == 20)
        #expect(gauge.claim(0, ve: 0, veTotal: 0).isApproximatelyEqual(to: 7, relativeTolerance: 1e-14))
        #expect(gauge.checkInvariants().isEmpty)
    }

    @Test func aStaleBoostLastsUntilKicked() throws {
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(2)
        try gauge.deposit(0, amount: 100, ve: 10, veTotal: 10)
        try gauge.deposit(1, amount: 100, ve: 0, veTotal: 10)
        #expect(gauge.workingBalance[0] == 100)
        // The lock expired (ve 0) but nobody checkpointed: the boost is still there.
        gauge.distribute(10)
        #expect(throws: LiquidityGaugeError.kickNotAllowed) { try gauge.kick(0, ve: 5, veTotal: 10, veChangedSinceCheckpoint: false) }
        #expect(throws: LiquidityGaugeError.kickNotNeeded) { try gauge.kick(1, ve: 0, veTotal: 10, veChangedSinceCheckpoint: false) }
        try gauge.kick(0, ve: 0, veTotal: 0, veChangedSinceCheckpoint: false)
        #expect(gauge.workingBalance[0] == 40 && gauge.workingSupply == 80)
        // What it earned before the kick was kept: 100 / 140 of the first 10.
        #expect(gauge.claimable(0).isApproximatelyEqual(to: 1000.0 / 140, relativeTolerance: 1e-14))
        #expect(gauge.checkInvariants().isEmpty)
    }

    @Test func rejectedOperationsChangeNothing() throws {
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(1)
        try gauge.deposit(0, amount: 5, ve: 0, veTotal: 0)
        gauge.distribute(1)
        let before = gauge.claimable(0)
        let error = try #require(throws: LiquidityGaugeError.self) { try gauge.withdraw(0, amount: 6, ve: 0, veTotal: 0) }
        #expect(error == .insufficientBalance(have: 5, need: 6))
        #expect(throws: LiquidityGaugeError.invalidAmount(-1)) { try gauge.deposit(0, amount: -1, ve: 0, veTotal: 0) }
        #expect(gauge.balance == [5] && gauge.claimable(0) == before)
    }

    @Test func invariantCheckCatchesBrokenState() throws {
        var gauge = LiquidityGauge()
        _ = gauge.addAccounts(1)
        try gauge.deposit(0, amount: 5, ve: 0, veTotal: 0)
        gauge.distribute(1)
        var leaked = gauge
        leaked.owed[0] += 0.5
        #expect(leaked.checkInvariants().count == 1)
        var overBoosted = gauge
        overBoosted._working[0] = 6
        #expect(!overBoosted.checkInvariants().isEmpty)
    }
}
