/// Values scheduled at period boundaries (lock ends, epoch starts), keyed by the boundary's
/// index and stored densely from the smallest index seen, so a look-up is an array index.
///
/// Shared by the vote-escrow's slope changes (Curve `slope_changes`) and the gauge
/// controller's per-gauge changes (Curve `changes_weight`).
@usableFromInline
struct BoundarySchedule<Entry: Sendable>: Sendable {
    @usableFromInline var base: Int64 = 0
    @usableFromInline var entries: [Entry] = []
    /// The value of a boundary nothing was scheduled at.
    @usableFromInline let empty: Entry

    @usableFromInline init(empty: Entry) { self.empty = empty }

    /// Changes the entry at boundary `key`, growing the storage to reach it.
    @inlinable
    mutating func update(_ key: Int64, _ change: (inout Entry) -> Void) {
        if entries.isEmpty { base = key }
        if key < base {
            entries.insert(contentsOf: repeatElement(empty, count: Int(base - key)), at: 0)
            base = key
        }
        let index = Int(key - base)
        if index >= entries.count {
            entries.append(contentsOf: repeatElement(empty, count: index - entries.count + 1))
        }
        change(&entries[index])
    }

    /// The entry at boundary `key` (``empty`` when nothing was scheduled there).
    @inlinable
    func entry(_ key: Int64) -> Entry {
        let index = key - base
        return index >= 0 && index < Int64(entries.count) ? entries[Int(index)] : empty
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
