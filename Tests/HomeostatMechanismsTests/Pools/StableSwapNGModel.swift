/// An integer model of a curvefi/stableswap-ng plain pool (`CurveStableSwapNG.vy`), written
/// for tests from the contract's arithmetic: balances and admin fees in each coin's own
/// units (`stored_balances`, `admin_balances`), rates `10^(36 − decimals)`, `xp = rate·balance
/// // 1e18`, `A_PRECISION = 100`, `FEE_DENOMINATOR = 1e10`, `admin_fee = 5e9`, every `/` a
/// floor division on uint256, and the contract's Newton loops with their one-wei stop rule.
/// No rate oracles, no ramping, no oracle upkeep (they change no balance); the fee receiver
/// is set, so `remove_liquidity` claims the admin fees.
///
/// A reverting call returns nil and changes nothing (the model checks its inputs first and
/// mutates only at the end).
struct StableSwapNGModel {
    typealias U = WideUInt256
    static let precision = U.pow10(18)
    static let feeDenominator = U(10_000_000_000)
    static let aPrecision = U(100)
    static let adminFee = U(5_000_000_000)

    let n: Int
    let rates: [U]
    let amp: U
    let fee: U
    let offpegMultiplier: U
    var stored: [U]
    var admin: [U]
    var totalSupply = U.zero
    var lpBalance: [String: U] = [:]

    /// - Parameters: `fee` and `offpegMultiplier` in units of 1e-10, `A` the contract's A.
    init(A: Int, fee: Int, offpegMultiplier: Int, decimals: [Int]) {
        n = decimals.count
        rates = decimals.map { U.pow10(36 - $0) }
        amp = U(A) * Self.aPrecision
        self.fee = U(fee)
        self.offpegMultiplier = U(offpegMultiplier)
        stored = Array(repeating: .zero, count: n)
        admin = Array(repeating: .zero, count: n)
    }

    var nCoins: U { U(n) }

    /// `_balances()`: stored less admin.
    var balances: [U] { (0..<n).map { stored[$0] - admin[$0] } }

    func xpMem(_ balances: [U]) -> [U] { (0..<n).map { rates[$0] * balances[$0] / Self.precision } }

    static func converged(_ a: U, _ b: U) -> Bool { a > b ? a - b <= .one : b - a <= .one }

    func getD(_ xp: [U]) -> U? {
        var s = U.zero
        for x in xp { s = s + x }
        if s == .zero { return .zero }
        var d = s
        let ann = amp * nCoins
        var nn = U.one
        for _ in 0..<n { nn = nn * nCoins }
        for _ in 0..<255 {
            var dP = d
            for x in xp {
                guard x != .zero else { return nil }
                dP = dP * d / x
            }
            dP = dP / nn
            let previous = d
            d = (ann * s / Self.aPrecision + dP * nCoins) * d
                / ((ann - Self.aPrecision) * d / Self.aPrecision + (nCoins + .one) * dP)
            if Self.converged(d, previous) { return d }
        }
        return nil
    }

    /// `get_y` (`i` set to `x`, solve for `j`) and `get_y_D` (`j` == nil: solve for `i` at `d`).
    func solveY(i: Int, j: Int?, x: U, xp: [U], d: U) -> U? {
        let ann = amp * nCoins
        var c = d
        var sum = U.zero
        let target = j ?? i
        for k in 0..<n where k != target {
            let value = (j != nil && k == i) ? x : xp[k]
            sum = sum + value
            c = c * d / (value * nCoins)
        }
        c = c * d * Self.aPrecision / (ann * nCoins)
        let b = sum + d * Self.aPrecision / ann
        var y = d
        for _ in 0..<255 {
            let previous = y
            y = (y * y + c) / (U(2) * y + b - d)
            if Self.converged(y, previous) { return y }
        }
        return nil
    }

    func dynamicFee(_ xpi: U, _ xpj: U, _ baseFee: U) -> U {
        if offpegMultiplier <= Self.feeDenominator { return baseFee }
        let sum = xpi + xpj
        let xps2 = sum * sum
        return offpegMultiplier * baseFee
            / ((offpegMultiplier - Self.feeDenominator) * U(4) * xpi * xpj / xps2 + Self.feeDenominator)
    }

    /// `exchange(i, j, dx)`: the amount of coin `j` paid, in its units.
    mutating func exchange(i: Int, j: Int, dx: U) -> U? {
        guard i != j, dx > .zero else { return nil }
        let xp = xpMem(balances)
        let x = xp[i] + dx * rates[i] / Self.precision
        guard let d = getD(xp), let y = solveY(i: i, j: j, x: x, xp: xp, d: d), xp[j] >= y + .one else { return nil }
        let dy = xp[j] - y - .one
        let dyFee = dy * dynamicFee((xp[i] + x) / U(2), (xp[j] + y) / U(2), fee) / Self.feeDenominator
        let out = (dy - dyFee) * Self.precision / rates[j]
        stored[i] = stored[i] + dx
        admin[j] = admin[j] + dyFee * Self.adminFee / Self.feeDenominator * Self.precision / rates[j]
        stored[j] = stored[j] - out
        return out
    }

    /// `add_liquidity(amounts)`: LP tokens minted (18 decimals).
    mutating func addLiquidity(_ amounts: [U], who: String) -> U? {
        let old = balances
        guard let d0 = getD(xpMem(old)) else { return nil }
        var new = old
        for k in 0..<n {
            if amounts[k] > .zero {
                new[k] = new[k] + amounts[k]
            } else if totalSupply == .zero {
                return nil
            }
        }
        guard var d1 = getD(xpMem(new)), d1 > d0 else { return nil }
        var adminAdded = Array(repeating: U.zero, count: n)
        let mint: U
        if totalSupply > .zero {
            let ys = (d0 + d1) / nCoins
            let baseFee = fee * nCoins / (U(4) * (nCoins - .one))
            for k in 0..<n {
                let ideal = d1 * old[k] / d0
                let difference = ideal > new[k] ? ideal - new[k] : new[k] - ideal
                let xs = rates[k] * (old[k] + new[k]) / Self.precision
                let feeK = dynamicFee(xs, ys, baseFee) * difference / Self.feeDenominator
                adminAdded[k] = feeK * Self.adminFee / Self.feeDenominator
                new[k] = new[k] - feeK
            }
            guard let d2 = getD(xpMem(new)) else { return nil }
            d1 = d2
            mint = totalSupply * (d1 - d0) / d0
        } else {
            mint = d1
        }
        for k in 0..<n {
            stored[k] = stored[k] + amounts[k]
            admin[k] = admin[k] + adminAdded[k]
        }
        totalSupply = totalSupply + mint
        lpBalance[who, default: .zero] = lpBalance[who, default: .zero] + mint
        return mint
    }

    /// `remove_liquidity_one_coin(burn, i)`: the amount of coin `i` paid, in its units.
    mutating func removeLiquidityOneCoin(_ burn: U, i: Int, who: String) -> U? {
        guard burn > .zero, burn <= lpBalance[who, default: .zero] else { return nil }
        let xp = xpMem(balances)
        guard let d0 = getD(xp) else { return nil }
        let d1 = d0 - burn * d0 / totalSupply
        guard let newY = solveY(i: i, j: nil, x: .zero, xp: xp, d: d1) else { return nil }
        let baseFee = fee * nCoins / (U(4) * (nCoins - .one))
        let ys = (d0 + d1) / (U(2) * nCoins)
        var reduced = xp
        for k in 0..<n {
            let expected: U
            let xavg: U
            if k == i {
                expected = xp[k] * d1 / d0 - newY
                xavg = (xp[k] + newY) / U(2)
            } else {
                expected = xp[k] - xp[k] * d1 / d0
                xavg = xp[k]
            }
            reduced[k] = xp[k] - dynamicFee(xavg, ys, baseFee) * expected / Self.feeDenominator
        }
        guard let yReduced = solveY(i: i, j: nil, x: .zero, xp: reduced, d: d1) else { return nil }
        guard reduced[i] > yReduced else { return nil }
        let dy18 = reduced[i] - yReduced
        let dy0 = (xp[i] - newY) * Self.precision / rates[i]
        let dy = (dy18 - .one) * Self.precision / rates[i]
        admin[i] = admin[i] + (dy0 - dy) * Self.adminFee / Self.feeDenominator
        lpBalance[who] = lpBalance[who, default: .zero] - burn
        totalSupply = totalSupply - burn
        stored[i] = stored[i] - dy
        return dy
    }

    /// `remove_liquidity(burn)`, then the admin fees claimed: the amounts paid per coin.
    mutating func removeLiquidity(_ burn: U, who: String) -> [U]? {
        guard burn > .zero, burn <= lpBalance[who, default: .zero] else { return nil }
        let current = balances
        let out = (0..<n).map { current[$0] * burn / totalSupply }
        for k in 0..<n { stored[k] = stored[k] - out[k] }
        lpBalance[who] = lpBalance[who, default: .zero] - burn
        totalSupply = totalSupply - burn
        for k in 0..<n {
            stored[k] = stored[k] - admin[k]
            admin[k] = .zero
        }
        return out
    }
}
