/// Counts of a sample in consecutive bins.
///
/// Bin `i` holds the values `v` with `edges[i] ≤ v < edges[i+1]`; the last bin also holds
/// `v == edges.last`, as in numpy's `histogram`. NaNs are not binned but counted in
/// ``nanCount``; values outside `[edges.first, edges.last]` (infinities included) are counted
/// in ``outOfRangeCount``.
public struct Histogram: Sendable, Equatable {
    /// Bin edges, strictly increasing; one more than there are bins.
    public let edges: [Double]
    /// Number of values in each bin.
    public let counts: [Int]
    /// Number of NaN values skipped.
    public let nanCount: Int
    /// Number of non-NaN values below the first edge or above the last.
    public let outOfRangeCount: Int

    /// A histogram with `binCount` bins of equal width spanning the finite values, computed
    /// like numpy's `np.histogram(values, bins=binCount)`.
    ///
    /// The edges run from the smallest to the largest finite value (`lo + i·(hi − lo)/bins`,
    /// the last edge exactly `hi`). When all finite values are equal to `v`, the range is
    /// `v − ½ … v + ½`; when there is no finite value, `0 … 1`. Infinities fall outside the
    /// range and are counted in ``outOfRangeCount``.
    ///
    /// - Parameters:
    ///   - values: The sample.
    ///   - binCount: Number of bins, at least 1.
    /// - Complexity: O(n log binCount).
    public init(_ values: some Sequence<Double>, binCount: Int) {
        precondition(binCount >= 1, "a histogram needs at least one bin, got \(binCount)")
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if lo > hi {
            (lo, hi) = (0, 1)
        } else if lo == hi {
            (lo, hi) = (lo - 0.5, hi + 0.5)
        }
        var edges = Self.evenEdges(lo, hi, binCount)
        if !zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) {
            // Values a few ulps apart (or a ±½ range lost in a huge magnitude): widen the
            // range around its middle until every bin is wider than the rounding.
            let scale = Swift.max(abs(lo), abs(hi))
            let width = Swift.max(hi - lo, scale * 1e-9 * Double(binCount))
            let middle = lo / 2 + hi / 2
            edges = Self.evenEdges(middle - width / 2, middle + width / 2, binCount)
        }
        self.init(values, edges: edges)
    }

    static func evenEdges(_ lo: Double, _ hi: Double, _ count: Int) -> [Double] {
        let step = (hi - lo) / Double(count)
        var edges = (0..<count).map { lo + Double($0) * step }
        edges.append(hi)
        return edges
    }

    /// A histogram over the given bin edges.
    ///
    /// - Parameters:
    ///   - values: The sample.
    ///   - edges: At least two strictly increasing finite edges.
    /// - Complexity: O(n log edges.count).
    public init(_ values: some Sequence<Double>, edges: [Double]) {
        precondition(edges.count >= 2, "a histogram needs at least two edges")
        precondition(
            edges.allSatisfy(\.isFinite) && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 },
            "histogram edges must be finite and strictly increasing")
        var counts = Array(repeating: 0, count: edges.count - 1)
        var nans = 0
        var outside = 0
        let last = edges[edges.count - 1]
        for v in values {
            if v.isNaN {
                nans += 1
            } else if v < edges[0] || v > last {
                outside += 1
            } else if v == last {
                counts[counts.count - 1] += 1
            } else {
                // Largest i with edges[i] <= v.
                var low = 0
                var high = edges.count - 1
                while high - low > 1 {
                    let mid = (low + high) / 2
                    if edges[mid] <= v { low = mid } else { high = mid }
                }
                counts[low] += 1
            }
        }
        self.edges = edges
        self.counts = counts
        self.nanCount = nans
        self.outOfRangeCount = outside
    }
}
