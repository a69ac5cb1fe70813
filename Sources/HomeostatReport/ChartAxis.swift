/// What one axis of an ``SVGChart`` shows: a label, a unit and a scale.
///
/// The axis title reads `label (unit)`, or the label alone when there is no unit.
public struct ChartAxis: Sendable, Equatable {
    /// How values map to positions along an axis.
    public enum Scale: Sendable, Equatable {
        /// Positions proportional to the value.
        case linear
        /// Positions proportional to `log10` of the value, for prices and other quantities
        /// that move by factors. When the data has a value ≤ 0 the chart falls back to
        /// ``linear`` (a logarithm of it does not exist) and says so in its description.
        case logarithmic
    }

    /// What the axis measures, for example `price` or `day`.
    public var label: String
    /// The unit, for example `USD/token`; `nil` or empty for none.
    public var unit: String?
    /// The scale; ``Scale/linear`` by default.
    public var scale: Scale
    /// Whether the axis must reach zero even when the data does not (bars, counts).
    public var includesZero: Bool

    /// Creates an axis description.
    ///
    /// - Parameters:
    ///   - label: What the axis measures.
    ///   - unit: Its unit, or `nil`.
    ///   - scale: Linear (default) or logarithmic.
    ///   - includesZero: Whether the axis must reach zero; `false` by default.
    public init(_ label: String, unit: String? = nil, scale: Scale = .linear, includesZero: Bool = false) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.includesZero = includesZero
    }

    /// `label (unit)`, or `label`.
    var title: String { Markup.labelled(label, unit: unit) }

    /// Ticks covering `low...high` on this axis (widened to zero if ``includesZero``); with
    /// `tight`, a linear axis ends exactly at the data (see ``AxisTicks/linear(_:_:target:integer:tight:)``).
    ///
    /// - Returns: The ticks and whether a requested logarithmic scale had to fall back to
    ///   linear because the data reaches zero or below.
    func ticks(
        _ low: Double, _ high: Double, target: Int = 5, integer: Bool = false, tight: Bool = false
    ) -> (AxisTicks, fellBack: Bool) {
        var (lo, hi) = (low, high)
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        if includesZero { (lo, hi) = (Swift.min(lo, 0), Swift.max(hi, 0)) }
        if scale == .logarithmic {
            if let log = AxisTicks.logarithmic(lo, hi, target: target) { return (log, false) }
            return (AxisTicks.linear(lo, hi, target: target, integer: integer, tight: tight), true)
        }
        return (AxisTicks.linear(lo, hi, target: target, integer: integer, tight: tight), false)
    }
}

/// The size of a chart in CSS pixels (SVG user units); the page scales charts down to fit.
public struct ChartSize: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a size; both sides are raised to at least 200 × 120 so the frame fits.
    public init(width: Int, height: Int) {
        self.width = Swift.max(200, width)
        self.height = Swift.max(120, height)
    }

    /// 640 × 320, the size of the charts in the HTML report.
    public static let standard = ChartSize(width: 640, height: 320)
}
