internal import Yams

/// Reads the `optimize:` section of a scenario file (``OptimizeSpec``).
///
/// Errors carry codes `OPT001` … `OPT005` (documented in `docs/errors.md`) at the start of
/// their message, so the rendered line reads `file:line:column: error: OPT001 …`; malformed
/// fields that any section could have (an unknown key, a word where a number belongs) keep
/// their `SCN` codes.
struct OptimizeSpecDecoder {
    /// The `OPT` codes.
    enum Code {
        /// A metric that is not known, or not recorded by the scenario.
        static let unknownMetric = "OPT001"
        /// An unknown statistic, aggregate or tail, or a statistic missing its setting.
        static let unknownStatistic = "OPT002"
        /// An unknown direction, or a constraint without exactly one of `at_most` / `at_least`.
        static let unknownDirection = "OPT003"
        /// A bound no design can meet, or a window outside the horizon.
        static let infeasibleBound = "OPT004"
        /// No parameter space, or a missing, doubled or surplus objective.
        static let structure = "OPT005"
    }

    /// Every `OPT` code with a one-line title, in code order.
    static let catalog: [(code: String, title: String)] = [
        (Code.unknownMetric, "unknown metric"),
        (Code.unknownStatistic, "unknown statistic"),
        (Code.unknownDirection, "unknown direction"),
        (Code.infeasibleBound, "infeasible bound"),
        (Code.structure, "no objective or no parameter space"),
    ]

    let reader: NodeReader
    /// The scenario as written, whose recorded metrics and horizon the section must fit.
    let base: Scenario

    func error(_ code: String, at node: Node?, _ path: String, _ detail: String) -> ScenarioError {
        let mark = node?.mark
        return ScenarioError(
            code: code, file: reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path,
            message: "\(code) \(path): \(detail)")
    }

    /// Decodes the section at `node`; `space` is the file's `sweep:` space (nil: none).
    func decode(_ node: Node, space: ParameterSpace?) throws(ScenarioError) -> OptimizeSpec {
        let m = try reader.mapping(
            node, "optimize", allowed: ["objective", "objectives", "constraints", "budget", "warm_start", "step_size"])
        guard space != nil else {
            throw error(
                Code.structure, at: node, "optimize",
                "an optimisation searches the `sweep:` parameter space; add a `sweep:` section with the parameters to tune")
        }
        var objectives: [OptimizeObjective] = []
        switch (m.value("objective"), m.value("objectives")) {
        case (let one?, nil):
            objectives = [try objective(one, m.path("objective"))]
        case (nil, let list?):
            let items = try reader.sequence(list, m.path("objectives"), of: "objectives")
            guard (1...2).contains(items.count) else {
                throw error(
                    Code.structure, at: list, m.path("objectives"),
                    "\(items.count) objectives; give one (a best design) or two (a Pareto front)")
            }
            for (i, item) in items.enumerated() { objectives.append(try objective(item, m.path("objectives") + "[\(i)]")) }
        case (nil, nil):
            throw error(Code.structure, at: node, "optimize", "missing `objective:` (or `objectives:` with two, for a Pareto front)")
        case (_?, _?):
            throw error(Code.structure, at: m.keyNode("objectives"), m.path("objectives"), "give `objective:` or `objectives:`, not both")
        }
        var constraints: [OptimizeConstraint] = []
        if let list = m.value("constraints") {
            let items = try reader.sequence(list, m.path("constraints"), of: "constraints")
            for (i, item) in items.enumerated() { constraints.append(try constraint(item, m.path("constraints") + "[\(i)]")) }
        }
        let budget = try m.int("budget", default: 60, 2...1_000_000, "an integer in 2...1000000")
        var warmStart: Int?
        if m.has("warm_start") { warmStart = try m.int("warm_start", 1...1_000_000, "an integer >= 1") }
        let step = try m.double(
            "step_size", default: 0.3, Domain(lower: 0, lowerInclusive: false, upper: 1, text: "a fraction of the range in (0, 1]"))
        return OptimizeSpec(objectives: objectives, constraints: constraints, budget: budget, warmStart: warmStart, stepSize: step)
    }

    func objective(_ node: Node, _ path: String) throws(ScenarioError) -> OptimizeObjective {
        let m = try reader.mapping(node, path, allowed: Self.targetFields + ["direction"])
        let direction: OptimizeDirection
        if let d = m.value("direction") {
            let word = try reader.string(d, m.path("direction"), nonEmpty: true)
            guard let parsed = OptimizeDirection(rawValue: word) else {
                throw error(
                    Code.unknownDirection, at: d, m.path("direction"),
                    "unknown direction `\(word)`" + hint(word, OptimizeDirection.allCases.map(\.rawValue), "directions"))
            }
            direction = parsed
        } else {
            direction = .minimize
        }
        return OptimizeObjective(target: try target(m), direction: direction)
    }

    func constraint(_ node: Node, _ path: String) throws(ScenarioError) -> OptimizeConstraint {
        let m = try reader.mapping(node, path, allowed: Self.targetFields + ["at_most", "at_least", "direction"])
        if let d = m.keyNode("direction") {
            throw error(
                Code.unknownDirection, at: d, m.path("direction"),
                "a constraint has no direction; bound it with `at_most: X` or `at_least: X`")
        }
        let target = try target(m)
        let bound: OptimizeConstraint.Bound
        switch (m.value("at_most"), m.value("at_least")) {
        case (let v?, nil): bound = .atMost(try reader.double(v, m.path("at_most"), .finite))
        case (nil, let v?): bound = .atLeast(try reader.double(v, m.path("at_least"), .finite))
        default:
            throw error(Code.unknownDirection, at: node, path, "give exactly one bound: `at_most: X` or `at_least: X`")
        }
        if target.statistic.isProbability {
            switch bound {
            case .atMost(let b) where b < 0:
                throw error(Code.infeasibleBound, at: m.value("at_most"), m.path("at_most"), "a probability cannot be at most \(RunStatistic.short(b)); no design meets this")
            case .atLeast(let b) where b > 1:
                throw error(Code.infeasibleBound, at: m.value("at_least"), m.path("at_least"), "a probability cannot be at least \(RunStatistic.short(b)); no design meets this")
            default: break
            }
        }
        return OptimizeConstraint(target: target, bound: bound)
    }

    static let targetFields = ["metric", "window", "aggregate", "statistic", "level", "tail", "threshold"]

    func target(_ m: MappingReader) throws(ScenarioError) -> RunTarget {
        let metricNode = try m.required("metric", expected: "a metric name, or names joined by ` + `")
        let expression = try reader.string(metricNode, m.path("metric"), nonEmpty: true)
        let names = expression.split(separator: "+").map { String(String($0).trimmingWhitespace) }
        let recorded = base.recordedMetricNames
        for name in names {
            if name.isEmpty || MetricInfo.unit(name) == nil {
                throw error(
                    Code.unknownMetric, at: metricNode, m.path("metric"),
                    "unknown metric `\(name)`" + hint(name, recorded, "metrics this scenario records"))
            }
            if !recorded.contains(name) {
                throw error(
                    Code.unknownMetric, at: metricNode, m.path("metric"),
                    "`\(name)` is not recorded by this scenario; add it to `metrics.names`" + hint(name, recorded, "recorded metrics"))
            }
        }
        var window: ClosedRange<Int>?
        if let w = m.value("window") {
            let ends = try reader.sequence(w, m.path("window"), of: "two days")
            guard ends.count == 2 else {
                throw reader.error(ScenarioError.Code.wrongType, at: w, m.path("window"), "expected [first day, last day], got \(ends.count) items")
            }
            let first = try reader.int(ends[0], m.path("window") + "[0]", 0...Int.max, "a day >= 0")
            let last = try reader.int(ends[1], m.path("window") + "[1]", 0...Int.max, "a day >= 0")
            guard first <= last, last <= base.horizonDays else {
                throw error(
                    Code.infeasibleBound, at: w, m.path("window"),
                    "days \(first)…\(last) are not a window of the horizon 0…\(base.horizonDays); give first ≤ last ≤ horizon_days")
            }
            window = first...last
        }
        var aggregate = RunMeasure.Aggregate.mean
        if let a = m.value("aggregate") {
            let word = try reader.string(a, m.path("aggregate"), nonEmpty: true)
            guard let parsed = RunMeasure.Aggregate(rawValue: word) else {
                throw error(
                    Code.unknownStatistic, at: a, m.path("aggregate"),
                    "unknown aggregate `\(word)`" + hint(word, RunMeasure.Aggregate.allCases.map(\.rawValue), "aggregates"))
            }
            guard window != nil else {
                throw error(Code.unknownStatistic, at: a, m.path("aggregate"), "`aggregate` reduces a `window: [first, last]`; add the window")
            }
            aggregate = parsed
        }
        let statistic = try statistic(m)
        return RunTarget(measure: RunMeasure(metrics: names, window: window, aggregate: aggregate), statistic: statistic)
    }

    func statistic(_ m: MappingReader) throws(ScenarioError) -> RunStatistic {
        let node = m.value("statistic")
        let word = try node.map { n throws(ScenarioError) in try reader.string(n, m.path("statistic"), nonEmpty: true) } ?? "mean"
        func level() throws(ScenarioError) -> Double {
            guard let v = m.value("level") else {
                throw error(Code.unknownStatistic, at: node, m.path("statistic"), "`\(word)` needs `level:` in (0, 1), e.g. 0.95")
            }
            return try reader.double(v, m.path("level"), Domain(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false, text: "a level in (0, 1)"))
        }
        func threshold() throws(ScenarioError) -> Double {
            guard let v = m.value("threshold") else {
                throw error(Code.unknownStatistic, at: node, m.path("statistic"), "`\(word)` needs `threshold:`, the value runs are compared with")
            }
            return try reader.double(v, m.path("threshold"), .finite)
        }
        let statistic: RunStatistic
        switch word {
        case "mean": statistic = .mean
        case "median": statistic = .median
        case "percentile": statistic = .percentile(level: try level())
        case "cvar":
            var tail = RunStatistic.Tail.upper
            if let t = m.value("tail") {
                let tw = try reader.string(t, m.path("tail"), nonEmpty: true)
                guard let parsed = RunStatistic.Tail(rawValue: tw) else {
                    throw error(Code.unknownStatistic, at: t, m.path("tail"), "unknown tail `\(tw)`; expected upper or lower")
                }
                tail = parsed
            }
            statistic = .cvar(level: try level(), tail: tail)
        case "probability_below": statistic = .probabilityBelow(threshold: try threshold())
        case "probability_above": statistic = .probabilityAbove(threshold: try threshold())
        default:
            throw error(
                Code.unknownStatistic, at: node, m.path("statistic"),
                "unknown statistic `\(word)`" + hint(word, RunStatistic.keywords, "statistics"))
        }
        // Settings that the chosen statistic does not read are mistakes, not defaults.
        let reads: Set<String> = switch statistic {
        case .percentile: ["level"]
        case .cvar: ["level", "tail"]
        case .probabilityBelow, .probabilityAbove: ["threshold"]
        default: []
        }
        for key in ["level", "tail", "threshold"] where !reads.contains(key) {
            try m.reject(key, because: "statistic `\(word)` does not use `\(key)`")
        }
        return statistic
    }
}
