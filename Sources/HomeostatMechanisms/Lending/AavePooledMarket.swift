/// The risk parameters of one asset in an Aave v3-style pooled market.
///
/// Fractions are plain Doubles (`0.8` = 80%); the liquidation bonus is the multiplier the
/// liquidator receives (`1.05` = +5%). PoolConfigurator's constraints hold:
/// `0 ≤ ltv ≤ liquidationThreshold < 1`, `liquidationBonus > 1`,
/// `liquidationThreshold · liquidationBonus ≤ 1` (so a seizure never needs more collateral
/// than the threshold lets the debt reach), reserve factor and protocol fee in [0, 1).
public struct AaveReserveParameters: Sendable, Hashable {
    public var ltv: Double
    public var liquidationThreshold: Double
    public var liquidationBonus: Double
    /// Share of the bonus that goes to the treasury instead of the liquidator.
    public var liquidationProtocolFee: Double
    public var reserveFactor: Double
    /// Largest total supply in token units (`.infinity`: no cap).
    public var supplyCap: Double
    /// Largest total debt in token units (`.infinity`: no cap).
    public var borrowCap: Double
    /// Variable borrow rate per year: `base + slope1·U/U*` up to the kink, then
    /// `+ slope2·(U − U*)/(1 − U*)`.
    public var optimalUtilization: Double
    public var baseRate: Double
    public var slope1: Double
    public var slope2: Double

    public init(
        ltv: Double, liquidationThreshold: Double, liquidationBonus: Double, liquidationProtocolFee: Double = 0.1,
        reserveFactor: Double = 0.1, supplyCap: Double = .infinity, borrowCap: Double = .infinity,
        optimalUtilization: Double = 0.9, baseRate: Double = 0, slope1: Double = 0.04, slope2: Double = 0.6
    ) {
        self.ltv = ltv
        self.liquidationThreshold = liquidationThreshold
        self.liquidationBonus = liquidationBonus
        self.liquidationProtocolFee = liquidationProtocolFee
        self.reserveFactor = reserveFactor
        self.supplyCap = supplyCap
        self.borrowCap = borrowCap
        self.optimalUtilization = optimalUtilization
        self.baseRate = baseRate
        self.slope1 = slope1
        self.slope2 = slope2
    }

    /// Throws ``LendingError/invalidParameter(_:)`` naming the first broken constraint.
    public func validate() throws(LendingError) {
        func fraction(_ x: Double) -> Bool { x.isFinite && x >= 0 && x < 1 }
        guard fraction(ltv), fraction(liquidationThreshold), ltv <= liquidationThreshold else {
            throw .invalidParameter("ltv \(ltv) and liquidation threshold \(liquidationThreshold) must satisfy 0 ≤ ltv ≤ threshold < 1")
        }
        guard liquidationBonus.isFinite, liquidationBonus > 1 else {
            throw .invalidParameter("liquidation bonus \(liquidationBonus) must be above 1")
        }
        guard liquidationThreshold * liquidationBonus <= 1 else {
            throw .invalidParameter("liquidation threshold × bonus = \(liquidationThreshold * liquidationBonus) exceeds 1: a seizure could exceed the collateral")
        }
        guard fraction(reserveFactor), fraction(liquidationProtocolFee) else {
            throw .invalidParameter("reserve factor and liquidation protocol fee must be in [0, 1)")
        }
        guard supplyCap >= 0, borrowCap >= 0 else { throw .invalidParameter("caps must not be negative") }
        guard optimalUtilization > 0 && optimalUtilization < 1, baseRate >= 0, slope1 >= 0, slope2 >= 0,
            baseRate.isFinite, slope1.isFinite, slope2.isFinite
        else { throw .invalidParameter("rate strategy: need 0 < U* < 1 and non-negative, finite base and slopes") }
    }

    /// The supply rate per year at utilisation `u`: `borrowRate(u) · u · (1 − reserveFactor)`.
    public func supplyRate(utilization u: Double) -> Double {
        borrowRate(utilization: u) * u * (1 - reserveFactor)
    }

    /// The variable borrow rate per year at utilisation `u`.
    public func borrowRate(utilization u: Double) -> Double {
        if u <= optimalUtilization { return baseRate + slope1 * u / optimalUtilization }
        return baseRate + slope1 + slope2 * (u - optimalUtilization) / (1 - optimalUtilization)
    }
}

/// An Aave v3-style pooled lending market, as a Double model: several reserves, each with
/// ``AaveReserveParameters`` and a price in a common base currency; users supply (all
/// supplies count as collateral) and borrow across reserves.
///
/// - Health factor `HF = Σ C_i·P_i·LT_i / Σ D_j·P_j` (∞ without debt); liquidatable below 1.
/// - Borrowing needs `debt after ≤ Σ C_i·P_i·LTV_i`, liquidity in the reserve and room
///   under its borrow cap; supplying needs room under the supply cap; withdrawing must
///   leave `HF ≥ 1`.
/// - Close factor: 50% of the user's debt in the repaid reserve when `HF > 0.95`, 100% at
///   or below (v3.0–3.2). Seizure `= debt repaid · P_debt / P_coll · bonus`, capped at the
///   user's collateral in that reserve (then the repaid debt is scaled down to match); the
///   protocol takes `(seized − seized/bonus) · liquidationProtocolFee`.
/// - Bad debt (v3.3 deficit): when a liquidation leaves the user no collateral anywhere,
///   the remaining debt is burned and recorded as the reserve's `deficit`.
/// - Interest: the borrow index compounds with Aave's 3-term binomial approximation of
///   `(1 + r/Y)^Δt` (Y = 365 days, Δt in seconds); the liquidity index grows linearly at the
///   supply rate `r · U · (1 − reserveFactor)`, so the reserve factor's share accrues to
///   the treasury.
///
/// Where Aave differs: its ray (10^27) fixed point and half-up rounding are Double here.
public struct AavePooledMarket: Sendable {
    public struct Reserve: Sendable {
        public var parameters: AaveReserveParameters
        /// Price in the base currency.
        public var price: Double
        public var liquidityIndex = 1.0
        public var borrowIndex = 1.0
        /// Σ users' scaled supply (and the treasury's).
        public var scaledSupply = 0.0
        /// Σ users' scaled debt.
        public var scaledDebt = 0.0
        /// The treasury's scaled supply: the reserve factor's share of interest and the
        /// liquidation protocol fees taken in this reserve.
        public var treasuryScaled = 0.0
        /// Collateral taken as the liquidation protocol fee, token units (cumulative).
        public var treasuryCollateral = 0.0
        /// Debt burned without repayment (bad debt), token units.
        public var deficit = 0.0
        public var lastUpdate: Int64

        /// Supplied (users and treasury), token units.
        public var totalSupplied: Double { scaledSupply * liquidityIndex }
        public var totalDebt: Double { scaledDebt * borrowIndex }
        /// Cash held: supplied − lent out − deficit (tokens that were lent and never came back).
        public var available: Double { max(0, totalSupplied - totalDebt - deficit) }
        public var utilization: Double {
            let denominator = available + totalDebt
            return denominator > 0 ? totalDebt / denominator : 0
        }
    }

    public private(set) var reserves: [Reserve]
    /// `scaledSupply[reserve][user]`.
    public private(set) var scaledSupply: [[Double]]
    /// `scaledDebt[reserve][user]`.
    public private(set) var scaledDebt: [[Double]]
    public var userCount: Int { scaledSupply.first?.count ?? 0 }

    /// `(parameters, price)` per reserve.
    public init(reserves: [(AaveReserveParameters, price: Double)], now: Int64) throws(LendingError) {
        for (p, price) in reserves {
            try p.validate()
            guard price.isFinite, price > 0 else { throw .invalidParameter("price must be positive") }
        }
        self.reserves = reserves.map { Reserve(parameters: $0.0, price: $0.price, lastUpdate: now) }
        scaledSupply = Array(repeating: [], count: reserves.count)
        scaledDebt = Array(repeating: [], count: reserves.count)
    }

    /// Opens a user and returns its row.
    public mutating func addUser() -> Int {
        for r in reserves.indices {
            scaledSupply[r].append(0)
            scaledDebt[r].append(0)
        }
        return userCount - 1
    }

    public mutating func setPrice(_ reserve: Int, _ price: Double) throws(LendingError) {
        guard price.isFinite, price > 0 else { throw .invalidParameter("price must be positive") }
        reserves[reserve].price = price
    }

    /// Changes a reserve's parameters (a governance action); validated.
    public mutating func setParameters(_ reserve: Int, _ parameters: AaveReserveParameters, now: Int64) throws(LendingError) {
        try parameters.validate()
        accrue(reserve, now: now)
        reserves[reserve].parameters = parameters
    }

    // MARK: Interest

    /// Brings one reserve's indices to `now`.
    public mutating func accrue(_ reserve: Int, now: Int64) {
        var r = reserves[reserve]
        let dt = Double(now - r.lastUpdate)
        guard dt > 0 else { return }
        let u = r.utilization
        let rate = r.parameters.borrowRate(utilization: u)
        let perSecond = rate / 31_536_000
        let growth = 1 + perSecond * dt + dt * (dt - 1) * perSecond * perSecond / 2
            + dt * (dt - 1) * (dt - 2) * perSecond * perSecond * perSecond / 6
        let oldDebt = r.totalDebt
        r.borrowIndex *= growth
        let supplyRate = rate * u * (1 - r.parameters.reserveFactor)
        let oldLiquidityIndex = r.liquidityIndex
        r.liquidityIndex *= 1 + supplyRate * dt / 31_536_000
        // What borrowers now owe beyond what suppliers' index credits goes to the treasury.
        let interest = r.totalDebt - oldDebt
        let creditedToSuppliers = r.scaledSupply * (r.liquidityIndex - oldLiquidityIndex)
        let toTreasury = max(0, interest - creditedToSuppliers)
        r.treasuryScaled += toTreasury / r.liquidityIndex
        r.scaledSupply += toTreasury / r.liquidityIndex
        r.lastUpdate = now
        reserves[reserve] = r
    }

    /// Brings every reserve to `now`.
    public mutating func accrueAll(now: Int64) {
        for r in reserves.indices { accrue(r, now: now) }
    }

    // MARK: Views

    public func supplied(_ reserve: Int, _ user: Int) -> Double { scaledSupply[reserve][user] * reserves[reserve].liquidityIndex }
    public func debt(_ reserve: Int, _ user: Int) -> Double { scaledDebt[reserve][user] * reserves[reserve].borrowIndex }

    /// (Σ collateral·price·LT, Σ collateral·price·LTV, Σ debt·price) in the base currency.
    public func accountData(_ user: Int) -> (thresholdValue: Double, borrowingPower: Double, debtValue: Double) {
        var threshold = 0.0, power = 0.0, debtValue = 0.0
        for (k, r) in reserves.enumerated() {
            let c = supplied(k, user) * r.price
            threshold += c * r.parameters.liquidationThreshold
            power += c * r.parameters.ltv
            debtValue += debt(k, user) * r.price
        }
        return (threshold, power, debtValue)
    }

    /// `Σ C·P·LT / Σ D·P`, `.infinity` without debt.
    public func healthFactor(_ user: Int) -> Double {
        let d = accountData(user)
        return d.debtValue > 0 ? d.thresholdValue / d.debtValue : .infinity
    }

    // MARK: Operations

    public mutating func supply(_ reserve: Int, _ user: Int, amount: Double, now: Int64) throws(LendingError) {
        guard amount.isFinite, amount > 0 else { throw .pooled("invalid amount") }
        accrue(reserve, now: now)
        let r = reserves[reserve]
        guard r.totalSupplied + amount <= r.parameters.supplyCap else { throw .pooled("supply cap exceeded") }
        scaledSupply[reserve][user] += amount / r.liquidityIndex
        reserves[reserve].scaledSupply += amount / r.liquidityIndex
    }

    /// Withdraws `amount` (at most the user's balance); the account must stay at `HF ≥ 1`.
    public mutating func withdraw(_ reserve: Int, _ user: Int, amount: Double, now: Int64) throws(LendingError) {
        guard amount.isFinite, amount > 0 else { throw .pooled("invalid amount") }
        accrueAll(now: now)
        let r = reserves[reserve]
        guard amount <= supplied(reserve, user) * (1 + 1e-12) else { throw .pooled("not enough available user balance") }
        let amount = min(amount, supplied(reserve, user))
        guard amount <= r.available * (1 + 1e-12) else { throw .pooled("not enough available liquidity") }
        let before = scaledSupply[reserve][user]
        scaledSupply[reserve][user] = max(0, before - amount / r.liquidityIndex)
        guard healthFactor(user) >= 1 else {
            scaledSupply[reserve][user] = before
            throw .pooled("health factor lower than liquidation threshold")
        }
        reserves[reserve].scaledSupply -= before - scaledSupply[reserve][user]
    }

    public mutating func borrow(_ reserve: Int, _ user: Int, amount: Double, now: Int64) throws(LendingError) {
        guard amount.isFinite, amount > 0 else { throw .pooled("invalid amount") }
        accrueAll(now: now)
        let r = reserves[reserve]
        guard r.totalDebt + amount <= r.parameters.borrowCap else { throw .pooled("borrow cap exceeded") }
        guard amount <= r.available else { throw .pooled("not enough available liquidity") }
        let d = accountData(user)
        guard d.debtValue == 0 || d.thresholdValue / d.debtValue > 1 else {
            throw .pooled("health factor lower than liquidation threshold")
        }
        guard d.debtValue + amount * r.price <= d.borrowingPower else { throw .pooled("collateral cannot cover new borrow") }
        scaledDebt[reserve][user] += amount / r.borrowIndex
        reserves[reserve].scaledDebt += amount / r.borrowIndex
    }

    /// Repays up to the user's debt; returns what was repaid.
    @discardableResult
    public mutating func repay(_ reserve: Int, _ user: Int, amount: Double, now: Int64) throws(LendingError) -> Double {
        guard amount.isFinite, amount > 0 else { throw .pooled("invalid amount") }
        accrue(reserve, now: now)
        let paid = min(amount, debt(reserve, user))
        guard paid > 0 else { throw .pooled("no debt of this type") }
        let scaled = min(scaledDebt[reserve][user], paid / reserves[reserve].borrowIndex)
        scaledDebt[reserve][user] -= scaled
        reserves[reserve].scaledDebt -= scaled
        return paid
    }

    /// What a liquidation moved (token units).
    public struct Liquidation: Sendable, Hashable {
        public var debtRepaid: Double
        /// Collateral that leaves the user (the liquidator's part plus the protocol fee).
        public var collateralSeized: Double
        public var protocolFee: Double
        /// Debt burned as deficit because the user has no collateral left, in base currency.
        public var badDebtValue: Double
    }

    /// Liquidates `user` (HF < 1): repays up to `debtToCover` of its `debtReserve` debt
    /// (within the close factor) and seizes `collateralReserve` at the bonus.
    public mutating func liquidate(
        user: Int, collateralReserve: Int, debtReserve: Int, debtToCover: Double, now: Int64
    ) throws(LendingError) -> Liquidation {
        guard debtToCover.isFinite, debtToCover > 0 else { throw .pooled("invalid amount") }
        accrueAll(now: now)
        let hf = healthFactor(user)
        guard hf < 1 else { throw .pooled("health factor not below threshold") }
        let userDebt = debt(debtReserve, user)
        let userCollateral = supplied(collateralReserve, user)
        guard userDebt > 0 else { throw .pooled("specified currency not borrowed by user") }
        guard userCollateral > 0 else { throw .pooled("collateral cannot be liquidated") }
        let closeFactor = hf > 0.95 ? 0.5 : 1.0
        var repaid = min(debtToCover, userDebt * closeFactor)
        let debtPrice = reserves[debtReserve].price
        let collateralPrice = reserves[collateralReserve].price
        let bonus = reserves[collateralReserve].parameters.liquidationBonus
        var seized = repaid * debtPrice / collateralPrice * bonus
        if seized > userCollateral {
            seized = userCollateral
            repaid = userCollateral * collateralPrice / debtPrice / bonus
        }
        let fee = (seized - seized / bonus) * reserves[collateralReserve].parameters.liquidationProtocolFee
        // Debt side.
        let scaledRepaid = min(scaledDebt[debtReserve][user], repaid / reserves[debtReserve].borrowIndex)
        scaledDebt[debtReserve][user] -= scaledRepaid
        reserves[debtReserve].scaledDebt -= scaledRepaid
        // Collateral side: the user's supply shrinks; the liquidator's part leaves the
        // reserve, the protocol fee stays as the treasury's collateral.
        let scaledSeized = min(scaledSupply[collateralReserve][user], seized / reserves[collateralReserve].liquidityIndex)
        scaledSupply[collateralReserve][user] -= scaledSeized
        reserves[collateralReserve].scaledSupply -= scaledSeized
        reserves[collateralReserve].treasuryCollateral += fee
        reserves[collateralReserve].treasuryScaled += fee / reserves[collateralReserve].liquidityIndex
        reserves[collateralReserve].scaledSupply += fee / reserves[collateralReserve].liquidityIndex
        if seized >= userCollateral { scaledSupply[collateralReserve][user] = 0 }
        // Deficit: no collateral left anywhere.
        var badDebtValue = 0.0
        if reserves.indices.allSatisfy({ supplied($0, user) <= 0 }) {
            for k in reserves.indices where scaledDebt[k][user] > 0 {
                let left = debt(k, user)
                badDebtValue += left * reserves[k].price
                reserves[k].deficit += left
                reserves[k].scaledDebt -= scaledDebt[k][user]
                scaledDebt[k][user] = 0
            }
        }
        return Liquidation(debtRepaid: repaid, collateralSeized: seized, protocolFee: fee, badDebtValue: badDebtValue)
    }
}
