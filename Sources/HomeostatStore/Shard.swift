/// The `i`-th of `N` deterministic slices of an experiment's work (`--shard i/N`, 1-based).
///
/// An unsharded experiment is ``whole`` (`1/1`). Work items, numbered from 0 in (point, run)
/// order, are dealt round-robin: item `k` belongs to shard `k % N + 1`, so every shard gets
/// a similar mix of cheap and expensive points.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based index, `1...count`.
    public let index: Int
    /// Number of shards, at least 1.
    public let count: Int

    /// The whole experiment, `1/1`.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    /// Shard `index` of `count`.
    ///
    /// - Throws: ``StoreError`` (`STO007`) unless `1 <= index <= count`.
    public init(index: Int, count: Int) throws(StoreError) {
        guard count >= 1, (1...count).contains(index) else {
            throw StoreError(.invalidArgument("shard \(index)/\(count): expected i/N with 1 <= i <= N"), path: "")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `i/N`, as written after `--shard`.
    ///
    /// - Throws: ``StoreError`` (`STO007`) if `text` is not `i/N` with `1 <= i <= N`.
    public init(parsing text: String) throws(StoreError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw StoreError(.invalidArgument("shard '\(text)': expected i/N, e.g. 2/8"), path: "")
        }
        try self.init(index: i, count: n)
    }

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether work item `ordinal` (0-based, in (point, run) order over the whole
    /// experiment) belongs to this shard.
    public func owns(_ ordinal: Int) -> Bool { ordinal % count == index - 1 }

    /// `i/N`.
    public var description: String { "\(index)/\(count)" }
}
