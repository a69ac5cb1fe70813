internal import HomeostatCore
import HomeostatExperiments
import HomeostatScenario

/// `optimize.json`: the optimisation's settings, every candidate, the generations, the
/// best point in-sample and on fresh runs, and the Pareto front. Keys are written in a
/// fixed order, numbers in shortest round-trip form, non-finite numbers as `null`.
public enum OptimizeJSON {
    /// The document's text, ending in a newline.
    public static func render(_ input: OptimizeReportInput) -> String {
        let r = input.result
        let spec = r.spec
        let targets = spec.objectives.map { o in
            Node.object([
                ("kind", .string("objective")), ("direction", .string(o.direction.rawValue)),
                ("target", .string(o.target.description)),
            ])
        } + spec.constraints.map { c in
            let (side, bound): (String, Double) = switch c.bound {
            case .atMost(let b): ("at_most", b)
            case .atLeast(let b): ("at_least", b)
            }
            return Node.object([("kind", .string("constraint")), ("target", .string(c.target.description)), (side, .number(bound))])
        }
        func assessment(_ a: PointAssessment) -> Node {
            let values = OptimizeReportInput.values(a.score)
            let intervals = OptimizeReportInput.intervals(a)
            return .object([
                ("runs", .array(a.runs.map { .number(Double($0)) })),
                ("values", .array(values.map(Node.number))),
                ("intervals95", .array(intervals.map { i in i.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null })),
                ("feasible", .bool(a.score.feasible)),
                ("violation", .number(a.score.violation)),
            ])
        }
        func point(_ e: OptimizationEvaluation) -> Node {
            .object(zip(input.parameters, e.values).map { p, v in
                (p.path, { if case .word(let w) = v { return Node.string(w) } else { return Node.number(v.numeric(in: p)) } }())
            })
        }
        let document = Node.object([
            ("scenario", .string(input.metadata.scenario)),
            ("seed", .string(String(input.metadata.seed))),
            ("version", .string(input.metadata.version)),
            ("search", .object([
                ("method", .string("Latin-hypercube warm start, then IPOP-CMA-ES in the unit cube (reflection at the bounds)")),
                ("constraints", .string("feasibility-first ranking")),
                ("multiobjective", .string(spec.objectives.count == 2 ? "NSGA-II ranking: non-dominated sorting, then crowding distance" : "none")),
                ("budget", .number(Double(r.settings.budget))),
                ("runs", .number(Double(r.settings.runs))),
                ("fresh_runs", .number(Double(r.settings.freshRuns))),
                ("evaluated", .number(Double(r.evaluations.count))),
                ("reused_proposals", .number(Double(r.reusedCandidates))),
                ("restarts", .array(r.stopReasons.map(Node.string))),
            ])),
            ("parameters", .array(input.parameters.map { .string($0.path) })),
            ("targets", .array(targets)),
            ("best", .object([
                ("candidate", .number(Double(r.best))),
                ("point", point(input.best)),
                ("in_sample", assessment(r.inSample)),
                ("fresh", r.fresh.map(assessment) ?? .null),
                ("optimism", r.fresh.map { f in
                    .array(zip(OptimizeReportInput.values(r.inSample.score), OptimizeReportInput.values(f.score)).map { .number($1 - $0) })
                } ?? .null),
            ])),
            ("front", .array(r.front.map { .number(Double($0)) })),
            ("generations", .array(r.generations.map { g in
                .object([
                    ("generation", .number(Double(g.generation))), ("restart", .number(Double(g.restart))),
                    ("population", .number(Double(g.populationSize))), ("evaluated", .number(Double(g.evaluations))),
                    ("best_objective", .number(g.bestObjective)), ("median_objective", .number(g.medianObjective)),
                    ("feasible_share", .number(g.feasibleShare)), ("step_size", .number(g.stepSize)),
                    ("mean", .array(g.mean.map(Node.number))), ("deviations", .array(g.deviations.map(Node.number))),
                ])
            })),
            ("candidates", .array(r.evaluations.map { e in
                .object([
                    ("candidate", .number(Double(e.index))), ("generation", .number(Double(e.generation))),
                    ("point", point(e)), ("values", .array(OptimizeReportInput.values(e.score).map(Node.number))),
                    ("feasible", .bool(e.score.feasible)), ("violation", .number(e.score.violation)),
                ])
            })),
        ])
        var out = ""
        document.write(to: &out, indent: 0)
        return out + "\n"
    }

    /// A JSON value whose object keys keep the order given.
    indirect enum Node {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Node])
        case object([(String, Node)])

        func write(to out: inout String, indent: Int) {
            let pad = String(repeating: " ", count: indent + 2)
            switch self {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .number(let x):
                out += !x.isFinite ? "null" : (x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : NumberFormat.roundTrip(x))
            case .string(let s): JSONText.appendQuoted(s, to: &out)
            case .array(let items):
                if items.isEmpty { out += "[]"; return }
                // Arrays of numbers stay on one line; others get a line per item.
                if items.allSatisfy({ if case .number = $0 { true } else if case .null = $0 { true } else { false } }) {
                    out += "["
                    for (i, item) in items.enumerated() {
                        if i > 0 { out += ", " }
                        item.write(to: &out, indent: indent)
                    }
                    out += "]"
                    return
                }
                out += "[\n"
                for (i, item) in items.enumerated() {
                    out += pad
                    item.write(to: &out, indent: indent + 2)
                    out += i == items.count - 1 ? "\n" : ",\n"
                }
                out += String(repeating: " ", count: indent) + "]"
            case .object(let members):
                if members.isEmpty { out += "{}"; return }
                out += "{\n"
                for (i, (key, value)) in members.enumerated() {
                    out += pad
                    JSONText.appendQuoted(key, to: &out)
                    out += ": "
                    value.write(to: &out, indent: indent + 2)
                    out += i == members.count - 1 ? "\n" : ",\n"
                }
                out += String(repeating: " ", count: indent) + "}"
            }
        }
    }
}
