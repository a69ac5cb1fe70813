/// The identifier of an experiment within one store file (its row id).
///
/// Identifiers are local to a file: merging shards gives the merged experiment a new
/// identifier in the output store.
public struct ExperimentID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The `experiments.id` column.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }
}

/// One run of one parameter point: the primary key of a stored run within an experiment.
///
/// Ordered by point, then run: the order in which ``ResultStore/loadRuns(experiment:includeSeries:)``
/// returns runs and in which ``ResultStore/merge(into:shards:command:)`` writes them.
public struct RunKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index of the parameter point (0 for an experiment without parameters).
    public let point: Int
    /// Run index (BM-1 numbers runs from 1).
    public let run: Int

    /// A key for run `run` of point `point`.
    public init(point: Int, run: Int) {
        self.point = point
        self.run = run
    }

    public static func < (a: Self, b: Self) -> Bool { (a.point, a.run) < (b.point, b.run) }
    public var description: String { "point \(point) run \(run)" }
}

/// A named number: a sweep parameter's value, or a run's final value or summary of a metric.
public struct NamedValue: Sendable, Equatable, CustomStringConvertible {
    /// Parameter path (`mechanisms.emission.initial_per_day`) or metric name (`locked_share`).
    public var name: String
    /// The value. NaN is stored as SQL `NULL` and read back as (a quiet, positive) NaN; every
    /// other Double, `-0.0` and the infinities included, is stored bit for bit.
    public var value: Double

    /// A name and its value.
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }

    /// Equal names and bit-identical values (so `-0.0 != 0.0`, and NaN equals NaN).
    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && (a.value.bitPattern == b.value.bitPattern || (a.value.isNaN && b.value.isNaN))
    }

    public var description: String { "\(name)=\(value)" }
}
