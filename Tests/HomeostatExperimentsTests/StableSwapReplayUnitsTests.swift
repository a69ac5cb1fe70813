import Foundation
import HomeostatExperiments
import Testing

/// `homeostat replay stableswap` with a 6-decimal coin: every balance, admin balance and
/// amount paid of that coin is a whole number of its units, as the contract holds them.
/// Unrounded, the admin balance carried fractions of a unit after the first swap and drifted
/// from the contract's by about half a unit per swap.
@Test func stableswapReplayKeepsSixDecimalCoinsInWholeUnits() throws {
    var lines = [#"{"op": "init", "A": 200, "fee": "0.0004", "offpeg_fee_multiplier": "2", "decimals": [18, 6], "balances": ["385.5", "400.25"]}"#]
    for k in 0..<60 {
        let i = k % 2
        lines.append(#"{"op": "exchange", "who": "t", "i": \#(i), "j": \#(1 - i), "dx": "\#(3 + k).123457"}"#)
    }
    lines.append(#"{"op": "add_liquidity", "who": "b", "amounts": ["0", "17.000001"]}"#)
    lines.append(#"{"op": "remove_liquidity_one_coin", "who": "b", "lp_amount": "5", "i": 1}"#)
    lines.append(#"{"op": "query"}"#)
    let output = try runReplay(.stableswap, script: lines.joined(separator: "\n"), scriptName: "six")
    func decimals(_ text: String) -> Int { text.split(separator: ".").dropFirst().first?.count ?? 0 }
    var checked = 0
    for (index, line) in output.enumerated() {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["error"] == nil, "\(line)")
        // Exchanges 0, 2, 4, … pay coin 1; the one-coin withdrawal pays coin 1.
        let paysCoin1 = (1...60).contains(index) ? (index - 1) % 2 == 0 : object["op"] as? String == "remove_liquidity_one_coin"
        if paysCoin1 {
            let dy = try #require(object["dy"] as? String)
            #expect(decimals(dy) <= 6, "dy \(dy) in \(line)")
        }
        if let balances = object["balances"] as? [String] {
            #expect(decimals(balances[1]) <= 6, "balance \(balances[1]) in \(line)")
            checked += 1
        }
        if let admin = object["admin_balances"] as? [String] {
            #expect(decimals(admin[1]) <= 6, "admin balance \(admin[1])")
            #expect(admin[1] != "0")
        }
    }
    #expect(checked == output.count)
}
