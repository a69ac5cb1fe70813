import ArgumentParser
import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatReport
import HomeostatScenario
import HomeostatStore

/// `homeostat merge OUT.sqlite SHARD...`: joins the stores of a sharded sweep.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the stores of `sweep --shard i/N` runs into one store.",
        discussion: "Refuses shards of a different scenario, settings or program version. The merged store holds exactly what an unsharded sweep's store holds, and `sweep --resume --store OUT.sqlite` on it finishes any missing shard.")

    @Argument(help: "The store to write (must not be one of the shards).") var output: String
    @Argument(help: "The shards' stores.") var shards: [String]

    func run() throws {
        do {
            let summary = try ResultStore.merge(into: output, shards: shards, command: Outputs.commandLine)
            Terminal.out("merged \(summary.shards.count) shards into \(output): \(summary.points) points, \(summary.runsAdded) runs added"
                + (summary.runsAlreadyPresent > 0 ? ", \(summary.runsAlreadyPresent) already there" : ""))
            if !summary.missingShards.isEmpty {
                Terminal.note("shards not given yet: \(summary.missingShards.map(String.init).joined(separator: ", "))")
            }
        } catch {
            throw Terminal.badInput(error.description)
        }
    }
}

/// `homeostat export STORE --format csv|jsonl`: the store's runs as text.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a results store's runs (one row per run: point parameters and final metric values).")

    @Argument(help: "The store, or an output folder holding homeostat.sqlite.") var store: String
    @Option(help: "csv or jsonl.") var format: String = "csv"
    @Option(help: "Only this experiment id (default: every experiment).") var experiment: Int64?

    func run() throws {
        guard let chosen = ExportFormat(rawValue: format) else {
            throw Terminal.badInput("homeostat export: unknown format '\(format)'; expected csv or jsonl")
        }
        let opened = try ReportCommand.openExisting(store)
        var output = StandardOutput()
        do {
            try opened.export(format: chosen, experiment: experiment.map(ExperimentID.init(rawValue:)), to: &output)
        } catch {
            throw Terminal.failure(error.description)
        }
    }
}

/// Writes to standard output.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardOutput.write(Data(string.utf8)) }
}

/// `homeostat report STORE-or-DIR`: the HTML report of a stored run or sweep.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML report of an experiment in a results store.",
        discussion: "A `run` experiment (stored with its series) gets fan charts and histograms; a `sweep` gets its parameter charts; a `compare` its paired differences; a `sensitivity` analysis its tornado charts. `run`, `sweep`, `compare` and `sensitivity` already write DIR/report.html and DIR/homeostat.sqlite.")

    @Argument(help: "The store, or an output folder holding homeostat.sqlite.") var store: String
    @Option(help: "The experiment id (default: the newest).") var experiment: Int64?
    @Option(help: "Where to write the page (default: report.html next to the store).") var out: String?

    static func openExisting(_ path: String) throws -> ResultStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Terminal.badInput("\(path): error: no such store or folder")
        }
        let file = isDirectory.boolValue ? Outputs.storePath(in: path) : path
        guard FileManager.default.fileExists(atPath: file) else { throw Terminal.badInput("\(file): error: no results store here") }
        do {
            return try ResultStore.openExisting(path: file)
        } catch {
            throw Terminal.badInput(error.description)
        }
    }

    func run() throws {
        let opened = try Self.openExisting(store)
        let infos: [ExperimentInfo]
        do { infos = try opened.experiments() } catch { throw Terminal.failure(error.description) }
        guard let info = experiment.map({ id in infos.first { $0.id.rawValue == id } }) ?? infos.last else {
            throw Terminal.badInput("\(opened.path): error: " + (experiment.map { "no experiment \($0)" } ?? "the store holds no experiment"))
        }
        let template: SweepTemplate
        do {
            template = try ScenarioFiles.template(info.scenarioText, file: "\(opened.path)#\(info.id.rawValue)", baseDirectory: nil)
        } catch {
            throw Terminal.failure("the stored scenario no longer loads: \(error.description)")
        }
        let metadata = RunMetadata(scenario: template.base, version: info.key.version)
        let html: String
        do {
            let runs = try opened.loadRuns(experiment: info.id, includeSeries: info.key.kind == "run" || info.key.kind.hasPrefix("compare"))
            switch info.key.kind {
            case "compare", "compare-b":
                html = try Self.compareReport(opened, info: info, infos: infos, runs: runs, metadata: metadata)
            case "sensitivity-morris", "sensitivity-sobol":
                html = try Self.sensitivityReport(template: template, info: info, runs: runs, metadata: metadata, store: opened)
            case "run":
                let recorders = runs.filter { $0.status == .completed }.compactMap(\.series)
                guard !recorders.isEmpty else { throw Terminal.failure("experiment \(info.id.rawValue) has no stored series") }
                var input = try RunReportInput(
                    metadata: metadata, scenarioDescription: template.base.description,
                    details: Outputs.details(template.base), runs: recorders)
                input.events = RunReportInput.markers(template.base.events)
                html = HTMLReport.render(input)
            case "sweep":
                guard let space = template.space else { throw Terminal.failure("the stored scenario has no sweep section") }
                let points = try opened.points(experiment: info.id)
                var values: [Int: [SweepValue]] = [:]
                for point in points {
                    values[point.index] = zip(space.parameters, point.parameters).map { parameter, stored in
                        if case .choices(let words) = parameter.domain, let i = Int(exactly: stored.value), words.indices.contains(i) {
                            return .word(words[i])
                        }
                        return .number(stored.value)
                    }
                }
                var finals: [SweepUnit: [Double]] = [:]
                var names: [String] = []
                for run in runs where run.status == .completed {
                    let stats = Outputs.storedStatistics(run, chosen: nil)
                    if names.isEmpty { names = stats.map(\.name) }
                    finals[SweepUnit(point: run.point, run: run.run)] = stats.map(\.value)
                }
                let table = SweepTable(parameters: space.parameters, pointValues: { values[$0] ?? [] }, metricNames: names, finals: finals)
                html = HTMLReport.render(table.reportInput(metadata: metadata, description: template.base.description))
            default:
                throw Terminal.badInput("experiment \(info.id.rawValue) is a \(info.key.kind); reports are made for run, sweep, compare and sensitivity experiments")
            }
        } catch let error as StoreError {
            throw Terminal.failure(error.description)
        } catch let error as ReportError {
            throw Terminal.failure(error.description)
        }
        let target = out ?? URL(fileURLWithPath: opened.path).deletingLastPathComponent().appendingPathComponent("report.html").path
        do { try HTMLReport.write(html, to: target) } catch { throw Terminal.failure(error.description) }
        Terminal.out("wrote \(target)")
    }

    /// The page of a stored comparison: A's runs (experiment `compare`, point 0) paired with
    /// B's (the `compare-b` experiment with the same key, point 1).
    static func compareReport(
        _ store: ResultStore, info: ExperimentInfo, infos: [ExperimentInfo], runs: [StoredRun], metadata: RunMetadata
    ) throws -> String {
        let partnerKind = info.key.kind == "compare" ? "compare-b" : "compare"
        guard let partner = infos.first(where: {
            $0.key.kind == partnerKind && $0.key.scenarioHash == info.key.scenarioHash && $0.key.version == info.key.version
        }) else {
            throw Terminal.failure("experiment \(info.id.rawValue): the other design of this comparison is not in the store")
        }
        let partnerRuns: [StoredRun]
        do { partnerRuns = try store.loadRuns(experiment: partner.id, includeSeries: true) } catch {
            throw Terminal.failure(error.description)
        }
        func completed(_ runs: [StoredRun]) -> [(run: Int, recorder: MetricRecorder)] {
            runs.compactMap { r in r.status == .completed ? r.series.map { (run: r.run, recorder: $0) } : nil }
        }
        let (a, b) = info.key.kind == "compare" ? (info, partner) : (partner, info)
        let (runsA, runsB) = info.key.kind == "compare" ? (runs, partnerRuns) : (partnerRuns, runs)
        let comparison = PairedComparison(nameA: a.scenarioName, a: completed(runsA), nameB: b.scenarioName, b: completed(runsB))
        var input = CompareReportInput(
            metadata: metadata, nameA: a.scenarioName, nameB: b.scenarioName, runCount: completed(runsA).count,
            rows: comparison.reportRows)
        input.notes = comparison.reportNotes
        input.overTime = CompareOverTime.make(a: completed(runsA), b: completed(runsB))
        return HTMLReport.render(input)
    }

    /// The page of a stored sensitivity analysis: the design is rebuilt from the scenario's
    /// ranges, seed and the stored number of points, and analysed from the stored runs.
    static func sensitivityReport(
        template: SweepTemplate, info: ExperimentInfo, runs: [StoredRun], metadata: RunMetadata, store: ResultStore
    ) throws -> String {
        guard let space = template.space else { throw Terminal.failure("the stored scenario has no sweep section") }
        var ranges: [(name: String, low: Double, high: Double)] = []
        for parameter in space.parameters {
            guard case .range(let low, let high, _, _) = parameter.domain else {
                throw Terminal.failure("the stored scenario's `\(parameter.path)` is not a range")
            }
            ranges.append((parameter.path, low, high))
        }
        let points: [StoredPoint]
        do { points = try store.points(experiment: info.id) } catch { throw Terminal.failure(error.description) }
        var finals: [SweepUnit: [Double]] = [:]
        var names: [String] = []
        for run in runs where run.status == .completed {
            let stats = Outputs.storedStatistics(run, chosen: nil)
            if names.isEmpty { names = stats.map(\.name) }
            finals[SweepUnit(point: run.point, run: run.run)] = stats.map(\.value)
        }
        var values: [Int: [SweepValue]] = [:]
        for point in points { values[point.index] = point.parameters.map { .number($0.value) } }
        let table = SweepTable(parameters: space.parameters, pointValues: { values[$0] ?? [] }, metricNames: names, finals: finals)
        let k = ranges.count
        do {
            let ranged = try SensitivitySpace(ranges)
            let morris = info.key.kind == "sensitivity-morris"
                ? try MorrisDesign(space: ranged, trajectories: points.count / (k + 1), seed: template.base.seed) : nil
            let saltelli = morris == nil
                ? try SaltelliDesign(space: ranged, baseSamples: points.count / (k + 2), seed: template.base.seed) : nil
            let (_, page) = try SensitivityCommand.analyze(
                table, morris: morris, saltelli: saltelli, parameters: k, metadata: metadata,
                description: template.base.description)
            return HTMLReport.render(page)
        } catch let error as SensitivityError {
            throw Terminal.failure(error.description)
        }
    }
}
