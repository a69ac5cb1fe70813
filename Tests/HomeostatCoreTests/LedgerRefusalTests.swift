import HomeostatCore
import Testing

/// A run whose numbers leave the finite range used to trap in `Ledger`'s preconditions
/// (`token_reserve: 1e300`, an infinite lognormal balance); the ledger now refuses the
/// movement, keeps its books as they were, and reports the refusal as its first violation.
@Suite struct LedgerRefusalTests {
    @Test(arguments: [Double.infinity, -Double.infinity, .nan, -1])
    func badMintIsRefusedAndReported(_ amount: Double) throws {
        var ledger = Ledger()
        let pool = ledger.open("pool", kind: .contract)
        ledger.mint(.token, to: pool, 10)
        ledger.mint(.token, to: pool, amount)
        #expect(ledger.balance(.token, pool) == 10)
        #expect(ledger.supply(.token) == 10)
        let first = try #require(ledger.check().first)
        #expect(first.message.contains("ledger refused a mint") && first.message.contains("pool"), "\(first)")
    }

    @Test func badTransferAndBurnAreRefusedAndTheFirstIsKept() throws {
        var ledger = Ledger()
        let lps = ledger.open("lps", kind: .population)
        let pool = ledger.open("pool", kind: .contract)
        ledger.mint(.cash, to: lps, 100)
        ledger.transfer(.cash, from: lps, to: pool, .infinity)
        ledger.burn(.cash, from: lps, .nan)
        #expect(ledger.balance(.cash, lps) == 100 && ledger.balance(.cash, pool) == 0)
        #expect(ledger.fault?.message.contains("transfer of inf cash (lps → pool)") == true, "\(String(describing: ledger.fault))")
        #expect(ledger.check().count == 1)
    }

    @Test func goodMovementsLeaveNoFault() {
        var ledger = Ledger()
        let a = ledger.open("a", kind: .population)
        ledger.mint(.token, to: a, 0)
        ledger.mint(.token, to: a, 5)
        ledger.burn(.token, from: a, 5)
        #expect(ledger.fault == nil && ledger.check().isEmpty)
    }
}

/// Duplicate keys in a JSON object, which `JSONSerialization` accepts (the last wins).
@Suite struct JSONKeysTests {
    static func duplicate(_ json: String) -> String? { JSONKeys.firstDuplicate(in: Array(json.utf8)) }

    @Test func findsARepeatedKey() {
        #expect(Self.duplicate(#"{"op": "swap", "dx": "1", "dx": "2"}"#) == "dx")
    }

    @Test func comparesKeysAfterDecodingEscapes() {
        #expect(Self.duplicate(#"{"a": 1, "\u0061": 2}"#) == "a")
    }

    @Test func equalKeysInDifferentObjectsAreFine() {
        #expect(Self.duplicate(#"{"a": {"b": 1}, "c": {"b": 2}, "d": [{"b": 3}, {"b": 4}]}"#) == nil)
    }

    @Test func stringValuesAndArrayItemsAreNotKeys() {
        #expect(Self.duplicate(#"{"a": "a", "b": ["a", "a"], "c": "x,\"a\":"}"#) == nil)
    }

    @Test func findsARepeatedKeyInANestedObject() {
        #expect(Self.duplicate(#"{"a": [{"k": 1, "k": 2}]}"#) == "k")
    }
}
