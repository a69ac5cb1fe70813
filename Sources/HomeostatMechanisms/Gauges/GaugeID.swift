/// A gauge of a ``GaugeController``: its index in the order gauges were added.
public struct GaugeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: GaugeID, b: GaugeID) -> Bool { a.index < b.index }
    public var description: String { "gauge \(index)" }
}

/// A gauge type of a ``GaugeController`` (Curve: "Liquidity", "Crypto pools", …): its index
/// in the order types were added.
public struct GaugeTypeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: GaugeTypeID, b: GaugeTypeID) -> Bool { a.index < b.index }
    public var description: String { "gauge type \(index)" }
}

/// One vote of a voter for a gauge, as Curve stores it (`VotedSlope`) plus when it was cast.
public struct GaugeVote: Sendable, Equatable {
    /// `σ = s_u · weightBps / 10000`: the voter's ve slope (power lost per tick) times the share.
    public let slope: Double
    /// Share of the voter's power given to the gauge, in basis points (`0...10000`).
    public let weightBps: Int
    /// The voter's lock end when it voted; the vote's weight is 0 from here on.
    public let end: Int64
    /// When the vote was cast.
    public let time: Int64
    /// The first epoch whose weights include the vote (the epoch after the one it was cast in).
    public let effectiveEpoch: Int64

    /// The vote's weight at time `t`: `σ · max(end − t, 0)`.
    @inlinable
    public func weight(at t: Int64) -> Double {
        end > t ? slope * Double(end - t) : 0
    }
}
