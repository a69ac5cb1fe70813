import HomeostatExperiments
import HomeostatScenario

extension HTMLReport {
    /// The report of an optimisation.
    ///
    /// The summary gives the search's settings, the best point and, per objective and
    /// constraint, its value on the search's runs and on fresh runs with 95% bootstrap
    /// intervals (the difference is the in-sample optimism). Charts: convergence (best so
    /// far and generation median of the first objective), the Pareto front with two
    /// objectives, the step size, and each parameter's trajectory (CMA-ES's mean over the
    /// candidates evaluated). A collapsed table lists every candidate.
    ///
    /// - Parameter input: The optimisation.
    /// - Returns: The page.
    public static func render(_ input: OptimizeReportInput) -> String {
        let meta = input.metadata
        let r = input.result
        let spec = r.spec
        var facts: [(String, String)] = [("scenario", meta.scenario)]
        for p in input.parameters {
            let range: String = switch p.domain {
            case .range(let low, let high, let integer, _): "\(Markup.short(low)) … \(Markup.short(high))\(integer ? " (integers)" : "")"
            case .values(let v): v.map(Markup.short).joined(separator: ", ")
            case .choices(let c): c.joined(separator: ", ")
            }
            facts.append(("parameter \(p.path)", range))
        }
        facts += [
            ("search", "Latin-hypercube warm start, then IPOP-CMA-ES; constraints ranked feasibility first"
                + (spec.objectives.count == 2 ? "; two objectives by NSGA-II ranking" : "")),
            ("candidates evaluated", "\(r.evaluations.count) of a budget of \(r.settings.budget)"),
            ("runs per candidate", "\(r.settings.runs) (run indices 1…\(r.settings.runs) for every candidate)"),
            ("fresh runs for the best", r.settings.freshRuns == 0 ? "none" : "\(r.settings.freshRuns) (run indices \(r.settings.runs + 1)…\(r.settings.runs + r.settings.freshRuns))"),
            ("generations", "\(r.generations.count - 1) after the warm start; restarts: \(r.stopReasons.isEmpty ? "none" : r.stopReasons.joined(separator: ", "))"),
            ("horizon", Markup.count(meta.horizonDays, "day")), ("master seed", String(meta.seed)), ("Homeostat", meta.version),
        ]
        let best = input.best
        var summary = input.scenarioDescription.isEmpty ? "" : HTMLPage.paragraph(input.scenarioDescription)
        summary += "<div class=\"tables\">\n"
        summary += HTMLPage.keyValueTable(caption: "Optimisation", facts)
        summary += HTMLPage.keyValueTable(
            caption: (spec.objectives.count == 2 ? "Front point best in the first objective" : "Best point")
                + " (candidate \(r.best)\(best.score.feasible ? "" : ", infeasible"))",
            input.bestValues.map { ($0.name, $0.value) })
        let inSample = OptimizeReportInput.values(r.inSample.score)
        let inIntervals = OptimizeReportInput.intervals(r.inSample)
        let fresh = r.fresh.map { OptimizeReportInput.values($0.score) }
        let freshIntervals = r.fresh.map(OptimizeReportInput.intervals)
        func interval(_ i: ClosedRange<Double>?) -> String { i.map { "[\(Markup.short($0.lowerBound)), \(Markup.short($0.upperBound))]" } ?? "–" }
        var rows: [[HTMLPage.Cell]] = []
        for (k, target) in input.targets.enumerated() {
            var row = [HTMLPage.Cell(target.label), HTMLPage.Cell(target.bound ?? "")]
            row += [.number(inSample[k]), HTMLPage.Cell(interval(inIntervals[k]), numeric: true)]
            if let fresh, let freshIntervals {
                row += [.number(fresh[k]), HTMLPage.Cell(interval(freshIntervals[k]), numeric: true), .number(fresh[k] - inSample[k])]
            }
            rows.append(row)
        }
        var header = [HTMLPage.Cell("objective / constraint"), HTMLPage.Cell("bound"), HTMLPage.Cell("search runs", numeric: true), HTMLPage.Cell("95% CI", numeric: true)]
        if r.fresh != nil {
            header += [HTMLPage.Cell("fresh runs", numeric: true), HTMLPage.Cell("95% CI", numeric: true), HTMLPage.Cell("fresh − search", numeric: true)]
        }
        summary += HTMLPage.table(caption: "The best point's figures (intervals: percentile bootstrap over runs)", header: header, rows: rows, className: "figures")
        summary += "</div>\n"

        var slugs = Slugs()
        var body = HTMLPage.section(id: "summary", heading: "Summary", content: summary)

        let first = spec.objectives[0]
        let objectiveAxis = ChartAxis(first.target.description, unit: nil)
        let generationAxis = ChartAxis("generation (0: warm start)")
        let convergence = SVGChart.line(
            title: "convergence: \(first.direction.rawValue) \(first.target)", x: generationAxis, y: objectiveAxis,
            series: [
                LineSeries(name: "best so far (feasible)", points: r.generations.map { LinePoint(x: Double($0.generation), y: $0.bestObjective) }),
                LineSeries(name: "generation median", points: r.generations.map { LinePoint(x: Double($0.generation), y: $0.medianObjective) }),
            ])
        var figures = [HTMLPage.figure(id: slugs.make("chart", "convergence"), svg: convergence, caption: "Best and median objective per generation.")]
        if spec.objectives.count == 2 {
            let second = spec.objectives[1]
            let feasible = r.evaluations.filter(\.score.feasible)
            let pareto = SVGChart.line(
                title: "Pareto front", x: ChartAxis(first.target.description), y: ChartAxis(second.target.description),
                series: [
                    LineSeries(name: "feasible candidates", points: feasible.map { LinePoint(x: $0.score.objectives[0], y: $0.score.objectives[1]) }, joined: false),
                    LineSeries(name: "non-dominated front", points: r.front.map { LinePoint(x: r.evaluations[$0].score.objectives[0], y: r.evaluations[$0].score.objectives[1]) }),
                ])
            figures.append(HTMLPage.figure(id: slugs.make("chart", "pareto"), svg: pareto, caption: "\(first.direction.rawValue) the x axis, \(second.direction.rawValue) the y axis."))
        }
        let cma = r.generations.filter { $0.generation > 0 }
        if !cma.isEmpty {
            let sigma = SVGChart.line(
                title: "step size σ (share of each parameter's range)", x: generationAxis, y: ChartAxis("σ", scale: .logarithmic),
                series: [LineSeries(name: "σ", points: cma.map { LinePoint(x: Double($0.generation), y: $0.stepSize) })]
                    + input.parameters.indices.map { j in
                        LineSeries(name: "σ·√C of \(input.parameters[j].path)", points: cma.map { LinePoint(x: Double($0.generation), y: $0.deviations[j]) })
                    })
            figures.append(HTMLPage.figure(id: slugs.make("chart", "step-size"), svg: sigma, caption: "A restart starts a new run at the initial step size with twice the population."))
        }
        body += HTMLPage.section(id: "search", heading: "Search", content: HTMLPage.charts(figures))

        var trajectories: [String] = []
        for (j, p) in input.parameters.enumerated() {
            let chart = SVGChart.line(
                title: "\(p.path) over the search", x: generationAxis, y: ChartAxis(p.path),
                series: [
                    LineSeries(name: "candidates", points: r.evaluations.map { LinePoint(x: Double($0.generation), y: $0.values[j].numeric(in: p)) }, joined: false),
                    LineSeries(name: "CMA-ES mean", points: r.generations.map { LinePoint(x: Double($0.generation), y: $0.mean[j]) }),
                ])
            trajectories.append(HTMLPage.figure(id: slugs.make("trajectory", p.path), svg: chart, caption: nil))
        }
        body += HTMLPage.section(id: "trajectories", heading: "Parameter trajectories", content: HTMLPage.charts(trajectories))

        let tableHeader = [HTMLPage.Cell("#", numeric: true), HTMLPage.Cell("generation", numeric: true)]
            + input.parameters.map { HTMLPage.Cell($0.path, numeric: true) }
            + input.targets.map { HTMLPage.Cell($0.label, numeric: true) } + [HTMLPage.Cell("feasible")]
        let tableRows = r.evaluations.map { e in
            [HTMLPage.Cell(String(e.index), numeric: true), HTMLPage.Cell(String(e.generation), numeric: true)]
                + e.values.map { HTMLPage.Cell($0.description, numeric: true) }
                + OptimizeReportInput.values(e.score).map(HTMLPage.Cell.number) + [HTMLPage.Cell(e.score.feasible ? "yes" : "no")]
        }
        body += HTMLPage.section(
            id: "candidates", heading: "All candidates",
            content: "<details>\n<summary>\(Markup.count(r.evaluations.count, "candidate"))</summary>\n"
                + HTMLPage.table(caption: nil, header: tableHeader, rows: tableRows) + "</details>\n")
        return HTMLPage.document(
            title: "\(meta.scenario) — optimize — Homeostat report", heading: meta.scenario,
            subtitle: "Optimisation · \(Markup.count(r.evaluations.count, "candidate")) × \(Markup.count(r.settings.runs, "run")) × "
                + "\(Markup.count(meta.horizonDays, "day")) · master seed \(meta.seed) · Homeostat \(meta.version)",
            body: body,
            footer: "Made by Homeostat \(meta.version) from scenario “\(meta.scenario)”, master seed \(meta.seed). "
                + "This page is self-contained: inline styles and SVG charts, no scripts, no network requests.")
    }
}
