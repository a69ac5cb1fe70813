import HomeostatCore

/// A token emission schedule: how many new tokens are minted on each day.
///
/// Emissions are paid to ve holders pro-rata to voting power (the engine does the paying);
/// this type only answers "how much on day t".
public enum EmissionCurve: Sendable, Equatable {
    /// The same amount every day.
    case constant(perDay: Double)
    /// `E(t) = initialPerDay · 0.5^(t / halfLifeDays)` — BM-1 step 4.
    case halving(initialPerDay: Double, halfLifeDays: Double)
    /// Curve's CRV inflation (`ERC20CRV.vy`): in year `y = ⌊t / 365⌋` the yearly rate is
    /// `initialPerYear / reduction^y`, emitted evenly per day (`/ 365`). CRV's reduction is
    /// 2^(1/4) ≈ 1.189207115 per year, so the rate halves every four years.
    case curve(initialPerYear: Double, reduction: Double)
    /// A step table: `(fromDay, perDay)` sorted by day; nothing before the first entry.
    case table([(fromDay: Int, perDay: Double)])

    /// Tokens emitted on day `t` before any scaling.
    ///
    /// - Complexity: O(1), or O(log entries) for a table.
    public func amount(day t: Int) -> Double {
        switch self {
        case .constant(let perDay):
            return perDay
        case .halving(let initial, let halfLife):
            return initial * _pow(0.5, Double(t) / halfLife)
        case .curve(let initialPerYear, let reduction):
            let year = t / 365
            return initialPerYear / _pow(reduction, Double(year)) / 365
        case .table(let steps):
            // Last entry whose fromDay <= t.
            var lo = 0
            var hi = steps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if steps[mid].fromDay <= t { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? 0 : steps[lo - 1].perDay
        }
    }

    public static func == (a: EmissionCurve, b: EmissionCurve) -> Bool {
        switch (a, b) {
        case (.constant(let x), .constant(let y)): return x == y
        case (.halving(let a1, let a2), .halving(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.curve(let a1, let a2), .curve(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.table(let x), .table(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.fromDay == $1.fromDay && $0.perDay == $1.perDay }
        default: return false
        }
    }
}
