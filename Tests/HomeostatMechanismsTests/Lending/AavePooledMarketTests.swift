import Foundation
import HomeostatMechanisms
import Testing

extension Lending {
    /// MECHANISMS.md §8.1 and §9.1 (Aave v3) worked numbers.
    @Suite struct AavePooled {
        static let weth = AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 1.05, liquidationProtocolFee: 0.1)
        static let usdc = AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.85, liquidationBonus: 1.05)

        /// rateStrategyStableOne (U* 90%, slope 4% / 60%, RF 10%) and VolatileOne (U* 45%, 7% / 300%).
        @Test func rateStrategyTestPoints() {
            let stable = AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.85, liquidationBonus: 1.05, reserveFactor: 0.1,
                                               optimalUtilization: 0.9, slope1: 0.04, slope2: 0.6)
            for (u, borrow, supply) in [(0.5, 0.02222, 0.0100), (0.9, 0.04, 0.0324), (0.95, 0.34, 0.2907), (1.0, 0.64, 0.576)] {
                #expect(abs(stable.borrowRate(utilization: u) - borrow) < 5e-6, "U \(u)")
                #expect(abs(stable.supplyRate(utilization: u) - supply) < 5e-5, "U \(u)")
            }
            let volatile = AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 1.05,
                                                 optimalUtilization: 0.45, slope1: 0.07, slope2: 3)
            for (u, borrow) in [(0.45, 0.07), (0.5, 0.3427), (1.0, 3.07)] {
                #expect(abs(volatile.borrowRate(utilization: u) - borrow) < 5e-5, "U \(u)")
            }
        }

        /// 10 ETH at $2,000, 15,000 USDC debt.
        static func position() throws -> (AavePooledMarket, Int) {
            var market = try AavePooledMarket(reserves: [(weth, price: 2000), (usdc, price: 1)], now: 0)
            let lender = market.addUser(), user = market.addUser()
            try market.supply(1, lender, amount: 1_000_000, now: 0)
            try market.supply(0, user, amount: 10, now: 0)
            try market.borrow(1, user, amount: 15_000, now: 0)
            return (market, user)
        }

        @Test func halfCloseAboveZeroPointNineFive() throws {
            var (market, user) = try Self.position()
            #expect(abs(market.healthFactor(user) - 1.10) < 1e-12)
            try market.setPrice(0, 1750)
            #expect(abs(market.healthFactor(user) - 0.9625) < 1e-12)
            let result = try market.liquidate(user: user, collateralReserve: 0, debtReserve: 1, debtToCover: 15_000, now: 0)
            #expect(abs(result.debtRepaid - 7_500) < 1e-9)
            #expect(abs(result.collateralSeized - 4.5) < 1e-12)
            #expect(abs(result.protocolFee - 0.0214285714) < 1e-9)
            #expect(abs(market.supplied(0, user) - 5.5) < 1e-12)
            #expect(abs(market.healthFactor(user) - 1.05875) < 1e-12)  // "1.0588" in MECHANISMS.md
            #expect(result.badDebtValue == 0)
        }

        @Test func fullCloseBelowZeroPointNineFiveLeavesBadDebt() throws {
            var (market, user) = try Self.position()
            try market.setPrice(0, 1500)
            #expect(abs(market.healthFactor(user) - 0.825) < 1e-12)
            let result = try market.liquidate(user: user, collateralReserve: 0, debtReserve: 1, debtToCover: 15_000, now: 0)
            #expect(abs(result.collateralSeized - 10) < 1e-12)
            #expect(abs(result.debtRepaid - 14_285.714285714) < 1e-6)
            #expect(abs(result.badDebtValue - 714.285714286) < 1e-6)
            #expect(market.debt(1, user) == 0 && market.reserves[1].deficit > 714)
        }

        @Test func healthyCannotBeLiquidatedAndCapsHold() throws {
            var (market, user) = try Self.position()
            #expect(throws: LendingError.pooled("health factor not below threshold")) {
                try market.liquidate(user: user, collateralReserve: 0, debtReserve: 1, debtToCover: 1, now: 0)
            }
            #expect(throws: LendingError.pooled("collateral cannot cover new borrow")) { try market.borrow(1, user, amount: 1_001, now: 0) }
            var capped = try AavePooledMarket(reserves: [(AaveReserveParameters(ltv: 0.5, liquidationThreshold: 0.6, liquidationBonus: 1.1, supplyCap: 100, borrowCap: 10), price: 1)], now: 0)
            let a = capped.addUser()
            try capped.supply(0, a, amount: 100, now: 0)
            #expect(throws: LendingError.pooled("supply cap exceeded")) { try capped.supply(0, a, amount: 1, now: 0) }
            #expect(throws: LendingError.pooled("borrow cap exceeded")) { try capped.borrow(0, a, amount: 11, now: 0) }
        }

        @Test func parameterConstraints() {
            #expect(throws: LendingError.self) { try AaveReserveParameters(ltv: 0.9, liquidationThreshold: 0.8, liquidationBonus: 1.05).validate() }
            #expect(throws: LendingError.self) { try AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.97, liquidationBonus: 1.05).validate() }
            #expect(throws: LendingError.self) { try AaveReserveParameters(ltv: 0.8, liquidationThreshold: 0.85, liquidationBonus: 1).validate() }
        }

        /// Interest: the borrow index compounds; suppliers get the reserve-factor-net share.
        @Test func interestAccrues() throws {
            var (market, user) = try Self.position()
            let debt0 = market.debt(1, user)
            market.accrueAll(now: 31_536_000)
            let debt1 = market.debt(1, user)
            let u = 15_000.0 / 1_000_000
            let rate = Self.usdc.borrowRate(utilization: u)
            #expect(abs(debt1 / debt0 - Foundation.exp(rate)) < 1e-6)
            #expect(market.reserves[1].treasuryScaled > 0)
        }
    }
}
