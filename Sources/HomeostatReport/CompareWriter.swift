import Foundation
internal import HomeostatCore
import HomeostatScenario

/// `compare.json` and `compare.csv`: one entry per metric of a ``PairedComparison``.
public enum CompareWriter {
    /// Sorted keys, 2-space indentation, NaN as null.
    public static func json(_ c: PairedComparison, seed: UInt64) -> String {
        func num(_ x: Double) -> String { x.isFinite ? NumberFormat.roundTrip(x) : "null" }
        func str(_ s: String) -> String { JSONText.quoted(s) }
        var out = "{\n  \"a\": \(str(c.nameA)),\n  \"b\": \(str(c.nameB)),\n  \"metrics\": {\n"
        out += c.rows.map { r in
            """
                \(str(r.metric)): {
                  "ci95": [\(num(r.interval?.lower ?? .nan)), \(num(r.interval?.upper ?? .nan))],
                  "direction": \(str(r.direction.rawValue)),
                  "fraction_b_better": \(num(r.fractionBBetter)),
                  "fraction_b_higher": \(num(r.fractionBHigher)),
                  "fraction_b_lower": \(num(r.fractionBLower)),
                  "fraction_tied": \(num(r.fractionTied)),
                  "mean_a": \(num(r.meanA)),
                  "mean_b": \(num(r.meanB)),
                  "mean_difference": \(num(r.meanDifference)),
                  "paired_half_width": \(num(r.interval?.halfWidth ?? .nan)),
                  "pairs": \(r.pairs),
                  "pairs_infinite_a": \(r.leftOut.infiniteA),
                  "pairs_infinite_b": \(r.leftOut.infiniteB),
                  "pairs_nan": \(r.leftOut.nan),
                  "runs": \(r.runs),
                  "statistic": \(str(r.statistic.description)),
                  "unit": \(r.unit.map(str) ?? "null"),
                  "unpaired_half_width": \(num(r.unpairedHalfWidth))
                }
            """
        }.joined(separator: ",\n")
        out += "\n  },\n  \"seed\": \(seed)\n}\n"
        return out
    }

    /// Header `metric,unit,statistic,runs,pairs,pairs_not_finite,mean_a,mean_b,mean_difference,ci95_low,ci95_high,fraction_b_higher,paired_half_width,unpaired_half_width,direction,fraction_b_better,fraction_tied`.
    public static func csv(_ c: PairedComparison) -> String {
        func num(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.roundTrip(x) }
        var out = "metric,unit,statistic,runs,pairs,pairs_not_finite,mean_a,mean_b,mean_difference,ci95_low,ci95_high,fraction_b_higher,paired_half_width,unpaired_half_width,direction,fraction_b_better,fraction_tied\n"
        for r in c.rows {
            let cells = [
                r.metric, r.unit ?? "", r.statistic.description, "\(r.runs)", "\(r.pairs)", "\(r.pairs - r.runs)", num(r.meanA), num(r.meanB), num(r.meanDifference),
                num(r.interval?.lower ?? .nan), num(r.interval?.upper ?? .nan), num(r.fractionBHigher),
                num(r.interval?.halfWidth ?? .nan), num(r.unpairedHalfWidth), r.direction.rawValue, num(r.fractionBBetter),
                num(r.fractionTied),
            ]
            out += cells.map(TimeseriesCSV.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
