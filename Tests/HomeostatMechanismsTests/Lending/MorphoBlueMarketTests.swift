import HomeostatCore
import Foundation
import HomeostatMechanisms
import Testing

extension Lending {
    @Suite struct MorphoBlueMarketLaws {
        /// A market with `rows` positions: row 0 supplies, the others get collateral.
        static func market(lltv: String = "0.86", price: String = "2000", fee: String = "0", adaptive: Bool = true) throws -> MorphoBlueMarket {
            let model: LendingRateModel = adaptive ? .adaptiveCurve(AdaptiveCurveIrm()) : .fixed(perSecond: 2_000_000_000)
            let feeValue = wei(fee)
            return try MorphoBlueMarket(
                lltv: wei(lltv), price: oraclePrice(price), rateModel: model, fee: feeValue,
                feeRecipient: feeValue.isZero ? nil : 0, now: 1_700_000_000)
        }

        static func randomAmount(_ rng: inout Xoshiro256StarStar, scale: Double) -> UInt256 {
            let tokens = scale * Foundation.pow(10, rng.uniform(-4, 1))
            return UInt256(UInt128(tokens * 1e12)) * UInt256(1_000_000 as UInt128) + UInt256(UInt128(rng.next() % 1_000_000))
        }

        /// The spec's LIF table, to the wei.
        @Test(arguments: [
            ("0.625", "1.126760563380281690"), ("0.77", "1.074113856068743286"), ("0.86", "1.043841336116910229"),
            ("0.915", "1.026167265264238070"), ("0.945", "1.016776817488561260"), ("0.1", "1.15"),
        ])
        func liquidationIncentiveFactor(_ lltv: String, _ expected: String) throws {
            #expect(try MorphoMath.liquidationIncentiveFactor(lltv: wei(lltv)) == wei(expected))
        }

        @Test func rejectsBadParameters() throws {
            #expect(throws: LendingError.invalidParameter("max LLTV exceeded")) { try Self.market(lltv: "1") }
            #expect(throws: LendingError.invalidParameter("max fee exceeded")) { try Self.market(fee: "0.26") }
            #expect(throws: LendingError.invalidParameter("zero price")) {
                try MorphoBlueMarket(lltv: wei("0.5"), price: .zero, rateModel: .fixed(perSecond: 1), now: 0)
            }
            #expect(throws: LendingError.invalidParameter("rate too high")) { try LendingRateModel.FixedRate.perSecond(fromYearly: wei("8.00001")) }
            #expect(throws: LendingError.invalidParameter("rate zero")) { try LendingRateModel.FixedRate.perSecond(fromYearly: 31_535_999) }
            #expect(try LendingRateModel.FixedRate.perSecond(fromYearly: wei("8")) == 253_678_335_870)
        }

        /// Random supply/withdraw/borrow/repay/accrue sequences: shares always add up, the
        /// suppliers together can never withdraw more than the market holds (shares round in
        /// its favour), a rejected call changes nothing (accrual included), and supplying then
        /// withdrawing every share never returns more than was put in.
        @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
        func sharesFavourTheMarket(seed: UInt64) throws {
            var rng = Xoshiro256StarStar(seed: seed)
            var market = try Self.market(fee: seed % 2 == 0 ? "0.2" : "0", adaptive: seed % 3 != 0)
            var rows: [Int] = market.positions.indices.map { $0 }
            for _ in 0..<6 { rows.append(market.addPosition()) }
            var now: Int64 = 1_700_000_000
            for step in 0..<300 {
                now += Int64([0, 1, 60, 3_600, 86_400, 2_592_000][Int(rng.next() % 6)])
                let row = rows[Int(rng.next() % UInt64(rows.count))]
                let before = market
                let assets = Self.randomAmount(&rng, scale: 1000)
                let byShares = rng.next() % 4 == 0
                let a = byShares ? UInt256.zero : assets
                let s = byShares ? assets * UInt256(1_000_000 as UInt128) : .zero
                do throws(LendingError) {
                    switch rng.next() % 7 {
                    case 0, 1: try market.supply(row, assets: a, shares: s, now: now)
                    case 2: try market.withdraw(row, assets: a, shares: s, now: now)
                    case 3: try market.supplyCollateral(row, assets: assets / UInt256(100 as UInt128))
                    case 4: try market.borrow(row, assets: a, shares: s, now: now)
                    case 5: try market.repay(row, assets: a, shares: s, now: now)
                    default: try market.accrueInterest(now: now)
                    }
                } catch {
                    #expect(market.totals == before.totals && market.positions == before.positions, "step \(step): \(error) changed the market")
                    #expect(market.rateModel == before.rateModel)
                }
                var supplyShares = UInt256.zero, borrowShares = UInt256.zero, withdrawable = UInt256.zero
                for r in rows {
                    supplyShares = supplyShares + market.positions[r].supplyShares
                    borrowShares = borrowShares + market.positions[r].borrowShares
                    withdrawable = withdrawable + market.supplyAssets(r)
                }
                #expect(supplyShares == market.totals.totalSupplyShares, "step \(step)")
                #expect(borrowShares == market.totals.totalBorrowShares, "step \(step)")
                #expect(withdrawable <= market.totals.totalSupplyAssets, "step \(step)")
                #expect(market.totals.totalBorrowAssets <= market.totals.totalSupplyAssets, "step \(step)")
            }
            // Round trip: supply, then withdraw every share at once.
            let newcomer = market.addPosition()
            let put = wei("123.456789123456789")
            try market.supply(newcomer, assets: put, shares: .zero, now: now)
            let back = try market.withdraw(newcomer, assets: .zero, shares: market.positions[newcomer].supplyShares, now: now)
            #expect(back.assets <= put)
        }

        /// A healthy position cannot be liquidated, whatever the price path; an unhealthy one
        /// can, by a small repayment.
        @Test(arguments: [UInt64(11), 12, 13])
        func healthyPositionsCannotBeLiquidated(seed: UInt64) throws {
            var rng = Xoshiro256StarStar(seed: seed)
            var market = try Self.market(lltv: "0.77", price: "1", adaptive: false)
            let lender = market.addPosition()
            try market.supply(lender, assets: wei("1000000"), shares: .zero, now: 1_700_000_000)
            var borrowers: [Int] = []
            for _ in 0..<8 {
                let b = market.addPosition()
                let collateral = Self.randomAmount(&rng, scale: 1000)
                try market.supplyCollateral(b, assets: collateral)
                let fraction = rng.uniform(0.3, 0.999)
                let borrow = UInt256(UInt128(collateral.doubleValue * 0.77 * fraction))
                try market.borrow(b, assets: borrow, shares: .zero, now: 1_700_000_000)
                borrowers.append(b)
            }
            var price = 1.0
            var now: Int64 = 1_700_000_000
            var liquidated = 0
            for _ in 0..<40 {
                price *= rng.uniform(0.9, 1.05)
                now += 86_400
                try market.setPrice(UInt256(UInt128(price * 1e18)) * UInt256.powerOfTen(18))
                try market.accrueInterest(now: now)
                for b in borrowers {
                    let healthy = market.isHealthy(b)
                    let before = market
                    do throws(LendingError) {
                        try market.liquidate(b, seizedAssets: .zero, repaidShares: UInt256.powerOfTen(20), now: now)
                        #expect(!healthy, "a healthy position was liquidated")
                        liquidated += 1
                    } catch {
                        if healthy {
                            #expect(error == .healthyPosition)
                        } else {
                            #expect(error != .healthyPosition)
                        }
                        #expect(market.totals == before.totals)
                    }
                }
            }
            #expect(liquidated > 0, "the price path should make someone liquidatable")
        }

        /// Exactly at the threshold a position is healthy (borrowing the last wei works, one
        /// more does not, and it cannot be liquidated); one oracle unit lower it is liquidatable.
        @Test func thresholdIsInclusive() throws {
            var market = try Self.market(lltv: "0.8", price: "1", adaptive: false)
            let lender = market.addPosition(), b = market.addPosition()
            try market.supply(lender, assets: wei("10000"), shares: .zero, now: 1_700_000_000)
            try market.supplyCollateral(b, assets: wei("1000"))
            #expect(throws: LendingError.insufficientCollateral) {
                try market.borrow(b, assets: wei("800") + 1, shares: .zero, now: 1_700_000_000)
            }
            try market.borrow(b, assets: wei("800"), shares: .zero, now: 1_700_000_000)
            #expect(market.isHealthy(b))
            #expect(throws: LendingError.healthyPosition) {
                try market.liquidate(b, seizedAssets: 1, repaidShares: .zero, now: 1_700_000_000)
            }
            try market.setPrice(MorphoMath.oraclePriceScale - 1)
            #expect(!market.isHealthy(b))
            try market.liquidate(b, seizedAssets: wei("1"), repaidShares: .zero, now: 1_700_000_000)
        }

        /// Crashes that wipe out the collateral: after the bad debt is written off the
        /// borrower has no borrow shares, suppliers absorb exactly `bad_debt_assets`, and debt
        /// repaid plus debt written off is the borrower's whole debt (to a wei).
        @Test(arguments: [UInt64(21), 22, 23, 24])
        func badDebtRealisation(seed: UInt64) throws {
            var rng = Xoshiro256StarStar(seed: seed)
            var market = try Self.market(lltv: "0.86", price: "2000", fee: "0.1")
            let lender = market.addPosition()
            try market.supply(lender, assets: wei("1000000"), shares: .zero, now: 1_700_000_000)
            var borrowers: [Int] = []
            for _ in 0..<5 {
                let b = market.addPosition()
                let collateral = Self.randomAmount(&rng, scale: 10)
                try market.supplyCollateral(b, assets: collateral)
                try market.borrow(b, assets: UInt256(UInt128(collateral.doubleValue * 2000 * 0.86 * rng.uniform(0.8, 0.99))), shares: .zero, now: 1_700_000_001)
                borrowers.append(b)
            }
            try market.accrueInterest(now: 1_700_000_001 + 86_400 * 30)
            let crash = rng.uniform(0.3, 0.8)
            try market.setPrice(UInt256(UInt128(2000 * crash * 1e18)) * UInt256.powerOfTen(18))
            var sawBadDebt = false
            for b in borrowers {
                let debt = market.borrowAssets(b)
                let supplyBefore = market.totals.totalSupplyAssets
                let result = try market.liquidate(b, seizedAssets: market.positions[b].collateral, repaidShares: .zero, now: 1_700_000_001 + 86_400 * 30)
                #expect(market.positions[b].collateral == .zero)
                #expect(market.positions[b].borrowShares == .zero)
                #expect(market.totals.totalSupplyAssets == supplyBefore - result.badDebtAssets)
                let settled = result.repaidAssets + result.badDebtAssets
                #expect(settled >= debt - 2 && settled <= debt + 2, "repaid + bad debt = \(settled), debt \(debt)")
                // Closed form: bad debt ≈ debt − collateral value / LIF.
                if !result.badDebtAssets.isZero {
                    sawBadDebt = true
                    let expected = debt.doubleValue - result.seizedAssets.doubleValue * 2000 * crash / market.liquidationIncentiveFactor.doubleValue * 1e18
                    #expect(relativelyClose(result.badDebtAssets.doubleValue, expected, 1e-9))
                }
            }
            #expect(sawBadDebt)
            #expect(market.totals.totalBorrowShares == .zero)
        }
    }
}
