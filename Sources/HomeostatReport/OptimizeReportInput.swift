public import HomeostatExperiments
public import HomeostatScenario

/// What the report, `optimize.json` and the terminal summary of an optimisation show.
public struct OptimizeReportInput: Sendable {
    /// Scenario name, seed, version and horizon.
    public var metadata: RunMetadata
    /// The scenario's description; empty for none.
    public var scenarioDescription: String
    /// The optimisation.
    public var result: OptimizationResult

    /// Creates an input.
    public init(metadata: RunMetadata, description: String, result: OptimizationResult) {
        self.metadata = metadata
        self.scenarioDescription = description
        self.result = result
    }

    var parameters: [SweepParameter] { result.space.parameters }
    var best: OptimizationEvaluation { result.evaluations[result.best] }

    /// Every objective and constraint as (label, bound text or nil).
    var targets: [(label: String, bound: String?)] {
        result.spec.objectives.map { ("\($0.direction.rawValue) \($0.target)", nil) }
            + result.spec.constraints.map { c in
                switch c.bound {
                case .atMost(let b): (c.target.description, "≤ \(Markup.short(b))")
                case .atLeast(let b): (c.target.description, "≥ \(Markup.short(b))")
                }
            }
    }

    /// The values of a score in target order (objectives, then constraints).
    static func values(_ score: CandidateScore) -> [Double] { score.objectives + score.constraints }

    static func intervals(_ a: PointAssessment) -> [ClosedRange<Double>?] { a.objectiveIntervals + a.constraintIntervals }

    /// `name = value` for each parameter of the best point.
    var bestValues: [(name: String, value: String)] {
        zip(parameters, best.values).map { ($0.path, $1.description) }
    }
}

/// The terminal's summary of an optimisation.
public enum OptimizeSummary {
    /// Lines: the search, the best point, each target in-sample and on fresh runs.
    public static func lines(_ input: OptimizeReportInput) -> [String] {
        let r = input.result
        var lines = [
            "\(r.evaluations.count) candidates × \(r.settings.runs) runs of \(input.metadata.scenario) "
                + "(\(r.generations.count - 1) CMA-ES generations, \(r.stopReasons.count) restarts"
                + (r.reusedCandidates > 0 ? ", \(r.reusedCandidates) proposals reused" : "") + ")",
            (r.spec.objectives.count == 2 ? "front point best in the first objective" : "best")
                + " (candidate \(r.best)\(input.best.score.feasible ? "" : ", INFEASIBLE: nothing met every constraint")): "
                + input.bestValues.map { "\($0.name) = \($0.value)" }.joined(separator: ", "),
        ]
        let inSample = OptimizeReportInput.values(r.inSample.score)
        let inIntervals = OptimizeReportInput.intervals(r.inSample)
        let fresh = r.fresh.map { OptimizeReportInput.values($0.score) }
        let freshIntervals = r.fresh.map(OptimizeReportInput.intervals)
        for (k, target) in input.targets.enumerated() {
            var line = "  \(target.label)\(target.bound.map { " " + $0 } ?? ""): \(Self.figure(inSample[k], inIntervals[k]))"
            if let fresh, let freshIntervals {
                line += "; fresh runs \(Self.figure(fresh[k], freshIntervals[k]))"
            }
            lines.append(line)
        }
        if r.spec.objectives.count == 2 { lines.append("Pareto front: \(r.front.count) candidates") }
        return lines
    }

    static func figure(_ value: Double, _ interval: ClosedRange<Double>?) -> String {
        guard let interval else { return NumberFormat.human(value) }
        return "\(NumberFormat.human(value)) [95% CI \(NumberFormat.human(interval.lowerBound)), \(NumberFormat.human(interval.upperBound))]"
    }
}
