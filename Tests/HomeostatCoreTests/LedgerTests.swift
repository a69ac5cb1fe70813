@testable import HomeostatCore
import Testing

@Test func conservationHoldsThroughTransfersMintsAndBurns() {
    var ledger = Ledger()
    let holders = ledger.open("holders", kind: .population)
    let escrow = ledger.open("escrow", kind: .contract)
    let market = ledger.open("market", kind: .external)
    ledger.mint(.token, to: holders, 1000)
    ledger.transfer(.token, from: holders, to: escrow, 400)
    ledger.transfer(.token, from: holders, to: market, 150)     // sold
    ledger.transferSigned(.cash, from: market, to: holders, 300) // the market pays, going negative
    ledger.transferSigned(.token, from: holders, to: escrow, -100)
    ledger.burn(.token, from: escrow, 50)
    #expect(ledger.check().isEmpty)
    #expect(ledger.balance(.token, holders) == 550)
    #expect(ledger.balance(.token, escrow) == 250)
    #expect(ledger.balance(.cash, market) == -300)
    #expect(ledger.supply(.token) == 950)
    #expect(ledger.supply(.cash) == 0)
    #expect(ledger.account(named: "escrow") == escrow)
    #expect(ledger.account(named: "nobody") == nil)
}

@Test func negativeContractBalanceIsReported() {
    var ledger = Ledger()
    let pool = ledger.open("pool", kind: .contract)
    let holders = ledger.open("holders", kind: .population)
    ledger.mint(.token, to: pool, 10)
    ledger.transfer(.token, from: pool, to: holders, 25)
    let violations = ledger.check()
    #expect(violations.count == 1)
    #expect(violations.first?.message.contains("pool") == true)
}

@Test func tamperedBalanceBreaksConservation() {
    var ledger = Ledger()
    let holders = ledger.open("holders", kind: .population)
    ledger.mint(.token, to: holders, 100)
    #expect(ledger.check().isEmpty)
    ledger.add(.token, holders, 1)  // a movement that bypasses transfer/mint/burn
    let violations = ledger.check()
    #expect(violations.count == 1)
    #expect(violations.first?.message.contains("not conserved") == true)
    ledger.tokenBalances[0] = .nan
    #expect(ledger.check().contains { $0.message.contains("not finite") })
}

@Test func subledgerMismatchIsFlagged() {
    var ledger = Ledger()
    let holders = ledger.open("holders", kind: .population)
    ledger.mint(.token, to: holders, 100)
    let columns = [40.0, 35.0, 25.0]
    #expect(ledger.checkSubledger(.token, holders, columnSum: columns.reduce(0, +), label: "free") == nil)
    let mismatch = ledger.checkSubledger(.token, holders, columnSum: 99, label: "free")
    #expect(mismatch?.message.contains("free") == true)
    #expect(ledger.checkSubledger(.cash, holders, columnSum: 0, label: "cash") == nil)
}
