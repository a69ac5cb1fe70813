/// One uncertain parameter of a sensitivity analysis and the interval it is sampled over.
///
/// Sampling designs place points in the unit hypercube and map coordinate `u ∈ [0, 1]`
/// of this parameter to `low + u · (high − low)`, so every point lies in `[low, high]`.
public struct ParameterRange: Sendable, Hashable {
    /// The parameter's name, as the caller will use it to build a model run.
    public let name: String
    /// The lower end of the range.
    public let low: Double
    /// The upper end of the range; strictly greater than ``low`` once in a ``SensitivitySpace``.
    public let high: Double

    /// Describes a parameter; the range is checked when it joins a ``SensitivitySpace``.
    public init(name: String, low: Double, high: Double) {
        self.name = name
        self.low = low
        self.high = high
    }

    /// `high − low`.
    public var width: Double { high - low }

    /// Maps a unit coordinate to the parameter's value: `low + u · (high − low)`.
    ///
    /// `u = 1` maps to exactly `high`, so the grid end points of a Morris design are the
    /// range's end points, not values a rounding error away from them.
    @inlinable
    public func value(atUnit u: Double) -> Double {
        u == 1 ? high : low + u * (high - low)
    }
}

/// The parameters of a sensitivity analysis: `k ≥ 1` named ranges, in a fixed order.
///
/// The order is the column order of every design point and of every result, so
/// `point[i]` is the value of `parameters[i]`.
public struct SensitivitySpace: Sendable, Hashable {
    /// The parameters, in column order.
    public let parameters: [ParameterRange]

    /// Builds a space from ranges written as tuples.
    ///
    /// ```swift
    /// let space = try SensitivitySpace([(name: "fee", low: 0.001, high: 0.01),
    ///                                 (name: "emission", low: 1e5, high: 1e6)])
    /// ```
    /// - Throws: ``SensitivityError`` `SEN001` with no parameter, `SEN002` when a range
    ///   is empty, reversed or not finite, `SEN003` when two parameters share a name.
    public init(_ ranges: [(name: String, low: Double, high: Double)]) throws(SensitivityError) {
        try self.init(parameters: ranges.map { ParameterRange(name: $0.name, low: $0.low, high: $0.high) })
    }

    /// Builds a space from ranges.
    ///
    /// - Throws: ``SensitivityError`` `SEN001` with no parameter, `SEN002` when
    ///   `low >= high` or either end is not finite, `SEN003` when two parameters share a name.
    public init(parameters: [ParameterRange]) throws(SensitivityError) {
        if parameters.isEmpty { throw SensitivityError(.noParameters) }
        var seen: Set<String> = []
        for p in parameters {
            guard p.low.isFinite, p.high.isFinite, p.low < p.high, (p.high - p.low).isFinite else {
                throw SensitivityError(.badRange(name: p.name, low: p.low, high: p.high))
            }
            if !seen.insert(p.name).inserted { throw SensitivityError(.duplicateName(p.name)) }
        }
        self.parameters = parameters
    }

    /// The number of parameters, `k`.
    public var count: Int { parameters.count }

    /// The parameter names, in column order.
    public var names: [String] { parameters.map(\.name) }

    /// Maps a point of the unit hypercube to parameter values, column by column.
    ///
    /// - Precondition: `unit.count == count`.
    public func scale(_ unit: [Double]) -> [Double] {
        precondition(unit.count == parameters.count, "a point needs one coordinate per parameter")
        var values = unit
        for i in values.indices { values[i] = parameters[i].value(atUnit: unit[i]) }
        return values
    }
}
