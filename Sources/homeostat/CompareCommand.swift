import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore

/// `homeostat compare A B`: two designs on the same random futures.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two designs on common random numbers (paired differences).",
        discussion: """
            Runs both scenarios with the same seed and run indices, so run r of each sees the same \
            market path, and reports per metric the mean paired difference B − A of its per-run statistic \
            (final value for stocks, total for flows, time-weighted mean for rates, or --statistic) with \
            its 95% confidence interval, the share of runs in which B is higher, and how much narrower \
            the paired interval is than an unpaired one. Writes DIR/compare.json, DIR/compare.csv and DIR/report.html.
            """)

    @Argument(help: "Design A (scenario file).") var a: String
    @Argument(help: "Design B (scenario file).") var b: String
    @Option(help: "Monte Carlo runs of each (default: A's).") var runs: Int?
    @Option(help: "The common seed (default: A's).") var seed: UInt64?
    @Option(help: "Worker threads (default: every core).") var threads: Int?
    @Option(help: "Output folder (default: out/compare-<A>-<B>).") var out: String?
    @Flag(help: "Check the invariants after every step.") var check = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Do not write the results store (DIR/homeostat.sqlite).") var noStore = false
    @Option(help: "The statistic paired for each run: final, mean, total, min, max or pXX (default: each metric's own: final for stocks, total for flows, mean for rates).")
    var statistic: String?

    func run() throws {
        let chosenStatistic = try Outputs.statistic(statistic, command: "homeostat compare")
        var scenarioA = try Outputs.loadScenario(a)
        var scenarioB = try Outputs.loadScenario(b)
        let runCount = runs ?? scenarioA.runs
        guard runCount >= 2 else { throw Terminal.badInput("homeostat compare: --runs must be at least 2 for an interval, got \(runCount)") }
        for scenario in [scenarioA, scenarioB] {
            if let problem = ScenarioLimits.runsProblem(runCount, scenario) { throw Terminal.badInput("homeostat compare: --runs: \(problem)") }
        }
        if !quiet, let warning = Self.structuralDifference(scenarioA, scenarioB) { Terminal.warning(warning) }
        let commonSeed = seed ?? scenarioA.seed
        scenarioA.seed = commonSeed
        scenarioB.seed = commonSeed
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard workers >= 1 else { throw Terminal.badInput("homeostat compare: --threads must be at least 1") }
        let folder = out ?? "out/compare-\(scenarioA.name)-\(scenarioB.name)"
        try Outputs.claimFolder(folder, command: "homeostat compare")

        let progress = ProgressReporter.standardError(total: 2 * runCount, label: "runs", quiet: quiet)
        let options = EnsembleOptions(runs: runCount, threads: workers, check: check)
        let recordsA: [RunRecord]
        let recordsB: [RunRecord]
        do {
            recordsA = try Ensemble.run(scenarioA, options: options, onRunFinished: { _ in progress.completed() })
            recordsB = try Ensemble.run(scenarioB, options: options, onRunFinished: { _ in progress.completed() })
        } catch {
            progress.finish()
            throw Terminal.failure(error.description)
        }
        progress.finish()
        var failed = false
        for (name, records) in [(a, recordsA), (b, recordsB)] {
            for r in records { if case .failed(let e, _) = r.outcome { Terminal.error("\(name) run \(r.run) failed on \(e)"); failed = true } }
        }
        func completed(_ records: [RunRecord]) -> [(run: Int, recorder: MetricRecorder)] {
            records.compactMap { if case .completed(let rec) = $0.outcome { (run: $0.run, recorder: rec) } else { nil } }
        }
        let comparison = PairedComparison(nameA: scenarioA.name, a: completed(recordsA), nameB: scenarioB.name, b: completed(recordsB), statistic: chosenStatistic)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try CompareWriter.json(comparison, seed: commonSeed).write(toFile: "\(folder)/compare.json", atomically: true, encoding: .utf8)
            try CompareWriter.csv(comparison).write(toFile: "\(folder)/compare.csv", atomically: true, encoding: .utf8)
        } catch {
            throw Terminal.failure("cannot write to \(folder): \(error.localizedDescription)")
        }
        var report = CompareReportInput(
            metadata: RunMetadata(scenario: scenarioA, version: Homeostat.version), nameA: scenarioA.name, nameB: scenarioB.name,
            runCount: runCount, rows: comparison.reportRows)
        report.notes = comparison.reportNotes
        report.overTime = CompareOverTime.make(a: completed(recordsA), b: completed(recordsB))
        _ = try Outputs.writeReport(HTMLReport.render(report), folder: folder)
        if !noStore {
            try Self.store(
                folder: folder, fileA: a, recordsA: recordsA, fileB: b, recordsB: recordsB, nameA: scenarioA.name,
                nameB: scenarioB.name, seed: commonSeed, runs: runCount, statistic: chosenStatistic)
        }
        if !quiet {
            Terminal.out("paired differences over \(runCount) runs (seed \(commonSeed)) of each metric's per-run statistic (final: last day; total: sum over the run; mean: time-weighted)")
            Terminal.out(comparison.table())
            Terminal.out("wrote \(folder)/compare.json, compare.csv, report.html\(noStore ? "" : " and homeostat.sqlite")")
        }
        if failed { throw ExitCode(1) }
    }

    /// Writes both designs' runs (with their series) to `DIR/homeostat.sqlite` as two
    /// experiments sharing one key: kind `compare-b` (B's scenario, point 1) first, then kind
    /// `compare` (A's scenario, point 0), so the newest experiment is the comparison and
    /// `homeostat report DIR` finds B beside it.
    static func store(
        folder: String, fileA: String, recordsA: [RunRecord], fileB: String, recordsB: [RunRecord], nameA: String,
        nameB: String, seed: UInt64, runs: Int, statistic: SeriesStatistic?
    ) throws {
        let store = try Outputs.openStore(Outputs.storePath(in: folder))
        let textA = try Outputs.scenarioText(fileA)
        let textB = try Outputs.scenarioText(fileB)
        let settings = "\nruns=\(runs) seed=\(seed) statistic=\(statistic?.description ?? "")"
        let hash = StableHash.fnv1a64(textA + "\n---\n" + textB + settings)
        func record(kind: String, text: String, name: String, point: Int, records: [RunRecord]) throws(StoreError) {
            let experiment = try store.openOrCreateExperiment(
                scenarioText: text, scenarioName: name, scenarioHash: hash, version: Homeostat.version,
                command: Outputs.commandLine, kind: kind)
            try store.recordPoint(experiment: experiment, index: point, parameters: [])
            for r in records {
                try store.recordRun(Outputs.storedRun(r, experiment: experiment, point: point, seed: seed, series: true))
            }
        }
        do throws(StoreError) {
            try record(kind: "compare-b", text: textB, name: nameB, point: 1, records: recordsB)
            try record(kind: "compare", text: textA, name: nameA, point: 0, records: recordsA)
        } catch {
            throw Terminal.failure(error.description)
        }
    }

    /// A warning when A and B differ in more than numbers and switches: a population, a
    /// mechanism, a pool or a metric present in one and not the other, or another behaviour,
    /// so their difference is not one design's parameters. Names and descriptions are
    /// ignored. Nil when the two have the same shape.
    static func structuralDifference(_ a: Scenario, _ b: Scenario) -> String? {
        func shape(_ s: Scenario) -> [String] {
            ScenarioWriter.yaml(s).split(separator: "\n").compactMap { line in
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("name:") && line.first != " " || trimmed.hasPrefix("description:") { return nil }
                var text = String(line)
                text = text.replacingOccurrences(of: #"-?\b\d+(\.\d+)?([eE][-+]?\d+)?\b"#, with: "#", options: .regularExpression)
                text = text.replacingOccurrences(of: #"\b(true|false)\b"#, with: "#", options: .regularExpression)
                return text
            }
        }
        var onlyA = shape(a)
        var onlyB: [String] = []
        for line in shape(b) {
            if let k = onlyA.firstIndex(of: line) { onlyA.remove(at: k) } else { onlyB.append(line) }
        }
        guard !onlyA.isEmpty || !onlyB.isEmpty else { return nil }
        func sample(_ lines: [String]) -> String {
            lines.prefix(3).map { "`\($0.trimmingCharacters(in: .whitespaces))`" }.joined(separator: ", ")
                + (lines.count > 3 ? " and \(lines.count - 3) more" : "")
        }
        var parts: [String] = []
        if !onlyA.isEmpty { parts.append("only in A: " + sample(onlyA)) }
        if !onlyB.isEmpty { parts.append("only in B: " + sample(onlyB)) }
        return "A (\(a.name)) and B (\(b.name)) differ in more than parameters (numbers and switches): "
            + parts.joined(separator: "; ") + "; the difference B − A is not one design's parameters"
    }
}
