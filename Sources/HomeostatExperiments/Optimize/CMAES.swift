public import HomeostatCore

/// One run of CMA-ES, the covariance matrix adaptation evolution strategy, as an ask/tell
/// state machine (Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772, 2016
/// defaults, with the negative "active" weights that pycma also uses by default).
///
/// ``sample(using:)`` draws a generation of `λ` candidates around the mean; the caller
/// ranks them (by any order it likes: a value, feasibility first, non-domination) and
/// passes the order to ``update(order:)``. Restarts are not handled here: see
/// ``RestartingCMAES``.
public struct CMAES: Sendable {
    /// Number of coordinates.
    public let dimension: Int
    /// Candidates per generation (λ).
    public let populationSize: Int
    /// Candidates that move the mean (μ).
    public let parentCount: Int
    /// The distribution's mean.
    public private(set) var mean: [Double]
    /// The global step size σ.
    public private(set) var stepSize: Double
    /// Completed generations.
    public private(set) var generation = 0

    let weights: [Double]
    let effectiveParents: Double
    let cc, cs, c1, cmu, damps, expectedNorm: Double
    /// Covariance matrix, row-major.
    var covariance: [Double]
    var eigen: SymmetricEigen
    /// √eigenvalues.
    var axisLengths: [Double]
    var pathC: [Double]
    var pathSigma: [Double]
    /// The last generation's standard-normal steps `y = (x − m) / σ`, in candidate order.
    var lastSteps: [[Double]] = []
    /// The last generation's candidates.
    public private(set) var lastCandidates: [[Double]] = []
    /// Per coordinate, the smallest standard deviation `σ·√C_ii` allowed (0: none); keeps
    /// integer and categorical coordinates from freezing on a plateau.
    let minimumDeviations: [Double]

    /// Starts a search at `mean` with step size `stepSize`.
    ///
    /// - Parameters:
    ///   - mean: The initial mean (its count is the dimension, at least 1).
    ///   - stepSize: The initial σ (> 0).
    ///   - populationSize: λ; default `4 + ⌊3 ln n⌋`.
    ///   - minimumDeviations: Per coordinate, a floor on `σ·√C_ii`; empty for none.
    public init(mean: [Double], stepSize: Double, populationSize: Int? = nil, minimumDeviations: [Double] = []) {
        let n = mean.count
        precondition(n >= 1 && stepSize > 0)
        let lambda = max(2, populationSize ?? (4 + Int((3 * _log(Double(n))).rounded(.down))))
        let mu = lambda / 2
        dimension = n
        self.populationSize = lambda
        parentCount = mu
        self.mean = mean
        self.stepSize = stepSize
        self.minimumDeviations = minimumDeviations.isEmpty ? Array(repeating: 0, count: n) : minimumDeviations
        precondition(self.minimumDeviations.count == n)

        let nd = Double(n)
        let raw = (1...lambda).map { _log((Double(lambda) + 1) / 2) - _log(Double($0)) }
        let positive = raw.prefix(mu)
        let sumPositive = positive.reduce(0, +)
        let mueff = sumPositive * sumPositive / positive.reduce(0) { $0 + $1 * $1 }
        let negative = raw.suffix(from: mu).filter { $0 < 0 }
        let sumNegative = negative.reduce(0) { $0 + abs($1) }
        let mueffMinus = negative.isEmpty ? 0 : sumNegative * sumNegative / negative.reduce(0) { $0 + $1 * $1 }
        effectiveParents = mueff
        cc = (4 + mueff / nd) / (nd + 4 + 2 * mueff / nd)
        cs = (mueff + 2) / (nd + mueff + 5)
        let alphaCov = 2.0
        c1 = alphaCov / ((nd + 1.3) * (nd + 1.3) + mueff)
        cmu = min(1 - c1, alphaCov * (mueff - 2 + 1 / mueff) / ((nd + 2) * (nd + 2) + alphaCov * mueff / 2))
        damps = 1 + 2 * max(0, ((mueff - 1) / (nd + 1)).squareRoot() - 1) + cs
        expectedNorm = nd.squareRoot() * (1 - 1 / (4 * nd) + 1 / (21 * nd * nd))
        let alphaMu = 1 + c1 / cmu
        let alphaMueff = 1 + 2 * mueffMinus / (mueff + 2)
        let alphaPosDef = (1 - c1 - cmu) / (nd * cmu)
        let negativeScale = min(alphaMu, alphaMueff, alphaPosDef)
        weights = raw.map { w in
            w >= 0 ? w / sumPositive : (sumNegative > 0 ? negativeScale * w / sumNegative : 0)
        }
        covariance = [Double](repeating: 0, count: n * n)
        for i in 0..<n { covariance[i * n + i] = 1 }
        eigen = SymmetricEigen(covariance, n: n)
        axisLengths = Array(repeating: 1, count: n)
        pathC = Array(repeating: 0, count: n)
        pathSigma = Array(repeating: 0, count: n)
        enforceMinimumDeviations()
    }

    /// Draws the next generation: `λ` candidates `m + σ·B·D·z`, `z` standard normal.
    public mutating func sample(using rng: inout Xoshiro256StarStar) -> [[Double]] {
        let n = dimension
        var steps: [[Double]] = []
        steps.reserveCapacity(populationSize)
        for _ in 0..<populationSize {
            let z = (0..<n).map { _ in rng.normal() }
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += eigen.vectors[i * n + j] * axisLengths[j] * z[j] }
                y[i] = s
            }
            steps.append(y)
        }
        lastSteps = steps
        lastCandidates = steps.map { y in (0..<n).map { mean[$0] + stepSize * y[$0] } }
        return lastCandidates
    }

    /// `C^{-1/2}·v`.
    func inverseSquareRoot(_ v: [Double]) -> [Double] {
        let n = dimension
        var projected = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += eigen.vectors[i * n + j] * v[i] }
            projected[j] = s / axisLengths[j]
        }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += eigen.vectors[i * n + j] * projected[j] }
            out[i] = s
        }
        return out
    }

    /// Adapts mean, paths, step size and covariance to the last generation ranked best
    /// first: `order[0]` is the index (into the last ``sample(using:)``) of the best candidate.
    /// `order` must be a permutation of the generation.
    public mutating func update(order: [Int]) {
        precondition(order.count == populationSize && Set(order).count == populationSize)
        let n = dimension
        let ranked = order.map { lastSteps[$0] }
        var yw = [Double](repeating: 0, count: n)
        for k in 0..<parentCount {
            for i in 0..<n { yw[i] += weights[k] * ranked[k][i] }
        }
        for i in 0..<n { mean[i] += stepSize * yw[i] }

        let invYw = inverseSquareRoot(yw)
        let csFactor = (cs * (2 - cs) * effectiveParents).squareRoot()
        for i in 0..<n { pathSigma[i] = (1 - cs) * pathSigma[i] + csFactor * invYw[i] }
        let psNorm = pathSigma.reduce(0) { $0 + $1 * $1 }.squareRoot()
        generation += 1
        let hsigThreshold = (1.4 + 2 / (Double(n) + 1)) * expectedNorm
        let hsig = psNorm / (1 - _pow(1 - cs, 2 * Double(generation))).squareRoot() < hsigThreshold
        let ccFactor = (cc * (2 - cc) * effectiveParents).squareRoot()
        for i in 0..<n { pathC[i] = (1 - cc) * pathC[i] + (hsig ? ccFactor * yw[i] : 0) }

        // Rank-μ update with active (negative) weights; a negative weight's step is
        // rescaled to length √n in the C^{-1/2} metric so it cannot make C indefinite.
        var adjusted = weights
        for k in parentCount..<populationSize where weights[k] < 0 {
            let v = inverseSquareRoot(ranked[k])
            let norm2 = v.reduce(0) { $0 + $1 * $1 }
            adjusted[k] = weights[k] * Double(n) / max(norm2, 1e-300)
        }
        let delta = hsig ? 0 : cc * (2 - cc)
        let weightSum = weights.reduce(0, +)
        let decay = 1 + c1 * delta - c1 - cmu * weightSum
        for i in 0..<n {
            for j in i..<n {
                var rankMu = 0.0
                for k in 0..<populationSize { rankMu += adjusted[k] * ranked[k][i] * ranked[k][j] }
                let value = decay * covariance[i * n + j] + c1 * pathC[i] * pathC[j] + cmu * rankMu
                covariance[i * n + j] = value
                covariance[j * n + i] = value
            }
        }
        stepSize *= _exp(min(1, (cs / damps) * (psNorm / expectedNorm - 1)))
        enforceMinimumDeviations()
    }

    /// Scales row and column `i` of C up where `σ·√C_ii` is below its floor (a congruence
    /// with a diagonal matrix, so C stays positive definite), then decomposes C again.
    mutating func enforceMinimumDeviations() {
        let n = dimension
        for i in 0..<n where minimumDeviations[i] > 0 {
            let deviation = stepSize * covariance[i * n + i].squareRoot()
            guard deviation < minimumDeviations[i] else { continue }
            let factor = minimumDeviations[i] / max(deviation, 1e-300)
            for k in 0..<n {
                covariance[i * n + k] *= factor
                covariance[k * n + i] *= factor
            }
        }
        eigen = SymmetricEigen(covariance, n: n)
        axisLengths = eigen.values.map { max($0, 1e-300).squareRoot() }
    }

    /// The largest over the smallest eigenvalue of C.
    public var conditionNumber: Double {
        let values = eigen.values.map { max($0, 0) }
        return (values.max() ?? 1) / max(values.min() ?? 1, 1e-300)
    }

    /// `σ·√C_ii` per coordinate: the search's current spread along each axis.
    public var coordinateDeviations: [Double] {
        (0..<dimension).map { stepSize * covariance[$0 * dimension + $0].squareRoot() }
    }

    /// Whether the search has nothing left to do, judged from its own state (`tolX`, a
    /// degenerate covariance, steps that no longer move the mean); nil while it may go on.
    func internalStop(tolX: Double) -> String? {
        let n = dimension
        if coordinateDeviations.allSatisfy({ $0 < tolX }) && pathC.allSatisfy({ stepSize * abs($0) < tolX }) { return "tolx" }
        if conditionNumber > 1e14 { return "conditioncov" }
        for i in 0..<n where mean[i] == mean[i] + 0.2 * stepSize * covariance[i * n + i].squareRoot() {
            return "noeffectcoord"
        }
        let axis = generation % n
        let shifted = (0..<n).map { mean[$0] + 0.1 * stepSize * axisLengths[axis] * eigen.vectors[$0 * n + axis] }
        if shifted == mean { return "noeffectaxis" }
        if !stepSize.isFinite || stepSize > 1e20 { return "tolupsigma" }
        return nil
    }
}
