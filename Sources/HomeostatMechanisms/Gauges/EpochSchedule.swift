/// Changes to a gauge's vote point that happen when an epoch starts, keyed by epoch index
/// and stored densely (Curve `changes_weight[gauge][t]`, extended for lock ends that are
/// not on an epoch boundary).
///
/// For a vote of slope `σ` ending at `end`, with `K = ⌈end / E⌉` the first epoch at which
/// it no longer counts, the entry at `K` holds the slope change `σ`, the bias correction
/// `σ · (K·E − end)` (zero when `end` is on a boundary, as in Curve) and one ending vote.
/// The correction undoes the part of the last epoch's linear decay that went past `end`,
/// so the point at every boundary is exactly `Σ σ_i · max(end_i − t, 0)`.
struct EpochSchedule: Sendable {
    struct Change: Sendable {
        var slope = 0.0
        var bias = 0.0
        var votes = 0
    }

    private var changes = BoundarySchedule(empty: Change())

    init() {}

    /// Adds (`sign` = 1) or cancels (`sign` = −1) the end of a vote.
    mutating func add(sign: Int, slope σ: Double, end: Int64, epochLength: Int64) {
        let key = ceilDiv(end, epochLength)
        let correction = σ * Double(key * epochLength - end)
        changes.update(key) { change in
            change.slope += Double(sign) * σ
            change.bias += Double(sign) * correction
            change.votes += sign
        }
    }

    /// The slope that stops, the bias correction and the number of votes that end at epoch `k`.
    func entry(at k: Int64) -> (slope: Double, bias: Double, votes: Int) {
        let change = changes.entry(k)
        return (change.slope, change.bias, change.votes)
    }
}
