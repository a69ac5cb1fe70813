public import HomeostatCore
public import HomeostatScenario

/// Paired comparison of two designs run on common random numbers: run `r` of design A and
/// run `r` of design B see the same market path (same seed, same run index), so their
/// difference cancels most of the noise both share.
///
/// For each metric, with `d_r = B_r − A_r` the difference in run `r` of the metric's per-run
/// statistic (final value for stocks, total for flows, time-weighted mean for rates):
/// the mean difference, its 95% confidence interval `mean(d) ± t(0.975, n−1) · sd(d)/√n`,
/// the fraction of runs in which B is higher, and — for contrast — the half-width an
/// unpaired (Welch) interval on the same runs would have had:
/// `t(0.975, ν) · √(var(A)/n + var(B)/n)`, with Welch–Satterthwaite `ν`.
public struct PairedComparison: Sendable {
    public struct Row: Sendable, Equatable {
        public let metric: String
        public let unit: String?
        /// The per-run statistic paired (final value, total, time-weighted mean, ...).
        public let statistic: SeriesStatistic
        /// Pairs used: runs where both A's and B's values are finite.
        public let runs: Int
        /// Pairs offered (runs both designs completed); `pairs − runs` were left out.
        public let pairs: Int
        /// Why pairs were left out.
        public let leftOut: NonFinitePairs
        public let meanA: Double
        public let meanB: Double
        public let meanDifference: Double
        public let interval: ConfidenceInterval?
        /// Fraction of runs with `B > A` (ties not counted: see ``fractionTied``).
        public let fractionBHigher: Double
        /// Fraction of runs with `B == A`.
        public let fractionTied: Double
        /// Fraction of runs with `B < A`.
        public var fractionBLower: Double { runs > 0 ? 1 - fractionBHigher - fractionTied : .nan }
        /// Which way is better for the metric.
        public var direction: MetricSemantics.Direction { MetricInfo.semantics(metric).direction }
        /// Fraction of runs in which B did better: lower for a lower-is-better metric, higher
        /// otherwise.
        public var fractionBBetter: Double { direction == .lowerIsBetter ? fractionBLower : fractionBHigher }
        /// Half-width of the unpaired (Welch) 95% interval, for comparison with the paired one.
        public let unpairedHalfWidth: Double
    }

    /// The pairs a metric's comparison left out because a value was not finite, by cause.
    public struct NonFinitePairs: Sendable, Equatable {
        /// A's value infinite (B's finite or not).
        public var infiniteA = 0
        /// B's value infinite (A's finite or not).
        public var infiniteB = 0
        /// A's or B's value NaN.
        public var nan = 0

        public init() {}

        mutating func count(_ a: Double, _ b: Double) {
            if a.isNaN || b.isNaN { nan += 1 }
            if a.isInfinite { infiniteA += 1 }
            if b.isInfinite { infiniteB += 1 }
        }

        /// "∞ in A 25, in B 20", "NaN 2", joined by "; "; nil when nothing was left out.
        public var note: String? {
            var parts: [String] = []
            if infiniteA > 0 || infiniteB > 0 { parts.append("∞ in A \(infiniteA), in B \(infiniteB)") }
            if nan > 0 { parts.append("NaN \(nan)") }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        }
    }

    public let nameA: String
    public let nameB: String
    public let rows: [Row]

    /// Pairs the final values of `a[r]` and `b[r]` (records of the same run index) for every
    /// metric both record.
    ///
    /// - Parameters:
    ///   - a: `(run index, records)` of design A.
    ///   - b: the same for design B; runs missing from either side are left out.
    ///   - statistic: The per-run statistic paired for every metric; nil: each metric's own
    ///     (final value for stocks, total for flows, time-weighted mean for rates).
    public init(
        nameA: String, a: [(run: Int, recorder: MetricRecorder)], nameB: String, b: [(run: Int, recorder: MetricRecorder)],
        statistic: SeriesStatistic? = nil
    ) {
        self.nameA = nameA
        self.nameB = nameB
        let bByRun = Dictionary(b.map { ($0.run, $0.recorder) }, uniquingKeysWith: { first, _ in first })
        let pairs = a.compactMap { entry in bByRun[entry.run].map { (entry.recorder, $0) } }
        let names = a.first?.recorder.names.filter { name in b.first?.recorder.names.contains(name) ?? false } ?? []
        var rows: [Row] = []
        for name in names {
            let chosen = MetricInfo.statistic(name, chosen: statistic)
            var xa: [Double] = []
            var xb: [Double] = []
            var left = NonFinitePairs()
            for (ra, rb) in pairs {
                guard let sa = ra.series(name), let sb = rb.series(name), !sa.isEmpty, !sb.isEmpty else { continue }
                let va = chosen.value(of: sa, steps: ra.steps)
                let vb = chosen.value(of: sb, steps: rb.steps)
                guard va.isFinite, vb.isFinite else {
                    left.count(va, vb)
                    continue
                }
                xa.append(va)
                xb.append(vb)
            }
            rows.append(Self.row(name, xa, xb, statistic: chosen, pairs: pairs.count, left: left))
        }
        self.rows = rows
    }

    static func row(
        _ name: String, _ a: [Double], _ b: [Double], statistic: SeriesStatistic = .final, pairs: Int? = nil,
        left: NonFinitePairs = NonFinitePairs()
    ) -> Row {
        let n = a.count
        let d = zip(a, b).map { $1 - $0 }
        let moments = RunningMoments(d)
        let ma = RunningMoments(a)
        let mb = RunningMoments(b)
        let higher = zip(a, b).reduce(0.0) { $0 + ($1.1 > $1.0 ? 1 : 0) }
        let tied = zip(a, b).reduce(0.0) { $0 + ($1.1 == $1.0 ? 1 : 0) }
        var unpaired = Double.nan
        if n >= 2 {
            let va = ma.variance / Double(n)
            let vb = mb.variance / Double(n)
            let se = (va + vb).squareRoot()
            let dof = se > 0 ? (va + vb) * (va + vb) / (va * va / Double(n - 1) + vb * vb / Double(n - 1)) : Double(2 * n - 2)
            unpaired = Statistics.studentTQuantile(0.975, degreesOfFreedom: dof) * se
        }
        return Row(
            metric: name, unit: MetricInfo.unit(name), statistic: statistic, runs: n, pairs: pairs ?? n, leftOut: left,
            meanA: ma.mean, meanB: mb.mean,
            meanDifference: moments.mean,
            interval: ConfidenceInterval(mean: moments.mean, standardDeviation: moments.standardDeviation, count: n, level: 0.95),
            fractionBHigher: n > 0 ? higher / Double(n) : .nan, fractionTied: n > 0 ? tied / Double(n) : .nan,
            unpairedHalfWidth: unpaired)
    }

    /// An aligned text table: metric, per-run statistic, pairs used, mean A, mean B, B − A with
    /// its 95% interval, which way is better ("lower is better" where the metric declares it),
    /// the shares of runs where B is better / tied / worse (B higher / tied / lower for a
    /// metric without a direction), and how many times narrower the paired interval is.
    public func table() -> String {
        var lines = [[
            "metric", "per run", "pairs", "A: \(nameA)", "B: \(nameB)", "B − A", "95% CI (paired)", "better", "B better/tied/worse",
            "unpaired/paired",
        ]]
        for r in rows {
            let ci = r.interval.map { "[\(NumberFormat.human($0.lower)), \(NumberFormat.human($0.upper))]" } ?? "—"
            let ratio = r.interval.map { $0.halfWidth > 0 ? String(format1: r.unpairedHalfWidth / $0.halfWidth) + "×" : "exact" } ?? "—"
            lines.append([
                r.metric, r.statistic.description, r.runs == r.pairs ? "\(r.runs)" : "\(r.runs)/\(r.pairs)", NumberFormat.human(r.meanA), NumberFormat.human(r.meanB), NumberFormat.human(r.meanDifference), ci,
                r.direction.phrase ?? "—",
                r.fractionBHigher.isNaN ? "—" : [r.fractionBBetter, r.fractionTied, 1 - r.fractionBBetter - r.fractionTied]
                    .map { "\(Int(($0 * 100).rounded()))" }.joined(separator: "/") + "%", ratio,
            ])
        }
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.enumerated().map { i, cells in
            let row = cells.enumerated().map { c, text in
                c == 0 ? text.padded(to: widths[c]) : text.leftPadded(to: widths[c])
            }.joined(separator: "  ")
            return i == 0 ? row + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : row
        }.joined(separator: "\n") + notes.map { "\nnote: " + $0 }.joined()
    }

    /// One line per metric whose comparison left pairs out: "attack_cost_usd: 7 of 32 pairs
    /// used (∞ in A 25, in B 20)".
    public var notes: [String] {
        rows.compactMap { r in
            guard r.runs < r.pairs else { return nil }
            return "\(r.metric): \(r.runs) of \(r.pairs) pairs used" + (r.leftOut.note.map { " (\($0))" } ?? "")
        }
    }
}

extension String {
    init(format1 x: Double) {
        let scaled = (x * 10).rounded() / 10
        self = scaled == scaled.rounded() ? "\(Int(scaled)).0" : "\(scaled)"
    }

    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
