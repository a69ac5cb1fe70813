/// An error of the results store: a stable code and a message that names the file.
///
/// Errors are data; the command line renders them. The kinds are internal, so new ones can
/// be added without breaking callers; switch on ``code`` if you need to tell them apart.
///
/// | code | meaning |
/// |---|---|
/// | `STO001` | SQLite reported an error (the message is SQLite's) |
/// | `STO002` | the file is an SQLite database but not a Homeostat store, or a newer store format |
/// | `STO003` | a shard cannot be merged: different scenario, version, kind or shard count |
/// | `STO004` | a record refers to an experiment or point that is not in the store |
/// | `STO005` | a point or run already stored with different content |
/// | `STO006` | stored series data cannot be decoded |
/// | `STO007` | bad argument (a shard `i/N` out of range, a series whose names and values disagree) |
/// | `STO008` | a shard file does not exist or holds no experiment, or more than one |
/// | `STO100` | an empty file where a store is expected (nothing is created in its place) |
/// | `STO101` | a damaged store: truncated, not SQLite, or failing `PRAGMA integrity_check` |
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable code, `STO001` … `STO008`.
    public var code: String { kind.code }
    /// The store file the error is about; empty for an error about an argument alone (a bad
    /// ``Shard``).
    public let path: String
    let kind: Kind

    enum Kind: Sendable, Equatable {
        case database(String)
        case notAStore(String)
        case shardMismatch(field: String, expected: String, found: String)
        case unknownReference(String)
        case conflict(String)
        case corruptSeries(String)
        case invalidArgument(String)
        case badShardFile(String)
        case emptyFile
        case damaged(String)

        var code: String {
            switch self {
            case .database: "STO001"
            case .notAStore: "STO002"
            case .shardMismatch: "STO003"
            case .unknownReference: "STO004"
            case .conflict: "STO005"
            case .corruptSeries: "STO006"
            case .invalidArgument: "STO007"
            case .badShardFile: "STO008"
            case .emptyFile: "STO100"
            case .damaged: "STO101"
            }
        }

        var message: String {
            switch self {
            case .database(let m): "SQLite: \(m)"
            case .notAStore(let m): m
            case .shardMismatch(let field, let expected, let found):
                "cannot merge: this shard's \(field) is \(found), the other shards' is \(expected); "
                    + "shards merge only when they come from the same scenario, program version, kind of experiment and shard count"
            case .unknownReference(let m): m
            case .conflict(let m): m
            case .corruptSeries(let m): "stored series cannot be decoded: \(m)"
            case .invalidArgument(let m): m
            case .badShardFile(let m): m
            case .emptyFile: "an empty file, not a results store; nothing was written to it"
            case .damaged(let m): "a damaged results store: \(m); nothing was read from it"
            }
        }
    }

    init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// `PATH: error CODE: message` (without `PATH: ` when the error is about no file).
    public var description: String { (path.isEmpty ? "" : "\(path): ") + "error \(code): \(kind.message)" }
}
