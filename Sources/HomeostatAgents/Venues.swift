/// The venues agents trade and stake through, beside the ``Economy``: the pools with their
/// router and arbitrage (``Exchange``) and the liquidity gauges (``Farms``).
///
/// They are kept apart from the economy so that the economy is only the world state every
/// behaviour acts on; the engine hands both to each behaviour (`inout`, a concrete type, so
/// the calls inside a behaviour's loop are statically dispatched). The pools and farming
/// modules fill and run them; without `pools:` or gauges they are empty and every trade goes
/// to the outside market.
public struct Venues: Sendable {
    /// The pools and the router.
    public var exchange = Exchange()
    /// The liquidity gauges and what stakers watch.
    public var farms = Farms()

    /// No pools and no gauges.
    public init() {}
}
