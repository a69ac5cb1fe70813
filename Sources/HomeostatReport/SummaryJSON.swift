import HomeostatScenario

/// `summary.json`: the final-value summary of an ensemble, for pandas, R or a spreadsheet.
///
/// ```json
/// {
///   "horizon_days": 365,
///   "metrics": {
///     "price": {
///       "final": {
///         "count": 32,
///         "max": 2.5,
///         "mean": 1.1,
///         "min": 0.4,
///         "nan_count": 0,
///         "p5": 0.5,
///         "p50": 1,
///         "p95": 2.1,
///         "stdev": 0.3
///       },
///       "direction": "higher",
///       "domain": "non_negative",
///       "kind": "stock",
///       "statistic": {"name": "final", "count": 32, "mean": 1.1, …},
///       "unit": "USD/token"
///     }
///   },
///   "runs": 32,
///   "scenario": "bm1",
///   "seed": 1,
///   "version": "0.1.0"
/// }
/// ```
///
/// Keys are sorted (by code point) at every level, indentation is two spaces, the file ends
/// in a newline. Numbers are shortest round-trip decimals (``NumberFormat/roundTrip(_:)``);
/// NaN and infinities are `null`. `unit` is `null` for a metric name the engine does not
/// know. `count` is the number of runs whose final value is a number and `nan_count` the
/// number whose final value is NaN; the statistics describe the `count` runs. `runs` is
/// the number of runs summarised. `inf_count` is how many of the `count` values are ±∞ and
/// `finite_mean` the mean of the others (`mean` is null as soon as one value is infinite). `kind` (stock, flow or rate), `direction` (higher,
/// lower or none) and `domain` (non_negative, unit_interval or unbounded) are the metric's
/// ``HomeostatScenario/MetricSemantics``; `statistic` is the distribution over runs of the
/// per-run statistic that summarises the metric (`name`: final for stocks, total for flows,
/// mean — time-weighted — for rates, or the one asked for with `--statistic`), with the
/// same fields as `final` plus `mean_ci95_low` and `mean_ci95_high`, the 95% interval of its mean over the finite
/// runs, and `mean_ci_method`: `bootstrap_percentile` for a metric bounded to `[0, ∞)` or
/// `[0, 1]` (the interval stays inside), `t` (Student) for an unbounded one (``MeanInterval``). `seed` is written as an exact integer (a reader that turns
/// every number into a Double loses digits above 2⁵³).
public enum SummaryJSON {
    /// The text of `summary.json`.
    ///
    /// - Parameters:
    ///   - summary: The ensemble's summary.
    ///   - metadata: Scenario name, seed, version and horizon.
    /// - Returns: The document, ending in a newline; byte-stable for equal inputs.
    public static func render(_ summary: EnsembleSummary, metadata: RunMetadata) -> String {
        var metrics: [String: JSONValue] = [:]
        for metric in summary.metrics {
            let semantics = metric.semantics
            var statistic = block(metric.overRuns)
            statistic["name"] = .string(metric.statistic.description)
            statistic["mean_ci95_low"] = metric.meanInterval.map { .number($0.interval.lower) } ?? .null
            statistic["mean_ci95_high"] = metric.meanInterval.map { .number($0.interval.upper) } ?? .null
            statistic["mean_ci_method"] = metric.meanInterval.map { .string($0.method.rawValue) } ?? .null
            metrics[metric.name] = .object([
                "unit": metric.unit.map(JSONValue.string) ?? .null,
                "kind": .string(semantics.kind.rawValue),
                "direction": .string(semantics.direction.rawValue),
                "domain": .string(semantics.domain.rawValue),
                "final": .object(block(metric.final)),
                "statistic": .object(statistic),
            ])
        }
        let document = JSONValue.object([
            "scenario": .string(metadata.scenario),
            "seed": .uint(metadata.seed),
            "runs": .int(Int64(summary.runCount)),
            "version": .string(metadata.version),
            "horizon_days": .int(Int64(metadata.horizonDays)),
            "metrics": .object(metrics),
        ])
        return document.rendered()
    }

    /// The fields of one distribution over runs.
    static func block(_ f: Summary) -> [String: JSONValue] {
        [
            "count": .int(Int64(f.count)),
            "nan_count": .int(Int64(f.nanCount)),
            "inf_count": .int(Int64(f.infiniteCount)),
            "finite_mean": .number(f.finiteMean),
            "mean": .number(f.mean),
            "stdev": .number(f.stdev),
            "min": .number(f.min),
            "p5": .number(f.p5),
            "p50": .number(f.p50),
            "p95": .number(f.p95),
            "max": .number(f.max),
        ]
    }

    /// Writes `summary.json` to `path`, replacing any file there; the file appears under its
    /// name only once it is complete.
    ///
    /// - Throws: ``ReportError`` `RPT004` when the file cannot be written.
    public static func write(_ summary: EnsembleSummary, metadata: RunMetadata, toFile path: String) throws(ReportError) {
        var file = try OutputFile(path: path)
        file.write(render(summary, metadata: metadata))
        try file.commit()
    }
}
