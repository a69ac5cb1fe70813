/// What agents did with the emission they claimed (the "who captures the emissions"
/// alignment metrics): tokens claimed, and of those, tokens sold within ``window`` days of
/// being claimed and tokens locked within that window.
///
/// Per agent the economy keeps one column of fresh tokens (claimed in the window and not yet
/// sold or locked) and the day of the latest claim; a sale or a lock takes from the fresh
/// tokens first. A claim restarts the window for the agent's fresh tokens (one date per
/// agent, no per-claim lists), so a tokens' age is counted from the agent's latest claim.
/// The claimed tokens include exit penalties redistributed to lockers, which ride on the
/// same accumulator.
public struct EmissionFate: Sendable, Equatable {
    /// Days after a claim within which a sale counts as selling the emission.
    public static let window = 7
    /// Emission tokens claimed since day 0.
    public var claimed = 0.0
    /// Of those, tokens sold within the window.
    public var soldWithinWindow = 0.0
    /// Of those, tokens locked within the window.
    public var locked = 0.0
    /// Nothing claimed yet.
    public init() {}
}

extension Economy {
    /// Records that agent `row` claimed `amount` emitted tokens today.
    mutating func receiveEmission(_ row: Int, _ amount: Double) {
        let stillFresh = day - Int(freshSince[row]) <= EmissionFate.window ? freshEmission[row] : 0
        freshEmission[row] = stillFresh + amount
        freshSince[row] = Int32(truncatingIfNeeded: day)
        emissionFate.claimed += amount
    }

    /// Takes up to `amount` of agent `row`'s fresh emission (a sale or a lock of `amount`
    /// tokens spends fresh tokens first) and returns how much was fresh.
    mutating func takeFreshEmission(_ row: Int, _ amount: Double) -> Double {
        guard freshEmission[row] > 0 else { return 0 }
        guard day - Int(freshSince[row]) <= EmissionFate.window else {
            freshEmission[row] = 0
            return 0
        }
        let taken = min(amount, freshEmission[row])
        freshEmission[row] -= taken
        return taken
    }

    /// Records that agent `row` sold `tokens` (behaviours call it for each sale, so that
    /// sold emission is told apart from held and locked emission).
    @inlinable
    public mutating func noteSale(_ row: Int, tokens: Double) {
        if tracksEmissionFate { recordSaleOfFreshEmission(row, tokens) }
    }

    @usableFromInline
    mutating func recordSaleOfFreshEmission(_ row: Int, _ tokens: Double) {
        emissionFate.soldWithinWindow += takeFreshEmission(row, tokens)
    }
}
