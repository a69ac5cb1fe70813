@testable import HomeostatCore
import Testing

/// External assets (index 2 and up) are ledger assets like the token and USD.
@Test func externalAssetsAreConservedAndSeparate() {
    var ledger = Ledger()
    let pool = ledger.open("pool", kind: .contract)
    let weth = ledger.addAsset("WETH")
    let outside = ledger.open("outside", kind: .external)
    #expect(weth == Asset(index: 2) && weth.isExternal && !Asset.token.isExternal && !Asset.cash.isExternal)
    #expect(Asset.token.rawValue == 0 && Asset.cash.rawValue == 1)
    #expect(ledger.assets == [.token, .cash, weth])
    #expect(ledger.assetNames == ["token", "cash", "WETH"])
    // Accounts opened before and after the asset hold none of it.
    #expect(ledger.balance(weth, pool) == 0 && ledger.balance(weth, outside) == 0)
    ledger.transfer(weth, from: outside, to: pool, 3)
    ledger.mint(.token, to: pool, 10)
    #expect(ledger.balance(weth, pool) == 3 && ledger.balance(weth, outside) == -3)
    #expect(ledger.balance(.token, pool) == 10 && ledger.balance(.cash, pool) == 0)
    #expect(ledger.grossFlow(weth, pool) == 3 && ledger.grossFlow(.token, pool) == 10)
    #expect(ledger.supply(weth) == 0)
    #expect(ledger.check().isEmpty)
    // A contract overdrawn in the asset, and a sub-ledger that disagrees, are reported by name.
    ledger.transfer(weth, from: pool, to: outside, 5)
    let violations = ledger.check()
    #expect(violations.count == 1 && violations[0].message.contains("WETH balance of pool"))
    #expect(ledger.checkSubledger(weth, pool, columnSum: 0, label: "pool")?.message.contains("WETH") == true)
}

@Test func mintingAnExternalAssetCountsInItsSupplyOnly() {
    var ledger = Ledger()
    let a = ledger.open("a", kind: .population)
    let usdt = ledger.addAsset("USDT")
    ledger.mint(usdt, to: a, 7)
    ledger.burn(usdt, from: a, 2)
    #expect(ledger.supply(usdt) == 5 && ledger.supply(.token) == 0 && ledger.supply(.cash) == 0)
    #expect(ledger.minted == [0, 0, 7] && ledger.burned == [0, 0, 2])
    #expect(ledger.check().isEmpty)
}
