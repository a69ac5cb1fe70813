import HomeostatCore
import HomeostatMechanisms
import Testing

extension GovernanceMechanisms {
@Suite("Treasury, revenue split and diversification")
struct TreasuryTests {
    @Test func revenueSplitSumsToRevenueExactly() throws {
        let split = try RevenueSplit(lockers: 0.5, treasury: 0.3, buybackAndBurn: 0.15, liquidityProviders: 0.05)
        let parts = try split.split(1234.56)
        #expect(parts.total == 1234.56)
        expectClose(parts.lockers, 617.28, relative: 1e-14)
        expectClose(parts.treasury, 370.368, relative: 1e-14)
        expectClose(parts.buybackAndBurn, 185.184, relative: 1e-14)
        expectClose(parts.liquidityProviders, 61.728, relative: 1e-14)
        // Random decimal splits (sum 1 up to rounding) and random revenues over 12 decades.
        var rng = Xoshiro256StarStar(seed: 7)
        for trial in 0..<2000 {
            var raw = (0..<4).map { _ in (rng.uniform() * 100).rounded() / 100 }
            if trial % 5 == 0 { raw[Int(rng.uniform() * 4)] = 0 }
            let sum = raw.reduce(0, +)
            guard sum > 0 else { continue }
            let f = raw.map { $0 / sum }
            let split = try RevenueSplit(lockers: f[0], treasury: f[1], buybackAndBurn: f[2], liquidityProviders: f[3])
            let revenue = rng.uniform(0, 1) * _pow(10, rng.uniform(-3, 9))
            let parts = try split.split(revenue)
            #expect(parts.total == revenue, "trial \(trial): \(parts) for \(revenue)")
            let reversed = parts.liquidityProviders + parts.buybackAndBurn + parts.treasury + parts.lockers
            #expect(reversed == revenue, "trial \(trial): reversed order")
            let amounts = [parts.lockers, parts.treasury, parts.buybackAndBurn, parts.liquidityProviders]
            for (a, fraction) in zip(amounts, f) {
                if fraction == 0 { #expect(a == 0, "trial \(trial): a zero share received \(a)") }
                #expect(abs(a - revenue * fraction) <= 1e-14 * revenue, "trial \(trial)")
                #expect(a >= 0)
            }
        }
        #expect(try split.split(0).total == 0)
    }

    @Test func revenueSplitIsValidated() {
        #expect(throws: TreasuryError.splitDoesNotSumToOne(0.9375)) {
            try RevenueSplit(lockers: 0.5, treasury: 0.25, buybackAndBurn: 0.125, liquidityProviders: 0.0625)
        }
        #expect(throws: TreasuryError.self) { try RevenueSplit(lockers: 1.25, treasury: -0.25, buybackAndBurn: 0, liquidityProviders: 0) }
        #expect(throws: TreasuryError.self) { try RevenueSplit(lockers: .nan, treasury: 1, buybackAndBurn: 0, liquidityProviders: 0) }
        #expect(throws: TreasuryError.invalidAmount(-1)) {
            try RevenueSplit(lockers: 1, treasury: 0, buybackAndBurn: 0, liquidityProviders: 0).split(-1)
        }
    }

    @Test func runwayFormula() throws {
        let treasury = try Treasury(native: 1_000_000, stables: 1_200_000)
        #expect(treasury.runwayMonths(monthlyBurn: 100_000) == 12)
        #expect(treasury.runwayMonths(monthlyBurn: 150_000) == 8)
        // Stressed: a 25% haircut on the stables.
        #expect(treasury.runwayMonths(monthlyBurn: 100_000, haircut: 0.25) == 9)
        // Revenue covers spending: no end.
        #expect(treasury.runwayMonths(monthlyBurn: 0) == .infinity)
        #expect(treasury.runwayMonths(monthlyBurn: -5_000) == .infinity)
        // Native tokens do not extend the runway.
        var richer = treasury
        try richer.deposit(native: 9_000_000)
        #expect(richer.runwayMonths(monthlyBurn: 100_000) == 12)
        #expect(try Treasury().runwayMonths(monthlyBurn: 1) == 0)
    }

    @Test func valueAndStableShare() throws {
        let treasury = try Treasury(native: 1000, stables: 3000)
        #expect(treasury.value(at: 2) == 5000)
        #expect(treasury.stableShare(at: 2) == 0.6)
        #expect(treasury.nativeConcentration(at: 2) == 0.4)
        #expect(treasury.stableShare(at: 0) == 1)
        let empty = try Treasury()
        #expect(empty.value(at: 3) == 0 && empty.stableShare(at: 3) == 0 && empty.nativeConcentration(at: 3) == 0)
    }

    @Test func holdingsMoveAndRefuseOverdrafts() throws {
        var treasury = try Treasury(native: 100, stables: 50)
        try treasury.recordSale(sold: 40, proceeds: 75)
        #expect(treasury.native == 60 && treasury.stables == 125)
        #expect(throws: TreasuryError.insufficientNative(have: 60, need: 61)) { try treasury.recordSale(sold: 61, proceeds: 1) }
        #expect(throws: TreasuryError.insufficientStables(have: 125, need: 200)) { try treasury.withdraw(stables: 200) }
        #expect(throws: TreasuryError.invalidAmount(-1)) { try treasury.deposit(native: -1) }
        #expect(throws: TreasuryError.invalidAmount(.infinity)) { try Treasury(stables: .infinity) }
        #expect(treasury.native == 60 && treasury.stables == 125)
        try treasury.withdraw(native: 60, stables: 125)
        #expect(treasury.native == 0 && treasury.stables == 0)
    }

    @Test(arguments: [
        (1.0, 0.0), (1.99, 0.0), (2.0, 0.0), (2.0.nextUp, 500.0), (2.01, 500.0), (10.0, 500.0),
    ])
    func diversificationSellsOnlyAboveItsPrice(price: Double, expected: Double) throws {
        let policy = try DiversificationPolicy(tokensPerPeriod: 500, minimumPrice: 2)
        let treasury = try Treasury(native: 10_000, stables: 0)
        #expect(policy.amountToSell(from: treasury, price: price) == expected)
    }

    @Test func diversificationIsCappedByHoldingsAndTargetShare() throws {
        let policy = try DiversificationPolicy(tokensPerPeriod: 500)
        #expect(policy.amountToSell(from: try Treasury(native: 120, stables: 0), price: 1) == 120)
        #expect(policy.amountToSell(from: try Treasury(native: 0, stables: 10), price: 1) == 0)
        // Stop at 40% stables: value 10,000 at price 1, stables 3,800 → at most 200 more tokens.
        let capped = try DiversificationPolicy(tokensPerPeriod: 500, maxStableShare: 0.4)
        let treasury = try Treasury(native: 6_200, stables: 3_800)
        expectClose(capped.amountToSell(from: treasury, price: 1), 200, relative: 1e-12)
        #expect(capped.amountToSell(from: try Treasury(native: 5_000, stables: 5_000), price: 1) == 0)
        #expect(capped.amountToSell(from: try Treasury(native: 9_000, stables: 1_000), price: 1) == 500)
        #expect(throws: TreasuryError.self) { try DiversificationPolicy(tokensPerPeriod: -1) }
        #expect(throws: TreasuryError.self) { try DiversificationPolicy(tokensPerPeriod: 1, maxStableShare: 0) }
        #expect(throws: TreasuryError.self) { try DiversificationPolicy(tokensPerPeriod: 1, minimumPrice: .nan) }
    }
}
}
