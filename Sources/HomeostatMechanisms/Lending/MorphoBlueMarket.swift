/// One Morpho Blue isolated market (`Morpho.sol`, v1 logic), exact on `uint256` integers:
/// one loan token, one collateral token, an oracle price, an interest-rate model and a
/// liquidation LTV.
///
/// Units are the contract's: assets in wei, shares as share integers, fractions and rates
/// in WAD (10^18), the price as `price · 10^36` (two 18-decimal tokens), time in Unix
/// seconds. Positions are rows (struct of arrays): ``addPosition()`` opens one.
///
/// Every operation is atomic: it computes the whole outcome (interest accrual included)
/// before writing, so a rejected call (a ``LendingError``) leaves the market exactly as it
/// was — the contract's revert. Rounding always favours the market (``MorphoMath``):
/// supplying or repaying by assets mints or burns shares rounded down, withdrawing or
/// borrowing rounds shares up; given shares, assets paid in round up and assets paid out
/// round down.
///
/// - Interest: `interest = ⌊borrow · wTaylorCompounded(rate, elapsed) / 10^18⌋` goes to both
///   totals; the fee `⌊interest · fee⌋` is minted as supply shares at the post-interest
///   price net of the fee.
/// - Health: `⌊⌊collateral · P / 10^36⌋ · lltv / 10^18⌋ ≥ toAssetsUp(borrowShares)`.
/// - Liquidation: incentive factor `min(1.15, 1/(1 − 0.3(1 − lltv)))`; seize by assets or
///   repay by shares; a borrower left with zero collateral and some debt has that debt
///   written off against the suppliers (bad debt).
public struct MorphoBlueMarket: Sendable {
    /// The market's totals and clock, as `Morpho.market(id)` stores them.
    public struct Totals: Sendable, Hashable {
        public var totalSupplyAssets: UInt256 = .zero
        public var totalSupplyShares: UInt256 = .zero
        public var totalBorrowAssets: UInt256 = .zero
        public var totalBorrowShares: UInt256 = .zero
        public var lastUpdate: Int64
        public var fee: UInt256
    }

    /// One position (`Morpho.position(id, user)`).
    public struct Position: Sendable, Hashable {
        public var supplyShares: UInt256 = .zero
        public var borrowShares: UInt256 = .zero
        public var collateral: UInt256 = .zero
        public init() {}
    }

    /// What an accrual did.
    public struct Accrual: Sendable, Hashable {
        /// `now − lastUpdate` before it.
        public var elapsed: Int64
        /// The per-second rate applied (nil when elapsed = 0: the IRM is not called).
        public var borrowRate: UInt256?
        public var interest: UInt256
        public var feeShares: UInt256
    }

    /// What a liquidation moved.
    public struct Liquidation: Sendable, Hashable {
        public var seizedAssets: UInt256
        public var repaidAssets: UInt256
        public var repaidShares: UInt256
        public var badDebtAssets: UInt256
        public var badDebtShares: UInt256
        public var accrual: Accrual
    }

    /// The liquidation LTV (WAD), in (0, 10^18).
    public let lltv: UInt256
    /// The oracle price, `price · 10^36` for two 18-decimal tokens; > 0.
    public private(set) var price: UInt256
    public private(set) var totals: Totals
    public private(set) var rateModel: LendingRateModel
    /// The fee recipient's row, when the fee is above zero.
    public let feeRecipient: Int?
    /// Positions by row.
    public private(set) var positions: [Position] = []

    /// Creates the market at `now` (`createMarket`), calling the IRM once (which stores the
    /// adaptive model's initial rate at target).
    ///
    /// - Parameters:
    ///   - lltv: in WAD, strictly between 0 and 10^18.
    ///   - price: `price · 10^36`, > 0.
    ///   - fee: in WAD, at most 0.25e18.
    ///   - feeRecipient: the row that receives fee shares; the market opens rows
    ///     `0...feeRecipient` for it. Required when the fee is above zero.
    /// - Throws: ``LendingError/invalidParameter(_:)`` ("max LLTV exceeded", "zero LLTV",
    ///   "zero price", "max fee exceeded", "fee recipient missing").
    public init(
        lltv: UInt256, price: UInt256, rateModel: LendingRateModel, fee: UInt256 = .zero, feeRecipient: Int? = nil, now: Int64
    ) throws(LendingError) {
        guard lltv < MorphoMath.wad else { throw .invalidParameter("max LLTV exceeded") }
        guard !lltv.isZero else { throw .invalidParameter("zero LLTV") }
        guard !price.isZero else { throw .invalidParameter("zero price") }
        guard fee <= MorphoMath.maxFee else { throw .invalidParameter("max fee exceeded") }
        if !fee.isZero && feeRecipient == nil { throw .invalidParameter("fee recipient missing") }
        self.lltv = lltv
        self.price = price
        self.totals = Totals(lastUpdate: now, fee: fee)
        self.rateModel = rateModel
        self.feeRecipient = fee.isZero ? nil : feeRecipient
        if let row = self.feeRecipient, row >= 0 {
            positions = Array(repeating: Position(), count: row + 1)
        }
        _ = self.rateModel.borrowRate(totalSupplyAssets: .zero, totalBorrowAssets: .zero, elapsed: 0)
    }

    /// Opens a position and returns its row.
    public mutating func addPosition() -> Int {
        positions.append(Position())
        return positions.count - 1
    }

    /// Sets the oracle price (`price · 10^36`, > 0).
    public mutating func setPrice(_ newPrice: UInt256) throws(LendingError) {
        guard !newPrice.isZero else { throw .invalidParameter("zero price") }
        price = newPrice
    }

    /// The liquidation incentive factor of this market (WAD).
    public var liquidationIncentiveFactor: UInt256 {
        (try? MorphoMath.liquidationIncentiveFactor(lltv: lltv)) ?? MorphoMath.wad
    }

    // MARK: Accrual

    /// Totals and IRM after accruing to `now`, without writing (fee shares go to the
    /// recipient's position only when committed).
    func accrued(now: Int64) throws(LendingError) -> (Totals, LendingRateModel, Accrual) {
        var t = totals
        var model = rateModel
        let elapsed = now - t.lastUpdate
        guard elapsed > 0 else { return (t, model, Accrual(elapsed: max(elapsed, 0), borrowRate: nil, interest: .zero, feeShares: .zero)) }
        let rate = model.borrowRate(totalSupplyAssets: t.totalSupplyAssets, totalBorrowAssets: t.totalBorrowAssets, elapsed: elapsed)
        let growth = try MorphoMath.wTaylorCompounded(rate, UInt256(UInt128(elapsed)))
        let interest = try MorphoMath.wMulDown(t.totalBorrowAssets, growth)
        t.totalBorrowAssets = try MorphoMath.addStored(t.totalBorrowAssets, interest)
        t.totalSupplyAssets = try MorphoMath.addStored(t.totalSupplyAssets, interest)
        var feeShares = UInt256.zero
        if !t.fee.isZero {
            let feeAmount = try MorphoMath.wMulDown(interest, t.fee)
            feeShares = try MorphoMath.toSharesDown(
                feeAmount, totalAssets: try MorphoMath.sub(t.totalSupplyAssets, feeAmount), totalShares: t.totalSupplyShares)
            t.totalSupplyShares = try MorphoMath.addStored(t.totalSupplyShares, feeShares)
        }
        t.lastUpdate = now
        return (t, model, Accrual(elapsed: elapsed, borrowRate: rate, interest: interest, feeShares: feeShares))
    }

    private mutating func commit(_ t: Totals, _ model: LendingRateModel, _ accrual: Accrual) {
        totals = t
        rateModel = model
        if let row = feeRecipient, !accrual.feeShares.isZero {
            positions[row].supplyShares = positions[row].supplyShares.addingReportingOverflow(accrual.feeShares).partialValue
        }
    }

    /// Accrues interest to `now` (`accrueInterest`). `now` must not be before `lastUpdate`.
    @discardableResult
    public mutating func accrueInterest(now: Int64) throws(LendingError) -> Accrual {
        let (t, model, accrual) = try accrued(now: now)
        commit(t, model, accrual)
        return accrual
    }

    // MARK: Supply side

    /// `supply`: exactly one of `assets`, `shares` non-zero. Returns (assets, shares) moved.
    @discardableResult
    public mutating func supply(_ row: Int, assets: UInt256, shares: UInt256, now: Int64) throws(LendingError) -> (assets: UInt256, shares: UInt256, accrual: Accrual) {
        guard assets.isZero != shares.isZero else { throw .inconsistentInput }
        var (t, model, accrual) = try accrued(now: now)
        var assets = assets, shares = shares
        if !assets.isZero {
            shares = try MorphoMath.toSharesDown(assets, totalAssets: t.totalSupplyAssets, totalShares: t.totalSupplyShares)
        } else {
            assets = try MorphoMath.toAssetsUp(shares, totalAssets: t.totalSupplyAssets, totalShares: t.totalSupplyShares)
        }
        var p = positionAfterFee(row, accrual)
        p.supplyShares = try MorphoMath.add(p.supplyShares, shares)
        t.totalSupplyShares = try MorphoMath.addStored(t.totalSupplyShares, shares)
        t.totalSupplyAssets = try MorphoMath.addStored(t.totalSupplyAssets, assets)
        commit(t, model, accrual)
        positions[row] = p
        return (assets, shares, accrual)
    }

    /// `withdraw`: exactly one of `assets`, `shares` non-zero. Returns (assets, shares) moved.
    @discardableResult
    public mutating func withdraw(_ row: Int, assets: UInt256, shares: UInt256, now: Int64) throws(LendingError) -> (assets: UInt256, shares: UInt256, accrual: Accrual) {
        guard assets.isZero != shares.isZero else { throw .inconsistentInput }
        var (t, model, accrual) = try accrued(now: now)
        var assets = assets, shares = shares
        if !assets.isZero {
            shares = try MorphoMath.toSharesUp(assets, totalAssets: t.totalSupplyAssets, totalShares: t.totalSupplyShares)
        } else {
            assets = try MorphoMath.toAssetsDown(shares, totalAssets: t.totalSupplyAssets, totalShares: t.totalSupplyShares)
        }
        var p = positionAfterFee(row, accrual)
        p.supplyShares = try MorphoMath.sub(p.supplyShares, shares)
        t.totalSupplyShares = try MorphoMath.subStored(t.totalSupplyShares, shares)
        t.totalSupplyAssets = try MorphoMath.subStored(t.totalSupplyAssets, assets)
        guard t.totalBorrowAssets <= t.totalSupplyAssets else { throw .insufficientLiquidity }
        commit(t, model, accrual)
        positions[row] = p
        return (assets, shares, accrual)
    }

    // MARK: Borrow side

    /// `borrow`: exactly one of `assets`, `shares` non-zero. Returns (assets, shares) moved.
    @discardableResult
    public mutating func borrow(_ row: Int, assets: UInt256, shares: UInt256, now: Int64) throws(LendingError) -> (assets: UInt256, shares: UInt256, accrual: Accrual) {
        guard assets.isZero != shares.isZero else { throw .inconsistentInput }
        var (t, model, accrual) = try accrued(now: now)
        var assets = assets, shares = shares
        if !assets.isZero {
            shares = try MorphoMath.toSharesUp(assets, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        } else {
            assets = try MorphoMath.toAssetsDown(shares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        }
        var p = positionAfterFee(row, accrual)
        p.borrowShares = try MorphoMath.addStored(p.borrowShares, shares)
        t.totalBorrowShares = try MorphoMath.addStored(t.totalBorrowShares, shares)
        t.totalBorrowAssets = try MorphoMath.addStored(t.totalBorrowAssets, assets)
        guard try Self.isHealthy(p, totals: t, price: price, lltv: lltv) else { throw .insufficientCollateral }
        guard t.totalBorrowAssets <= t.totalSupplyAssets else { throw .insufficientLiquidity }
        commit(t, model, accrual)
        positions[row] = p
        return (assets, shares, accrual)
    }

    /// `repay`: exactly one of `assets`, `shares` non-zero. Returns (assets, shares) moved.
    @discardableResult
    public mutating func repay(_ row: Int, assets: UInt256, shares: UInt256, now: Int64) throws(LendingError) -> (assets: UInt256, shares: UInt256, accrual: Accrual) {
        guard assets.isZero != shares.isZero else { throw .inconsistentInput }
        var (t, model, accrual) = try accrued(now: now)
        var assets = assets, shares = shares
        if !assets.isZero {
            shares = try MorphoMath.toSharesDown(assets, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        } else {
            assets = try MorphoMath.toAssetsUp(shares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        }
        var p = positionAfterFee(row, accrual)
        p.borrowShares = try MorphoMath.subStored(p.borrowShares, shares)
        t.totalBorrowShares = try MorphoMath.subStored(t.totalBorrowShares, shares)
        t.totalBorrowAssets = try MorphoMath.toUInt128(MorphoMath.zeroFloorSub(t.totalBorrowAssets, assets))
        commit(t, model, accrual)
        positions[row] = p
        return (assets, shares, accrual)
    }

    // MARK: Collateral

    /// `supplyCollateral`: no accrual.
    public mutating func supplyCollateral(_ row: Int, assets: UInt256) throws(LendingError) {
        guard !assets.isZero else { throw .zeroAssets }
        positions[row].collateral = try MorphoMath.addStored(positions[row].collateral, assets)
    }

    /// `withdrawCollateral`: accrues, then requires the position to stay healthy.
    @discardableResult
    public mutating func withdrawCollateral(_ row: Int, assets: UInt256, now: Int64) throws(LendingError) -> Accrual {
        guard !assets.isZero else { throw .zeroAssets }
        let (t, model, accrual) = try accrued(now: now)
        var p = positionAfterFee(row, accrual)
        p.collateral = try MorphoMath.subStored(p.collateral, assets)
        guard try Self.isHealthy(p, totals: t, price: price, lltv: lltv) else { throw .insufficientCollateral }
        commit(t, model, accrual)
        positions[row] = p
        return accrual
    }

    // MARK: Liquidation

    /// `liquidate` the borrower at `row`: exactly one of `seizedAssets`, `repaidShares`
    /// non-zero. The liquidator pays `repaidAssets` of the loan token and receives
    /// `seizedAssets` of collateral (wallets are outside the market).
    @discardableResult
    public mutating func liquidate(_ row: Int, seizedAssets: UInt256, repaidShares: UInt256, now: Int64) throws(LendingError) -> Liquidation {
        guard seizedAssets.isZero != repaidShares.isZero else { throw .inconsistentInput }
        var (t, model, accrual) = try accrued(now: now)
        var p = positionAfterFee(row, accrual)
        guard !(try Self.isHealthy(p, totals: t, price: price, lltv: lltv, skipWithoutDebt: false)) else { throw .healthyPosition }
        let lif = try MorphoMath.liquidationIncentiveFactor(lltv: lltv)
        var seized = seizedAssets, repaidShares = repaidShares
        if !seized.isZero {
            let quoted = try MorphoMath.mulDivUp(seized, price, MorphoMath.oraclePriceScale)
            repaidShares = try MorphoMath.toSharesUp(
                try MorphoMath.wDivUp(quoted, lif), totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        } else {
            let repaid = try MorphoMath.toAssetsDown(repaidShares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
            seized = try MorphoMath.mulDivDown(try MorphoMath.wMulDown(repaid, lif), MorphoMath.oraclePriceScale, price)
        }
        let repaidAssets = try MorphoMath.toAssetsUp(repaidShares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        p.borrowShares = try MorphoMath.subStored(p.borrowShares, repaidShares)
        t.totalBorrowShares = try MorphoMath.subStored(t.totalBorrowShares, repaidShares)
        t.totalBorrowAssets = try MorphoMath.toUInt128(MorphoMath.zeroFloorSub(t.totalBorrowAssets, repaidAssets))
        p.collateral = try MorphoMath.subStored(p.collateral, seized)
        var badDebtShares = UInt256.zero
        var badDebtAssets = UInt256.zero
        if p.collateral.isZero {
            badDebtShares = p.borrowShares
            badDebtAssets = min(
                t.totalBorrowAssets,
                try MorphoMath.toAssetsUp(badDebtShares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares))
            t.totalBorrowAssets = try MorphoMath.subStored(t.totalBorrowAssets, badDebtAssets)
            t.totalSupplyAssets = try MorphoMath.subStored(t.totalSupplyAssets, badDebtAssets)
            t.totalBorrowShares = try MorphoMath.subStored(t.totalBorrowShares, badDebtShares)
            p.borrowShares = .zero
        }
        commit(t, model, accrual)
        positions[row] = p
        return Liquidation(
            seizedAssets: seized, repaidAssets: repaidAssets, repaidShares: repaidShares,
            badDebtAssets: badDebtAssets, badDebtShares: badDebtShares, accrual: accrual)
    }

    // MARK: Views

    /// The position at `row` as it will be once `accrual` is committed (the fee recipient's
    /// fee shares added).
    private func positionAfterFee(_ row: Int, _ accrual: Accrual) -> Position {
        var p = positions[row]
        if row == feeRecipient { p.supplyShares = p.supplyShares.addingReportingOverflow(accrual.feeShares).partialValue }
        return p
    }

    /// `_isHealthy` at the given totals and price. Without borrow shares a position is
    /// healthy; with `skipWithoutDebt: false` (liquidate's variant) the same holds through the
    /// arithmetic (borrowed = 0).
    static func isHealthy(_ p: Position, totals t: Totals, price: UInt256, lltv: UInt256, skipWithoutDebt: Bool = true) throws(LendingError) -> Bool {
        if skipWithoutDebt && p.borrowShares.isZero { return true }
        let borrowed = try MorphoMath.toAssetsUp(p.borrowShares, totalAssets: t.totalBorrowAssets, totalShares: t.totalBorrowShares)
        let maxBorrow = try MorphoMath.wMulDown(try MorphoMath.mulDivDown(p.collateral, price, MorphoMath.oraclePriceScale), lltv)
        return maxBorrow >= borrowed
    }

    /// Whether the position at `row` is healthy at the stored totals (no accrual).
    public func isHealthy(_ row: Int) -> Bool {
        (try? Self.isHealthy(positions[row], totals: totals, price: price, lltv: lltv)) ?? false
    }

    /// Supply shares converted down at the stored totals (what a withdrawal of all of them pays).
    public func supplyAssets(_ row: Int) -> UInt256 {
        (try? MorphoMath.toAssetsDown(positions[row].supplyShares, totalAssets: totals.totalSupplyAssets, totalShares: totals.totalSupplyShares)) ?? .max
    }

    /// Borrow shares converted up at the stored totals (what repaying all of them costs).
    public func borrowAssets(_ row: Int) -> UInt256 {
        (try? MorphoMath.toAssetsUp(positions[row].borrowShares, totalAssets: totals.totalBorrowAssets, totalShares: totals.totalBorrowShares)) ?? .max
    }

    /// `collateral · price · lltv / borrowAssets` in WAD, truncated (exact, no intermediate
    /// floors); nil without borrow shares.
    public func health(_ row: Int) -> UInt256? {
        let p = positions[row]
        guard !p.borrowShares.isZero else { return nil }
        let borrowed = borrowAssets(row)
        // value = collateral · P · lltv / (borrowed · 10^36) in WAD: P · lltv first (≤ 2^256
        // for any price a script accepts), then the 512-bit quotient.
        let (pl, o1) = price.multipliedReportingOverflow(by: lltv)
        let (denominator, o2) = borrowed.multipliedReportingOverflow(by: MorphoMath.oraclePriceScale)
        if o1 || o2 || denominator.isZero { return nil }
        return p.collateral.multipliedFullWidthDivided(by: pl, dividingBy: denominator)
    }

    /// `⌊borrow · 10^18 / supply⌋`, 0 without supply.
    public var utilization: UInt256 {
        totals.totalSupplyAssets.isZero ? .zero : ((try? MorphoMath.wDivDown(totals.totalBorrowAssets, totals.totalSupplyAssets)) ?? .max)
    }

    /// The IRM's `borrowRateView` at `now` for the stored market: the rate an accrual at
    /// `now` would charge (the instantaneous rate when `now == lastUpdate`).
    public func borrowRateView(now: Int64) -> UInt256 {
        rateModel.borrowRateView(
            totalSupplyAssets: totals.totalSupplyAssets, totalBorrowAssets: totals.totalBorrowAssets,
            elapsed: max(0, now - totals.lastUpdate))
    }
}
