import HomeostatCore
import Foundation

/// A small ensemble with every case the writers must handle: known and unknown metric
/// names, NaN inside a series and as a final value, an infinite final value, a metric that
/// is NaN throughout, and magnitudes from 1e-3 to 1e6.
enum Fixtures {
    static let names = ["price", "locked_share", "treasury_cash", "real_yield", "custom_score", "unset_metric"]

    static func ensemble(runs: Int = 4, steps: Int = 5) -> [MetricRecorder] {
        (0..<runs).map { r in
            var recorder = MetricRecorder(names: names, capacity: steps)
            for s in 1...steps {
                let rd = Double(r)
                let sd = Double(s)
                let price = 1 + 0.1 * rd - 0.03 * sd + 0.001 * rd * sd
                let lockedShare = (rd + 1) * sd / 37
                let treasury = 1_000_000 + 12_345.678 * rd * sd
                let realYield = s == 3 || (r == 2 && s == steps) ? Double.nan : 0.05 * sd / (rd + 1)
                let custom = r == 3 && s == steps ? Double.infinity : pow(10, sd - 3) * 1.5 * (rd + 1)
                recorder.record(step: s, [price, lockedShare, treasury, realYield, custom, .nan])
            }
            return recorder
        }
    }
}
