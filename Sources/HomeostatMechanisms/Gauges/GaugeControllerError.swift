/// A gauge-controller operation that Curve's `GaugeController` would revert, with the
/// contract's reason.
///
/// The checks of ``GaugeController/vote(voter:gauge:weightBps:slope:lockEnd:now:)`` run in
/// the contract's order, so the first failing one is the one reported. A rejected
/// operation changes nothing.
public enum GaugeControllerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The voter's lock ends at or before the next epoch boundary.
    case lockExpiresTooSoon(lockEnd: Int64, nextEpochStart: Int64)
    /// The requested weight is outside `0...10000` bps.
    case allVotingPowerUsed(weightBps: Int)
    /// The voter changed its vote for this gauge less than `voteDelay` ago.
    case voteTooOften(lastVote: Int64, now: Int64)
    /// The gauge was never added.
    case gaugeNotAdded(GaugeID)
    /// After the vote the voter would use more than 10000 bps in total.
    case tooMuchPowerUsed(powerUsedBps: Int)
    /// `add_gauge` / `change_type_weight` with a type that does not exist (a bare `assert`
    /// in the contract).
    case invalidGaugeType(GaugeTypeID)
    /// A weight that is negative, NaN or infinite (`uint256` arguments cannot be).
    case invalidWeight(Double)
    /// A voter's ve slope that is negative, NaN or infinite.
    case invalidSlope(Double)

    /// The revert string of `curvefi/curve-dao-contracts:contracts/GaugeController.vy`, or a
    /// plain sentence where the contract reverts without one.
    public var description: String {
        switch self {
        case .lockExpiresTooSoon: "Your token lock expires too soon"
        case .allVotingPowerUsed: "You used all your voting power"
        case .voteTooOften: "Cannot vote so often"
        case .gaugeNotAdded: "Gauge not added"
        case .tooMuchPowerUsed: "Used too much power"
        case .invalidGaugeType(let t): "gauge type \(t.index) does not exist"
        case .invalidWeight(let w): "weight \(w) is not a finite non-negative number"
        case .invalidSlope(let s): "ve slope \(s) is not a finite non-negative number"
        }
    }
}
