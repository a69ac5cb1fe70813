#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore

/// What the commands share: the results store and the HTML report.
enum Outputs {
    /// The store of an output folder.
    static func storePath(in folder: String) -> String { "\(folder)/homeostat.sqlite" }

    /// Loads and validates a scenario file, or exits with the located error (status 64).
    static func loadScenario(_ file: String) throws -> Scenario {
        let scenario: Scenario
        do {
            scenario = try ScenarioFiles.load(path: file)
        } catch {
            throw Terminal.badInput(error.description)
        }
        try checkModules(scenario)
        return scenario
    }

    /// Builds run 1 of a scenario whose modules check their section against the others when
    /// the run is built (a controller's metric and parameter), so a bad reference is bad
    /// input (status 64) with its location, not a failed run.
    static func checkModules(_ scenario: Scenario) throws {
        if let problem = moduleProblem(scenario) { throw Terminal.badInput(problem) }
    }

    /// What building run 1 finds wrong with a scenario that has modules' own sections, or nil.
    static func moduleProblem(_ scenario: Scenario) -> String? {
        guard !scenario.sections.keys.isEmpty else { return nil }
        do {
            _ = try Simulation(scenario: scenario, run: 1)
            return nil
        } catch {
            return error.description
        }
    }

    /// Loads a scenario with its `sweep:` section, or exits with the located error; `use`
    /// says what the section is needed for.
    static func sweepTemplate(_ file: String, use: String) throws -> (SweepTemplate, ParameterSpace) {
        let template: SweepTemplate
        do { template = try ScenarioFiles.template(path: file) } catch { throw Terminal.badInput(error.description) }
        try checkModules(template.base)
        guard let space = template.space else {
            throw Terminal.badInput("\(file):1:1: error: the scenario has no `sweep:` section \(use); see docs/scenario.md")
        }
        return (template, space)
    }

    /// The scenario file's text, stored with each experiment so any figure can be traced.
    static func scenarioText(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Terminal.badInput("\(file):1:1: error: cannot read the scenario file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Creates `folder` if needed and claims it for this process until it exits, so two
    /// commands writing the same output folder cannot interleave their files (one's summary
    /// beside the other's store). A second claim fails at once with exit status 1.
    ///
    /// The claim is an exclusive `flock` on the folder itself (no lock file to clean up); the
    /// kernel drops it when the process ends, however it ends.
    static func claimFolder(_ folder: String, command: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Terminal.failure("cannot create the output folder \(folder): \(error.localizedDescription)")
        }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Terminal.failure("cannot open the output folder \(folder)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Terminal.failure(
                "\(command): the output folder \(folder) is in use by another homeostat process; wait for it to finish or choose another --out")
        }
        // The descriptor stays open (and the folder claimed) until the process exits.
    }

    /// The command line, for the store's record of how an experiment was made.
    static var commandLine: String { CommandLine.arguments.joined(separator: " ") }

    static func openStore(_ path: String) throws -> ResultStore {
        do {
            return try ResultStore(path: path)
        } catch {
            throw Terminal.failure(error.description)
        }
    }

    /// A run's record for the store: its final values and, when asked, its whole series.
    static func storedRun(
        _ record: RunRecord, experiment: ExperimentID, point: Int, seed: UInt64, series: Bool, statistic: SeriesStatistic? = nil
    ) -> StoredRun {
        switch record.outcome {
        case .completed(let recorder):
            return StoredRun(
                experiment: experiment, point: point, run: record.run, seed: seed, status: .completed,
                seconds: record.seconds, finals: finals(recorder, extra: statistic), series: series ? recorder : nil)
        case .failed(let error, let partial):
            return StoredRun(
                experiment: experiment, point: point, run: record.run, seed: seed, status: .failed,
                error: error.description, seconds: record.seconds, finals: finals(partial, extra: statistic), series: nil)
        }
    }

    /// Reads `--statistic`, or exits with status 64 naming what is accepted.
    static func statistic(_ text: String?, command: String) throws -> SeriesStatistic? {
        guard let text else { return nil }
        guard let parsed = SeriesStatistic(parsing: text) else {
            throw Terminal.badInput("\(command): --statistic: unknown statistic '\(text)'; expected \(SeriesStatistic.accepted)")
        }
        return parsed
    }

    /// Each metric's last recorded value under its own name, then the run's summary of each
    /// series over time as `NAME.mean` (time-weighted), `NAME.min`, `NAME.max` and
    /// `NAME.total` (NaN days left out; see ``SeriesStatistic``), then `NAME.pXX` when `extra`
    /// is a percentile.
    static func finals(_ recorder: MetricRecorder, extra: SeriesStatistic? = nil) -> [NamedValue] {
        var values = zip(recorder.names, recorder.columns).map { NamedValue($0, $1.last ?? .nan) }
        var kept: [SeriesStatistic] = [.mean, .min, .max, .total]
        if let extra, !kept.contains(extra), extra != .final { kept.append(extra) }
        for (name, column) in zip(recorder.names, recorder.columns) {
            for statistic in kept {
                values.append(NamedValue(statistic.storeKey(name), statistic.value(of: column, steps: recorder.steps)))
            }
        }
        return values
    }

    /// The final values of a stored run (its metrics' own names, without the `.mean`,
    /// `.min`, `.max` summaries), in order.
    static func storedFinals(_ run: StoredRun) -> [NamedValue] {
        run.finals.filter { !$0.name.contains(".") }
    }

    /// Each metric's per-run statistic from a stored run: `chosen`, or the metric's own
    /// (``MetricInfo/statistic(_:chosen:)``), under the metrics' own names, in order; NaN when
    /// the store lacks it (a store written before the statistic was kept).
    static func storedStatistics(_ run: StoredRun, chosen: SeriesStatistic?) -> [NamedValue] {
        var byKey: [String: Double] = [:]
        for value in run.finals { byKey[value.name] = value.value }
        return storedFinals(run).map { final in
            let key = MetricInfo.statistic(final.name, chosen: chosen).storeKey(final.name)
            return NamedValue(final.name, byKey[key] ?? .nan)
        }
    }

    /// Each metric's per-run statistic of a live run's recorder, in column order.
    static func statistics(_ recorder: MetricRecorder, chosen: SeriesStatistic?) -> [Double] {
        zip(recorder.names, recorder.columns).map { name, column in
            MetricInfo.statistic(name, chosen: chosen).value(of: column, steps: recorder.steps)
        }
    }

    /// Writes `html` to `DIR/report.html`.
    static func writeReport(_ html: String, folder: String) throws -> String {
        let path = "\(folder)/report.html"
        do {
            try HTMLReport.write(html, to: path)
        } catch {
            throw Terminal.failure(error.description)
        }
        return path
    }

    /// Lines describing a scenario for the report's summary.
    static func details(_ s: Scenario) -> [String] {
        var lines = ["\(Terminal.count(s.populations.reduce(0) { $0 + $1.count }, "agent")) in \(Terminal.count(s.populations.count, "population")): "
            + s.populations.map { "\($0.name) (\($0.count))" }.joined(separator: ", ")]
        var mechanisms: [String] = []
        if let ve = s.mechanisms.voteEscrow { mechanisms.append("vote-escrow (max \(ve.maxLockDays) days\(ve.weekRounding ? ", weekly unlocks" : ""))") }
        if let e = s.mechanisms.emission { mechanisms.append("emission (\(e.schedule.summary))") }
        if let f = s.mechanisms.feeSharing {
            mechanisms.append("fee sharing (\(NumberFormat.human(f.feeRate * 100))% fee, \(NumberFormat.human(f.lockerShare * 100))% to lockers, \(f.payout.rawValue))")
        }
        let m = s.mechanisms
        if let g = m.gauges {
            let boosted = g.list.contains { $0.boost }
            mechanisms.append(
                "\(g.list.count) gauges (\(g.fixedWeights == nil ? "ve-voted" : "fixed weights")\(boosted ? ", boosted" : ""))")
        }
        if !s.bribes.isEmpty { mechanisms.append("\(s.bribes.count) bribe offers") }
        if let p = m.exitPenalty { mechanisms.append("exit penalty (up to \(NumberFormat.human(p.maxPenalty * 100))%)") }
        if m.revenueSplit != nil { mechanisms.append("revenue split") }
        if m.treasury != nil { mechanisms.append("treasury policy") }
        if let g = m.governance { mechanisms.append("governance (\(g.votingPower.rawValue)-weighted)") }
        if let st = m.staking { mechanisms.append("staking (\(st.cooldownDays)-day cool-down)") }
        lines.append("mechanisms: " + (mechanisms.isEmpty ? "none" : mechanisms.joined(separator: ", ")))
        if !s.pools.isEmpty {
            lines.append("pools: " + s.pools.map { pool in
                let pair = pool.coins.map { $0.joined(separator: "/") } ?? "\(s.token.symbol)/\(pool.quote)"
                return "\(pool.name) (\(pool.kind.rawValue), \(pair))"
            }.joined(separator: ", "))
        }
        if !s.events.isEmpty { lines.append("\(s.events.count) scripted events, from day \(s.events.map(\.day).min()!)") }
        return lines
    }
}

extension EmissionSchedule {
    var summary: String {
        switch self {
        case .constant(let perDay): "\(NumberFormat.human(perDay))/day"
        case .halving(let initial, let halfLife): "\(NumberFormat.human(initial))/day halving every \(NumberFormat.human(halfLife)) days"
        case .curve(let perYear, let reduction): "Curve: \(NumberFormat.human(perYear))/year, ÷\(NumberFormat.human(reduction)) yearly"
        case .table(let steps): "a table of \(steps.count) steps"
        }
    }
}
