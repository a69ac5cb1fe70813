/// The eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
///
/// CMA-ES needs `C = B·diag(d)·Bᵀ` every generation; the problems it serves here have a
/// handful of dimensions (tens at most), where Jacobi is accurate to the last bits and
/// simple enough to own (no LAPACK on every Linux box).
struct SymmetricEigen {
    /// Eigenvalues, in the order of the columns of ``vectors``.
    var values: [Double]
    /// Eigenvectors as columns, row-major: `vectors[i * n + j]` is component `i` of vector `j`.
    var vectors: [Double]

    /// Decomposes the symmetric `n × n` matrix `matrix` (row-major; only symmetry is assumed).
    init(_ matrix: [Double], n: Int) {
        precondition(matrix.count == n * n)
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            var scale = 0.0
            for i in 0..<n {
                scale += a[i * n + i] * a[i * n + i]
                for j in (i + 1)..<max(i + 1, n) { off += a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-30 * max(scale, Double.leastNormalMagnitude) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let app = a[p * n + p], aqq = a[q * n + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        values = (0..<n).map { a[$0 * n + $0] }
        vectors = v
    }
}
