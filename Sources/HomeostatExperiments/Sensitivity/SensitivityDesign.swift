/// A set of parameter points to evaluate, and the analysis that turns their outputs into
/// sensitivity indices.
///
/// Designing and analysing are separate steps, so the caller decides how points are
/// evaluated: in parallel, stored and resumed, or spread over machines. A design is a pure
/// function of its inputs (space, size, seed): rebuilding it gives the same points, so only
/// the outputs need storing.
///
/// A *model output* is one `[Double]` of `m ≥ 1` metrics per point (for a simulation, the
/// Monte Carlo mean of each metric at that parameter point); `outputs[i]` belongs to
/// `points[i]`. Each analysis treats the metrics independently.
public protocol SensitivityDesign: Sendable {
    /// The analysis result.
    associatedtype Analysis: Sendable

    /// The parameters the points range over.
    var space: SensitivitySpace { get }

    /// The points to evaluate, in parameter units: `points[i][j]` is the value of
    /// `space.parameters[j]` at point `i`.
    var points: [[Double]] { get }

    /// Computes the sensitivity indices from one output per point.
    ///
    /// - Parameter outputs: `outputs[i]` is the model's metrics at `points[i]`.
    /// - Throws: ``SensitivityError`` `SEN005` when `outputs.count != points.count`,
    ///   `SEN006` when outputs have different numbers of metrics (or none), `SEN007` when
    ///   an output is not finite.
    func analyze(outputs: [[Double]]) throws(SensitivityError) -> Analysis
}

extension SensitivityDesign {
    /// The number of model evaluations the design needs.
    public var count: Int { points.count }

    /// Evaluates `model` at every point, in order on the calling thread, then analyses.
    ///
    /// A convenience for tests and cheap models; a simulation should evaluate
    /// ``points`` itself (in parallel, with storage) and call ``analyze(outputs:)``.
    /// - Throws: as ``analyze(outputs:)``.
    public func analyze(model: ([Double]) -> [Double]) throws(SensitivityError) -> Analysis {
        try analyze(outputs: points.map(model))
    }
}

/// Checks outputs against a design of `expected` points and returns them column-wise:
/// `columns[metric][point]`.
func metricColumns(_ outputs: [[Double]], expected: Int) throws(SensitivityError) -> [[Double]] {
    guard outputs.count == expected else {
        throw SensitivityError(.outputCount(expected: expected, found: outputs.count))
    }
    let m = outputs.first?.count ?? 0
    var columns = [[Double]](repeating: [Double](repeating: 0, count: expected), count: m)
    for (i, output) in outputs.enumerated() {
        guard output.count == m, m > 0 else {
            throw SensitivityError(.metricCount(point: i, expected: max(m, 1), found: output.count))
        }
        for (metric, value) in output.enumerated() {
            guard value.isFinite else { throw SensitivityError(.nonFinite(point: i, metric: metric, value: value)) }
            columns[metric][i] = value
        }
    }
    return columns
}
