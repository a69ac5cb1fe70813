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
    private var base: Int64 = 0
    private var slope: [Double] = []
    private var bias: [Double] = []
    private var votes: [Int] = []

    init() {}

    /// Adds (`sign` = 1) or cancels (`sign` = −1) the end of a vote.
    mutating func add(sign: Int, slope σ: Double, end: Int64, epochLength: Int64) {
        let key = ceilDiv(end, epochLength)
        let correction = σ * Double(key * epochLength - end)
        if slope.isEmpty { base = key }
        if key < base {
            let grow = Int(base - key)
            slope.insert(contentsOf: repeatElement(0, count: grow), at: 0)
            bias.insert(contentsOf: repeatElement(0, count: grow), at: 0)
            votes.insert(contentsOf: repeatElement(0, count: grow), at: 0)
            base = key
        }
        let index = Int(key - base)
        if index >= slope.count {
            let grow = index - slope.count + 1
            slope.append(contentsOf: repeatElement(0, count: grow))
            bias.append(contentsOf: repeatElement(0, count: grow))
            votes.append(contentsOf: repeatElement(0, count: grow))
        }
        slope[index] += Double(sign) * σ
        bias[index] += Double(sign) * correction
        votes[index] += sign
    }

    /// The slope that stops, the bias correction and the number of votes that end at epoch `k`.
    func entry(at k: Int64) -> (slope: Double, bias: Double, votes: Int) {
        let index = k - base
        guard index >= 0 && index < Int64(slope.count) else { return (0, 0, 0) }
        let i = Int(index)
        return (slope[i], bias[i], votes[i])
    }
}

/// `⌊a / b⌋` for `b > 0`, also for negative `a`.
@inlinable
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b < 0) ? q - 1 : q
}

/// `⌈a / b⌉` for `b > 0`, also for negative `a`.
@inlinable
func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
    -floorDiv(-a, b)
}
