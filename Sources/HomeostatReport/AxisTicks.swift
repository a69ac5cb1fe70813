import Foundation

/// The ticks of one chart axis: a domain widened to round numbers, the tick values inside
/// it and their labels.
///
/// Linear ticks are multiples of a 1-2-5 step (`…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …`) chosen
/// so that about `target` intervals cover the data; the domain runs from the last multiple
/// at or below the data to the first at or above it. Logarithmic ticks are 1-2-5 × 10^k
/// (powers of ten only when the data spans more than two decades); data spanning less than a
/// factor of 10 gets linear ticks on the logarithmic axis, which read better than a single
/// decade mark.
struct AxisTicks: Equatable {
    /// The values at the two ends of the axis.
    let lower: Double
    let upper: Double
    /// Tick values, ascending, all inside `lower...upper`.
    let values: [Double]
    /// One label per tick, distinct from each other.
    let labels: [String]
    /// Whether positions are proportional to `log10` of the value.
    let logarithmic: Bool

    /// Nice linear ticks covering `low...high`.
    ///
    /// - Parameters:
    ///   - low: Smallest value to show; non-finite bounds give the domain `0...1`.
    ///   - high: Largest value to show.
    ///   - target: About how many intervals to aim for.
    ///   - integer: Whether ticks must be whole numbers (counts): the step is then at least 1.
    ///   - tight: Whether the domain is exactly `low...high` (ticks only inside it) rather
    ///     than widened to the nearest ticks; for time axes, where the data's ends are the
    ///     natural ends.
    static func linear(
        _ low: Double, _ high: Double, target: Int = 5, integer: Bool = false, tight: Bool = false
    ) -> AxisTicks {
        var (lo, hi) = low.isFinite && high.isFinite ? (Swift.min(low, high), Swift.max(low, high)) : (0, 1)
        if lo == hi {
            let pad = integer ? 1 : (lo == 0 ? 1 : abs(lo) * 0.1)
            (lo, hi) = (lo - pad, hi + pad)
        }
        // A span that is zero, subnormal or infinite (data at the ends of Double's range)
        // leaves nothing a 1-2-5 step can divide.
        guard (hi - lo).isNormal, (hi - lo).isFinite else { return endsOnly(lo, hi) }
        let (multiplier, exponent) = niceStep((hi - lo) / Double(Swift.max(1, target)), integer: integer)
        // Ticks are i · multiplier · 10^exponent, computed as one multiplication or division
        // by an exact power of ten so that 0.1-steps land on the closest Double to i/10.
        func tick(_ i: Int) -> Double {
            exponent >= 0
                ? Double(i * multiplier) * pow10(exponent)
                : Double(i * multiplier) / pow10(-exponent)
        }
        let step = exponent >= 0 ? Double(multiplier) * pow10(exponent) : Double(multiplier) / pow10(-exponent)
        // Data at the ends of Double's range (a subnormal spread, a span that overflows) has
        // no 1-2-5 step whose tick indices fit an Int: show its two ends instead of trapping.
        let scaledLow = lo / step
        let scaledHigh = hi / step
        guard step.isNormal, step.isFinite, abs(scaledLow) < 1e15, abs(scaledHigh) < 1e15 else {
            return endsOnly(lo, hi)
        }
        // Tolerate a quotient a rounding error away from a whole number (0.3 / 0.1).
        let first = Int((scaledLow + 1e-9).rounded(.down))
        let last = Int((scaledHigh - 1e-9).rounded(.up))
        let values = (first...Swift.max(first, last)).map(tick)
        // The tick above data near Double's maximum can round up to infinity.
        guard values.count >= 2, values.allSatisfy(\.isFinite) else { return endsOnly(lo, hi) }
        if tight {
            let inside = values.filter { $0 >= lo - 1e-9 * step && $0 <= hi + 1e-9 * step }
            return AxisTicks(
                lower: lo, upper: hi, values: inside, labels: labels(inside, step: step), logarithmic: false)
        }
        return AxisTicks(
            lower: values[0], upper: values[values.count - 1], values: values,
            labels: labels(values, step: step), logarithmic: false)
    }

    /// Two ticks at the data's ends (one when they coincide), for ranges no 1-2-5 step can
    /// cover: spans too small or too large for Double arithmetic on the ticks.
    private static func endsOnly(_ lo: Double, _ hi: Double) -> AxisTicks {
        var (lower, upper) = (lo, hi)
        if !(upper - lower).isNormal || !(upper - lower).isFinite || !(upper > lower) {
            // A zero or overflowing span: a unit-wide axis centred on the data (or 0...1)
            // keeps positions finite.
            let centre = lower / 2 + upper / 2
            (lower, upper) = centre.isFinite && abs(centre) < 1e15 ? (centre - 1, centre + 1) : (0, 1)
        }
        let values = [lower, upper]
        return AxisTicks(lower: lower, upper: upper, values: values, labels: distinctLabels(values), logarithmic: false)
    }

    /// Logarithmic ticks covering `low...high`, or `nil` when `low` is not positive (the
    /// caller falls back to ``linear(_:_:target:integer:)``).
    static func logarithmic(_ low: Double, _ high: Double, target: Int = 5) -> AxisTicks? {
        guard low.isFinite, high.isFinite else { return nil }
        let (lo, hi) = (Swift.min(low, high), Swift.max(low, high))
        guard lo > 0 else { return nil }
        if hi / lo < 10 {
            // Less than a decade: linear ticks, placed logarithmically.
            let linear = AxisTicks.linear(lo, hi, target: target)
            let lower = linear.lower > 0 ? linear.lower : lo
            let kept = zip(linear.values, linear.labels).filter { $0.0 >= lower }
            return AxisTicks(
                lower: lower, upper: linear.upper, values: kept.map(\.0), labels: kept.map(\.1), logarithmic: true)
        }
        let kLow = Int(Foundation.log10(lo).rounded(.down))
        let kHigh = Int(Foundation.log10(hi).rounded(.up))
        let decades = kHigh - kLow
        let multipliers = Foundation.log10(hi / lo) <= 2 ? [1, 2, 5] : [1]
        let everyNth = Swift.max(1, (decades + 7) / 8)
        var candidates: [Double] = []
        for k in kLow...kHigh where (k - kLow) % everyNth == 0 || k == kHigh {
            for m in multipliers {
                candidates.append(k >= 0 ? Double(m) * pow10(k) : Double(m) / pow10(-k))
            }
        }
        let lower = candidates.last { $0 <= lo * (1 + 1e-12) } ?? candidates[0]
        let upper = candidates.first { $0 >= hi * (1 - 1e-12) } ?? candidates[candidates.count - 1]
        let values = candidates.filter { $0 >= lower && $0 <= upper }
        return AxisTicks(
            lower: lower, upper: upper, values: values, labels: labels(values, step: nil), logarithmic: true)
    }

    /// Position of `value` as a fraction of the axis, 0 at ``lower`` and 1 at ``upper``.
    func fraction(_ value: Double) -> Double {
        if logarithmic {
            let v = Swift.max(value, lower * 1e-3)
            return (Foundation.log10(v) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// Labels in ``Markup/short(_:)`` form; when two would read the same (ticks much closer
    /// together than their magnitude, `1.00M` and `1.00M`), fixed notation with as many
    /// decimals as the step needs.
    static func labels(_ values: [Double], step: Double?) -> [String] {
        let short = values.map(Markup.short)
        if Set(short).count == short.count { return short }
        let decimals = step.map { Swift.max(0, -Int(Foundation.log10($0).rounded(.down))) } ?? 6
        return values.map { String(format: "%.\(decimals)f", $0 == 0 ? 0 : $0) }
    }

    /// The shortest labels that tell `values` apart: ``Markup/short(_:)`` when its labels
    /// differ, otherwise the fewest significant digits (5 … 17) that do, trailing zeros
    /// trimmed, never a binary artefact like `0.15000000000000002` when fewer digits suffice.
    static func distinctLabels(_ values: [Double]) -> [String] {
        let short = values.map(Markup.short)
        if Set(short).count == short.count { return short }
        for digits in 5...17 {
            let labels = values.map { Markup.trimZeros(String(format: "%.\(digits)g", $0 == 0 ? 0 : $0)) }
            if Set(labels).count == labels.count { return labels }
        }
        return values.map { String(describing: $0) }
    }

    /// The smallest 1-2-5 step at least `raw`, as a multiplier and a power of ten.
    private static func niceStep(_ raw: Double, integer: Bool) -> (multiplier: Int, exponent: Int) {
        guard raw > 0, raw.isFinite else { return (1, 0) }
        var exponent = Int(Foundation.log10(raw).rounded(.down))
        let scaled = exponent >= 0 ? raw / pow10(exponent) : raw * pow10(-exponent)
        var multiplier: Int
        switch scaled {
        case ...1.000000001: multiplier = 1
        case ...2.000000001: multiplier = 2
        case ...5.000000001: multiplier = 5
        default:
            multiplier = 1
            exponent += 1
        }
        if integer && exponent < 0 { (multiplier, exponent) = (1, 0) }
        return (multiplier, exponent)
    }

    /// 10^k for k ≥ 0, exact up to 10^22.
    private static func pow10(_ k: Int) -> Double {
        var result = 1.0
        for _ in 0..<k { result *= 10 }
        return result
    }
}
