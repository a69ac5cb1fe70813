import Foundation
import HomeostatMechanisms
import Testing

// Cases from Morpho's own test suites that state concrete numbers, restated here in our
// terms (morpho-org/morpho-blue-irm `test/AdaptiveCurveIrmTest.sol`, `test/ExpLibTest.sol`;
// morpho-org/morpho-blue `test/integration/LiquidateIntegrationTest.sol`,
// `test/libraries/MathLibTest.sol`, `test/integration/AccrueInterestIntegrationTest.sol`).
// Each keeps the suite's own tolerance. The golden replays
// (HomeostatExperimentsTests/LendingReplayGoldenTests) check the same code against the
// deployed contracts' bytecode, exactly.

extension Lending {
    @Suite struct MorphoIrmReference {
        typealias Irm = AdaptiveCurveIrm
        static let day: Int64 = 86_400
        static let oneToken = wei("1")

        @Test func constantsAreTheContractIntegers() {
            #expect(Irm.adjustmentSpeed == 1_585_489_599_188)
            #expect(Irm.initialRateAtTarget == 1_268_391_679)
            #expect(Irm.minRateAtTarget == 31_709_791)
            #expect(Irm.maxRateAtTarget == 63_419_583_967)
        }

        /// First call with nothing supplied: a quarter of the initial rate (0.01%), and the
        /// initial rate at target stored exactly.
        @Test func firstCallAtZeroUtilization() {
            var irm = Irm()
            let rate = irm.borrowRate(totalSupplyAssets: .zero, totalBorrowAssets: .zero, elapsed: 0)
            #expect(relativelyClose(Double(rate), Double(Irm.initialRateAtTarget / 4), 0.0001))
            #expect(irm.rateAtTarget == Irm.initialRateAtTarget)
        }

        /// First call fully utilised: exactly four times the initial rate.
        @Test func firstCallAtFullUtilization() {
            var irm = Irm()
            let rate = irm.borrowRate(totalSupplyAssets: Self.oneToken, totalBorrowAssets: Self.oneToken, elapsed: 0)
            #expect(rate == Irm.initialRateAtTarget * 4)
            #expect(irm.rateAtTarget == Irm.initialRateAtTarget)
        }

        /// Five days at 100%: exp(50/365·5) ≈ 1.9836, average factor ≈ 1.4361, so about
        /// 22.976%/year (10% tolerance, as in Morpho's test).
        @Test func fiveDaysAtFullUtilization() {
            var irm = Irm()
            _ = irm.borrowRate(totalSupplyAssets: .zero, totalBorrowAssets: .zero, elapsed: 0)
            let view = irm.rate(totalSupplyAssets: Self.oneToken, totalBorrowAssets: Self.oneToken, elapsed: 5 * Self.day).borrowRate
            #expect(relativelyClose(perYear(view), 0.22976, 0.1))
            #expect(relativelyClose(Double(view), Double(Irm.initialRateAtTarget * 4) * 1.4361, 0.1))
            let growth = (1.9836 - 1) / (Double(Irm.adjustmentSpeed) / 1e18 * Double(5 * Self.day))
            #expect(relativelyClose(Double(view), Double(Irm.initialRateAtTarget * 4) * growth, 0.1))
        }

        /// Five days at 0%: exp(−50/365·5) ≈ 0.5041, average ≈ 0.7240, about 0.724%/year.
        @Test func fiveDaysAtZeroUtilization() {
            var irm = Irm()
            _ = irm.borrowRate(totalSupplyAssets: .zero, totalBorrowAssets: .zero, elapsed: 0)
            let view = irm.rate(totalSupplyAssets: Self.oneToken, totalBorrowAssets: .zero, elapsed: 5 * Self.day).borrowRate
            #expect(relativelyClose(perYear(view), 0.00724, 0.1))
            #expect(relativelyClose(Double(view), Double(Irm.initialRateAtTarget / 4) * 0.724, 0.1))
        }

        /// 45 days at 95% utilisation (err = 0.5) with no interaction: the rate at target
        /// becomes 4%·exp(50·45/365·0.5) ≈ 87.22%/year (0.5%).
        @Test func fortyFiveDaysAboveTargetWithoutPings() {
            var irm = Irm()
            let supply = Self.oneToken
            let atTarget = UInt256(UInt128(Irm.targetUtilization))
            #expect(irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: atTarget, elapsed: 0) == Irm.initialRateAtTarget)
            let err50 = UInt256(UInt128((Irm.targetUtilization + 1_000_000_000_000_000_000) / 2))
            _ = irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: err50, elapsed: 45 * Self.day)
            #expect(relativelyClose(perYear(irm.rateAtTarget), 0.8722, 0.005))
        }

        /// The same 45 days with an accrual every minute: utilisation drifts to ≈ 95% (1%),
        /// the rate at target ends at or above 87.22%/year and within 8% of it, and the debt
        /// grows by about 45.70% (30% tolerance).
        @Test func fortyFiveDaysAboveTargetPingedEveryMinute() throws {
            var irm = Irm()
            var supply = Self.oneToken
            var borrow = UInt256(UInt128(Irm.targetUtilization))
            #expect(irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: borrow, elapsed: 0) == Irm.initialRateAtTarget)
            borrow = UInt256(UInt128((Irm.targetUtilization + 1_000_000_000_000_000_000) / 2))
            let initialBorrow = borrow
            for _ in 0..<(45 * 24 * 60) {
                let rate = irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: borrow, elapsed: 60)
                let interest = try MorphoMath.wMulDown(borrow, try MorphoMath.wTaylorCompounded(UInt256(UInt128(rate)), 60))
                supply = supply + interest
                borrow = borrow + interest
            }
            let utilization = try MorphoMath.wDivDown(borrow, supply)
            #expect(relativelyClose(utilization.doubleValue, 0.95e18, 0.01))
            let expected: Int128 = 872_200_000_000_000_000 / 31_536_000
            #expect(irm.rateAtTarget >= expected)
            #expect(relativelyClose(Double(irm.rateAtTarget), Double(expected), 0.08))
            let expectedBorrow = try MorphoMath.wMulDown(initialBorrow, wei("1.457"))
            #expect(relativelyClose(borrow.doubleValue, expectedBorrow.doubleValue, 0.3))
        }

        /// Exactly at target the rate at target never moves, whatever the gap (up to 2^48 s).
        @Test(arguments: [0, 1, 86_400, 31_536_000, 281_474_976_710_655] as [Int64])
        func atTargetNothingMoves(_ elapsed: Int64) {
            var irm = Irm()
            let atTarget = UInt256(UInt128(Irm.targetUtilization))
            _ = irm.borrowRate(totalSupplyAssets: Self.oneToken, totalBorrowAssets: atTarget, elapsed: 0)
            _ = irm.borrowRate(totalSupplyAssets: Self.oneToken, totalBorrowAssets: atTarget, elapsed: elapsed)
            #expect(irm.rateAtTarget == Irm.initialRateAtTarget)
        }

        /// Three weeks at target, accruing every minute: interest nudges utilisation but it
        /// stays within 1% of 90%, and the rate at target ends ≥ the initial one and within 10%.
        @Test func threeWeeksAtTargetPingedEveryMinute() throws {
            var irm = Irm()
            var supply = Self.oneToken
            var borrow = UInt256(UInt128(Irm.targetUtilization))
            _ = irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: borrow, elapsed: 0)
            for _ in 0..<(21 * 24 * 60) {
                let rate = irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: borrow, elapsed: 60)
                let interest = try MorphoMath.wMulDown(borrow, try MorphoMath.wTaylorCompounded(UInt256(UInt128(rate)), 60))
                supply = supply + interest
                borrow = borrow + interest
            }
            #expect(relativelyClose(try MorphoMath.wDivDown(borrow, supply).doubleValue, 0.9e18, 0.01))
            #expect(irm.rateAtTarget >= Irm.initialRateAtTarget)
            #expect(relativelyClose(Double(irm.rateAtTarget), Double(Irm.initialRateAtTarget), 0.1))
        }

        /// The rate at target stays within [min, max] whatever the history (Morpho's invariants).
        @Test func rateAtTargetStaysInItsBounds() {
            var irm = Irm()
            let supply = wei("10")
            for (borrow, elapsed) in [(wei("10"), Int64(400 * 86_400)), (wei("0"), 800 * 86_400), (wei("9.99"), 3 * 86_400), (wei("0"), 1 << 40)] {
                _ = irm.borrowRate(totalSupplyAssets: supply, totalBorrowAssets: borrow, elapsed: elapsed)
                #expect(irm.rateAtTarget >= Irm.minRateAtTarget && irm.rateAtTarget <= Irm.maxRateAtTarget)
            }
        }
    }

    @Suite struct ExpLibReference {
        typealias Irm = AdaptiveCurveIrm

        /// Within 1% of exp between ln(1e-9) ≈ −20.72 and the upper bound.
        @Test func withinOnePercentOfExp() {
            var x: Double = -20.72
            while x < 93.85 {
                let approx = Irm.wExp(Int128(x * 1e18)).doubleValue / 1e18
                #expect(relativelyClose(approx, Foundation.exp(x), 0.01), "x = \(x)")
                x += 0.37
            }
        }

        /// Between ln(1e-18) and ln(1e-9): at most 1e10 wei.
        @Test func tinyBelowOneGwei() {
            for x in stride(from: -41.44, to: -20.72, by: 0.5) {
                #expect(Irm.wExp(Int128(x * 1e18)) <= UInt256(10_000_000_000 as UInt128), "x = \(x)")
            }
        }

        @Test func clipsAtBothEnds() {
            #expect(Irm.wExp(Irm.lnWei - 1) == .zero)
            #expect(Irm.wExp(Int128.min / 2) == .zero)
            #expect(Irm.wExp(Irm.wExpUpperBound) == Irm.wExpUpperValue)
            #expect(Irm.wExp(Int128.max / 2) == Irm.wExpUpperValue)
            // Continuous at the bound: one wei below is within 1e-10 of the clip value.
            let below = Irm.wExp(Irm.wExpUpperBound - 1).doubleValue
            #expect(relativelyClose(below, Irm.wExpUpperValue.doubleValue, 1e-10))
        }

        @Test func signMatchesOne() {
            for x: Int128 in [0, 1, 5, 1_000_000_000_000_000_000, 93_000_000_000_000_000_000] {
                #expect(Irm.wExp(x) >= MorphoMath.wad)
                #expect(Irm.wExp(-x) <= MorphoMath.wad)
            }
            #expect(Irm.wExp(0) == MorphoMath.wad)
        }
    }

    @Suite struct MorphoBlueReference {
        /// MathLib: `1 + wTaylorCompounded(r, t)` lies between simple interest and exp, within 8%,
        /// for rates up to WAD/20,000,000 per second and a year.
        @Test func taylorBetweenSimpleAndExp() throws {
            let maxRate: UInt128 = 1_000_000_000_000_000_000 / 20_000_000
            for rate in stride(from: UInt128(0), through: maxRate, by: Int(maxRate / 17)) {
                for elapsed in [UInt128(0), 1, 3_600, 86_400, 2_592_000, 31_536_000] {
                    let taylor = try MorphoMath.wTaylorCompounded(UInt256(rate), UInt256(elapsed)).doubleValue / 1e18
                    let x = Double(rate) * Double(elapsed) / 1e18
                    #expect(1 + taylor <= Foundation.exp(x) * (1 + 1e-15))
                    #expect(taylor >= x * (1 - 1e-15))
                    #expect((Foundation.exp(x) - 1 - taylor) / Foundation.exp(x) <= 0.08)
                }
            }
        }

        /// MathLib: `mulDivUp(x, y, d) = 0` for a zero product, else `(xy − 1)/d + 1`;
        /// `mulDivDown = xy/d`; overflow and a zero denominator revert.
        @Test func mulDivDefinitions() throws {
            let cases: [(UInt128, UInt128, UInt128)] = [(0, 5, 3), (7, 3, 2), (10, 10, 100), (1, 1, 1), (123_456_789, 987_654_321, 1_000)]
            for (x, y, d) in cases {
                let product = x * y
                #expect(try MorphoMath.mulDivDown(u(x), u(y), u(d)) == u(product / d))
                #expect(try MorphoMath.mulDivUp(u(x), u(y), u(d)) == (product == 0 ? .zero : u((product - 1) / d + 1)))
            }
            #expect(throws: LendingError.arithmeticOverflow) { try MorphoMath.mulDivDown(.max, 2, 1) }
            #expect(throws: LendingError.arithmeticOverflow) { try MorphoMath.mulDivUp(.max, 1, 2) }
            #expect(throws: LendingError.divisionByZero) { try MorphoMath.mulDivDown(1, 1, .zero) }
        }

        /// LiquidateIntegrationTest "seized assets round up": LLTV 0.75, 400 wei of collateral,
        /// 300 wei borrowed, price just under 1; repaying one borrow share seizes 0 and costs 1 wei.
        @Test func repayingOneShareSeizesNothing() throws {
            var market = try MorphoBlueMarket(
                lltv: wei("0.75"), price: MorphoMath.oraclePriceScale, rateModel: .fixed(perSecond: 1), now: 1)
            let lender = market.addPosition(), borrower = market.addPosition()
            try market.supply(lender, assets: wei("100"), shares: .zero, now: 1)
            try market.supplyCollateral(borrower, assets: 400)
            try market.borrow(borrower, assets: 300, shares: .zero, now: 1)
            try market.setPrice(MorphoMath.oraclePriceScale - wei("0.01"))
            let result = try market.liquidate(borrower, seizedAssets: .zero, repaidShares: 1, now: 1)
            #expect(result.seizedAssets == .zero)
            #expect(result.repaidAssets == 1)
        }

        /// LiquidateIntegrationTest "bad debt over total borrow assets": one extra borrow share
        /// (worth 0 assets) inflates the shares, so the computed bad debt exceeds the total
        /// debt; the write-off is capped and does not underflow.
        @Test func badDebtIsCappedAtTotalBorrow() throws {
            var market = try MorphoBlueMarket(
                lltv: wei("0.8"), price: MorphoMath.oraclePriceScale, rateModel: .fixed(perSecond: 1), now: 1)
            let lender = market.addPosition(), borrower = market.addPosition()
            try market.supply(lender, assets: wei("1"), shares: .zero, now: 1)
            try market.supplyCollateral(borrower, assets: wei("10"))
            try market.borrow(borrower, assets: wei("1"), shares: .zero, now: 1)
            try market.borrow(borrower, assets: .zero, shares: 1, now: 1)
            try market.setPrice(MorphoMath.oraclePriceScale / 100)
            let supplyBefore = market.totals.totalSupplyAssets
            let result = try market.liquidate(borrower, seizedAssets: wei("10"), repaidShares: .zero, now: 1)
            #expect(market.positions[borrower].borrowShares == .zero)
            #expect(market.totals.totalBorrowShares == .zero)
            #expect(market.totals.totalBorrowAssets == .zero)
            #expect(market.totals.totalSupplyAssets == supplyBefore - result.badDebtAssets)
            #expect(result.badDebtAssets + result.repaidAssets == wei("1"))
        }

        /// AccrueInterestIntegrationTest: no time elapsed changes nothing; time with nothing
        /// borrowed moves only `lastUpdate` (and the adaptive IRM's rate at target).
        @Test func accrualWithoutTimeOrDebt() throws {
            var market = try MorphoBlueMarket(
                lltv: wei("0.8"), price: MorphoMath.oraclePriceScale, rateModel: .adaptiveCurve(AdaptiveCurveIrm()),
                fee: wei("0.1"), feeRecipient: 0, now: 100)
            let lender = market.addPosition()
            try market.supply(lender, assets: wei("5"), shares: .zero, now: 100)
            let before = market.totals
            let same = try market.accrueInterest(now: 100)
            #expect(same.borrowRate == nil && market.totals == before)
            let later = try market.accrueInterest(now: 100 + 86_400)
            #expect(later.interest == .zero && later.feeShares == .zero)
            #expect(market.totals.totalSupplyAssets == before.totalSupplyAssets)
            #expect(market.totals.totalSupplyShares == before.totalSupplyShares)
            #expect(market.totals.lastUpdate == 100 + 86_400)
            #expect(market.positions[0].supplyShares == .zero)
        }
    }
}
