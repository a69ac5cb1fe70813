internal import HomeostatCore
/// The text formats of ``ResultStore/export(format:experiment:to:)``.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV, one header line, then one row per run (wide: a column per parameter and
    /// per final metric).
    case csv
    /// JSON Lines: one object per run.
    case jsonl
}

extension ResultStore {
    /// Writes the runs of one experiment, or of all experiments, as CSV or JSON Lines: one
    /// row (line) per run, in (experiment, point, run) order. Series are not exported.
    ///
    /// **CSV.** Columns: `experiment, scenario, kind, point, run, seed, status, error, seconds`,
    /// then one `param:NAME` column per parameter, then one column per final metric, named
    /// after the metric (`metric:NAME` if the name would clash with a column before it).
    /// Parameter and metric columns appear in order of first appearance; a run without a
    /// value in a column leaves it empty. Lines end in `\n`; fields with a comma, quote or
    /// line break are quoted (RFC 4180). A text field (scenario name, error, column name)
    /// starting with `=`, `+`, `-`, `@`, a tab or a CR is written with a `'` in front, so a
    /// spreadsheet shows it as text instead of running it as a formula.
    ///
    /// **JSON Lines.** `{"experiment":…,"scenario":…,"kind":…,"point":…,"run":…,"seed":…,
    /// "status":…,"error":…|null,"seconds":…,"parameters":{NAME:value,…},"metrics":{NAME:value,…}}`,
    /// keys in that order, parameters and metrics in recorded order.
    ///
    /// **Numbers** are written in the shortest form that reads back as the same Double
    /// (`0.1`, `1e-07`, `-0.0`). NaN is an empty field in CSV and `null` in JSON; infinities
    /// are `inf`/`-inf` in CSV (pandas reads them) and `1e999`/`-1e999` in JSON (valid JSON
    /// that Python and JavaScript read as infinity). Seeds are unsigned decimal integers.
    ///
    /// - Parameters:
    ///   - format: CSV or JSON Lines.
    ///   - experiment: one experiment, or `nil` for all.
    ///   - output: where the text goes.
    /// - Throws: ``StoreError`` (`STO001`) if SQLite fails.
    public func export(format: ExportFormat, experiment: ExperimentID? = nil, to output: inout some TextOutputStream) throws(StoreError) {
        let infos = try experiments().filter { experiment == nil || $0.id == experiment }
        var blocks: [(info: ExperimentInfo, points: [Int: StoredPoint], runs: [StoredRun])] = []
        for info in infos {
            let points = try points(experiment: info.id)
            let runs = try loadRuns(experiment: info.id, includeSeries: false)
            blocks.append((info, Dictionary(uniqueKeysWithValues: points.map { ($0.index, $0) }), runs))
        }
        switch format {
        case .jsonl:
            for b in blocks {
                for r in b.runs {
                    var line = "{"
                    line += "\"experiment\":\(b.info.id.rawValue),\"scenario\":\(Self.json(b.info.scenarioName)),"
                    line += "\"kind\":\(Self.json(b.info.key.kind)),\"point\":\(r.point),\"run\":\(r.run),\"seed\":\(r.seed),"
                    line += "\"status\":\(Self.json(r.status.rawValue)),\"error\":\(r.error.map(Self.json) ?? "null"),"
                    line += "\"seconds\":\(Self.json(r.seconds)),\"parameters\":{"
                    line += (b.points[r.point]?.parameters ?? []).map { "\(Self.json($0.name)):\(Self.json($0.value))" }.joined(separator: ",")
                    line += "},\"metrics\":{"
                    line += r.finals.map { "\(Self.json($0.name)):\(Self.json($0.value))" }.joined(separator: ",")
                    line += "}}\n"
                    output.write(line)
                }
            }
        case .csv:
            let fixed = ["experiment", "scenario", "kind", "point", "run", "seed", "status", "error", "seconds"]
            var parameterNames = OrderedNames(), metricNames = OrderedNames()
            for b in blocks {
                for p in b.points.keys.sorted() { for v in b.points[p]!.parameters { parameterNames.add(v.name) } }
                for r in b.runs { for f in r.finals { metricNames.add(f.name) } }
            }
            var header = fixed + parameterNames.names.map { "param:" + $0 }
            let taken = Set(header)
            header += metricNames.names.map { taken.contains($0) ? "metric:" + $0 : $0 }
            output.write(header.map(Self.csvField).joined(separator: ",") + "\n")
            for b in blocks {
                for r in b.runs {
                    var fields = [
                        String(b.info.id.rawValue), Self.csvField(b.info.scenarioName), Self.csvField(b.info.key.kind),
                        String(r.point), String(r.run), String(r.seed), r.status.rawValue, Self.csvField(r.error ?? ""),
                        Self.csv(r.seconds),
                    ]
                    var row = Array(repeating: "", count: parameterNames.names.count)
                    for v in b.points[r.point]?.parameters ?? [] { row[parameterNames.index[v.name]!] = Self.csv(v.value) }
                    fields += row
                    row = Array(repeating: "", count: metricNames.names.count)
                    for f in r.finals { row[metricNames.index[f.name]!] = Self.csv(f.value) }
                    fields += row
                    output.write(fields.joined(separator: ",") + "\n")
                }
            }
        }
    }

    /// Shortest round-tripping decimal; NaN empty; `inf`, `-inf`.
    static func csv(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.description
    }

    /// A text field (never a number): a leading `=`, `+`, `-`, `@`, tab or CR, which a
    /// spreadsheet would run as a formula, gets a `'` in front (OWASP's CSV-injection
    /// advice); then RFC 4180 quoting when it holds a comma, a quote or a line break.
    /// Scalars are compared, so a CR LF pair (one Swift `Character`) is caught too.
    static func csvField(_ s: String) -> String {
        var text = s
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Shortest round-tripping decimal; NaN `null`; infinities `1e999`, `-1e999`.
    static func json(_ x: Double) -> String {
        if x.isNaN { return "null" }
        if x.isInfinite { return x < 0 ? "-1e999" : "1e999" }
        return x.description
    }

    static func json(_ s: String) -> String { JSONText.quoted(s) }
}

/// Names in order of first appearance.
private struct OrderedNames {
    var names: [String] = []
    var index: [String: Int] = [:]

    mutating func add(_ name: String) {
        if index[name] == nil {
            index[name] = names.count
            names.append(name)
        }
    }
}
