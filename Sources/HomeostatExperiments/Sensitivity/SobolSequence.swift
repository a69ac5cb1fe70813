import HomeostatCore

/// The Sobol' low-discrepancy sequence in up to 64 dimensions, optionally digitally shifted.
///
/// Point `i` (`i = 0, 1, 2, …`) has coordinates `x_d(i) = (g_1 v_{d,1} ⊕ g_2 v_{d,2} ⊕ …) / 2³²`,
/// where `g = i ⊕ ⌊i/2⌋` is the Gray code of `i`, `g_j` its bits and `v_{d,j}` the
/// 32-bit direction numbers of dimension `d` (Bratley and Fox 1988, Algorithm 659). This is
/// the order of Joe and Kuo's reference program and of SciPy's `qmc.Sobol`: the points
/// `0 ..< 2^m` are the same set in Gray-code and natural order.
///
/// Dimension 1 is the van der Corput sequence; dimensions 2…64 use the primitive
/// polynomials and initial direction numbers of Joe and Kuo, "Constructing Sobol sequences
/// with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654,
/// file `new-joe-kuo-6.21201`.
///
/// Properties (what the tests check): every one-dimensional projection of the first `2^m`
/// points puts exactly one point in each interval `[j/2^m, (j+1)/2^m)`; the sequence is
/// extensible, so the first `n` points do not depend on how many are drawn later.
///
/// With a `scrambleSeed`, every coordinate is XOR-ed with a random 32-bit word per dimension
/// (a random *digital shift*, drawn from `RandomStream.derive(seed:run:stream:)`). The
/// shift keeps the stratification above, moves the first point off the origin, and makes
/// each point uniformly distributed on the unit cube, so estimators built on the points
/// are unbiased and independent shifts give independent replicates.
///
/// - Complexity: O(32 · dimensions) per point; no state is carried between points.
public struct SobolSequence: Sendable, Hashable {
    /// The largest number of dimensions the built-in direction-number table supports.
    public static let maximumDimensions = JoeKuo.table.count + 1

    /// The number of coordinates of each point.
    public let dimensions: Int
    /// The seed of the digital shift, or `nil` for the plain sequence.
    public let scrambleSeed: UInt64?
    /// `directions[d * 32 + j]` is `v_{d, j+1}`.
    let directions: [UInt32]
    /// The digital shift of each dimension (all zero when not scrambled).
    let shifts: [UInt32]

    /// Creates the sequence.
    ///
    /// - Parameters:
    ///   - dimensions: coordinates per point, `1 … maximumDimensions`.
    ///   - scrambleSeed: when given, the seed of a random digital shift (see the type's
    ///     discussion); the same seed gives the same points.
    /// - Throws: ``SensitivityError`` `SEN004` when `dimensions` is out of range.
    public init(dimensions: Int, scrambleSeed: UInt64? = nil) throws(SensitivityError) {
        guard (1...Self.maximumDimensions).contains(dimensions) else {
            throw SensitivityError(.badSetting(
                name: "dimensions", value: dimensions,
                requirement: "the Sobol' sequence supports 1 to \(Self.maximumDimensions) dimensions"))
        }
        self.dimensions = dimensions
        self.scrambleSeed = scrambleSeed
        var v = [UInt32](repeating: 0, count: dimensions * 32)
        for j in 0..<32 { v[j] = 1 << UInt32(31 - j) }
        for d in 1..<dimensions {
            let row = JoeKuo.table[d - 1]
            let s = row.degree
            let base = d * 32
            for j in 0..<32 {
                if j < s {
                    v[base + j] = row.initial[j] << UInt32(31 - j)
                    continue
                }
                // Bratley–Fox recurrence: the inner coefficients of the primitive
                // polynomial are the bits of `a`, most significant first.
                var x = v[base + j - s] ^ (v[base + j - s] >> UInt32(s))
                for k in 1..<s where (row.coefficients >> UInt32(s - 1 - k)) & 1 == 1 {
                    x ^= v[base + j - k]
                }
                v[base + j] = x
            }
        }
        directions = v
        if let scrambleSeed {
            var rng = RandomStream.derive(seed: scrambleSeed, run: 0, stream: SensitivityStreams.sobolShift)
            shifts = (0..<dimensions).map { _ in UInt32(truncatingIfNeeded: rng.next() >> 32) }
        } else {
            shifts = Array(repeating: 0, count: dimensions)
        }
    }

    /// Point `index` of the sequence, each coordinate in `[0, 1)`.
    ///
    /// - Precondition: `0 <= index < 2³²`.
    public func point(_ index: Int) -> [Double] {
        precondition(index >= 0 && UInt64(index) <= UInt64(UInt32.max), "Sobol' index out of range")
        let gray = UInt32(index) ^ (UInt32(index) >> 1)
        var out = [Double](repeating: 0, count: dimensions)
        for d in 0..<dimensions {
            var x = shifts[d]
            var g = gray
            var j = d * 32
            while g != 0 {
                if g & 1 == 1 { x ^= directions[j] }
                g >>= 1
                j += 1
            }
            out[d] = Double(x) * 0x1.0p-32
        }
        return out
    }
}

/// Stream numbers of the sensitivity designs, far from ``RandomStream``'s simulation streams.
enum SensitivityStreams {
    static let morris: UInt64 = 0x5345_4E53_0001
    static let sobolShift: UInt64 = 0x5345_4E53_0002
    static let saltelliPseudoRandom: UInt64 = 0x5345_4E53_0003
    static let bootstrap: UInt64 = 0x5345_4E53_0004
}
