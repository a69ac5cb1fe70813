public import HomeostatCore

/// A liquidity gauge with Curve `LiquidityGauge` semantics (MECHANISMS.md §3.2, §4.2): LPs
/// stake pool shares, and the gauge's emissions are shared pro-rata to *working balances*,
/// which ve holders boost up to 2.5×.
///
/// **Working balance.** For an account with stake `b` in a gauge of total stake `S`, ve
/// balance `v` of total `V`, and tokenless production `p` (Curve: `TOKENLESS_PRODUCTION =
/// 40`, `p = 0.4`):
///
///     wb = min(p · b + (1 − p) · S · v / V, b)          (no boost term when V = 0)
///     working_supply = Σ wb
///
/// so `p · b <= wb <= b`; boost `wb / (p · b)` reaches its maximum `1/p` (2.5×) when
/// `v / V >= b / S`. ``Boost/unboosted`` (`p = 1`) gives `wb = b`: plain liquidity mining
/// (Synthetix `StakingRewards`). As in the contract, `wb` is recomputed only when the
/// account checkpoints (deposit, withdraw, claim, ``checkpoint(_:ve:veTotal:)``, ``kick(_:ve:veTotal:veChangedSinceCheckpoint:)``),
/// with the total stake after the operation, so a stored boost can outlive the ve that
/// earned it until someone kicks the account.
///
/// **Accrual.** Emission `R` given to the gauge (``distribute(_:)``) raises the
/// reward-per-working-unit accumulator `I += R / working_supply` (Curve
/// `integrate_inv_supply`); an account is owed `wb · (I − I_u)` since its last checkpoint
/// (`integrate_fraction`), and ``claim(_:ve:veTotal:)`` pays what it is owed. O(1) per
/// distribution and per account operation.
///
/// **No stakers.** In Curve, the gauge's share of inflation for periods with zero working
/// supply is not minted to anyone: the integral does not advance (`integrate_inv_supply`
/// only grows while `working_supply > 0`), so nobody can ever claim it and the `Minter`
/// never mints it. This gauge does the same and adds it to ``unminted``, so that
///
///     received == claimed + Σ_u claimable_u + unminted
///
/// (``checkInvariants(tolerance:)``) holds at all times.
///
/// Differences from the contract: amounts are Double, not wei (no integer flooring of the
/// working balance or the accrual); time enters only through the amounts distributed (the
/// caller distributes each tick's emission, e.g. `route(amount:epoch:)` of a
/// ``GaugeController``); the first version's 2-week boost warm-up is not modelled.
public struct LiquidityGauge: Sendable {
    /// The boost rule: the tokenless production `p`, the share of a stake that counts
    /// without ve.
    public struct Boost: Sendable, Equatable {
        /// `p` in `[0, 1]`.
        public let tokenlessProduction: Double

        public init(tokenlessProduction: Double) {
            precondition(tokenlessProduction >= 0 && tokenlessProduction <= 1)
            self.tokenlessProduction = tokenlessProduction
        }

        /// Curve's `TOKENLESS_PRODUCTION = 40`: `p = 0.4`, boost up to 2.5×.
        public static let curve = Boost(tokenlessProduction: 0.4)
        /// No boost: `p = 1`, `wb = b` (plain liquidity mining).
        public static let unboosted = Boost(tokenlessProduction: 1)
    }

    public let boost: Boost
    /// Staked LP tokens per account (`balanceOf`).
    public var balance: [Double] { _balance }
    /// Working balance per account (`working_balances`).
    public var workingBalance: [Double] { _working }
    /// Total stake `S` (`totalSupply`).
    public private(set) var totalSupply: Double = 0
    /// `Σ wb` (`working_supply`).
    public private(set) var workingSupply: Double = 0
    /// Emission per unit of working balance since the start (`integrate_inv_supply`).
    public private(set) var rewardPerWorkingUnit: Double = 0
    /// Everything given to ``distribute(_:)``.
    public private(set) var received: Double = 0
    /// The part of ``received`` given while the working supply was 0: never minted.
    public private(set) var unminted: Double = 0
    /// Everything paid by ``claim(_:ve:veTotal:)``.
    public private(set) var claimed: Double = 0

    var _balance: [Double] = []
    var _working: [Double] = []
    /// `I` at each account's last checkpoint (`integrate_inv_supply_of`).
    var paidPerUnit: [Double] = []
    /// Accrued and not yet claimed (`integrate_fraction − minted`).
    var owed: [Double] = []
    /// Accounts with a positive stake / working balance: when none is left the running sums
    /// are exactly 0, whatever rounding they kept.
    var stakers = 0
    var workers = 0

    /// Creates a gauge with no accounts.
    public init(boost: Boost = .curve) {
        self.boost = boost
    }

    /// Number of accounts.
    public var accountCount: Int { _balance.count }

    /// Adds `count` accounts with no stake and returns their rows (use the accounts'
    /// ``VoteEscrow`` rows, so one row means one account in both).
    public mutating func addAccounts(_ count: Int) -> Range<Int> {
        let start = _balance.count
        _balance.append(contentsOf: repeatElement(0, count: count))
        _working.append(contentsOf: repeatElement(0, count: count))
        paidPerUnit.append(contentsOf: repeatElement(rewardPerWorkingUnit, count: count))
        owed.append(contentsOf: repeatElement(0, count: count))
        return start..<(start + count)
    }

    /// `min(p · b + (1 − p) · S · v / V, b)`, the term in `v / V` omitted when `V <= 0`
    /// (Curve `_update_liquidity_limit`).
    ///
    /// - Parameters:
    ///   - balance: the account's stake `b`.
    ///   - totalSupply: the gauge's total stake `S`, including `b`.
    ///   - ve: the account's ve balance `v`.
    ///   - veTotal: the ve total supply `V`.
    public static func workingBalance(
        balance b: Double, totalSupply s: Double, ve v: Double, veTotal vTotal: Double, boost: Boost
    ) -> Double {
        let p = boost.tokenlessProduction
        var limit = p * b
        if vTotal > 0 { limit += (1 - p) * s * v / vTotal }
        return min(limit, b)
    }

    // MARK: Emission

    /// Gives the gauge an emission `amount` (e.g. one tick's routed emission): `I += amount /
    /// working_supply`, or, with no working supply, adds it to ``unminted``.
    ///
    /// - Returns: the part that was not minted (`amount` with no working supply, else 0).
    /// - Precondition: `amount` is finite and non-negative.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func distribute(_ amount: Double) -> Double {
        precondition(amount >= 0 && amount.isFinite, "emission must be finite and non-negative")
        received += amount
        guard workingSupply > 0 else {
            unminted += amount
            return amount
        }
        rewardPerWorkingUnit += amount / workingSupply
        return 0
    }

    /// What `row` could claim now: `owed + wb · (I − I_u)`.
    public func claimable(_ row: Int) -> Double {
        owed[row] + _working[row] * (rewardPerWorkingUnit - paidPerUnit[row])
    }

    /// `Σ_u claimable_u`.
    ///
    /// - Complexity: O(accounts).
    public func totalClaimable() -> Double {
        var total = 0.0
        for row in 0..<accountCount { total += claimable(row) }
        return total
    }

    // MARK: Account operations

    /// `deposit(value)`: accrues `row`, adds `amount` to its stake, then recomputes its
    /// working balance with ve balance `ve` of `veTotal` and the new total stake.
    ///
    /// - Throws: ``LiquidityGaugeError/invalidAmount(_:)``.
    public mutating func deposit(_ row: Int, amount: Double, ve: Double, veTotal: Double) throws(LiquidityGaugeError) {
        guard amount >= 0 && amount.isFinite else { throw .invalidAmount(amount) }
        accrue(row)
        setBalance(row, _balance[row] + amount)
        updateWorkingBalance(row, ve: ve, veTotal: veTotal)
    }

    /// `withdraw(value)`: accrues `row`, removes `amount` from its stake, then recomputes its
    /// working balance. Accrued emission stays claimable.
    ///
    /// - Throws: ``LiquidityGaugeError/invalidAmount(_:)``,
    ///   ``LiquidityGaugeError/insufficientBalance(have:need:)``.
    public mutating func withdraw(_ row: Int, amount: Double, ve: Double, veTotal: Double) throws(LiquidityGaugeError) {
        guard amount >= 0 && amount.isFinite else { throw .invalidAmount(amount) }
        guard amount <= _balance[row] else { throw .insufficientBalance(have: _balance[row], need: amount) }
        accrue(row)
        setBalance(row, _balance[row] - amount)
        updateWorkingBalance(row, ve: ve, veTotal: veTotal)
    }

    /// `user_checkpoint(addr)`: accrues `row` and recomputes its working balance from its
    /// current ve balance.
    public mutating func checkpoint(_ row: Int, ve: Double, veTotal: Double) {
        accrue(row)
        updateWorkingBalance(row, ve: ve, veTotal: veTotal)
    }

    /// `kick(addr)`: anyone may checkpoint an account whose stored boost is stale.
    ///
    /// - Parameter veChangedSinceCheckpoint: whether the account's ve has a newer checkpoint
    ///   than its last gauge checkpoint (the contract compares timestamps).
    /// - Throws: ``LiquidityGaugeError/kickNotAllowed`` unless `ve == 0` (lock expired) or
    ///   `veChangedSinceCheckpoint`; then ``LiquidityGaugeError/kickNotNeeded`` unless
    ///   `wb > p · b`.
    public mutating func kick(_ row: Int, ve: Double, veTotal: Double, veChangedSinceCheckpoint: Bool) throws(LiquidityGaugeError) {
        guard ve == 0 || veChangedSinceCheckpoint else { throw .kickNotAllowed }
        guard _working[row] > _balance[row] * boost.tokenlessProduction else { throw .kickNotNeeded }
        checkpoint(row, ve: ve, veTotal: veTotal)
    }

    /// `Minter.mint(gauge)`: checkpoints `row` (accrual, then a new working balance) and pays
    /// everything it is owed.
    ///
    /// - Returns: the amount paid.
    @discardableResult
    public mutating func claim(_ row: Int, ve: Double, veTotal: Double) -> Double {
        checkpoint(row, ve: ve, veTotal: veTotal)
        let amount = owed[row]
        owed[row] = 0
        claimed += amount
        return amount
    }

    // MARK: Internals

    mutating func accrue(_ row: Int) {
        owed[row] += _working[row] * (rewardPerWorkingUnit - paidPerUnit[row])
        paidPerUnit[row] = rewardPerWorkingUnit
    }

    mutating func setBalance(_ row: Int, _ value: Double) {
        let old = _balance[row]
        if old > 0 { stakers -= 1 }
        if value > 0 { stakers += 1 }
        totalSupply += value - old
        _balance[row] = value
        if stakers == 0 || totalSupply < 0 { totalSupply = 0 }
    }

    mutating func updateWorkingBalance(_ row: Int, ve: Double, veTotal: Double) {
        let old = _working[row]
        let new = Self.workingBalance(
            balance: _balance[row], totalSupply: totalSupply, ve: max(ve, 0), veTotal: veTotal, boost: boost)
        if old > 0 { workers -= 1 }
        if new > 0 { workers += 1 }
        workingSupply += new - old
        _working[row] = new
        if workers == 0 || workingSupply < 0 { workingSupply = 0 }
    }

    /// Checks `p · b <= wb <= b` per account, `S = Σ b`, `working_supply = Σ wb`, and
    /// conservation `received == claimed + Σ claimable + unminted`, within `tolerance`
    /// relative to the scale of each side.
    ///
    /// - Complexity: O(accounts).
    public func checkInvariants(tolerance: Double = 1e-9) -> [InvariantViolation] {
        var found: [InvariantViolation] = []
        var sumB = 0.0
        var sumW = 0.0
        let p = boost.tokenlessProduction
        for row in 0..<accountCount {
            let b = _balance[row]
            let w = _working[row]
            if b < 0 { found.append(InvariantViolation("liquidity gauge: negative stake \(b) at row \(row)")) }
            if w > b * (1 + tolerance) {
                found.append(InvariantViolation("liquidity gauge: working balance \(w) exceeds stake \(b) at row \(row)"))
            }
            if w < p * b * (1 - tolerance) {
                found.append(InvariantViolation("liquidity gauge: working balance \(w) below \(p) of stake \(b) at row \(row)"))
            }
            sumB += b
            sumW += w
        }
        if abs(sumB - totalSupply) > tolerance * (sumB + 1) {
            found.append(InvariantViolation("liquidity gauge: total stake \(totalSupply) differs from Σ stakes \(sumB)"))
        }
        if abs(sumW - workingSupply) > tolerance * (sumW + 1) {
            found.append(InvariantViolation("liquidity gauge: working supply \(workingSupply) differs from Σ wb \(sumW)"))
        }
        let accounted = claimed + totalClaimable() + unminted
        if abs(received - accounted) > tolerance * (received + 1) {
            found.append(InvariantViolation(
                "liquidity gauge: received \(received) differs from claimed + claimable + unminted \(accounted)"))
        }
        return found
    }
}
