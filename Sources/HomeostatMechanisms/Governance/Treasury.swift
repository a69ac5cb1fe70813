/// The protocol treasury's holdings — native tokens and stables — and the measures of
/// MECHANISMS.md §10.
///
/// With `N` native tokens at price `P` and `S` stables (the liquid non-native assets `A_nn`):
///
///     value               = N·P + S
///     stable share        = S / (N·P + S)          (0 for an empty treasury)
///     native concentration = N·P / (N·P + S)       (= 1 − stable share)
///     runway (months)     = S·(1 − h) / B          (∞ when B <= 0)
///
/// where `B` is the declared net monthly burn (opex + incentives paid in non-native −
/// non-native revenue) and `h` a haircut on the stables for the stressed runway. Native
/// tokens do not count toward runway: selling them moves the price (plan sales with a
/// ``DiversificationPolicy`` and route them through a pool).
public struct Treasury: Sendable, Equatable {
    /// Native tokens held.
    public private(set) var native: Double
    /// Stables held (USD).
    public private(set) var stables: Double

    /// A treasury with these holdings.
    ///
    /// - Throws: ``TreasuryError/invalidAmount(_:)``.
    public init(native: Double = 0, stables: Double = 0) throws(TreasuryError) {
        try Self.validate(native)
        try Self.validate(stables)
        self.native = native
        self.stables = stables
    }

    /// Adds to the holdings (revenue, bond proceeds, emissions to the treasury).
    ///
    /// - Throws: ``TreasuryError/invalidAmount(_:)``.
    public mutating func deposit(native n: Double = 0, stables s: Double = 0) throws(TreasuryError) {
        try Self.validate(n)
        try Self.validate(s)
        native += n
        stables += s
    }

    /// Pays out of the holdings (spending, grants, buybacks).
    ///
    /// - Throws: ``TreasuryError/invalidAmount(_:)``, ``TreasuryError/insufficientNative(have:need:)``,
    ///   ``TreasuryError/insufficientStables(have:need:)``. A refused withdrawal changes nothing.
    public mutating func withdraw(native n: Double = 0, stables s: Double = 0) throws(TreasuryError) {
        try Self.validate(n)
        try Self.validate(s)
        guard n <= native else { throw .insufficientNative(have: native, need: n) }
        guard s <= stables else { throw .insufficientStables(have: stables, need: s) }
        native -= n
        stables -= s
    }

    /// Records a diversification sale executed by the engine: `sold` native tokens out,
    /// `proceeds` stables in (the pool's output, not `sold · P`).
    ///
    /// - Throws: as ``withdraw(native:stables:)`` and ``deposit(native:stables:)``.
    public mutating func recordSale(sold: Double, proceeds: Double) throws(TreasuryError) {
        try Self.validate(proceeds)
        try withdraw(native: sold)
        stables += proceeds
    }

    /// `N·P + S`.
    public func value(at price: Double) -> Double { native * price + stables }

    /// `S / (N·P + S)`, in `[0, 1]`; 0 for an empty treasury.
    public func stableShare(at price: Double) -> Double {
        let v = value(at: price)
        return v > 0 ? stables / v : 0
    }

    /// `N·P / (N·P + S)` (MECHANISMS.md §10 native concentration); 0 for an empty treasury.
    public func nativeConcentration(at price: Double) -> Double {
        let v = value(at: price)
        return v > 0 ? native * price / v : 0
    }

    /// Months the stables last at a net burn of `monthlyBurn` per month: `S·(1 − haircut) /
    /// monthlyBurn`, `+∞` when the burn is 0 or negative (revenue covers spending).
    ///
    /// - Parameters:
    ///   - monthlyBurn: declared net spend per month, in the stables' unit.
    ///   - haircut: fraction of the stables assumed lost in a stress (0 for the plain runway).
    public func runwayMonths(monthlyBurn: Double, haircut: Double = 0) -> Double {
        precondition(haircut >= 0 && haircut <= 1, "haircut must be in [0, 1]")
        guard monthlyBurn > 0 else { return .infinity }
        return stables * (1 - haircut) / monthlyBurn
    }

    static func validate(_ x: Double) throws(TreasuryError) {
        guard x >= 0 && x.isFinite else { throw .invalidAmount(x) }
    }
}
