import HomeostatCore
public import HomeostatExperiments
import HomeostatScenario

// Bridges from the experiment tables to the HTML report's inputs.

extension PairedComparison {
    /// The rows of the paired-difference chart ("B beats A" is the share of runs where B did
    /// better by the metric's direction, B higher when it has none; ties apart).
    /// The notes of the comparison's page: pairs left out, metrics without a finite difference.
    public var reportNotes: [String] {
        notes + rows.filter { $0.interval == nil || !$0.meanDifference.isFinite }.map {
            "\($0.metric): no finite difference over \($0.runs) of \($0.pairs) pairs; not charted."
        }
    }

    public var reportRows: [PairedDifferenceRow] {
        rows.compactMap { r in
            guard let ci = r.interval, r.meanDifference.isFinite else { return nil }
            return PairedDifferenceRow(
                metric: r.metric, unit: r.unit, meanDifference: r.meanDifference, lower: ci.lower, upper: ci.upper,
                fractionBBeatsA: r.fractionBBetter, unpairedHalfWidth: r.unpairedHalfWidth.isFinite ? r.unpairedHalfWidth : nil,
                fractionTied: r.fractionTied, direction: r.direction)
        }
    }
}

extension SweepTable {
    /// The sweep page's input: each point's coordinates (words as their index among the
    /// choices) and each metric's mean with its 95% interval.
    public func reportInput(metadata: RunMetadata, description: String) -> SweepReportInput {
        let reportParameters = parameters.map { p -> ReportParameter in
            if case .range(let low, let high, _, _) = p.domain { return ReportParameter(name: p.path, lower: low, upper: high) }
            return ReportParameter(name: p.path)
        }
        let points = rows.map { row in zip(row.values, parameters).map { $0.numeric(in: $1) } }
        let metrics = metricNames.enumerated().map { m, name in
            SweepMetric(
                name: name, means: rows.map { $0.means[m] },
                lower: rows.map { $0.lower[m].isNaN ? $0.means[m] : $0.lower[m] },
                upper: rows.map { $0.upper[m].isNaN ? $0.means[m] : $0.upper[m] })
        }
        return SweepReportInput(
            metadata: metadata, scenarioDescription: description, parameters: reportParameters, points: points,
            runsPerPoint: rows.map(\.runs).max() ?? 0, metrics: metrics)
    }
}

extension SensitivityReportInput {
    /// Morris: μ* and σ per parameter for each metric.
    public init(metadata: RunMetadata, description: String, morris: MorrisResult, metrics: [String]) {
        let parameters = morris.parameters.map { ReportParameter(name: $0.name, lower: $0.low, upper: $0.high) }
        let rows = metrics.enumerated().map { m, name in
            SensitivityMetric(name: name, result: .morris(morris.parameters.indices.map { p in
                let s = morris.summary(metric: m, parameter: p)
                return MorrisEffect(parameter: morris.parameters[p].name, muStar: s.muStar, sigma: s.sigma)
            }))
        }
        self.init(
            metadata: metadata, scenarioDescription: description, parameters: parameters,
            evaluationCount: morris.elementaryEffects.first?.first.map { $0.count * (morris.parameters.count + 1) } ?? 0,
            metrics: rows)
    }

    /// Sobol': S1 and ST with their bootstrap intervals per parameter for each metric.
    public init(metadata: RunMetadata, description: String, sobol: SobolResult, metrics: [String]) {
        let parameters = sobol.parameters.map { ReportParameter(name: $0.name, lower: $0.low, upper: $0.high) }
        let level = sobol.bootstrap.confidenceLevel
        let rows = metrics.enumerated().map { m, name in
            SensitivityMetric(name: name, result: .sobol(sobol.parameters.indices.map { p in
                let i = sobol.indices(metric: m, parameter: p)
                return SobolIndexRow(
                    parameter: sobol.parameters[p].name, firstOrder: i.firstOrder.estimate,
                    firstOrderInterval: ConfidenceInterval(lower: i.firstOrder.lower, upper: i.firstOrder.upper, level: level),
                    total: i.total.estimate,
                    totalInterval: ConfidenceInterval(lower: i.total.lower, upper: i.total.upper, level: level))
            }))
        }
        self.init(
            metadata: metadata, scenarioDescription: description, parameters: parameters,
            evaluationCount: sobol.baseSamples * (sobol.parameters.count + 2), metrics: rows)
    }
}
