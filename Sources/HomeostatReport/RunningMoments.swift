/// Count, mean and sample variance of a stream of values, updated one value at a time with
/// Welford's algorithm (numerically stable: no sum of squares is formed).
///
/// NaN values are not added; they are counted in ``nanCount``.
public struct RunningMoments: Sendable {
    /// Number of non-NaN values added.
    public private(set) var count: Int = 0
    /// Number of NaN values offered to ``add(_:)`` and skipped.
    public private(set) var nanCount: Int = 0
    private var runningMean: Double = 0
    private var m2: Double = 0

    /// Creates empty moments.
    public init() {}

    /// Creates the moments of `values`, added in sequence order.
    ///
    /// - Complexity: O(n).
    public init(_ values: some Sequence<Double>) {
        for x in values { add(x) }
    }

    /// Adds one value; a NaN is counted in ``nanCount`` and otherwise ignored.
    ///
    /// - Complexity: O(1).
    public mutating func add(_ x: Double) {
        if x.isNaN {
            nanCount += 1
            return
        }
        count += 1
        let delta = x - runningMean
        runningMean += delta / Double(count)
        m2 += delta * (x - runningMean)
    }

    /// The mean of the added values; NaN when none was added.
    public var mean: Double { count > 0 ? runningMean : .nan }

    /// The sample variance (divisor `n − 1`); NaN with fewer than two values.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }

    /// The sample standard deviation, `√variance`; NaN with fewer than two values.
    public var standardDeviation: Double { variance.squareRoot() }
}
