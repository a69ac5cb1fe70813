import HomeostatCore

/// How the base matrices `A` and `B` of a ``SaltelliDesign`` are sampled.
public enum SaltelliSampling: Sendable, Hashable {
    /// The Sobol' low-discrepancy sequence in `2k` dimensions, digitally shifted by the
    /// design's seed (``SobolSequence``): row `j` of `A` is coordinates `0 ..< k` of point `j`,
    /// row `j` of `B` coordinates `k ..< 2k`. Converges faster than random sampling
    /// (nearly `1/N` instead of `1/√N` for smooth models), best with `N` a power of two.
    /// Supports up to `SobolSequence.maximumDimensions / 2` parameters.
    case sobol
    /// Independent uniform draws from xoshiro256**; row `j` comes from its own stream
    /// `RandomStream.derive(seed:, run: j, stream:)`. No limit on the number of parameters.
    case pseudoRandom
}

/// Which matrix of the Saltelli scheme a design point is a row of.
public enum SaltelliMatrix: Sendable, Hashable {
    /// Base matrix `A`.
    case a
    /// Base matrix `B`.
    case b
    /// `A_B^(i)`: `A` with column `parameter` taken from `B`.
    case ab(parameter: Int)
}

/// Saltelli's sampling scheme for first-order and total Sobol' indices.
///
/// Two independent `N × k` base matrices `A` and `B` are drawn in the unit hypercube; for
/// each parameter `i`, `A_B^(i)` is `A` with column `i` replaced by column `i` of `B`. The
/// model is evaluated on the rows of `A`, `B` and the `k` matrices `A_B^(i)`:
/// `N (k + 2)` evaluations in all (Saltelli 2002; Saltelli et al. 2010). Second-order
/// indices, which need the `B_A^(i)` matrices as well, are not computed.
///
/// Points are laid out row by row: block `j` (points `j(k+2) ..< (j+1)(k+2)`) is
/// `A_j, A_B^(1)_j, …, A_B^(k)_j, B_j`. Each block is self-contained, and a design with the
/// same seed and a larger `N` starts with the same blocks, so an interrupted evaluation can
/// be analysed on its completed prefix with a smaller design, or extended.
///
/// References: A. Saltelli, "Making best use of model evaluations to compute sensitivity
/// indices", Comput. Phys. Commun. 145 (2002) 280–297; A. Saltelli, P. Annoni, I. Azzini,
/// F. Campolongo, M. Ratto and S. Tarantola, "Variance based sensitivity analysis of model
/// output. Design and estimator for the total sensitivity index", Comput. Phys. Commun.
/// 181 (2010) 259–270.
public struct SaltelliDesign: SensitivityDesign, Hashable {
    /// The parameters.
    public let space: SensitivitySpace
    /// The number of rows `N` of each base matrix.
    public let baseSamples: Int
    /// How `A` and `B` are sampled.
    public let sampling: SaltelliSampling
    /// The seed of the sampling (and, by default, of the bootstrap).
    public let seed: UInt64
    /// The points in the unit hypercube, in block layout.
    public let unitPoints: [[Double]]
    /// The points in parameter units (``SensitivitySpace/scale(_:)`` of ``unitPoints``).
    public let points: [[Double]]

    /// Draws a design.
    ///
    /// - Parameters:
    ///   - space: the parameters.
    ///   - baseSamples: `N ≥ 2`, the rows of `A` and `B`; a power of two for ``SaltelliSampling/sobol``.
    ///     Index estimates have errors of order `1/√N` (random) or better (Sobol'); a few
    ///     hundred to a few thousand is usual.
    ///   - sampling: how `A` and `B` are drawn; Sobol' by default.
    ///   - seed: the seed; the same inputs give the same design.
    /// - Throws: ``SensitivityError`` `SEN004` when `baseSamples < 2` (or above 2³¹),
    ///   `SEN008` when Sobol' sampling is asked for more than
    ///   `SobolSequence.maximumDimensions / 2` parameters.
    /// - Complexity: O(N k²) time and memory.
    public init(
        space: SensitivitySpace, baseSamples: Int, sampling: SaltelliSampling = .sobol, seed: UInt64
    ) throws(SensitivityError) {
        guard baseSamples >= 2, baseSamples <= 1 << 31 else {
            throw SensitivityError(.badSetting(
                name: "baseSamples", value: baseSamples,
                requirement: "a Saltelli design needs between 2 and 2^31 base samples (a power of two such as 1024 is best)"))
        }
        let k = space.count
        let sequence: SobolSequence?
        switch sampling {
        case .sobol:
            guard 2 * k <= SobolSequence.maximumDimensions else {
                throw SensitivityError(.tooManyParametersForSobol(
                    parameters: k, maximum: SobolSequence.maximumDimensions / 2))
            }
            sequence = try SobolSequence(dimensions: 2 * k, scrambleSeed: seed)
        case .pseudoRandom:
            sequence = nil
        }
        self.space = space
        self.baseSamples = baseSamples
        self.sampling = sampling
        self.seed = seed
        var unit: [[Double]] = []
        unit.reserveCapacity(baseSamples * (k + 2))
        for j in 0..<baseSamples {
            let row: [Double]
            if let sequence {
                row = sequence.point(j)
            } else {
                var rng = RandomStream.derive(seed: seed, run: j, stream: SensitivityStreams.saltelliPseudoRandom)
                row = (0..<(2 * k)).map { _ in rng.uniform() }
            }
            let a = Array(row[0..<k])
            let b = Array(row[k..<(2 * k)])
            unit.append(a)
            for i in 0..<k {
                var ab = a
                ab[i] = b[i]
                unit.append(ab)
            }
            unit.append(b)
        }
        self.unitPoints = unit
        self.points = unit.map(space.scale)
    }

    /// The number of model evaluations of a design: `N (k + 2)`.
    public static func evaluationCount(parameters: Int, baseSamples: Int) -> Int {
        baseSamples * (parameters + 2)
    }

    /// The base-matrix row and the matrix that point `index` belongs to.
    ///
    /// - Precondition: `0 <= index < count`.
    public func location(ofPoint index: Int) -> (row: Int, matrix: SaltelliMatrix) {
        precondition(index >= 0 && index < points.count, "point index out of range")
        let width = space.count + 2
        let offset = index % width
        let matrix: SaltelliMatrix = offset == 0 ? .a : offset == width - 1 ? .b : .ab(parameter: offset - 1)
        return (index / width, matrix)
    }

    /// Computes first-order and total indices with 200 bootstrap resamples and 95 % intervals.
    ///
    /// The same as ``analyze(outputs:bootstrap:)`` with `SobolBootstrap()`.
    public func analyze(outputs: [[Double]]) throws(SensitivityError) -> SobolResult {
        try analyze(outputs: outputs, bootstrap: SobolBootstrap())
    }

    /// Evaluates `model` at every point, in order, then analyses with the given bootstrap.
    ///
    /// - Throws: as ``analyze(outputs:bootstrap:)``.
    public func analyze(model: ([Double]) -> [Double], bootstrap: SobolBootstrap) throws(SensitivityError) -> SobolResult {
        try analyze(outputs: points.map(model), bootstrap: bootstrap)
    }

    /// Computes first-order and total Sobol' indices, with bootstrap confidence intervals.
    ///
    /// For each metric, outputs are first centred on their mean over all points (this does
    /// not change the estimands but removes the noise a large mean adds to the products
    /// below). With `f_A`, `f_B`, `f_AB^(i)` the centred outputs on the rows of each matrix
    /// and `V` the variance of the `2N` values `f_A ∪ f_B`:
    ///
    ///     S_i  = (1/N) Σ_j f_B,j · (f_AB^(i),j − f_A,j) / V     (Saltelli et al. 2010, Table 2 (b))
    ///     ST_i = (1/(2N)) Σ_j (f_A,j − f_AB^(i),j)² / V          (Jansen 1999; Saltelli et al. 2010, Table 2 (f))
    ///
    /// `S_i` is the share of the output variance explained by `x_i` alone,
    /// `Var(E[Y | x_i]) / Var(Y)`; `ST_i` the share involving `x_i` in any way,
    /// `E[Var(Y | x_~i)] / Var(Y)`. `ST_i ≥ S_i` in theory; `ST_i − S_i` measures the
    /// interactions of `x_i`, and `Σ S_i = 1` for an additive model. The estimates are not
    /// clipped to [0, 1]: small negative values mean "zero within the sampling error".
    ///
    /// Confidence intervals resample the `N` blocks `(A_j, B_j, A_B^(·)_j)` with replacement
    /// (`bootstrap.resamples` times, the same resamples for every metric and index),
    /// recompute both estimators and `V` on each, and report the percentile interval and the
    /// standard deviation of the resampled estimates (Archer, Saltelli and Sobol' 1997). For
    /// Sobol' sampling the resampled blocks are no longer a low-discrepancy set, so the
    /// intervals are conservative (wider than the estimator's real error).
    ///
    /// A metric whose outputs are all equal has `V = 0`: its indices are NaN.
    ///
    /// - Throws: ``SensitivityError`` `SEN005`–`SEN007` for outputs that do not fit the
    ///   design, `SEN009` for bad bootstrap options.
    /// - Complexity: O(N k m (1 + resamples)) for `m` metrics.
    public func analyze(outputs: [[Double]], bootstrap: SobolBootstrap) throws(SensitivityError) -> SobolResult {
        try bootstrap.validate()
        let columns = try metricColumns(outputs, expected: points.count)
        let k = space.count
        let n = baseSamples
        // Centre each metric; a constant metric becomes exact zeros, so its variance is exactly 0.
        var means: [Double] = []
        var centred: [[Double]] = []
        for y in columns {
            let constant = y.allSatisfy { $0 == y[0] }
            let mean = constant ? y[0] : y.reduce(0, +) / Double(y.count)
            means.append(mean)
            centred.append(constant ? [Double](repeating: 0, count: y.count) : y.map { $0 - mean })
        }
        let all = Array(0..<n)
        let estimates = centred.map { SaltelliEstimates($0, parameters: k, rows: all) }
        // draws[metric][parameter]: the finite bootstrap estimates. Resample b draws its rows
        // from its own stream and serves every metric, so memory stays O(N + m k R).
        var firstDraws = [[[Double]]](repeating: [[Double]](repeating: [], count: k), count: centred.count)
        var totalDraws = firstDraws
        let bootSeed = bootstrap.seed ?? seed
        var rows = [Int](repeating: 0, count: n)
        for b in 0..<bootstrap.resamples {
            var rng = RandomStream.derive(seed: bootSeed, run: b, stream: SensitivityStreams.bootstrap)
            for j in 0..<n { rows[j] = rng.index(below: n) }
            for (metric, y) in centred.enumerated() {
                let e = SaltelliEstimates(y, parameters: k, rows: rows)
                for i in 0..<k {
                    if e.first[i].isFinite { firstDraws[metric][i].append(e.first[i]) }
                    if e.total[i].isFinite { totalDraws[metric][i].append(e.total[i]) }
                }
            }
        }
        let level = bootstrap.confidenceLevel
        let indices = estimates.indices.map { metric in
            (0..<k).map { i in
                SobolIndices(
                    firstOrder: SobolIndex(estimate: estimates[metric].first[i], draws: firstDraws[metric][i], level: level),
                    total: SobolIndex(estimate: estimates[metric].total[i], draws: totalDraws[metric][i], level: level))
            }
        }
        return SobolResult(
            parameters: space.parameters, baseSamples: n, bootstrap: bootstrap,
            mean: means, variance: estimates.map(\.variance), indices: indices)
    }
}

/// The estimators of ``SaltelliDesign/analyze(outputs:bootstrap:)`` on a multiset of rows.
struct SaltelliEstimates {
    var variance: Double
    var first: [Double]
    var total: [Double]

    /// - Parameters:
    ///   - y: centred outputs of one metric, in the design's block layout.
    ///   - rows: the base-matrix rows to use (all of them, or a bootstrap resample).
    init(_ y: [Double], parameters k: Int, rows: [Int]) {
        let width = k + 2
        let n = Double(rows.count)
        var sum = 0.0
        for j in rows { sum += y[j * width] + y[j * width + width - 1] }
        let mean = sum / (2 * n)
        var sumSquares = 0.0
        var firstSums = [Double](repeating: 0, count: k)
        var totalSums = [Double](repeating: 0, count: k)
        for j in rows {
            let base = j * width
            let fA = y[base]
            let fB = y[base + width - 1]
            sumSquares += (fA - mean) * (fA - mean) + (fB - mean) * (fB - mean)
            for i in 0..<k {
                let fAB = y[base + 1 + i]
                firstSums[i] += fB * (fAB - fA)
                totalSums[i] += (fA - fAB) * (fA - fAB)
            }
        }
        let v = sumSquares / (2 * n)
        variance = v
        first = firstSums.map { v > 0 ? $0 / n / v : .nan }
        total = totalSums.map { v > 0 ? $0 / (2 * n) / v : .nan }
    }
}
